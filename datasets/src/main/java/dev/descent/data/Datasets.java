package dev.descent.data;

import ai.djl.ndarray.NDManager;
import dev.descent.data.DatasetSource.Role;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Loading data sets: by name ({@code mnist}, {@code fashion-mnist}, resolved and verified as DESIGN.md
 * §4 says), from a directory holding the four IDX files, or from a pair of CSV files; and exporting
 * a loaded set to CSV.
 *
 * <p>Every loader reads and validates all of its files before it makes a single array, so a failure
 * ({@link DataException}) never leaves a half-loaded set behind.
 */
public final class Datasets {
    private static final Logger LOG = LogManager.getLogger(Datasets.class);

    /** The names {@link #load} accepts. */
    public static final List<String> NAMES = DatasetSource.NAMES;

    private Datasets() {}

    /**
     * Loads {@code name} ("mnist" or "fashion-mnist"); a null {@code listener} logs progress through Log4j2. With a {@code dataDir}, the files there are used
     * and must verify (files absent there are fetched into it); without one, the user cache
     * ({@link #cacheDirectory()}/name) is used and filled. See {@link Fetcher} for the order of sources.
     */
    public static TrainTest load(String name, Path dataDir, NDManager manager, DownloadListener listener) {
        DatasetSource source = DatasetSource.forName(name);
        return load(source, dataDir, manager, new Fetcher(cacheDirectory(), Fetcher.defaultNpmCommand(), listener));
    }

