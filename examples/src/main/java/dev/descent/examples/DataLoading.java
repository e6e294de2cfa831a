package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import java.nio.file.Path;

/** The data keys of a config ({@code dataset}, {@code data-dir}, {@code train-csv}/{@code test-csv}) made into a train/test pair. */
public final class DataLoading {
    private DataLoading() {}

    public static TrainTest load(Config config, NDManager manager, DownloadListener listener) {
        if (config.has("train-csv") || config.has("test-csv")) {
            if (!config.has("train-csv") || !config.has("test-csv")) {
                throw new ConfigException("train-csv and test-csv go together; set both");
            }
            return Datasets.loadCsv(Path.of(config.string("train-csv")), Path.of(config.string("test-csv")), manager);
        }
        String name = config.choice("dataset", Datasets.NAMES);
        Path dataDir = config.has("data-dir") ? Path.of(config.string("data-dir")) : null;
        return Datasets.load(name, dataDir, manager, listener);
    }
}
