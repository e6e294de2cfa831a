package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.FullBatch;
import dev.descent.core.Network;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.Sampler;
import dev.descent.data.TrainTest;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The book's {@code optimizer_compare_mnist.py}: the same network, from the same initial weights
 * and with the same batch order, trained once per optimizer; the loss of every iteration is kept.
 * Defaults: 4 hidden layers of 100 ReLU units, He init, batch 128, 2000 iterations, and the book's
 * SGD (mini-batch: {@code minibatch}), Momentum, AdaGrad and Adam with their default hyperparameters.
 */
public final class CompareOptimizers {
    public static final Map<String, String> DEFAULTS = Map.of(
            "hidden-sizes", "100,100,100,100", "dropout", "0", "weight-init", "he", "batch-size", "128", "iterations", "2000");
    /** The book's four. Its "SGD" takes a mini-batch per update, which is Descent's {@code minibatch} ({@code sgd} takes one sample). */
    public static final List<String> DEFAULT_OPTIMIZERS = List.of("minibatch", "momentum", "adagrad", "adam");

    /** One optimizer's outcome; {@code finalLoss} is the mean of the last 100 iterations (single batches are noisy). */
    public record Outcome(String optimizer, double[] losses, double finalLoss, double testAccuracy, double seconds) {}

    private CompareOptimizers() {}

    public static void main(String[] args) throws IOException {
        List<Outcome> outcomes = compare(new Config(DEFAULTS), DEFAULT_OPTIMIZERS, Cli.defaultOut("compare"),
                Progress.forConsole(), DownloadListener.logging());
        System.out.print(table(outcomes));
    }

    public static List<Outcome> compare(Config config, List<String> optimizerNames, Path out, Progress progress,
            DownloadListener downloads) throws IOException {
        long seed = config.integer("seed", 0);
        int batchSize = config.integer("batch-size", 1);
        int iterations = config.integer("iterations", 1);
        boolean images = Models.takesImages(config);
        List<Optimizer> optimizers = new ArrayList<>();
        for (String name : optimizerNames) {
            optimizers.add(Optimizers.create(name, config.hyperparameters())); // fail on a bad name before any training
        }
        TrainMnist.prepareOut(out, false, "compare.csv");
        config.write(out.resolve("config.properties"), Map.of("optimizers", String.join(",", optimizerNames)));
        List<Outcome> outcomes = new ArrayList<>();
        try (NDManager root = Engines.newManager(); TrainTest data = DataLoading.load(config, root, downloads)) {
            Dataset train = data.train();
            for (Optimizer optimizer : optimizers) {
                Engines.seed(seed);
                long started = System.nanoTime();
                double[] losses = new double[iterations];
                try (Network network = Models.build(config, root, DataType.FLOAT32)) { // same seed: same initial weights
                    Sampler sampler = train.sampler(optimizer.samplesPerUpdate(batchSize, train.size()), seed, false);
                    progress.start(optimizer.name(), iterations);
                    for (int i = 0; i < iterations; i++) {
                        int[] indices = sampler.batch(i / sampler.iterationsPerEpoch(), i % sampler.iterationsPerEpoch());
                        try (NDManager it = network.manager().newSubManager()) {
                            Batch batch = train.batch(it, indices, images);
                            losses[i] = FullBatch.gradient(network, batch.x(), batch.t(), batchSize);
                            optimizer.step(network.parameters());
                        }
                        progress.advance(i + 1, losses[i]);
                    }
                    double tail = Arrays.stream(losses, Math.max(0, iterations - 100), iterations).average().orElse(Double.NaN);
                    double test = TrainMnist.accuracy(network, data.test(), images);
                    Outcome o = new Outcome(optimizer.name(), losses, tail, test, (System.nanoTime() - started) / 1e9);
                    outcomes.add(o);
                    progress.finish(String.format(Locale.ROOT, "%-10s final loss %.4f  test accuracy %.4f  %.1fs",
                            o.optimizer(), o.finalLoss(), o.testAccuracy(), o.seconds()));
                }
            }
        }
        writeCsv(outcomes, out.resolve("compare.csv"));
        Map<String, double[]> curves = new LinkedHashMap<>();
        outcomes.forEach(o -> curves.put(o.optimizer(), o.losses()));
        Plots.compare(curves, out.resolve("compare.png"));
        return outcomes;
    }

    /** The ranking, best (lowest final loss) first. NaN (diverged) ranks last. */
    public static String table(List<Outcome> outcomes) {
        List<Outcome> ranked = new ArrayList<>(outcomes);
        ranked.sort(Comparator.comparingDouble(o -> Double.isNaN(o.finalLoss()) ? Double.MAX_VALUE : o.finalLoss()));
        StringBuilder s = new StringBuilder(String.format("%4s  %-10s %12s %12s %9s%n", "rank", "optimizer", "final loss", "test acc", "seconds"));
        for (int i = 0; i < ranked.size(); i++) {
            Outcome o = ranked.get(i);
            s.append(String.format(Locale.ROOT, "%4d  %-10s %12.4f %12.4f %9.1f%n", i + 1, o.optimizer(), o.finalLoss(),
                    o.testAccuracy(), o.seconds()));
        }
        int tail = ranked.isEmpty() ? 100 : Math.min(100, ranked.get(0).losses().length);
        return s.append("(final loss: mean training loss of the last " + tail + " iterations)\n").toString();
    }

    private static void writeCsv(List<Outcome> outcomes, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                        .setHeader("optimizer", "iteration", "loss").get())) {
            for (Outcome o : outcomes) {
                for (int i = 0; i < o.losses().length; i++) {
                    p.printRecord(o.optimizer(), i + 1, String.format(Locale.ROOT, "%.6f", o.losses()[i]));
                }
            }
        }
    }
}
