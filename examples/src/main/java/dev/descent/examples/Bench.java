package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.Sampler;
import dev.descent.data.TrainTest;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./descent bench}: times the training loop alone (data already in memory; shuffle, batch
 * gather, forward, backward, update) on the jobs that {@code shared/peers} times in PyTorch, numpy and
 * DJL's Trainer, so the figures can be put side by side; and the loading of all 70,000 MNIST images.
 *
 * <p>FLOPs per epoch count the matrix products an autograd framework needs (no gradient with respect
 * to the input images): MLP 784-100-10 19.18 GFLOP, SimpleConvNet 259.6 GFLOP (the peers' README).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the training loop (data in memory) for the MLP and the SimpleConvNet, and MNIST loading.",
            "Warm-up epochs excluded; prints median and spread, GFLOP/s and peak RSS; --csv appends the rows."})
public final class Bench implements Callable<Integer> {
    static final double MLP_GFLOP = 19.18;
    static final double CNN_GFLOP = 259.6;

    @Option(names = "--jobs", split = ",", paramLabel = "A,B", defaultValue = "load,mlp,cnn",
            description = "what to time: load, mlp (784-100-10, SGD lr 0.1), mlp-adam, cnn (SimpleConvNet, Adam lr 0.001) (default: ${DEFAULT-VALUE})")
    List<String> jobs;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "MLP epochs, the first one warm-up (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--cnn-epochs", paramLabel = "N", defaultValue = "3", description = "CNN epochs, the first one warm-up (default: ${DEFAULT-VALUE})")
    int cnnEpochs;

    @Option(names = "--csv", paramLabel = "FILE", description = "append one row per job to this CSV file")
    Path csv;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "MNIST directory (default: the user cache, fetched if needed)")
    Path dataDir;

    @picocli.CommandLine.Mixin
    Cli.VerboseOption verbose;

    /** One job's figures; seconds are per epoch (or per load). */
    record Row(String job, List<Double> seconds, double gflop, double testAccuracy) {
        double median() {
            double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    @Override
    public Integer call() throws IOException {
        for (String job : jobs) {
            if (!List.of("load", "mlp", "mlp-adam", "cnn").contains(job)) {
                throw new ConfigException("bench job '" + job + "' is not valid; valid: load, mlp, mlp-adam, cnn");
            }
        }
        Cli.print(String.format("%-10s %9s %17s %8s %8s %9s%n", "job", "median s", "min-max s", "GFLOP/s", "test acc", "peak RSS"));
        for (String job : jobs) {
            Row row = switch (job) {
                case "load" -> load();
                case "mlp" -> train("mlp", "mlp", "minibatch", "0.1", epochs, MLP_GFLOP);
                case "mlp-adam" -> train("mlp-adam", "mlp", "adam", "0.001", epochs, MLP_GFLOP);
                default -> train("cnn", "cnn", "adam", "0.001", cnnEpochs, CNN_GFLOP);
            };
            long rss = peakRssMegabytes();
            Cli.print(String.format(Locale.ROOT, "%-10s %9.3f %8.3f-%-8.3f %8s %8s %6d MB%n", row.job(), row.median(), row.min(), row.max(),
                    row.gflop() > 0 ? String.format(Locale.ROOT, "%.1f", row.gflop() / row.median()) : "-",
                    Double.isNaN(row.testAccuracy()) ? "-" : String.format(Locale.ROOT, "%.4f", row.testAccuracy()), rss));
            if (csv != null) {
                append(row, rss);
            }
        }
        return 0;
    }

    /** Loading all 70,000 images and labels from the verified cache (or data-dir), five times. */
    private Row load() {
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

    /** The training loop of {@link TrainMnist}, timed per epoch, without evaluation or checkpoints. */
    private Row train(String job, String model, String optimizerName, String lr, int epochCount, double gflop) {
        if (epochCount < 2) {
            throw new ConfigException("--epochs must be >= 2 (the first is warm-up), got " + epochCount);
        }
        List<Double> seconds = new ArrayList<>();
        try (NDManager root = Engines.newManager(); TrainTest data = Datasets.load("mnist", dataDir, root, DownloadListener.logging())) {
            Config config = new Config(Map.of("model", model, "hidden-sizes", "100", "dropout", "0", "weight-init", "he", "seed", "42"));
            boolean images = Models.takesImages(config);
            Engines.seed(42);
            try (Network network = Models.build(config, root, DataType.FLOAT32)) {
                Optimizer optimizer = Optimizers.create(optimizerName, Map.of("learning-rate", lr));
                Dataset train = data.train();
                Sampler sampler = train.sampler(100, 42, false);
                for (int epoch = 0; epoch < epochCount; epoch++) {
                    long t0 = System.nanoTime();
                    for (long i = 0; i < sampler.iterationsPerEpoch(); i++) {
                        int[] indices = sampler.batch(epoch, i);
                        try (NDManager it = network.manager().newSubManager()) {
                            Batch batch = train.batch(it, indices, images);
                            network.gradient(batch.x(), batch.t());
                            optimizer.step(network.parameters());
                        }
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (epoch > 0) {
                        seconds.add(s);
                    }
                    Cli.print(String.format(Locale.ROOT, "  %s epoch %d: %.3f s%s%n", job, epoch + 1, s, epoch == 0 ? " (warm-up)" : ""));
                }
                return new Row(job, seconds, gflop, TrainMnist.accuracy(network, data.test(), images));
            }
        }
    }

    /** Peak resident set size of this process (VmHWM), in MB; -1 where /proc is absent. */
    static long peakRssMegabytes() {
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

    private void append(Row row, long rss) throws IOException {
        boolean header = !Files.exists(csv);
        try (Writer w = Files.newBufferedWriter(csv, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (header) {
                w.write("time,job,median_s,min_s,max_s,epochs_timed,gflop_per_s,test_accuracy,peak_rss_mb,threads\n");
            }
            w.write(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f,%d,%s,%s,%d,%s%n", LocalDateTime.now().withNano(0), row.job(),
                    row.median(), row.min(), row.max(), row.seconds().size(),
                    row.gflop() > 0 ? String.format(Locale.ROOT, "%.2f", row.gflop() / row.median()) : "",
                    Double.isNaN(row.testAccuracy()) ? "" : String.format(Locale.ROOT, "%.4f", row.testAccuracy()), rss,
                    System.getProperty("ai.djl.pytorch.num_threads", "")));
        }
    }
}
