package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.AtomicFiles;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.core.Network;
import dev.descent.data.Batch;
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
 *
 * <p>Seed 004's comparison of GD, SGD and mini-batch: {@code perEpoch} gives every entry the same number of
 * passes over the data ({@code epochs}) instead of the same number of updates, so an epoch is one update for
 * {@code gd}, N for {@code sgd} and N / batch-size for the rest (iterations = samples × epochs / batch-size);
 * {@code batchSizes} compares batch sizes for one optimizer. Both add the updates per epoch, the loss's noise
 * and the throughput to the table, and loss against seconds to the picture.
 */
public final class CompareOptimizers {
    public static final Map<String, String> DEFAULTS = Map.of(
            "hidden-sizes", "100,100,100,100", "dropout", "0", "weight-init", "he", "batch-size", "128", "iterations", "2000");
    /** The book's four. Its "SGD" takes a mini-batch per update, which is Descent's {@code minibatch} ({@code sgd} takes one sample). */
    public static final List<String> DEFAULT_OPTIMIZERS = List.of("minibatch", "momentum", "adagrad", "adam");

    /** Per-epoch comparisons count epochs (3, as in seed 004's example), not the 2000 updates of the book's. */
    public static final Map<String, String> PER_EPOCH_DEFAULTS = Map.of(
            "hidden-sizes", "100,100,100,100", "dropout", "0", "weight-init", "he", "batch-size", "128", "epochs", "3");

    /**
     * One entry's outcome. {@code finalLoss}: the mean of the last 100 iterations (single batches are noisy), or with
     * {@code perEpoch} the loss of the whole training set after the last update (a fair measure whatever the batch).
     * {@code elapsed[i]}: training seconds when update i+1 ended; {@code noise}: see {@link #noise} (over the last epoch,
     * or the last 100 updates without {@code perEpoch}).
     */
    public record Outcome(String optimizer, double[] losses, double finalLoss, double testAccuracy, double seconds, long updatesPerEpoch,
            long samplesPerEpoch, double[] elapsed, double noise) {
        /** Samples per second of training: every epoch visits each sample once, whatever the batch size. */
        public double throughput() {
            return elapsed.length == 0 ? Double.NaN : (double) losses.length / updatesPerEpoch * samplesPerEpoch / elapsed[elapsed.length - 1];
        }
    }

    /** What a comparison varies besides optimizers: schedules or batch sizes (for one optimizer), and whether it counts epochs. */
    public record Mode(List<String> schedules, List<Integer> batchSizes, boolean perEpoch) {
        public static final Mode OPTIMIZERS = new Mode(List.of(), List.of(), false);

        /** Whether the table and picture show the per-epoch measures (updates per epoch, noise, seconds). */
        boolean detailed() {
            return perEpoch || !batchSizes.isEmpty();
        }
    }

