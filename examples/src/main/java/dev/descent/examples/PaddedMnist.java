package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.AtomicFiles;
import dev.descent.core.Engines;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.ImageShape;
import dev.descent.data.TrainTest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * MNIST at 32x32, as LeNet-5 took it: every image framed by {@code pad} black pixels on each side (2 by
 * default), written as one's own IDX files with a {@code dataset.properties}, so that
 * {@code ./descent train --data-dir DIR} trains on a data set whose images are not 28x28.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.PaddedMnist [out-dir] [pad]} (default {@code runs/mnist-32}, 2).
 */
public final class PaddedMnist {
    private PaddedMnist() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/mnist-32");
        int pad = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (NDManager manager = Engines.newManager();
                TrainTest mnist = Datasets.load("mnist", null, manager, DownloadListener.logging());
                TrainTest padded = new TrainTest(pad(mnist.train(), pad, manager), pad(mnist.test(), pad, manager))) {
            Datasets.writeIdx(padded, out);
            AtomicFiles.writeString(out.resolve(DataLoading.DIRECTORY_PROPERTIES),
                    "# MNIST padded by " + pad + " pixels, made by dev.descent.examples.PaddedMnist\nclasses = 10\n");
            System.out.println("wrote MNIST at " + padded.train().imageShape() + " to " + out + "; train with: ./descent train --data-dir " + out);
        }
    }

    /** {@code data} with {@code pad} zero pixels around every image (on every channel), in a new set in {@code manager}. */
    public static Dataset pad(Dataset data, int pad, NDManager manager) {
        ImageShape s = data.imageShape();
        ImageShape padded = new ImageShape(s.rows() + 2 * pad, s.columns() + 2 * pad, s.channels());
        int n = data.size();
        byte[] pixels;
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = data.imageView().get(sub, new NDIndex("...")); // N x C x H x W
            NDArray rows = sub.zeros(new Shape(n, s.channels(), pad, s.columns()));
            x = rows.concat(x, 2).concat(rows, 2);
            NDArray columns = sub.zeros(new Shape(n, s.channels(), padded.rows(), pad));
            x = columns.concat(x, 3).concat(columns, 3);
            // back to the bytes of a file: 0-255, each image H x W x C
            pixels = x.transpose(0, 2, 3, 1).mul(255f).round().toType(DataType.UINT8, false).toByteArray();
        }
        return Dataset.of(data.name() + "/padded", data.classNames(), padded, manager, pixels, data.labels());
    }
}
