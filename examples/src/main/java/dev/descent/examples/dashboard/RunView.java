package dev.descent.examples.dashboard;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.examples.Classifier;
import dev.descent.examples.Config;
import dev.descent.examples.ConfigException;
import dev.descent.examples.DataLoading;
import dev.descent.examples.EvaluateModel;
import dev.descent.examples.Models;
import dev.descent.examples.train.Metrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One run as the dashboard shows it. A live run is fed by the training thread ({@link DashboardFeed}: cheap appends
 * and, once per epoch, a copy of the weights); a finished one is read from its files. The server thread alone builds
 * its own network from those weights to draw the confusion matrix, the mistakes and the canvas's probabilities, so
 * nothing the page asks for runs on the training thread.
 */
public final class RunView implements AutoCloseable {
    /** Columns of metrics.csv the page draws, when a run has them. */
    private static final List<String> COLUMNS = List.of("epoch", "iteration", "loss", "train_accuracy", "test_accuracy",
            "validation_accuracy", "learning_rate", "seconds");
    private static final int MISTAKES = 16;

    private final String name;
    private final Config config;
    private final Path model;
    // written by the training thread, read by the server: guarded by this
    private double[] lossIterations = new double[1024];
    private double[] losses = new double[1024];
    private int lossCount;
    private List<String> layers = List.of();
    private final List<double[]> stats = new ArrayList<>();
    private final List<Metrics.Row> rows = new ArrayList<>();
    private Map<String, float[]> weights;
    private long weightsVersion;
    private boolean finished;
    private long version;
    // the server's own model and test data: guarded by modelLock
    private final Object modelLock = new Object();
    private Classifier classifier;
    private long classifierVersion = -1;
    private NDManager testManager;
    private Dataset test;
    private String analysis;
    private long analysisVersion = -1;

    private RunView(String name, Config config, Path model) {
        this.name = name;
        this.config = config;
        this.model = model;
    }

    /**
     * Refuses a regression run (target-columns): the dashboard shows accuracy, a confusion matrix and a digit
     * canvas, none of which it has. {@code who} starts the message ("--dashboard", or the run directory's).
     */
    public static void requireClassification(Config config, String who) {
        if (config.has("target-columns")) {
            throw new ConfigException(who + " shows classification runs (accuracy, confusion matrix, a digit canvas); a regression run "
                    + "(target-columns) has none of them");
        }
    }

    /** A run being trained now; the feed fills it. */
    public static RunView live(String name, Config config) {
        return new RunView(name, config, null);
    }

    /** A run directory of {@code train}: its metrics.csv, config.properties and model.npz. */
    public static RunView finished(Path dir) throws IOException {
        Path model = EvaluateModel.modelFile(dir);
        Config config = EvaluateModel.savedConfig(model);
        requireClassification(config, dir + ": the dashboard"); // before the server starts
        RunView view = new RunView(dir.toString(), config, model);
        for (Metrics.Row r : Metrics.read(dir.resolve("metrics.csv"))) {
            view.addRow(r);
            view.addLoss(r.iteration(), r.loss());
        }
        view.finished = true;
        return view;
    }

    public String name() {
        return name;
    }

    synchronized long version() {
        return version;
    }

    synchronized void addLoss(long iteration, double loss) {
        if (lossCount == losses.length) {
            losses = Arrays.copyOf(losses, 2 * lossCount);
            lossIterations = Arrays.copyOf(lossIterations, 2 * lossCount);
        }
        lossIterations[lossCount] = iteration;
        losses[lossCount++] = loss;
        version++;
    }

    /** {@code row}: the iteration, each layer's gradient norm, then each layer's update:parameter ratio. */
    synchronized void addStats(List<String> names, double[] row) {
        layers = names;
        stats.add(row);
        version++;
    }

    synchronized void addRow(Metrics.Row row) {
        rows.add(row);
        version++;
    }

    synchronized void publishWeights(Map<String, float[]> copy) {
        weights = copy;
        weightsVersion++;
        version++;
    }

    synchronized void finish() {
        finished = true;
        version++;
    }

    /** An update's JSON and where the next one starts. */
    record Update(String json, int lossTo, int statTo) {}

    /** What the page has not seen yet: losses from index {@code lossFrom}, layer statistics from {@code statFrom}, all rows. */
    synchronized Update update(int lossFrom, int statFrom) {
        StringBuilder b = new StringBuilder("{\"name\":").append(Json.string(name)).append(",\"finished\":").append(finished)
                .append(",\"lossFrom\":").append(lossFrom).append(",\"lossIterations\":").append(Json.numbers(lossIterations, lossFrom, lossCount))
                .append(",\"losses\":").append(Json.numbers(losses, lossFrom, lossCount)).append(",\"rows\":{");
        for (int c = 0; c < COLUMNS.size(); c++) {
            String column = COLUMNS.get(c);
            b.append(c > 0 ? "," : "").append(Json.string(column)).append(":")
                    .append(Json.numbers(rows.stream().mapToDouble(r -> r.get(column)).toArray(), 0, rows.size()));
        }
        b.append("},\"layers\":").append(Json.strings(layers)).append(",\"statFrom\":").append(statFrom).append(",\"stats\":[");
        for (int i = statFrom; i < stats.size(); i++) {
            b.append(i > statFrom ? "," : "").append(Json.numbers(stats.get(i), 0, stats.get(i).length));
        }
        b.append("],\"model\":").append(model != null || weights != null).append('}');
        return new Update(b.toString(), lossCount, stats.size());
    }

