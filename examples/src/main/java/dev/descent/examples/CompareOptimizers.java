package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.AtomicFiles;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Callback;
import dev.descent.examples.train.LearningRateSchedule;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.RunDirectory;
import dev.descent.examples.train.Trainer;
import dev.descent.examples.train.TrainingState;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.schedule.Schedule;
import dev.descent.optim.schedule.Schedules;
import java.io.IOException;
import java.io.StringWriter;
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
 * and with the same batch order, trained once per optimizer by the {@link Trainer}; the loss of
 * every update is kept. Defaults: 4 hidden layers of 100 ReLU units, He init, batch 128, 2000
 * iterations, and the book's SGD (mini-batch: {@code minibatch}), Momentum, AdaGrad and Adam.
 *
 * <p>Each entry of the list may carry its own settings: {@code momentum:learning-rate=0.05:momentum=0.5}.
 * Hyperparameter keys given for the whole comparison apply to every optimizer, so each must take them.
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
        List<Outcome> outcomes = compare(new Config(Config.COMPARE, DEFAULTS), DEFAULT_OPTIMIZERS, Runs.defaultOut("compare"),
                Progress.forConsole(), DownloadListener.logging());
        System.out.print(table(outcomes));
    }

    /** Each entry ({@code name[:key=value]...}) made into an optimizer, before any training; errors name the entry. */
    public static Map<String, Optimizer> optimizers(List<String> entries, Map<String, String> shared) {
        Map<String, Optimizer> made = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":");
            Map<String, String> h = new LinkedHashMap<>(shared);
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                    throw new ConfigException("optimizers entry '" + entry + "': '" + parts[i] + "' is not key=value (e.g. momentum:learning-rate=0.05)");
                }
                h.put(kv[0].trim(), kv[1].trim());
            }
            try {
                Optimizer o = Optimizers.create(parts[0].trim(), h);
                if (made.put(entry.trim(), o) != null) {
                    throw new ConfigException("optimizers entry '" + entry + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                String hint = shared.isEmpty() ? "" : "; keys given for the whole comparison (" + String.join(", ", shared.keySet())
                        + ") must suit every optimizer — give them per entry instead, e.g. " + parts[0].trim() + ":" + shared.keySet().iterator().next() + "=...";
                throw new ConfigException("optimizers entry '" + entry + "': " + e.getMessage() + hint);
            }
        }
        return made;
    }

    public static List<Outcome> compare(Config config, List<String> entries, Path out, Progress progress, DownloadListener downloads)
            throws IOException {
        return compare(config, entries, List.of(), out, progress, downloads);
    }

    /**
     * With {@code schedules} (e.g. {@code constant, cosine, onecycle:max-learning-rate=0.01}), compares learning-rate
     * schedules for the one optimizer {@code entries} names instead of optimizers.
     */
    public static List<Outcome> compare(Config config, List<String> entries, List<String> schedules, Path out, Progress progress,
            DownloadListener downloads) throws IOException {
        config.check();
        Map<String, Optimizer> optimizers = optimizers(entries, config.hyperparameters());
        Map<String, Map<String, String>> contenders = new LinkedHashMap<>(); // label -> schedule keys
        if (schedules.isEmpty()) {
            optimizers.keySet().forEach(k -> contenders.put(k, config.scheduleKeys()));
        } else {
            if (optimizers.size() != 1) {
                throw new ConfigException("--lr-schedules compares schedules for one optimizer; --optimizers names " + optimizers.size());
            }
            if (config.given("lr-schedule")) {
                throw new ConfigException("lr-schedule and --lr-schedules both given; list the schedules in --lr-schedules");
            }
            for (String entry : schedules) {
                contenders.put(entry.trim(), scheduleKeys(entry, config.scheduleKeys()));
            }
        }
        long seed = config.longValue("seed");
        boolean images = Models.takesImages(config);
        List<Outcome> outcomes = new ArrayList<>();
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                RunDirectory run = RunDirectory.open(out, "compare.csv", false, "choose another --out")) {
            Dataset train = data.train();
            List<Trainer> trainers = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> c : contenders.entrySet()) { // every schedule is checked before training
                String optimizerEntry = schedules.isEmpty() ? c.getKey() : optimizers.keySet().iterator().next();
                Optimizer optimizer = optimizers(List.of(optimizerEntry), config.hyperparameters()).get(optimizerEntry);
                trainers.add(trainer(config, null, optimizer, train, images, seed, c.getKey(), c.getValue()));
            }
            run.writeConfig(config.text(Map.of("optimizers", String.join(",", optimizers.keySet()),
                    "lr-schedules", schedules.isEmpty() ? "-" : String.join(",", schedules))));
            int i = 0;
            for (Map.Entry<String, Map<String, String>> c : contenders.entrySet()) {
                long started = System.nanoTime();
                try (Network network = Models.build(config, root, DataType.FLOAT32)) { // same seed: same initial weights
                    Losses losses = new Losses(c.getKey(), progress);
                    Trainer template = trainers.get(i++);
                    Trainer trainer = trainer(config, network, template.optimizer(), train, images, seed, c.getKey(), c.getValue())
                            .callbacks(losses);
                    trainer.fit();
                    double[] l = losses.values.stream().mapToDouble(Double::doubleValue).toArray();
                    double tail = Arrays.stream(l, Math.max(0, l.length - 100), l.length).average().orElse(Double.NaN);
                    Outcome o = new Outcome(c.getKey(), l, tail, Trainer.accuracy(network, data.test(), images),
                            (System.nanoTime() - started) / 1e9);
                    outcomes.add(o);
                    progress.finish(String.format(Locale.ROOT, "%-10s final loss %.4f  test accuracy %.4f  %.1fs",
                            o.optimizer(), o.finalLoss(), o.testAccuracy(), o.seconds()));
                }
            }
            Map<String, double[]> curves = new LinkedHashMap<>();
            outcomes.forEach(o -> curves.put(o.optimizer(), o.losses()));
            Plots.compare(curves, run.resolve("compare.png"));
            AtomicFiles.writeString(run.resolve("compare.csv"), csv(outcomes)); // last: it marks the comparison complete
        }
        return outcomes;
    }

    /** A trainer for one contender (network null: only to check its schedule before anything runs). */
    private static Trainer trainer(Config config, Network network, Optimizer optimizer, Dataset train, boolean images, long seed,
            String label, Map<String, String> scheduleKeys) {
        Trainer trainer = new Trainer(network, optimizer, train, images).batchSize(config.integer("batch-size")).seed(seed).evaluate(false);
        long total = config.has("iterations") ? config.longValue("iterations") : config.longValue("epochs") * trainer.iterationsPerEpoch();
        if (config.has("iterations")) {
            trainer.iterations(total);
        } else {
            trainer.epochs(config.longValue("epochs"));
        }
        try {
            Schedule schedule = Schedules.create(scheduleKeys, optimizer.learningRate(), total, trainer.iterationsPerEpoch());
            schedule.apply(optimizer, 0);
            return trainer.callbacks(new LearningRateSchedule(schedule));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new ConfigException(label + ": " + e.getMessage());
        }
    }

    /** {@code cosine} or {@code onecycle:max-learning-rate=0.01}: the schedule's keys over the shared ones. */
    private static Map<String, String> scheduleKeys(String entry, Map<String, String> shared) {
        String[] parts = entry.trim().split(":");
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("lr-schedule", parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                throw new ConfigException("lr-schedules entry '" + entry + "': '" + parts[i] + "' is not key=value (e.g. onecycle:max-learning-rate=0.01)");
            }
            keys.put(kv[0].trim(), kv[1].trim());
        }
        shared.forEach((k, v) -> {
            if (!k.equals("lr-schedule")) {
                keys.putIfAbsent(k, v);
            }
        });
        return keys;
    }

    /** Keeps every update's loss and draws the bar. */
    private static final class Losses implements Callback {
        final List<Double> values = new ArrayList<>();
        private final String label;
        private final Progress progress;

        Losses(String label, Progress progress) {
            this.label = label;
            this.progress = progress;
        }

        @Override
        public void onTrainBegin(TrainingState s) {
            progress.start(label, s.totalIterations());
        }

        @Override
        public void onBatchEnd(TrainingState s, double loss) {
            values.add(loss);
            progress.advance(s.iteration(), loss);
            if (!Double.isFinite(loss)) {
                s.requestStop("diverged"); // this optimizer ranks last; the comparison goes on
            }
        }
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

    private static String csv(List<Outcome> outcomes) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                .setHeader("optimizer", "iteration", "loss").get())) {
            for (Outcome o : outcomes) {
                for (int i = 0; i < o.losses().length; i++) {
                    p.printRecord(o.optimizer(), i + 1, String.format(Locale.ROOT, "%.6f", o.losses()[i]));
                }
            }
        }
        return w.toString();
    }
}
