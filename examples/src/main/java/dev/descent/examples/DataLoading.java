package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import java.nio.file.Path;

/** The data keys of a config ({@code dataset}, {@code data-dir}, {@code train-csv}/{@code test-csv}) made into data sets. */
public final class DataLoading {
    private DataLoading() {}

    public static TrainTest load(Config config, NDManager manager, DownloadListener listener) {
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
        if (config.has("test-csv")) {
            return Datasets.readCsv(Path.of(config.string("test-csv")), manager);
        }
        TrainTest both = load(config, manager, listener);
        both.train().close();
        return both.test();
    }
}
