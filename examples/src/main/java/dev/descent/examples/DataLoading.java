package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The data keys of a config ({@code dataset}, {@code data-dir}, {@code train-csv}/{@code test-csv}, {@code target-columns})
 * made into data sets.
 */
public final class DataLoading {
    private DataLoading() {}

    /** Training and test sets; with {@code train-size} N, the training set is its first N images (the test set stays whole). */
    public static TrainTest load(Config config, NDManager manager, DownloadListener listener) {
        TrainTest data = loadWhole(config, manager, listener);
        if (!config.has("train-size")) {
            return data;
        }
        int n = config.integer("train-size");
        if (n > data.train().size()) {
            data.close();
            throw new ConfigException("train-size = " + n + " is larger than the training set (" + data.train().size() + " images); it takes 1 to " + data.train().size());
        }
        Dataset first = data.train().first(n);
        data.train().close();
        return new TrainTest(first, data.test());
    }

    private static TrainTest loadWhole(Config config, NDManager manager, DownloadListener listener) {
        if (config.has("train-csv") && config.has("target-columns")) {
            return table(() -> Datasets.loadTable(Path.of(config.string("train-csv")), Path.of(config.string("test-csv")),
                    config.string("target-columns"), manager));
        }
        if (config.has("train-csv")) {
            return Datasets.loadCsv(Path.of(config.string("train-csv")), Path.of(config.string("test-csv")), manager);
        }
        String name = config.string("dataset");
        if (!Datasets.NAMES.contains(name)) {
            throw new ConfigException("dataset = '" + name + "' is not valid; valid: " + String.join(", ", Datasets.NAMES));
        }
        Path dataDir = config.has("data-dir") ? Path.of(config.string("data-dir")) : null;
        return Datasets.load(name, dataDir, manager, listener);
    }

    /** The test set alone (evaluate): a CSV needs no training file. */
    public static Dataset loadTest(Config config, NDManager manager, DownloadListener listener) {
        if (config.has("test-csv") && config.has("target-columns")) {
            return table(() -> Datasets.readTable(Path.of(config.string("test-csv")), config.string("target-columns"), manager));
        }
        if (config.has("test-csv")) {
            return Datasets.readCsv(Path.of(config.string("test-csv")), manager);
        }
        TrainTest both = load(config, manager, listener);
        both.train().close();
        return both.test();
    }

    /** A table read: a target-columns spec that does not fit the file is a configuration error (exit 2), bad data stays a data error. */
    private static <T> T table(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
