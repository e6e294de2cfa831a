package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.data.DataSpec;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.ImageShape;
import dev.descent.data.TrainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The data keys of a config ({@code dataset}, {@code data-dir}, {@code train-csv}/{@code test-csv},
 * {@code image-shape}, {@code classes}, {@code class-names}, {@code target-columns}) made into data sets.
 * Loading images records the data's image shape and class count in the config ({@code image-shape},
 * {@code classes}, as defaults), so that {@link Models} builds the input and output layers from the data
 * and {@code config.properties} keeps them for {@code evaluate} and {@code predict}. A regression table
 * ({@code target-columns}) has neither: its widths come from the table, and {@code target-columns} is
 * what the run records.
 */
public final class DataLoading {
    /** The data set of one's own IDX files in {@code data-dir}. */
    public static final String IDX = "idx";
    /** A file beside the four IDX files that makes {@code data-dir} an {@code idx} data set; it may set these keys. */
    public static final String DIRECTORY_PROPERTIES = "dataset.properties";
    private static final List<String> DIRECTORY_KEYS = List.of("image-shape", "classes", "class-names");

    private DataLoading() {}

    /** Training and test sets; with {@code train-size} N, the training set is its first N images (the test set stays whole). */
    public static TrainTest load(Config config, NDManager manager, DownloadListener listener) {
        TrainTest data = loadWhole(config, manager, listener);
        record(config, data.train());
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
            return Datasets.loadCsv(Path.of(config.string("train-csv")), Path.of(config.string("test-csv")), spec(config), manager);
        }
        String name = dataset(config);
        Path dataDir = config.has("data-dir") ? Path.of(config.string("data-dir")) : null;
        if (name.equals(IDX)) {
            return Datasets.loadIdx(dataDir, spec(config), manager);
        }
        checkBuiltIn(config, name);
        return Datasets.load(name, dataDir, manager, listener);
    }

    /** The test set alone (evaluate): a CSV needs no training file. */
    public static Dataset loadTest(Config config, NDManager manager, DownloadListener listener) {
        if (config.has("test-csv") && config.has("target-columns")) {
            return table(() -> Datasets.readTable(Path.of(config.string("test-csv")), config.string("target-columns"), manager));
        }
        if (config.has("test-csv")) {
            Dataset test = Datasets.readCsv(Path.of(config.string("test-csv")), spec(config), manager);
            record(config, test);
            return test;
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

    /**
     * The {@code dataset} the config names, checked: {@code idx} needs {@code data-dir}; a {@code data-dir}
     * holding a {@value #DIRECTORY_PROPERTIES} is {@code idx} unless {@code dataset} was given, and its keys
     * become defaults of the config.
     */
    static String dataset(Config config) {
        String name = config.string("dataset");
        Path dataDir = config.has("data-dir") ? Path.of(config.string("data-dir")) : null;
        if (dataDir != null && !config.given("dataset") && Files.isRegularFile(dataDir.resolve(DIRECTORY_PROPERTIES))) {
            readDirectoryProperties(config, dataDir);
            name = IDX;
            config.set("dataset", IDX).asDefault("dataset");
        }
        List<String> valid = new ArrayList<>(Datasets.NAMES);
        valid.add(IDX);
        if (!valid.contains(name)) {
            throw new ConfigException("dataset = '" + name + "' is not valid; valid: " + String.join(", ", valid));
        }
        if (name.equals(IDX) && dataDir == null) {
            throw new ConfigException("dataset = idx needs data-dir, the directory holding your four IDX files");
        }
        return name;
    }

    private static void readDirectoryProperties(Config config, Path dataDir) {
        Path file = dataDir.resolve(DIRECTORY_PROPERTIES);
        for (Map.Entry<String, String> e : Config.properties(file, "data set description").entrySet()) {
            String key = e.getKey();
            if (!DIRECTORY_KEYS.contains(key)) {
                throw new ConfigException(file + ": unknown key '" + key + "'; valid keys: " + String.join(", ", DIRECTORY_KEYS));
            }
            String value = e.getValue();
            if (!config.has(key)) {
                config.set(key, key.equals("class-names") ? dataDir.resolve(value).toAbsolutePath().toString() : value).asDefault(key);
            }
        }
        try {
            config.check();
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** The built-in sets have 28x28 images and ten named classes; keys that say otherwise are refused. */
    private static void checkBuiltIn(Config config, String name) {
        if (config.has("image-shape") && !ImageShape.parse(config.string("image-shape")).equals(ImageShape.MNIST)) {
            throw new ConfigException("image-shape = " + config.string("image-shape") + " does not fit dataset = " + name
                    + ", whose images are " + ImageShape.MNIST);
        }
        if (config.has("classes") && config.integer("classes") != Dataset.CLASSES) {
            throw new ConfigException("classes = " + config.string("classes") + " does not fit dataset = " + name + ", which has "
                    + Dataset.CLASSES);
        }
        if (config.given("class-names")) {
            throw new ConfigException("class-names applies to dataset = idx and CSV files; " + name + " names its own classes");
        }
    }

    /** What the config says about the data: image shape, class count, class names (read from their file). */
    static DataSpec spec(Config config) {
        ImageShape shape = config.has("image-shape") ? ImageShape.parse(config.string("image-shape")) : null;
        int classes = config.has("classes") ? config.integer("classes") : 0;
        List<String> names = config.has("class-names") ? Datasets.readClassNames(Path.of(config.string("class-names"))) : null;
        try {
            return new DataSpec(shape, classes, names);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " in " + config.string("class-names"));
        }
    }

    /** The data's image shape and class count, as defaults of the config: what the model is built from (images only). */
    private static void record(Config config, Dataset data) {
        if (!data.classification()) {
            return; // a regression table: no image shape, no classes; Models takes its widths from the table
        }
        config.set("image-shape", data.imageShape().toString()).asDefault("image-shape");
        config.set("classes", Integer.toString(data.classes())).asDefault("classes");
    }

    /**
     * The class names of a model trained with {@code trained} (its {@code config.properties}): from its
     * {@code class-names} file, else the built-in set's, else the numbers 0..K-1 ({@code classes}, 10 for
     * runs that predate the key).
     */
    public static List<String> classNames(Config trained) {
        if (trained.has("class-names")) {
            return Datasets.readClassNames(Path.of(trained.string("class-names")));
        }
        if (!trained.has("train-csv") && !trained.has("test-csv") && Datasets.NAMES.contains(trained.string("dataset"))) {
            return Datasets.classNames(trained.string("dataset"));
        }
        int k = Models.classes(trained);
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
