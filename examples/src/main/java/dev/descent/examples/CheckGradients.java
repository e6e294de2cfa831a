package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.grad.GradientCheck;
import dev.descent.data.Batch;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The book's {@code gradient_check.py}: backprop against central differences in FLOAT64 on a few
 * real training images, one table row per parameter. Default model: the book's TwoLayerNet
 * (784-50-10); {@code --model cnn} checks the SimpleConvNet.
 */
public final class CheckGradients {
    public static final Map<String, String> DEFAULTS = Map.of("hidden-sizes", "50");

    private CheckGradients() {}

    public static void main(String[] args) {
        GradientCheck.Report report = check(new Config(Config.GRADCHECK, DEFAULTS), 3, 0, DownloadListener.logging());
        System.out.print(report.table());
        System.exit(report.passed() ? 0 : 1);
    }

    /** Checks the configured model on the first {@code samples} training images; {@code maxElements} > 0 samples large arrays. */
    public static GradientCheck.Report check(Config config, int samples, int maxElements, DownloadListener downloads) {
        config.check();
        long seed = config.longValue("seed");
        return onImages(config, samples, downloads, (network, x, t) -> GradientCheck.run(network, x, t, false, seed, maxElements));
    }

    /**
     * Wall seconds of {@code runs} checks of every element of the configured model, each timed in this
     * process after the data is loaded, the network built and one untimed check run: what {@code bench}
     * reports beside a peer's numerical gradient. {@code method} chooses how the central differences
     * are evaluated (the seeds' element-wise loop or the batched one).
     */
    public static double[] benchmark(Config config, int samples, int runs, GradientCheck.Method method, DownloadListener downloads) {
        config.check();
        long seed = config.longValue("seed");
        return onImages(config, samples, downloads, (network, x, t) -> {
            double[] seconds = new double[runs];
            for (int r = -1; r < runs; r++) {
                long start = System.nanoTime();
                if (!GradientCheck.run(network, x, t, false, seed, 0, method).passed()) {
                    throw new IllegalStateException("gradient check failed while benchmarking " + Models.spec(config));
                }
                if (r >= 0) {
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
            }
            return seconds;
        });
    }

    private interface Job<R> {
        R run(Network network, NDArray x, NDArray t);
    }

    /** The configured FLOAT64 model and the first {@code samples} training images, as the book's script sets them up. */
    private static <R> R onImages(Config config, int samples, DownloadListener downloads, Job<R> job) {
        long seed = config.longValue("seed");
        boolean images = Models.takesImages(config);
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                Network network = Models.build(config, root, DataType.FLOAT64, data.train())) {
            // Biases start at zero, which puts a ReLU unit fed by blank pixels exactly on its kink,
            // where the derivative is undefined; small random biases keep every unit off it.
            SplittableRandom random = new SplittableRandom(seed);
            for (Parameter p : network.parameters()) {
                if (p.value().getShape().dimension() == 1 && p.name().endsWith(".b")) {
                    double[] b = random.doubles(p.value().size(), -0.1, 0.1).toArray();
                    p.value().set(new NDIndex("..."), root.create(b));
                }
            }
            Batch batch = data.train().slice(root, 0, samples, images);
            NDArray x = batch.x().toType(DataType.FLOAT64, false);
            return job.run(network, x, batch.t());
        }
    }
}
