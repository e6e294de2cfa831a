package dev.descent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Small synthetic MNIST-format data made in the tests: random pixels 0-255, labels cycling 0-9 then shuffled. */
final class Fixtures {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    final byte[] trainPixels;
    final byte[] trainLabels;
    final byte[] testPixels;
    final byte[] testLabels;

    Fixtures(int trainSize, int testSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        trainPixels = pixels(trainSize, random);
        trainLabels = labels(trainSize, random);
        testPixels = pixels(testSize, random);
        testLabels = labels(testSize, random);
    }

    byte[] file(String name) {
        return switch (name) {
            case TRAIN_IMAGES -> Idx.imageFile(trainPixels);
            case TRAIN_LABELS -> Idx.labelFile(trainLabels);
            case TEST_IMAGES -> Idx.imageFile(testPixels);
            case TEST_LABELS -> Idx.labelFile(testLabels);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Writes the four files into {@code dir}; those named in {@code gzipped} compressed, with {@code .gz}. */
    Path writeTo(Path dir, String... gzipped) {
        try {
            Files.createDirectories(dir);
            for (String name : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
                boolean gz = java.util.Arrays.asList(gzipped).contains(name);
                Files.write(dir.resolve(gz ? name + ".gz" : name), gz ? gzip(file(name)) : file(name));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] pixels(int n, SplittableRandom random) {
        byte[] p = new byte[n * ImageShape.MNIST.features()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) random.nextInt(256);
        }
        return p;
    }

    static byte[] labels(int n, SplittableRandom random) {
        int[] order = Sampler.shuffle(Sampler.identity(n), random);
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (order[i] % 10);
        }
        return l;
    }
}
