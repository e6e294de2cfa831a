package dev.descent.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Small MNIST-shaped CSV files made in the test: class k is a bright 7×7 block at one of ten
 * positions, plus noise. Learnable in a few epochs, so loop behaviour can be tested in seconds.
 */
public final class Synthetic {
    private Synthetic() {}

    public static void writeCsv(Path file, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("label");
            for (int i = 0; i < 784; i++) {
                w.write(",pixel" + i);
            }
            w.write("\n");
            for (int s = 0; s < n; s++) {
                int label = s % 10;
                int top = 3 + (label / 5) * 12 + r.nextInt(3);
                int left = 1 + (label % 5) * 5 + r.nextInt(2);
                StringBuilder row = new StringBuilder(Integer.toString(label));
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        boolean on = y >= top && y < top + 7 && x >= left && x < left + 4;
                        int v = on ? 150 + r.nextInt(106) : r.nextInt(60);
                        row.append(',').append(v);
                    }
                }
                w.write(row.append('\n').toString());
            }
        }
    }

    /** The two CSV files in {@code dir}, made on first use: train (500 rows), test (200 rows). */
    public static Path[] files(Path dir) throws IOException {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        if (!Files.exists(train)) {
            writeCsv(train, 500, 1);
            writeCsv(test, 200, 2);
        }
        return new Path[] {train, test};
    }

    /** A config on a synthetic train/test pair in {@code dir}: a small MLP, quick to train. */
    public static Config config(Path dir) throws IOException {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        if (!Files.exists(train)) {
            writeCsv(train, 500, 1);
            writeCsv(test, 200, 2);
        }
        return new Config(Config.TRAIN).set("train-csv", train.toString()).set("test-csv", test.toString()).set("hidden-sizes", "32")
                .set("batch-size", "50").set("epochs", "2").set("dropout", "0");
    }

    /**
     * A valid 1×1 PNG whose header claims {@code width}×{@code height} pixels (IHDR patched, its CRC recomputed): a few
     * dozen bytes that a decoder without a size check would try to allocate gigabytes for.
     */
    public static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", out);
        ByteBuffer png = ByteBuffer.wrap(out.toByteArray()); // signature (8), IHDR length (4), "IHDR" (4), 13 data bytes, CRC
        png.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png.array(), 12, 4 + 13);
        png.putInt(29, (int) crc.getValue());
        return png.array();
    }
}