    /** The model of the latest epoch (a live run's weights copied in), or null before the first epoch ends. */
    private Classifier classifier() throws IOException {
        Map<String, float[]> copy;
        long v;
        synchronized (this) {
            copy = weights;
            v = weightsVersion;
        }
        if (model != null) {
            if (classifier == null) {
                classifier = Classifier.load(model);
            }
        } else if (copy != null && v != classifierVersion) {
            if (classifier == null) {
                classifier = Classifier.of(config);
            }
            classifier.setWeights(copy, name + " (live)");
            classifierVersion = v;
        }
        return classifier;
    }

    /** Confusion matrix and the test images the model gets most confidently wrong, as JSON; computed once per epoch. */
    String analysis() throws IOException {
        synchronized (modelLock) {
            Classifier c = classifier();
            if (c == null) {
                return "{\"ready\":false}";
            }
            if (analysis != null && analysisVersion == classifierVersion) {
                return analysis;
            }
            if (test == null) {
                testManager = Engines.newManager();
                test = DataLoading.loadTest(EvaluateModel.dataConfig(config), testManager, DownloadListener.silent());
            }
            int n = test.size();
            int[] labels = test.labels();
            int classes = c.classNames().size();
            long[][] confusion = new long[classes][classes];
            float[] confidence = new float[n];
            int[] predicted = new int[n];
            NDArray x = test.all(Models.takesImages(config)).x();
            int chunk = Evaluation.chunk(c.network());
            for (int from = 0; from < n; from += chunk) {
                try (NDManager sub = x.getManager().newSubManager()) {
                    NDArray p = c.network().predict(x.get(sub, new NDIndex("{}:{}", from, Math.min(n, from + chunk))));
                    float[] max = p.max(new int[] {1}).toFloatArray();
                    long[] arg = p.argMax(1).toLongArray();
                    for (int i = 0; i < arg.length; i++) {
                        predicted[from + i] = (int) arg[i];
                        confidence[from + i] = max[i];
                        confusion[labels[from + i]][(int) arg[i]]++;
                    }
                }
            }
            Integer[] wrong = IntStream.range(0, n).filter(i -> predicted[i] != labels[i]).boxed()
                    .sorted((a, b) -> Float.compare(confidence[b], confidence[a])).limit(MISTAKES).toArray(Integer[]::new);
            StringBuilder b = new StringBuilder("{\"ready\":true,\"classNames\":").append(Json.strings(c.classNames())).append(",\"confusion\":[");
            for (int i = 0; i < classes; i++) {
                b.append(i > 0 ? "," : "").append(Json.numbers(Arrays.stream(confusion[i]).asDoubleStream().toArray(), 0, classes));
            }
            b.append("],\"mistakes\":[");
            for (int k = 0; k < wrong.length; k++) {
                int i = wrong[k];
                float[] pixels;
                try (NDManager sub = test.images().getManager().newSubManager()) {
                    pixels = test.images().get(sub, new NDIndex("{}", i)).toFloatArray();
                }
                b.append(k > 0 ? "," : "").append("{\"index\":").append(i).append(",\"label\":").append(labels[i]).append(",\"predicted\":")
                        .append(predicted[i]).append(",\"confidence\":").append(Json.number(confidence[i])).append(",\"pixels\":")
                        .append(bytes(pixels)).append('}');
            }
            analysis = b.append("]}").toString();
            analysisVersion = classifierVersion;
            return analysis;
        }
    }

    /** The canvas's drawing through {@code predict}'s preprocessing and the latest model, as JSON. */
    String predict(BufferedImage image) throws IOException {
        synchronized (modelLock) {
            Classifier c = classifier();
            if (c == null) {
                return "{\"ready\":false}";
            }
            float[] input;
            try {
                input = c.preprocessing().apply(image, "the drawing");
            } catch (DataException e) {
                return "{\"ready\":true,\"error\":" + Json.string(e.getMessage()) + "}";
            }
            float[] p = c.probabilities(List.of(input))[0];
            double[] probabilities = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                probabilities[i] = p[i];
            }
            return "{\"ready\":true,\"classNames\":" + Json.strings(c.classNames()) + ",\"probabilities\":"
                    + Json.numbers(probabilities, 0, p.length) + ",\"input\":" + bytes(input) + "}";
        }
    }

    private static String bytes(float[] pixels) {
        double[] v = new double[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(255 * pixels[i]);
        }
        return Json.numbers(v, 0, v.length);
    }

    @Override
    public void close() {
        synchronized (modelLock) {
            if (classifier != null) {
                classifier.close();
            }
            if (testManager != null) {
                testManager.close();
            }
        }
    }
}
