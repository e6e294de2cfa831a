package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.data.Batch;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.examples.train.RunDirectory;
import dev.descent.examples.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Loads a trained model — a run directory or its {@code model.npz}, the architecture from the
 * {@code config.properties} that {@code train} wrote beside it, its image shape and classes included —
 * and reports test accuracy and the confusion matrix; or, for a regression model (trained with
 * {@code target-columns}), the test MSE and R². Only the test data is read; images must have the model's
 * image shape and labels below its class count.
 */
public final class EvaluateModel {

    /** {@code confusion[true class][predicted class]}; a regression model has instead its {@code fit} (accuracy NaN, no confusion). */
    public record Report(double accuracy, long[][] confusion, List<String> classNames, Evaluation.Fit fit) {}

    private EvaluateModel() {}

    public static void main(String[] args) throws IOException {
        Path model = modelFile(Path.of(args[0]));
        Config trained = savedConfig(model);
        System.out.print(format(evaluate(model, trained, dataConfig(trained), DownloadListener.logging())));
    }

    /** {@code path} itself if it is a file, else {@code path/model.npz}; errors name what is missing. */
    public static Path modelFile(Path path) {
        Path model = Files.isDirectory(path) ? path.resolve(RunDirectory.MODEL) : path;
        if (!Files.isRegularFile(model)) {
            throw new ConfigException(Files.isDirectory(path) ? path + " holds no " + RunDirectory.MODEL + " (no epoch of that run finished)"
                    : "model file " + path + " does not exist");
        }
        return model;
    }

    /** The training config saved beside {@code model}: the architecture to build. */
    public static Config savedConfig(Path model) {
        Path saved = model.toAbsolutePath().getParent().resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(saved)) {
            throw new ConfigException(model + " needs the " + RunDirectory.CONFIG + " that train wrote beside it (the architecture); not found: "
                    + saved);
        }
        return new Config(Config.TRAIN).load(saved);
    }

    /**
     * The data of an evaluation: the training run's test data, unless flags name other data; always the
     * model's image shape and class count (10 classes for runs that predate the key), or, for a regression
     * model, its target columns.
     */
    public static Config dataConfig(Config trained) {
        Config config = new Config(Config.EVALUATE);
        for (String key : List.of("dataset", "data-dir", "test-csv", "target-columns", "image-shape", "class-names")) {
            if (trained.has(key)) {
                config.set(key, trained.string(key)).asDefault(key);
            }
        }
        return trained.has("target-columns") ? config
                : config.set("classes", Integer.toString(Models.classes(trained))).asDefault("classes");
    }

    public static Report evaluate(Path model, Config architecture, Config data, DownloadListener downloads) throws IOException {
        data.check();
        boolean images = Models.takesImages(architecture);
        try (NDManager root = Engines.newManager();
                Dataset test = DataLoading.loadTest(data, root, downloads);
                Network network = Models.build(architecture, root, DataType.FLOAT32, test)) {
            ModelFile.load(network, model);
            if (!test.classification()) {
                return new Report(Double.NaN, null, List.of(), Trainer.fit(network, test));
            }
            if (!test.imageShape().equals(Models.imageShape(architecture))) {
                throw new DataException(test.name() + ": images are " + test.imageShape() + " but the model takes "
                        + Models.imageShape(architecture) + " (image-shape in " + RunDirectory.CONFIG + ")");
            }
            Batch all = test.all(images);
            long[][] confusion = Evaluation.confusion(network, all.x(), test.labels(), test.classes());
            long correct = 0;
            for (int i = 0; i < confusion.length; i++) {
                correct += confusion[i][i];
            }
            return new Report((double) correct / test.size(), confusion, test.classNames(), null);
        }
    }

    public static String format(Report e) {
        if (e.fit() != null) {
            return String.format(Locale.ROOT, "test mse %.8g%ntest r2 %.6f%n", e.fit().mse(), e.fit().r2());
        }
        StringBuilder s = new StringBuilder(String.format("test accuracy %.4f%n%nconfusion matrix (rows: true class, columns: predicted)%n", e.accuracy()));
        s.append(String.format("%12s", ""));
        int k = e.classNames().size();
        for (int j = 0; j < k; j++) {
            s.append(String.format("%6d", j));
        }
        s.append('\n');
        for (int i = 0; i < k; i++) {
            String name = e.classNames().get(i);
            String label = name.equals(Integer.toString(i)) ? name : i + " " + name;
            s.append(String.format("%12s", label.length() > 12 ? label.substring(0, 12) : label));
            for (int j = 0; j < k; j++) {
                s.append(String.format("%6d", e.confusion()[i][j]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
