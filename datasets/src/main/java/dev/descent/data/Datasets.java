package dev.descent.data;

import ai.djl.ndarray.NDManager;
import dev.descent.core.AtomicFiles;
import dev.descent.data.DatasetSource.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
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
        TrainTest loaded = build(source.name(), DataSpec.named(source.classNames()), manager,
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

    /** As {@link #loadDirectory(Path, NDManager)}, with the given class names (labels must be below their count). */
    public static TrainTest loadDirectory(Path dir, NDManager manager, List<String> classNames) {
        return loadIdx(dir, DataSpec.named(classNames), manager);
    }

    /**
     * A user's own IDX files in {@code dir} (named as in {@link #loadDirectory(Path, NDManager)}; images
     * of any size, the same in both halves; no checksum, a header and size check instead); the classes
     * as {@code spec} says, or 0..K-1 from the labels of both halves.
     */
    public static TrainTest loadIdx(Path dir, DataSpec spec, NDManager manager) {
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
        return build(name, spec, manager, paths[0], contents[0], paths[1], contents[1], paths[2], contents[2],
                paths[3], contents[3]);
    }

    /** A training and a test CSV file, each "label, 784 pixels 0-255" per row, header row optional. */
    public static TrainTest loadCsv(Path trainCsv, Path testCsv, NDManager manager) {
        return loadCsv(trainCsv, testCsv, DataSpec.named(DatasetSource.DIGITS), manager);
    }

    /**
     * A training and a test CSV file, each "label, pixels 0-255" per row, header row optional: images of
     * {@code spec}'s shape (or the square their width makes), the same in both; classes as {@code spec}
     * says, or 0..K-1 from the labels of both files.
     */
    public static TrainTest loadCsv(Path trainCsv, Path testCsv, DataSpec spec, NDManager manager) {
        MnistCsv.Content train = MnistCsv.read(trainCsv, spec);
        MnistCsv.Content test = MnistCsv.read(testCsv, spec);
        if (!test.shape().equals(train.shape())) {
            throw new DataException(testCsv + ": images are " + test.shape() + " (" + test.shape().features() + " pixel values a row) but those of "
                    + trainCsv + " are " + train.shape() + "; both files need one image size");
        }
        List<String> names = spec.classNames(Math.max(max(train.labels()), max(test.labels())));
        return pair(() -> Dataset.fromPixels(name(trainCsv), names, train.shape(), manager, ByteBuffer.wrap(train.pixels()),
                        train.labels()),
                () -> Dataset.fromPixels(name(testCsv), names, test.shape(), manager, ByteBuffer.wrap(test.pixels()),
                        test.labels()));
    }

    /** One CSV file as a data set, "label, 784 pixels 0-255" per row. */
    public static Dataset readCsv(Path file, NDManager manager) {
        return readCsv(file, DataSpec.named(DatasetSource.DIGITS), manager);
    }

    /** One CSV file as a data set, shaped and labelled as {@code spec} says (or by its width and labels). */
    public static Dataset readCsv(Path file, DataSpec spec, NDManager manager) {
        MnistCsv.Content content = MnistCsv.read(file, spec);
        return Dataset.fromPixels(name(file), spec.classNames(max(content.labels())), content.shape(), manager,
                ByteBuffer.wrap(content.pixels()), content.labels());
    }

    /**
     * Class names from a text file, one per line (blank lines and surrounding spaces ignored): line i
     * names class i-1.
     */
    public static List<String> readClassNames(Path file) {
        List<String> names;
        try {
            names = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": class names file not found");
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file + ": cannot read class names (" + e.getMessage() + ")", e);
        }
        if (names.isEmpty()) {
            throw new DataException(file + ": no class names (one per line expected)");
        }
        if (names.size() > DataSpec.MAX_CLASSES) {
            throw new DataException(file + ": " + names.size() + " class names; at most " + DataSpec.MAX_CLASSES);
        }
        return names;
    }

    /**
     * Writes both halves as the four IDX files of {@link #loadDirectory} in {@code dir} (raw, each atomically):
     * what {@code dataset = idx} reads back exactly, for a data set made in code.
     */
    public static void writeIdx(TrainTest data, Path dir) {
        List<DatasetSource.FileSpec> specs = DatasetSource.MNIST.files();
        Dataset[] halves = {data.train(), data.train(), data.test(), data.test()};
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < 4; i++) {
                Dataset d = halves[i];
                byte[] content;
                if (i % 2 == 0) {
                    content = Idx.imageFile(d.imageShape(), d.pixelBytes());
                } else {
                    byte[] labels = new byte[d.size()];
                    for (int k = 0; k < labels.length; k++) {
                        labels[k] = (byte) d.labels()[k];
                    }
                    content = Idx.labelFile(labels);
                }
                AtomicFiles.write(dir.resolve(specs.get(i).fileName()), Fetcher.READABLE_BY_ALL, out -> out.write(content));
            }
        } catch (IOException e) {
            throw new DataException(dir + ": cannot write IDX files (" + e.getMessage() + ")", e);
        }
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

    /** The ten class names of a named data set ({@code mnist}, {@code fashion-mnist}). */
    public static List<String> classNames(String name) {
        return DatasetSource.forName(name).classNames();
    }

    /** Where fetched files are kept: {@code -Ddescent.cache}, else {@code $DESCENT_CACHE}, else {@code ~/.cache/descent}. */
    public static Path cacheDirectory() {
        return Fetcher.defaultCacheRoot();
    }

    private static TrainTest build(String name, DataSpec spec, NDManager manager,
            String trainImagesFile, ByteBuffer trainImagesContent, String trainLabelsFile, ByteBuffer trainLabelsContent,
            String testImagesFile, ByteBuffer testImagesContent, String testLabelsFile, ByteBuffer testLabelsContent) {
        Idx.Images trainImages = Idx.images(trainImagesFile, trainImagesContent);
        Idx.Labels trainLabels = Idx.labels(trainLabelsFile, trainLabelsContent, spec);
        Idx.Images testImages = Idx.images(testImagesFile, testImagesContent);
        Idx.Labels testLabels = Idx.labels(testLabelsFile, testLabelsContent, spec);
        Idx.checkPair(trainImages, trainLabels);
        Idx.checkPair(testImages, testLabels);
        if (!testImages.shape().equals(trainImages.shape())) {
            throw new DataException(testImagesFile + ": byte offset 8: images are " + testImages.shape() + " but those of "
                    + trainImagesFile + " are " + trainImages.shape() + "; both halves need one image size");
        }
        if (spec.imageShape() != null && !spec.imageShape().equals(trainImages.shape())) {
            throw new DataException(trainImagesFile + ": byte offset 8: images are " + trainImages.shape() + " but image-shape is "
                    + spec.imageShape());
        }
        int[] train = trainLabels.toIntArray();
        int[] test = testLabels.toIntArray();
        List<String> names = spec.classNames(Math.max(max(train), max(test)));
        return pair(
                () -> Dataset.fromPixels(name + "/train", names, trainImages.shape(), manager, trainImages.pixels(), train),
                () -> Dataset.fromPixels(name + "/test", names, testImages.shape(), manager, testImages.pixels(), test));
    }

    private static int max(int[] labels) {
        return Arrays.stream(labels).max().orElse(0);
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
