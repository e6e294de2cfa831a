package com.example.userproject;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.init.WeightInit;
import dev.descent.data.Dataset;
import dev.descent.examples.train.Trainer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a network with a user layer ({@link Gain}) and a user optimizer ({@link Adadelta}) with Descent's
 * {@link Trainer} on a tiny data set made here: 28×28 images, each class a bright horizontal bar at its own
 * height, plus noise. Exits 1 unless the loss falls and the test accuracy reaches 0.9.
 */
public final class Main {
    private Main() {}

    /** {@code n} images: class k has rows 2k+4 and 2k+5 bright (170-255), the rest noise (0-59). */
    static Dataset bars(String name, int n, long seed, NDManager manager) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = IntStream.range(0, n).map(i -> i % 10).toArray();
        byte[] pixels = new byte[n * Dataset.FEATURES];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < Dataset.FEATURES; p++) {
                int row = p / 28;
                boolean bar = row == 2 * labels[i] + 4 || row == 2 * labels[i] + 5;
                pixels[i * Dataset.FEATURES + p] = (byte) (bar ? 170 + random.nextInt(86) : random.nextInt(60));
            }
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(k -> "bar " + k).toList();
        return Dataset.of(name, classes, manager, pixels, labels);
    }

    public static void main(String[] args) throws IOException {
        try (NDManager root = Engines.newManager();
                Dataset train = bars("bars-train", 600, 1, root);
                Dataset test = bars("bars-test", 200, 2, root);
                Network net = Network.builder().manager(root).input(784).weightInit(WeightInit.parse("he"))
                        .spec("affine:32").add(new Gain()).spec("relu, affine:10").build()) {
            Trainer.Result r = new Trainer(net, new Adadelta(Map.of("rho", "0.95")), train, false)
                    .batchSize(50).seed(7).epochs(5).evaluateOn(test, null).fit();
            double first = r.rows().get(0).loss();
            double last = r.last().loss();
            System.out.printf("loss %.4f after epoch 1, %.4f after epoch %d; test accuracy %.4f%n", first, last,
                    r.last().epoch(), r.last().testAccuracy());
            if (!(last < first && r.last().testAccuracy() >= 0.9)) {
                System.exit(1);
            }
        }
    }
}