    /** One contender: its label, its optimizer entry, its schedule keys and its batch size. */
    private record Contender(String label, String optimizerEntry, Map<String, String> scheduleKeys, int batchSize) {}

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
        return compare(config, entries, Mode.OPTIMIZERS, out, progress, downloads);
    }

    /**
     * With {@code schedules} (e.g. {@code constant, cosine, onecycle:max-learning-rate=0.01}), compares learning-rate
     * schedules for the one optimizer {@code entries} names instead of optimizers.
     */
    public static List<Outcome> compare(Config config, List<String> entries, List<String> schedules, Path out, Progress progress,
            DownloadListener downloads) throws IOException {
        return compare(config, entries, new Mode(schedules, List.of(), false), out, progress, downloads);
    }

    public static List<Outcome> compare(Config config, List<String> entries, Mode mode, Path out, Progress progress,
            DownloadListener downloads) throws IOException {
        config.check();
        Map<String, Optimizer> optimizers = optimizers(entries, config.hyperparameters());
        List<Contender> contenders = contenders(config, optimizers, mode);
        long seed = config.longValue("seed");
        boolean images = Models.takesImages(config);
        List<Outcome> outcomes = new ArrayList<>();
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                RunDirectory run = RunDirectory.open(out, "compare.csv", false, "choose another --out")) {
            Dataset train = data.train();
            List<Trainer> trainers = new ArrayList<>();
            for (Contender c : contenders) { // every schedule is checked before training
                Optimizer optimizer = optimizers(List.of(c.optimizerEntry()), config.hyperparameters()).get(c.optimizerEntry());
                trainers.add(trainer(config, null, optimizer, train, images, seed, c));
            }
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("optimizers", String.join(",", optimizers.keySet()));
            notes.put("lr-schedules", mode.schedules().isEmpty() ? "-" : String.join(",", mode.schedules()));
            if (mode.detailed()) {
                notes.put("batch-sizes", mode.batchSizes().isEmpty() ? "-"
                        : String.join(",", mode.batchSizes().stream().map(String::valueOf).toList()));
                notes.put("per-epoch", Boolean.toString(mode.perEpoch()));
            }
            run.writeConfig(config.text(notes));
            int i = 0;
            for (Contender c : contenders) {
                long started = System.nanoTime();
                try (Network network = Models.build(config, root, DataType.FLOAT32)) { // same seed: same initial weights
                    Losses losses = new Losses(c.label(), progress);
                    Trainer template = trainers.get(i++);
                    Trainer trainer = trainer(config, network, template.optimizer(), train, images, seed, c).callbacks(losses);
                    trainer.fit();
                    double[] l = losses.values.stream().mapToDouble(Double::doubleValue).toArray();
                    long perEpoch = trainer.iterationsPerEpoch();
                    int window = mode.perEpoch() ? (int) Math.min(perEpoch, l.length) : Math.min(100, l.length);
                    double tail = Arrays.stream(l, Math.max(0, l.length - 100), l.length).average().orElse(Double.NaN);
                    if (mode.perEpoch()) {
                        Batch all = train.all(images);
                        tail = Evaluation.meanLoss(network, all.x(), all.t());
                    }
                    Outcome o = new Outcome(c.label(), l, tail, Trainer.accuracy(network, data.test(), images),
                            (System.nanoTime() - started) / 1e9, perEpoch, train.size(),
                            losses.elapsed.stream().mapToDouble(Double::doubleValue).toArray(), noise(l, window));
                    outcomes.add(o);
                    progress.finish(String.format(Locale.ROOT, "%-10s final loss %.4f  test accuracy %.4f  %.1fs",
                            o.optimizer(), o.finalLoss(), o.testAccuracy(), o.seconds()));
                }
            }
            if (mode.detailed()) {
                Plots.compareOverTime(outcomes, mode.perEpoch(), run.resolve("compare.png"));
            } else {
                Map<String, double[]> curves = new LinkedHashMap<>();
                outcomes.forEach(o -> curves.put(o.optimizer(), o.losses()));
                Plots.compare(curves, run.resolve("compare.png"));
            }
            AtomicFiles.writeString(run.resolve("compare.csv"), csv(outcomes, mode.detailed())); // last: it marks the comparison complete
        }
        return outcomes;
    }

    /** What is compared, checked before anything is written: optimizers, or schedules or batch sizes for one optimizer. */
    private static List<Contender> contenders(Config config, Map<String, Optimizer> optimizers, Mode mode) {
        if (mode.perEpoch() && config.given("iterations")) {
            throw new ConfigException("--per-epoch compares equal passes over the data; give --epochs, not --iterations");
        }
        if (!mode.schedules().isEmpty() && !mode.batchSizes().isEmpty()) {
            throw new ConfigException("--lr-schedules and --batch-sizes both given; compare one of them at a time");
        }
        List<Contender> contenders = new ArrayList<>();
        int batchSize = config.integer("batch-size");
        if (!mode.schedules().isEmpty()) {
            if (optimizers.size() != 1) {
                throw new ConfigException("--lr-schedules compares schedules for one optimizer; --optimizers names " + optimizers.size());
            }
            if (config.given("lr-schedule")) {
                throw new ConfigException("lr-schedule and --lr-schedules both given; list the schedules in --lr-schedules");
            }
            String only = optimizers.keySet().iterator().next();
            for (String entry : mode.schedules()) {
                contenders.add(new Contender(entry.trim(), only, scheduleKeys(entry, config.scheduleKeys()), batchSize));
            }
        } else if (!mode.batchSizes().isEmpty()) {
            if (optimizers.size() != 1) {
                throw new ConfigException("--batch-sizes compares batch sizes for one optimizer; --optimizers names " + optimizers.size());
            }
            if (config.given("batch-size")) {
                throw new ConfigException("batch-size and --batch-sizes both given; list the sizes in --batch-sizes");
            }
            Map.Entry<String, Optimizer> only = optimizers.entrySet().iterator().next();
            if (only.getValue().samplesPerUpdate(2, Long.MAX_VALUE) != 2) {
                throw new ConfigException("--batch-sizes: " + only.getKey() + " does not take batch-size samples per update (gd takes all, "
                        + "sgd one); compare them with --optimizers gd,sgd,minibatch --per-epoch, or give a mini-batch optimizer");
            }
            for (int size : mode.batchSizes()) {
                if (size < 1) {
                    throw new ConfigException("--batch-sizes: " + size + " is not a positive batch size");
                }
                String label = only.getKey() + ":batch-size=" + size;
                if (contenders.stream().anyMatch(c -> c.label().equals(label))) {
                    throw new ConfigException("--batch-sizes lists " + size + " twice");
                }
                contenders.add(new Contender(label, only.getKey(), config.scheduleKeys(), size));
            }
        } else {
            optimizers.keySet().forEach(k -> contenders.add(new Contender(k, k, config.scheduleKeys(), batchSize)));
        }
        return contenders;
    }

    /**
     * The noise of the per-update loss over its last {@code window} values: the standard deviation of the change from one
     * update to the next, divided by √2 (the spread of one value when successive ones are independent, whatever the
     * trend), relative to the mean loss over the window. NaN for fewer than three values.
     */
    static double noise(double[] values, int window) {
        int from = Math.max(0, values.length - window);
        int n = values.length - from - 1; // differences
        if (n < 2) {
            return Double.NaN;
        }
        double[] change = new double[n];
        for (int i = 0; i < n; i++) {
            change[i] = values[from + i + 1] - values[from + i];
        }
        double meanChange = Arrays.stream(change).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(change).map(c -> (c - meanChange) * (c - meanChange)).sum() / (n - 1)) / Math.sqrt(2);
        return sd / Arrays.stream(values, from, values.length).average().orElseThrow();
    }

    /** A trainer for one contender (network null: only to check its schedule before anything runs). */
    private static Trainer trainer(Config config, Network network, Optimizer optimizer, Dataset train, boolean images, long seed,
            Contender contender) {
        String label = contender.label();
        Map<String, String> scheduleKeys = contender.scheduleKeys();
        Trainer trainer = new Trainer(network, optimizer, train, images).batchSize(contender.batchSize()).seed(seed).evaluate(false);
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
        final List<Double> elapsed = new ArrayList<>();
        private final String label;
        private final Progress progress;
        private long started;

        Losses(String label, Progress progress) {
            this.label = label;
            this.progress = progress;
        }

        @Override
        public void onTrainBegin(TrainingState s) {
            progress.start(label, s.totalIterations());
            started = System.nanoTime();
        }

        @Override
        public void onBatchEnd(TrainingState s, double loss) {
            values.add(loss);
            elapsed.add((System.nanoTime() - started) / 1e9);
            progress.advance(s.iteration(), loss);
            if (!Double.isFinite(loss)) {
                s.requestStop("diverged"); // this optimizer ranks last; the comparison goes on
            }
        }
    }

    /** The ranking, best (lowest final loss) first. NaN (diverged) ranks last. */
    public static String table(List<Outcome> outcomes) {
        return table(outcomes, Mode.OPTIMIZERS);
    }

    /** The ranking; per-epoch and batch-size comparisons add updates per epoch, the loss's noise and the throughput. */
    public static String table(List<Outcome> outcomes, Mode mode) {
        List<Outcome> ranked = new ArrayList<>(outcomes);
        ranked.sort(Comparator.comparingDouble(o -> Double.isNaN(o.finalLoss()) ? Double.MAX_VALUE : o.finalLoss()));
        int width = Math.max(10, ranked.stream().mapToInt(o -> o.optimizer().length()).max().orElse(10));
        String label = "%-" + width + "s";
        StringBuilder s = new StringBuilder(String.format("%4s  " + label + " %12s %12s", "rank", "optimizer", "final loss", "test acc"));
        s.append(mode.detailed() ? String.format(" %14s %9s %9s %11s", "updates/epoch", "updates", "noise", "samples/s") : "");
        s.append(String.format(" %9s%n", "seconds"));
        for (int i = 0; i < ranked.size(); i++) {
            Outcome o = ranked.get(i);
            s.append(String.format(Locale.ROOT, "%4d  " + label + " %12.4f %12.4f", i + 1, o.optimizer(), o.finalLoss(), o.testAccuracy()));
            if (mode.detailed()) {
                s.append(String.format(Locale.ROOT, " %14d %9d %9s %11.0f", o.updatesPerEpoch(), o.losses().length,
                        Double.isNaN(o.noise()) ? "-" : String.format(Locale.ROOT, "%.4f", o.noise()), o.throughput()));
            }
            s.append(String.format(Locale.ROOT, " %9.1f%n", o.seconds()));
        }
        int tail = ranked.isEmpty() ? 100 : Math.min(100, ranked.get(0).losses().length);
        s.append(mode.perEpoch() ? "(final loss: the loss of the whole training set after the last update)\n"
                : "(final loss: mean training loss of the last " + tail + " iterations)\n");
        if (mode.detailed()) {
            s.append("(noise: the sd of the loss's change from one update to the next, /√2, relative to the mean loss, over the ")
                    .append(mode.perEpoch() ? "last epoch" : "last " + tail + " updates").append("; samples/s: training only)\n");
        }
        return s.toString();
    }

    private static String csv(List<Outcome> outcomes, boolean detailed) throws IOException {
        StringWriter w = new StringWriter();
        String[] header = detailed ? new String[] {"optimizer", "iteration", "loss", "epoch", "seconds"} : new String[] {"optimizer", "iteration", "loss"};
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader(header).get())) {
            for (Outcome o : outcomes) {
                for (int i = 0; i < o.losses().length; i++) {
                    if (detailed) {
                        p.printRecord(o.optimizer(), i + 1, String.format(Locale.ROOT, "%.6f", o.losses()[i]),
                                String.format(Locale.ROOT, "%.6f", (i + 1.0) / o.updatesPerEpoch()), String.format(Locale.ROOT, "%.4f", o.elapsed()[i]));
                    } else {
                        p.printRecord(o.optimizer(), i + 1, String.format(Locale.ROOT, "%.6f", o.losses()[i]));
                    }
                }
            }
        }
        return w.toString();
    }
}
