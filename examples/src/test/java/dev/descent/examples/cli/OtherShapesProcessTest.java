package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.ModelFile;
import dev.descent.data.Datasets;
import dev.descent.data.TrainTest;
import dev.descent.examples.Letters;
import dev.descent.examples.Synthetic;
import dev.descent.examples.cli.ProcessTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST-style data that is not MNIST, end to end in real processes as a user runs it: 26 letters at
 * 28x28 as one's own IDX files ({@link Letters}), and 10 classes at 32x32 as CSV (the synthetic digits
 * padded by 2 pixels). {@code train} builds the model from the data's shape and classes and records them;
 * {@code evaluate} in a new process rebuilds it from {@code config.properties} and refuses data of another size.
 * {@code predict} names the letters.
 */
class OtherShapesProcessTest {

    @Test
    void twentySixLettersFromOwnIdxFilesTrainAndEvaluate(@TempDir Path dir) throws Exception {
        Path letters = dir.resolve("letters");
        Letters.write(letters, 60, 12, 1); // 1,560 training and 312 test images
        Path out = dir.resolve("run");
        Run train = ProcessTest.start(dir, "train", "--data-dir", letters.toString(), "--hidden-sizes", "128", "--batch-size", "20",
                "--learning-rate", "0.003", "--epochs", "3", "--out", out.toString());
        assertEquals(0, train.waitFor(), train.text());
        String config = Files.readString(out.resolve("config.properties"));
        for (String line : List.of("dataset = idx", "image-shape = 28x28", "classes = 26",
                "class-names = " + letters.resolve("classes.txt").toAbsolutePath(), "# layers = affine:128, relu, dropout:0.2, affine:26")) {
            assertTrue(config.contains(line + "\n"), line + " in:\n" + config);
        }
        double accuracy = lastTestAccuracy(out);
        // chance is 1/26 = 0.038; 3 epochs reach about 0.7 here: 0.4 fails only if the letters were not learnt
        assertTrue(accuracy >= 0.4, "test accuracy " + accuracy);

        Run evaluate = ProcessTest.start(dir, "evaluate", "--model", out.toString());
        assertEquals(0, evaluate.waitFor(), evaluate.text());
        List<String> lines = Files.readAllLines(evaluate.stdout());
        assertEquals(String.format("test accuracy %.4f", accuracy), lines.get(0));
        assertEquals(26 + 4, lines.size(), evaluate.text());
        assertTrue(lines.get(29).strip().startsWith("25 Z "), lines.get(29));
        long z = lines.get(29).strip().split("\\s+").length;
        assertEquals(2 + 26, z, "a row is the class, its name and 26 counts: " + lines.get(29));

        // predict on test images as CSV rows (label, 784 pixels): the classes are named by the run's class-names file
        Path rows = dir.resolve("letters.csv");
        try (NDManager m = Engines.newManager(); TrainTest data = Datasets.loadDirectory(letters, m, Datasets.readClassNames(letters.resolve("classes.txt")))) {
            Datasets.writeCsv(data.test().first(3), rows);
        }
        Run predict = ProcessTest.start(dir, "predict", "--model", out.toString(), rows.toString());
        assertEquals(0, predict.waitFor(), predict.text());
        List<String> predicted = Files.readAllLines(predict.stdout());
        assertEquals(3, predicted.size(), predict.text());
        assertTrue(predicted.get(0).matches(".*row \\d+ \\(label [A-Z]\\): +[A-Z] +\\d+\\.\\d%.*"), predicted.get(0));
    }

    @Test
    void tenClassesAt32By32FromCsvTrainAConvNetAndEvaluate(@TempDir Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        Path train32 = pad(csv[0], dir.resolve("train32.csv"));
        Path test32 = pad(csv[1], dir.resolve("test32.csv"));
        Path out = dir.resolve("run");
        Run train = ProcessTest.start(dir, "train", "--train-csv", train32.toString(), "--test-csv", test32.toString(), "--model", "cnn",
                "--batch-size", "20", "--epochs", "2", "--out", out.toString());
        assertEquals(0, train.waitFor(), train.text());
        String config = Files.readString(out.resolve("config.properties"));
        assertTrue(config.contains("image-shape = 32x32\nclasses = 10\n"), config);
        // 5x5 convolution: 32 -> 28, pooling -> 14: the first affine takes 30 x 14 x 14 = 5,880 values (not 30 x 12 x 12 as on 28x28)
        try (NDManager m = Engines.newManager()) {
            Map<String, NDArray> model = ModelFile.read(out.resolve("model.npz"), m, "model");
            assertEquals(new Shape(5880, 100), model.get("3.affine.W").getShape(), model.keySet().toString());
            assertEquals(new Shape(100, 10), model.get("5.affine.W").getShape());
        }
        double accuracy = lastTestAccuracy(out);
        assertTrue(accuracy >= 0.8, "ten block positions, chance 0.1: test accuracy " + accuracy);

        Run evaluate = ProcessTest.start(dir, "evaluate", "--model", out.toString());
        assertEquals(0, evaluate.waitFor(), evaluate.text());
        assertTrue(Files.readString(evaluate.stdout()).startsWith(String.format("test accuracy %.4f%n", accuracy)), evaluate.text());

        Run wrongSize = ProcessTest.start(dir, "evaluate", "--model", out.toString(), "--test-csv", csv[1].toString());
        assertEquals(1, wrongSize.waitFor(), wrongSize.text());
        String said = Files.readString(wrongSize.stderr()).strip();
        assertTrue(said.contains(csv[1].toString()) && said.contains("row 2") && said.contains("784 pixel values")
                && said.contains("image-shape 32x32"), said);
        assertEquals(1, said.split("\n").length, said);
    }

    private static double lastTestAccuracy(Path run) throws IOException {
        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        return Double.parseDouble(rows.get(rows.size() - 1).split(",")[4]);
    }

    /** The 28x28 CSV images framed by 2 black pixels on every side: 32x32, 1,024 values a row. */
    static Path pad(Path csv28, Path csv32) throws IOException {
        StringBuilder s = new StringBuilder();
        List<String> lines = Files.readAllLines(csv28);
        for (String line : lines.subList(1, lines.size())) { // the header names 784 pixels: drop it
            String[] cells = line.split(",");
            s.append(cells[0]);
            for (int y = -2; y < 30; y++) {
                for (int x = -2; x < 30; x++) {
                    s.append(',').append(y < 0 || y >= 28 || x < 0 || x >= 28 ? "0" : cells[1 + y * 28 + x]);
                }
            }
            s.append('\n');
        }
        return Files.writeString(csv32, s);
    }
}
