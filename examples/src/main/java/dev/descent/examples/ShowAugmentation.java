package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.AtomicFiles;
import dev.descent.core.Engines;
import dev.descent.data.Augmentation;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.ImageShape;
import dev.descent.data.TrainTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * What an {@code augment} spec does to MNIST: the first twelve training images (top row) and the same
 * images distorted three times (the rows below), written as {@code augment.png}. {@code train} writes the
 * same picture into the run directory of every run with {@code augment}.
 *
 * <pre>java ... dev.descent.examples.ShowAugmentation "shift:2, rotate:10, elastic:34:4" augment.png</pre>
 */
public final class ShowAugmentation {
    private static final int COLUMNS = 12;
    private static final int ROWS = 3;
    private static final int ZOOM = 3;

    private ShowAugmentation() {}

    public static void main(String[] args) throws IOException {
        Augmentation augmentation = Augmentation.parse(args.length > 0 ? args[0] : "shift:2, rotate:10, scale:0.1, elastic:34:4");
        Path out = Path.of(args.length > 1 ? args[1] : "augment.png");
        try (NDManager root = Engines.newManager();
                TrainTest data = Datasets.load("mnist", null, root, DownloadListener.logging())) {
            write(out, data.train(), augmentation, 42);
        }
        System.out.println("wrote " + out);
    }

    /** The picture for the first twelve images of {@code train} (all of them, if fewer), with draws from {@code seed}. */
    public static void write(Path out, Dataset train, Augmentation augmentation, long seed) throws IOException {
        ImageShape shape = train.imageShape();
        int columns = Math.min(COLUMNS, train.size());
        BufferedImage picture = new BufferedImage(columns * shape.columns() * ZOOM, (ROWS + 1) * shape.rows() * ZOOM + ROWS * 2,
                BufferedImage.TYPE_BYTE_GRAY);
        try (NDManager m = train.images().getManager().newSubManager()) {
            NDArray first = train.slice(m, 0, columns, false).x();
            draw(picture, first.toFloatArray(), columns, 0, shape);
            for (int r = 1; r <= ROWS; r++) {
                draw(picture, augmentation.apply(first, train.imageShape(), seed * 31 + r).toFloatArray(), columns, r * (shape.rows() * ZOOM + 2), shape);
            }
        }
        AtomicFiles.write(out, o -> ImageIO.write(picture, "png", o));
    }

    /** One row of images (their first channel), white ink on black as MNIST stores it, each pixel a ZOOM×ZOOM square. */
    private static void draw(BufferedImage picture, float[] pixels, int columns, int top, ImageShape shape) {
        int w = shape.columns();
        for (int i = 0; i < columns; i++) {
            for (int p = 0; p < shape.rows() * w; p++) {
                int v = Math.round(Math.max(0, Math.min(1, pixels[i * shape.features() + p])) * 255);
                for (int d = 0; d < ZOOM * ZOOM; d++) {
                    picture.getRaster().setSample((i * w + p % w) * ZOOM + d % ZOOM, top + (p / w) * ZOOM + d / ZOOM, 0, v);
                }
            }
        }
    }
}
