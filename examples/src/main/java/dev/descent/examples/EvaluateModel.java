package dev.descent.examples;

import static dev.descent.core.Evaluation.chunk;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a trained {@code model.npz} (its architecture from the {@code config.properties} that
 * {@code train} wrote beside it) and reports test accuracy and the confusion matrix.
 */
public final class EvaluateModel {

    /** {@code confusion[true class][predicted class]}. */
    public record Evaluation(double accuracy, long[][] confusion, List<String> classNames) {}

    private EvaluateModel() {}

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        Evaluation e = evaluate(model, new Config().load(model.toAbsolutePath().getParent().resolve("config.properties")),
                DownloadListener.logging());
        System.out.print(format(e));
    }

    public static Evaluation evaluate(Path model, Config config, DownloadListener downloads) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new ConfigException("model file " + model + " does not exist");
        }
        boolean images = Models.takesImages(config);
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                Network network = Models.build(config, root, DataType.FLOAT32)) {
            ModelFile.load(network, model);
            Dataset test = data.test();
            long[][] confusion = new long[10][10];
            int[] labels = test.labels();
            long correct = 0;
            int chunk = chunk(network);
            for (int from = 0; from < test.size(); from += chunk) {
                int to = Math.min(test.size(), from + chunk);
                try (NDManager it = root.newSubManager()) {
                    Batch batch = test.slice(it, from, to, images);
                    long[] predicted = network.forward(batch.x(), false).argMax(-1).toLongArray();
                    for (int i = 0; i < predicted.length; i++) {
                        confusion[labels[from + i]][(int) predicted[i]]++;
                        correct += labels[from + i] == predicted[i] ? 1 : 0;
                    }
                }
            }
            return new Evaluation((double) correct / test.size(), confusion, test.classNames());
        }
    }

    public static String format(Evaluation e) {
        StringBuilder s = new StringBuilder(String.format("test accuracy %.4f%n%nconfusion matrix (rows: true class, columns: predicted)%n", e.accuracy()));
        s.append(String.format("%12s", ""));
        for (int j = 0; j < 10; j++) {
            s.append(String.format("%6d", j));
        }
        s.append('\n');
        for (int i = 0; i < 10; i++) {
            String name = e.classNames().get(i);
            String label = name.equals(Integer.toString(i)) ? name : i + " " + name;
            s.append(String.format("%12s", label.length() > 12 ? label.substring(0, 12) : label));
            for (int j = 0; j < 10; j++) {
                s.append(String.format("%6d", e.confusion()[i][j]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