    static TrainTest load(DatasetSource source, Path dataDir, NDManager manager, Fetcher fetcher) {
        long start = System.nanoTime();
        Map<Role, Fetcher.Verified> files = fetcher.resolve(source, dataDir);
        TrainTest loaded = build(source.name(), source.classNames(), manager,
                files.get(Role.TRAIN_IMAGES).path().toString(), files.get(Role.TRAIN_IMAGES).content(),
                files.get(Role.TRAIN_LABELS).path().toString(), files.get(Role.TRAIN_LABELS).content(),
                files.get(Role.TEST_IMAGES).path().toString(), files.get(Role.TEST_IMAGES).content(),
                files.get(Role.TEST_LABELS).path().toString(), files.get(Role.TEST_LABELS).content());
        LOG.debug("loaded {} ({} + {} samples) in {} ms", source.name(), loaded.train().size(), loaded.test().size(),
                (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    /**
     * The four IDX files in {@code dir} (each raw or gzip, any mix): {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
     * optionally with {@code .gz}, or Kaggle's spelling {@code train-images.idx3-ubyte}. Not checksummed
     * (any MNIST-format data may be used); the class names are the digits.
     */
    public static TrainTest loadDirectory(Path dir, NDManager manager) {
        return loadDirectory(dir, manager, DatasetSource.DIGITS);
    }

    /** As {@link #loadDirectory(Path, NDManager)}, with the given ten class names. */
    public static TrainTest loadDirectory(Path dir, NDManager manager, List<String> classNames) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a directory");
        }
        String[] paths = new String[4];
        ByteBuffer[] contents = new ByteBuffer[4];
        List<DatasetSource.FileSpec> specs = DatasetSource.MNIST.files();
        for (int i = 0; i < 4; i++) {
            String fileName = specs.get(i).fileName();
            Path p = Fetcher.find(dir, fileName);
            if (p == null) {
                throw new DataException(dir + ": no " + fileName + " (nor " + fileName + ".gz) in this directory");
            }
            paths[i] = p.toString();
            contents[i] = Idx.readContent(p);
        }
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        return build(name, classNames, manager, paths[0], contents[0], paths[1], contents[1], paths[2], contents[2],
                paths[3], contents[3]);
    }

    /** A training and a test CSV file, each "label, 784 pixels 0-255" per row, header row optional. */
    public static TrainTest loadCsv(Path trainCsv, Path testCsv, NDManager manager) {
        MnistCsv.Content train = MnistCsv.read(trainCsv);
        MnistCsv.Content test = MnistCsv.read(testCsv);
        return pair(() -> Dataset.fromPixels(name(trainCsv), DatasetSource.DIGITS, manager,
                        ByteBuffer.wrap(train.pixels()), train.labels()),
                () -> Dataset.fromPixels(name(testCsv), DatasetSource.DIGITS, manager,
                        ByteBuffer.wrap(test.pixels()), test.labels()));
    }

    /** One CSV file as a data set. */
    public static Dataset readCsv(Path file, NDManager manager) {
        MnistCsv.Content content = MnistCsv.read(file);
        return Dataset.fromPixels(name(file), DatasetSource.DIGITS, manager, ByteBuffer.wrap(content.pixels()),
                content.labels());
    }

    /**
     * A training and a test CSV table of real numbers for regression ({@link TableCsv}): {@code targetColumns} names the
     * target columns (e.g. {@code last}, {@code 3}, {@code 2-4}, {@code last:2}, a header name), the others are features.
     * Bad data is a {@link DataException}; a target spec that does not fit a file an {@link IllegalArgumentException}.
     */
    public static TrainTest loadTable(Path trainCsv, Path testCsv, String targetColumns, NDManager manager) {
        TableCsv.Content train = TableCsv.read(trainCsv, targetColumns);
        TableCsv.Content test = TableCsv.read(testCsv, targetColumns);
        if (test.featureCount() != train.featureCount()) {
            throw new DataException(testCsv + ": " + test.featureCount() + " feature columns, but the training file " + trainCsv + " has "
                    + train.featureCount());
        }
        return pair(() -> table(trainCsv, train, manager), () -> table(testCsv, test, manager));
    }

    /** One CSV table as a regression data set (see {@link #loadTable}). */
    public static Dataset readTable(Path file, String targetColumns, NDManager manager) {
        return table(file, TableCsv.read(file, targetColumns), manager);
    }

    private static Dataset table(Path file, TableCsv.Content c, NDManager manager) {
        return Dataset.table(name(file), manager, c.features(), c.featureCount(), c.targets(), c.targetCount());
    }

    /** Writes {@code dataset} as CSV: header {@code label,pixel0,...,pixel783}, then label and pixels 0-255 per row. */
    public static void writeCsv(Dataset dataset, Path file) {
        MnistCsv.write(dataset, file);
    }

    /** The ten class names of a named data set. */
    public static List<String> classNames(String name) {
        return DatasetSource.forName(name).classNames();
    }

    /** Where fetched files are kept: {@code -Ddescent.cache}, else {@code $DESCENT_CACHE}, else {@code ~/.cache/descent}. */
    public static Path cacheDirectory() {
        return Fetcher.defaultCacheRoot();
    }

    private static TrainTest build(String name, List<String> classNames, NDManager manager,
            String trainImagesFile, ByteBuffer trainImagesContent, String trainLabelsFile, ByteBuffer trainLabelsContent,
            String testImagesFile, ByteBuffer testImagesContent, String testLabelsFile, ByteBuffer testLabelsContent) {
        Idx.Images trainImages = Idx.images(trainImagesFile, trainImagesContent);
        Idx.Labels trainLabels = Idx.labels(trainLabelsFile, trainLabelsContent);
        Idx.Images testImages = Idx.images(testImagesFile, testImagesContent);
        Idx.Labels testLabels = Idx.labels(testLabelsFile, testLabelsContent);
        Idx.checkPair(trainImages, trainLabels);
        Idx.checkPair(testImages, testLabels);
        return pair(
                () -> Dataset.fromPixels(name + "/train", classNames, manager, trainImages.pixels(),
                        trainLabels.toIntArray()),
                () -> Dataset.fromPixels(name + "/test", classNames, manager, testImages.pixels(),
                        testLabels.toIntArray()));
    }

    private static TrainTest pair(Supplier<Dataset> train, Supplier<Dataset> test) {
        Dataset trainSet = train.get();
        try {
            return new TrainTest(trainSet, test.get());
        } catch (RuntimeException e) {
            trainSet.close();
            throw e;
        }
    }

    private static String name(Path file) {
        return String.valueOf(file.getFileName());
    }
}
