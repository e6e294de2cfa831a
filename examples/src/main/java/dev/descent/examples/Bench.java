package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.grad.GradientCheck;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Callback;
import dev.descent.examples.train.Trainer;
import dev.descent.examples.train.TrainingState;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The work of {@code ./descent bench}: times the {@link Trainer}'s loop alone (data already in
 * memory; shuffle, batch gather, forward, backward, update; no evaluation, no checkpoints) on the
 * jobs that {@code shared/peers} times in PyTorch, numpy and DJL's Trainer, so the figures can be
 * put side by side; and the loading of all 70,000 MNIST images.
 *
 * <p>FLOPs per epoch count the matrix products an autograd framework needs (no gradient with respect
 * to the input images): MLP 784-100-10 19.18 GFLOP, SimpleConvNet 259.6 GFLOP (the peers' README).
 */
public final class Bench {
    public static final double MLP_GFLOP = 19.18;
    public static final double CNN_GFLOP = 259.6;
    public static final List<String> JOBS = List.of("load", "mlp", "mlp-adam", "cnn", "gradcheck", "time-to-99");

    /** One job's figures; seconds are per epoch (or per load). */
    public record Row(String job, List<Double> seconds, double gflop, double testAccuracy) {
        public double median() {
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double max() {
            return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    private Bench() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        for (String job : JOBS) {
            out.println(job(job, 5, 3, null, out));
        }
    }

    /**
     * Runs one job: {@code load}, {@code mlp} (784-100-10, SGD lr 0.1), {@code mlp-adam}, {@code cnn} (SimpleConvNet, Adam
     * lr 0.001), {@code gradcheck} (TwoLayerNet's check, in-process).
     */
    public static Row job(String job, int epochs, int cnnEpochs, Path dataDir, PrintStream log) {
        return switch (job) {
            case "load" -> load(dataDir);
            case "mlp" -> train("mlp", "mlp", "minibatch", "0.1", epochs, MLP_GFLOP, dataDir, log);
            case "mlp-adam" -> train("mlp-adam", "mlp", "adam", "0.001", epochs, MLP_GFLOP, dataDir, log);
            case "cnn" -> train("cnn", "cnn", "adam", "0.001", cnnEpochs, CNN_GFLOP, dataDir, log);
            case "gradcheck" -> gradcheck(dataDir);
            case "time-to-99" -> timeToAccuracy("fast.properties", dataDir);
            default -> throw new ConfigException("bench job '" + job + "' is not valid; valid: " + String.join(", ", JOBS));
        };
    }

    /** Loading all 70,000 images and labels from the verified cache (or data-dir), five times after one warm-up. */
    static Row load(Path dataDir) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (NDManager m = Engines.newManager()) {
                long t0 = System.nanoTime();
                try (TrainTest data = Datasets.load("mnist", dataDir, m, DownloadListener.logging())) {
                    if (i > 0) { // the first load warms the JIT and the page cache
                        seconds.add((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
        return new Row("load", seconds, 0, Double.NaN);
    }

    /** The Trainer's loop, timed per epoch from its first to its last update; the first epoch is warm-up. */
    static Row train(String job, String model, String optimizerName, String lr, int epochCount, double gflop, Path dataDir,
            PrintStream log) {
        if (epochCount < 2) {
            throw new ConfigException("--epochs must be >= 2 (the first is warm-up), got " + epochCount);
        }
        List<Double> seconds = new ArrayList<>();
        Config config = new Config(Config.TRAIN, Map.of("model", model, "hidden-sizes", "100", "dropout", "0", "weight-init", "he",
                "seed", "42", "batch-size", "100"));
        boolean images = Models.takesImages(config);
        try (NDManager root = Engines.newManager();
                TrainTest data = Datasets.load("mnist", dataDir, root, DownloadListener.logging());
                Network network = Models.build(config, root, DataType.FLOAT32)) {
            Optimizer optimizer = Optimizers.create(optimizerName, Map.of("learning-rate", lr));
            Callback timer = new Callback() {
                long started;

                @Override
                public void onEpochBegin(TrainingState s) {
                    started = System.nanoTime();
                }

                @Override
                public void onEpochEnd(TrainingState s) {
                    double t = (System.nanoTime() - started) / 1e9;
                    if (s.epoch() > 1) {
                        seconds.add(t);
                    }
                    log.printf(Locale.ROOT, "  %s epoch %d: %.3f s%s%n", job, s.epoch(), t, s.epoch() == 1 ? " (warm-up)" : "");
                }
            };
            new Trainer(network, optimizer, data.train(), images).batchSize(100).seed(42).epochs(epochCount).evaluate(false)
                    .callbacks(timer).fit();
            return new Row(job, seconds, gflop, Trainer.accuracy(network, data.test(), images));
        } catch (IOException e) {
            throw new IllegalStateException(e); // no callback here writes files
        }
    }

    /**
     * A shipped config trained once with the data already in memory: the wall time of the training and the test
     * evaluation (what {@code shared/peers/torch_fast.py} times), and the test accuracy. No train-accuracy rows,
     * no checkpoints.
     */
    static Row timeToAccuracy(String shipped, Path dataDir) {
        Config config = new Config(Config.TRAIN).loadShipped(shipped).check();
        boolean images = Models.takesImages(config);
        try (NDManager root = Engines.newManager();
                TrainTest data = Datasets.load("mnist", dataDir, root, DownloadListener.logging());
                Network network = Models.build(Models.standardize(config, data.train()), root, DataType.FLOAT32)) {
            Trainer trainer = new Trainer(network, TrainMnist.optimizer(config), data.train(), images).batchSize(config.integer("batch-size"))
                    .seed(config.longValue("seed")).augment(TrainMnist.augmentation(config)).evaluate(false);
            long total = TrainMnist.length(config, trainer);
            trainer.callbacks(TrainMnist.schedule(config, trainer.optimizer(), total, trainer.iterationsPerEpoch()));
            long t0 = System.nanoTime();
            trainer.fit();
            double accuracy = Trainer.accuracy(network, data.test(), images);
            return new Row("time-to-99", List.of((System.nanoTime() - t0) / 1e9), 0, accuracy);
        } catch (IOException e) {
            throw new IllegalStateException(e); // no callback here writes files
        }
    }

    /**
     * {@code ./descent gradcheck}'s check (TwoLayerNet, every element, 3 images, FLOAT64) timed five times in this
     * process after one untimed run: the figure to set beside {@code examples/src/test/resources/bench/gradcheck_numpy.py}.
     */
    static Row gradcheck(Path dataDir) {
        Config config = new Config(Config.GRADCHECK, CheckGradients.DEFAULTS);
        if (dataDir != null) {
            config.set("data-dir", dataDir.toString());
        }
        double[] seconds = CheckGradients.benchmark(config, 3, 5, GradientCheck.Method.BATCHED, DownloadListener.logging());
        return new Row("gradcheck", Arrays.stream(seconds).boxed().toList(), 0, Double.NaN);
    }

    /** Peak resident set size of this process (VmHWM), in MB; -1 where /proc is absent. */
    public static long peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
