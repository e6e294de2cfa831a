package dev.descent.examples;

import dev.descent.data.DownloadListener;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Overfitting (seed 002; the book's chapter-6 experiment, {@code overfit_weight_decay.py} and
 * {@code overfit_dropout.py}): a deep MLP trained on only 300 images learns them by heart — training
 * accuracy 1.0 — while test accuracy stays far below. The same run with dropout, and with weight decay,
 * narrows the gap. Each of the three is an ordinary {@code train} run (its own directory with
 * {@code metrics.csv}, {@code curves.png}, ...); {@code overfit.png} draws their accuracies together.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.Overfitting [out-dir] [config]}
 * (default {@code examples/configs/overfit.properties}; on MNIST about a minute on an idle 2-core machine).
 */
public final class Overfitting {
    /** The regularisers the book tries, each one key over the config: its dropout ratio and its weight-decay λ. */
    public static final Map<String, Map<String, String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("none", Map.of());
        VARIANTS.put("dropout", Map.of("dropout", "0.2"));
        VARIANTS.put("weight-decay", Map.of("weight-decay", "0.1"));
    }

    /** One run's last row and the curves of all its rows. */
    public record Run(String name, Map<String, String> keys, List<Metrics.Row> rows) {
        public double train() {
            return rows.get(rows.size() - 1).trainAccuracy();
        }

        public double test() {
            return rows.get(rows.size() - 1).testAccuracy();
        }

        public double gap() {
            return train() - test();
        }
    }

    private Overfitting() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Runs.defaultOut("overfit");
        Path config = Path.of(args.length > 1 ? args[1] : "examples/configs/overfit.properties");
        List<Run> runs = run(() -> new Config(Config.TRAIN).load(config), out, Progress.forConsole(), DownloadListener.logging());
        System.out.print(table(runs) + "results in " + out + " (overfit.png; one train run per directory)\n");
    }

    /** A fresh config per run (the variants add keys to it). */
    public interface ConfigSource {
        Config get() throws IOException;
    }

    /** Trains the config as it is, with dropout and with weight decay, into {@code out/<variant>}; draws {@code out/overfit.png}. */
    public static List<Run> run(ConfigSource source, Path out, Progress progress, DownloadListener downloads) throws IOException {
        Config first = source.get();
        if (first.has("target-columns") || !first.bool("train-accuracy")) { // before three runs, not after them
            throw new ConfigException("the overfitting lesson compares train and test accuracy: it needs classification data (no "
                    + "target-columns) and train-accuracy = true; the config sets " + (first.has("target-columns") ? "target-columns" : "train-accuracy = false"));
        }
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> v : VARIANTS.entrySet()) {
            Config config = source.get();
            v.getValue().forEach(config::set);
            Trainer.Result r = TrainMnist.train(config, out.resolve(v.getKey()), false, progress, downloads, () -> false);
            runs.add(new Run(v.getKey(), v.getValue(), r.rows()));
        }
        Map<String, List<Metrics.Row>> curves = new LinkedHashMap<>();
        runs.forEach(r -> curves.put(label(r), r.rows()));
        Files.createDirectories(out);
        Plots.accuracies(curves, "Overfitting: " + first.string("train-size") + " training images", out.resolve("overfit.png"));
        return runs;
    }

    private static String label(Run r) {
        return r.keys().isEmpty() ? "no regularisation" : String.join(", ", r.keys().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    public static String table(List<Run> runs) {
        StringBuilder s = new StringBuilder(String.format("%-22s %10s %10s %8s%n", "regularisation", "train acc", "test acc", "gap"));
        for (Run r : runs) {
            s.append(String.format(Locale.ROOT, "%-22s %10.4f %10.4f %8.4f%n", label(r), r.train(), r.test(), r.gap()));
        }
        return s.toString();
    }
}
