package dev.descent.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled image set: images as one float32 array (N x F, pixel / 255 in [0,1], F = C x H x W values
 * per image: 784 for MNIST), the same memory viewed as N x C x H x W, integer labels 0..K-1, and one-hot
 * labels (N x K float32). The image shape and the K class names come with the data (see {@link ImageShape},
 * {@link DataSpec}). Or, for regression ({@link #table}), N x F real-valued features and N x K real-valued
 * targets, with no labels, classes or image shape.
 *
 * <p>The arrays live in a sub-manager of the manager given at load time, for as long as the data set:
 * {@link #close()} frees them, and so does closing that manager. Batches are made in the manager the
 * caller passes (one per iteration), by one index operation per array.
 */
public final class Dataset implements AutoCloseable {
    /** MNIST's values per image (28 x 28); a data set's own is {@code imageShape().features()}. */
    public static final int FEATURES = Idx.PIXELS;
    /** MNIST's number of classes; a data set's own is {@link #classes()}. */
    public static final int CLASSES = 10;
    private static final NDIndex ALL = new NDIndex("...");

    private final String name;
    private final List<String> classNames;
    private final ImageShape shape;
    private final NDManager parent;
    private final NDManager manager;
    private final NDArray images;
    private final NDArray imageView;
    private final NDArray oneHot;
    private final int[] labels;
    private final int size;

    private Dataset(String name, List<String> classNames, ImageShape shape, NDManager parent, NDManager manager, NDArray images,
            int[] labels) {
        this(name, classNames, shape, parent, manager, images, labels,
                manager.create(oneHotRows(labels, classNames.size()), new Shape(labels.length, classNames.size())));
    }

    /** {@code labels} and {@code shape} null: a regression table, whose {@code targets} are real-valued rows. */
    private Dataset(String name, List<String> classNames, ImageShape shape, NDManager parent, NDManager manager, NDArray images,
            int[] labels, NDArray targets) {
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.shape = shape;
        this.parent = parent;
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.size = Math.toIntExact(images.getShape().get(0));
        this.imageView = shape == null ? images : images.reshape(new Shape(size).addAll(new Shape(shape.chw())));
        this.oneHot = targets;
    }

    /**
     * A regression table: {@code features} N x F and {@code targets} N x K values, row-major, as float32 in a new
     * sub-manager of {@code manager}. It has no labels or classes; {@link #targets()} are the real-valued rows.
     */
    public static Dataset table(String name, NDManager manager, float[] features, int featureCount, float[] targets, int targetCount) {
        int n = targets.length / targetCount;
        if (n == 0 || features.length != n * featureCount || targets.length != n * targetCount) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature and " + targets.length + " target values do not "
                    + "make rows of " + featureCount + " features and " + targetCount + " targets");
        }
        NDManager sub = manager.newSubManager();
        try {
            return new Dataset(name, List.of(), null, manager, sub, sub.create(features, new Shape(n, featureCount)), null,
                    sub.create(targets, new Shape(n, targetCount)));
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    /** Whether this set has class labels (images); false for a regression {@link #table}. */
    public boolean classification() {
        return labels != null;
    }

    /** Values per sample the network takes: {@code imageShape().features()} for images (784 for MNIST), F for a table. */
    public long features() {
        return images.getShape().get(1);
    }

    /** The targets the loss takes: one-hot rows (N x K classes) for images, real-valued rows (N x K columns) for a table. */
    public NDArray targets() {
        return oneHot;
    }

    /** As {@link #of(String, List, ImageShape, NDManager, byte[], int[])} with 28 x 28 images. */
    public static Dataset of(String name, List<String> classNames, NDManager manager, byte[] pixels, int[] labels) {
        return of(name, classNames, ImageShape.MNIST, manager, pixels, labels);
    }

    /**
     * A data set made in code (synthetic data, tests of other modules): {@code pixels} holds N images of
     * {@code shape}, values 0-255 (Java's signed bytes read as unsigned), each row-major H x W x C;
     * {@code labels} N values in 0..K-1, K = the number of class names. The arrays live in a new
     * sub-manager of {@code manager}.
     */
    public static Dataset of(String name, List<String> classNames, ImageShape shape, NDManager manager, byte[] pixels, int[] labels) {
        if (labels.length == 0 || pixels.length != (long) labels.length * shape.features()) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel values for " + labels.length
                    + " labels; expected " + shape.features() + " (" + shape + ") per label and at least one sample");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside 0-"
                        + (classNames.size() - 1));
            }
        }
        return fromPixels(name, classNames, shape, manager, ByteBuffer.wrap(pixels), labels.clone());
    }

    /**
     * A data set from validated unsigned-byte pixels (N images of {@code shape}, each H x W x C row-major)
     * and labels in 0..K-1. The bytes become float32 in the engine (one conversion, one in-place division;
     * images of several channels one transpose to C x H x W), not element by element.
     */
    static Dataset fromPixels(String name, List<String> classNames, ImageShape shape, NDManager parent, ByteBuffer pixels,
            int[] labels) {
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": a data set needs at least one class name");
        }
        NDManager manager = parent.newSubManager();
        try {
            NDArray images;
            int n = labels.length;
            try (NDArray bytes = manager.create(pixels, new Shape(n, shape.features()), DataType.UINT8)) {
                images = bytes.toType(DataType.FLOAT32, false).divi(255f);
            }
            if (shape.channels() > 1) { // the H x W x C copy and the views over it are freed with the scratch manager
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray hwc = images;
                    hwc.attach(scratch);
                    images = hwc.reshape(n, shape.rows(), shape.columns(), shape.channels()).transpose(0, 3, 1, 2)
                            .reshape(n, shape.features());
                    images.attach(manager);
                }
            }
            return new Dataset(name, classNames, shape, parent, manager, images, labels);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** N x F float32 in [0,1] (F = 784 for MNIST), each row an image C x H x W flattened. */
    public NDArray images() {
        return images;
    }

    /** N x C x H x W: a reshape of {@link #images()} sharing its memory, for convolutional nets. */
    public NDArray imageView() {
        return imageView;
    }

    /** Labels 0..K-1; the caller must not modify the array. A regression table has none. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression table: it has targets, not class labels");
        }
        return labels;
    }

    /** N x K float32: row i is 1 at column labels()[i] and 0 elsewhere. */
    public NDArray oneHot() {
        return oneHot;
    }

    public int size() {
        return size;
    }

    public String name() {
        return name;
    }

    /**
     * Names of classes 0..K-1: the digits for MNIST, "T-shirt/top" ... "Ankle boot" for Fashion-MNIST,
     * a user's names, or the numbers 0..K-1.
     */
    public List<String> classNames() {
        return classNames;
    }

    /** K, the number of classes: the width of {@link #oneHot()} and of a model's output. A regression table has none. */
    public int classes() {
        if (labels == null) {
            throw new IllegalStateException(name + " is a regression table: it has target columns, not classes");
        }
        return classNames.size();
    }

    /** The shape of one image (28x28 for MNIST). A regression table has none. */
    public ImageShape imageShape() {
        if (shape == null) {
            throw new IllegalStateException(name + " is a regression table: it has rows of features, not images");
        }
        return shape;
    }

    /** Number of samples of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : labels()) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The samples at {@code indices}, gathered by one index operation per array into {@code manager}
     * (usually the iteration's sub-manager). {@code asImages}: x is k x C x H x W, else k x F.
     */
    public Batch batch(NDManager manager, int[] indices, boolean asImages) {
        // The engine's embedding lookup (rows of a table by index, its index_select): 0.08 ms for 100 rows of 784 here,
        // against 0.13 ms for torch.gather with the index broadcast over columns and 0.14 ms for advanced indexing.
        int k = indices.length;
        NDArray index = indexArray(manager, indices);
        NDArray x = rows(index, images.get(manager, ALL));
        NDArray t = rows(index, oneHot.get(manager, ALL));
        return new Batch(asImages && shape != null ? x.reshape(new Shape(k).addAll(new Shape(shape.chw()))) : x, t);
    }

    private static NDArray rows(NDArray index, NDArray table) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) in order, one slice per array, in {@code manager}. */
    public Batch slice(NDManager manager, int from, int to, boolean asImages) {
        if (from < 0 || to > size || from >= to) {
            throw new IndexOutOfBoundsException("rows " + from + ":" + to + " outside 0:" + size + " of " + name);
        }
        NDIndex rows = new NDIndex("{}:{}", from, to);
        return new Batch((asImages ? imageView : images).get(manager, rows), oneHot.get(manager, rows));
    }

    /** The whole set without copying (for {@code gd}, which the network evaluates in chunks); do not close it. */
    public Batch all(boolean asImages) {
        return new Batch(asImages ? imageView : images, oneHot);
    }

    /**
     * Index arrays for training; see {@link Sampler}. {@code samplesPerUpdate}: 1 for {@code sgd}, the
     * batch size for mini-batch methods, {@link Long#MAX_VALUE} (or anything {@code >= size()}) for {@code gd}.
     */
    public Sampler sampler(long samplesPerUpdate, long seed, boolean dropLast) {
        return new Sampler(size, samplesPerUpdate, seed, dropLast);
    }

    /**
     * {train, validation}: round(fraction x N) samples chosen by a permutation seeded with {@code seed}
     * become the validation set, the rest the training set; both keep the original order. The new sets
     * live in sub-managers of the manager this set was loaded into.
     */
    public Dataset[] split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int n = size;
        int validationSize = (int) Math.round(validationFraction * n);
        if (validationSize < 1 || validationSize > n - 1) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + n
                    + " samples leaves an empty training or validation set");
        }
        int[] permutation = Sampler.shuffle(Sampler.identity(n), new SplittableRandom(seed));
        int[] validation = Arrays.copyOfRange(permutation, 0, validationSize);
        int[] train = Arrays.copyOfRange(permutation, validationSize, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        Dataset trainSet = subset(name + "/train", train);
        try {
            return new Dataset[] {trainSet, subset(name + "/validation", validation)};
        } catch (RuntimeException e) {
            trainSet.close();
            throw e;
        }
    }

    /**
     * The first {@code n} samples, in their order (the book's overfitting experiment trains on the first 300).
     * The new set lives in a sub-manager of the manager this set was loaded into; this set stays open.
     */
    public Dataset first(int n) {
        if (n < 1 || n > size) {
            throw new IllegalArgumentException("cannot take the first " + n + " of the " + size + " samples of " + name);
        }
        return subset(name, Sampler.identity(n));
    }

    private Dataset subset(String subsetName, int[] indices) {
        NDManager sub = parent.newSubManager();
        try {
            NDIndex rows = new NDIndex("{}", indexArray(sub, indices));
            NDArray picked = images.get(sub, rows);
            if (labels == null) {
                return new Dataset(subsetName, classNames, null, parent, sub, picked, null, oneHot.get(sub, rows));
            }
            int[] subsetLabels = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                subsetLabels[i] = labels[indices[i]];
            }
            return new Dataset(subsetName, classNames, shape, parent, sub, picked, subsetLabels);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    /** Pixels as the original 0-255 integers, N images H x W x C row-major, as they were read (for export). */
    byte[] pixelBytes() {
        ImageShape shape = imageShape(); // a regression table has no pixels: say so rather than fail on the null shape
        try (NDManager sub = manager.newSubManager()) {
            NDArray scaled = images.mul(255f);
            scaled.attach(sub);
            if (shape.channels() > 1) {
                scaled = scaled.reshape(new Shape(size()).addAll(new Shape(shape.chw()))).transpose(0, 2, 3, 1);
            }
            return scaled.round().toType(DataType.UINT8, false).toByteArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return name + " (" + size + " samples)";
    }

    /** Indices as int64: the engine's index type, so the gather makes no converted copy. */
    private NDArray indexArray(NDManager manager, int[] indices) {
        long[] wide = new long[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index " + i + " outside 0.." + (size - 1) + " of " + name);
            }
            wide[k] = i;
        }
        return manager.create(wide);
    }

    private static float[] oneHotRows(int[] labels, int classes) {
        float[] rows = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            rows[i * classes + labels[i]] = 1f;
        }
        return rows;
    }
}
