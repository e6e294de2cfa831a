package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The options behind the seeds' lessons: train-size, compare --per-epoch and --batch-sizes, --activation step. */
class LessonsCliTest {
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String stdout() {
        return console.out();
    }

    private String stderr() {
        return console.err();
    }

    /** Synthetic data: the usual 500/200 pair, or {@code trainRows} training rows. */
    private static String[] withData(Path dir, int trainRows, String... args) throws Exception {
        Path[] csv = Synthetic.files(dir);
        Path train = csv[0];
        if (trainRows != 500) {
            train = dir.resolve("train-" + trainRows + ".csv");
            if (!Files.exists(train)) {
                Synthetic.writeCsv(train, trainRows, 3);
            }
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--train-csv", train.toString(), "--test-csv", csv[1].toString()));
        return all.toArray(String[]::new);
    }

    private void assertUsageError(String expected, String... args) {
        console.resetErr();
        assertEquals(2, Cli.run(args), stderr());
        assertTrue(stderr().contains(expected), "expected '" + expected + "' in: " + stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    /** compare.csv's rows per entry, in order. */
    private static Map<String, Integer> rowsPerEntry(Path csv) throws Exception {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            rows.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum);
        }
        return rows;
    }

    @Test
    void perEpochGivesGdOneUpdateSgdOnePerSampleAndMinibatchSamplesOverBatchSize(@TempDir Path dir) throws Exception {
        // Seed 004: 1000 samples, batch 10, 3 epochs: gd 3 updates, sgd 3000, mini-batch 300.
        Path cmp = dir.resolve("cmp");
        int code = Cli.run(withData(dir, 1000, "compare", "--optimizers", "gd:learning-rate=0.5,sgd,minibatch:learning-rate=0.1", "--per-epoch",
                "--epochs", "3", "--batch-size", "10", "--hidden-sizes", "8", "--out", cmp.toString()));
        assertEquals(0, code, stderr());
        assertEquals(Map.of("gd:learning-rate=0.5", 3, "sgd", 3000, "minibatch:learning-rate=0.1", 300), rowsPerEntry(cmp.resolve("compare.csv")));
        List<String> csv = Files.readAllLines(cmp.resolve("compare.csv"));
        assertEquals("optimizer,iteration,loss,epoch,seconds", csv.get(0));
        assertTrue(csv.get(3).startsWith("gd:learning-rate=0.5,3,") && csv.get(3).contains(",3.000000,"), csv.get(3));
        assertTrue(csv.get(3 + 1000).startsWith("sgd,1000,") && csv.get(3 + 1000).contains(",1.000000,"), csv.get(3 + 1000));
        String table = stdout();
        assertTrue(table.matches("(?s).*gd:learning-rate=0\\.5 .* +1 +3 .*"), table);
        assertTrue(table.matches("(?s).*sgd  .* +1000 +3000 .*"), table);
        assertTrue(table.matches("(?s).*minibatch:learning-rate=0\\.1 .* +100 +300 .*"), table);
        assertTrue(table.contains("(final loss: the loss of the whole training set after the last update)"), table);
        assertTrue(Files.size(cmp.resolve("compare.png")) > 10_000);
    }

    @Test
    void batchSizesCompareOneOptimizerAndLargerBatchesAreLessNoisy(@TempDir Path dir) throws Exception {
        Path cmp = dir.resolve("cmp");
        int code = Cli.run(withData(dir, 500, "compare", "--optimizers", "minibatch:learning-rate=0.05", "--batch-sizes", "1,10,100",
                "--per-epoch", "--epochs", "2", "--hidden-sizes", "8", "--out", cmp.toString()));
        assertEquals(0, code, stderr());
        Map<String, Integer> rows = rowsPerEntry(cmp.resolve("compare.csv"));
        assertEquals(List.of(1000, 100, 10), List.copyOf(rows.values()));
        assertEquals("minibatch:learning-rate=0.05:batch-size=1", rows.keySet().iterator().next());
        // The noise of the per-update loss over the last epoch shrinks as the batch grows.
        Map<Integer, Double> noise = new LinkedHashMap<>();
        for (String line : stdout().split("\n")) {
            if (line.contains(":batch-size=")) {
                String[] cells = line.trim().split(" +");
                noise.put(Integer.parseInt(cells[1].replaceAll(".*=", "")), Double.parseDouble(cells[6]));
            }
        }
        assertEquals(3, noise.size(), stdout());
        assertTrue(noise.get(1) > noise.get(10) && noise.get(10) > noise.get(100), "noise by batch size: " + noise);
    }

    @Test
    void lessonOptionsRefuseBadInputInOneLine(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x");
        assertUsageError("train-size = 0 must be an integer >= 1", withData(dir, 500, "train", "--train-size", "0", "--out", x.toString()));
        assertUsageError("train-size = 501 is larger than the training set (500 images); it takes 1 to 500",
                withData(dir, 500, "train", "--train-size", "501", "--out", x.toString()));
        assertUsageError("train-size = 'all' is not an integer", withData(dir, 500, "compare", "--train-size", "all", "--out", x.toString()));
        assertUsageError("--batch-sizes compares batch sizes for one optimizer; --optimizers names 2",
                withData(dir, 500, "compare", "--optimizers", "adam,momentum", "--batch-sizes", "1,32", "--out", x.toString()));
        assertUsageError("--batch-sizes: sgd does not take batch-size samples per update",
                withData(dir, 500, "compare", "--optimizers", "sgd", "--batch-sizes", "1,32", "--out", x.toString()));
        assertUsageError("batch-size and --batch-sizes both given",
                withData(dir, 500, "compare", "--optimizers", "adam", "--batch-sizes", "1,32", "--batch-size", "8", "--out", x.toString()));
        assertUsageError("--batch-sizes: 0 is not a positive batch size",
                withData(dir, 500, "compare", "--optimizers", "adam", "--batch-sizes", "0,32", "--out", x.toString()));
        assertUsageError("--per-epoch compares equal passes over the data; give --epochs, not --iterations",
                withData(dir, 500, "compare", "--per-epoch", "--iterations", "10", "--out", x.toString()));
        assertUsageError("activation = 'stepp' is not valid; valid: relu, sigmoid, tanh, leakyrelu, step",
                withData(dir, 500, "train", "--activation", "stepp", "--out", x.toString()));
        assertFalse(Files.exists(x), "nothing is written when the input is refused");
    }

    @Test
    void trainTakesTheFirstImagesAndAStepActivation(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run(withData(dir, 500, "train", "--train-size", "100", "--activation", "step", "--hidden-sizes", "8",
                "--batch-size", "50", "--epochs", "1", "--out", run.toString())), stderr());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(metrics.get(1).startsWith("1,2,"), "100 images, batch 50: 2 updates: " + metrics.get(1));
        String saved = Files.readString(run.resolve("config.properties"));
        assertTrue(saved.contains("train-size = 100") && saved.contains("activation = step"), saved);
    }
}
