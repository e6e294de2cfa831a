package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.data.Batch;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.ProgressReport;
import dev.descent.examples.train.Trainer;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Seed 002: why sigmoid or ReLU and not a step. The same MLP, from the same initial weights and batches,
 * trained once with {@code activation = sigmoid} and once with {@code activation = step} (the perceptron's
 * y = [x &gt; 0], {@code ./descent train --activation step}). The step's derivative is 0, so backprop hands
 * every layer before it a zero gradient: those weights never move, the loss is flat in them, and only the
 * output layer learns — on top of fixed random features. Prints the loss and test accuracy per epoch of
 * both and how far each layer's weights moved; draws {@code step-vs-sigmoid.png}.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.StepActivation [out-dir] [config]} (default: 784-50-10,
 * Xavier init, mini-batch SGD lr 0.1, batch 100, 5 epochs on MNIST).
 */
public final class StepActivation {
    public static final Map<String, String> DEFAULTS = Map.of("hidden-sizes", "50", "dropout", "0", "weight-init", "xavier",
            "optimizer", "minibatch", "learning-rate", "0.1", "epochs", "5");
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "step");

    /**
     * One activation's run: rows per epoch (row 0: before training, its loss on the whole training set) and, per
     * parameter, the largest change of any element from its initial value.
     */
    public record Run(String activation, List<Metrics.Row> rows, Map<String, Double> moved) {}

    private StepActivation() {}

    public static void main(String[] args) throws IOException {
        Config config = new Config(Config.TRAIN, DEFAULTS);
        if (args.length > 1) {
            config.load(Path.of(args[1]));
        }
        Path out = args.length > 0 ? Path.of(args[0]) : Runs.defaultOut("step");
        List<Run> runs = run(config, out, Progress.forConsole(), DownloadListener.logging());
        System.out.print(table(runs) + "wrote " + out.resolve("step-vs-sigmoid.png") + "\n");
    }

    public static List<Run> run(Config config, Path out, Progress progress, DownloadListener downloads) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (String activation : ACTIVATIONS) {
            config.set("activation", activation).check();
            try (NDManager root = Engines.newManager();
                    TrainTest data = DataLoading.load(config, root, downloads);
                    Network net = Models.build(config, root, DataType.FLOAT32)) { // same seed: the same initial weights for both
                Map<String, float[]> initial = new LinkedHashMap<>();
                net.parameters().forEach(p -> initial.put(p.name(), p.value().toFloatArray()));
                List<Metrics.Row> rows = new ArrayList<>();
                Batch all = data.train().all(false);
                rows.add(new Metrics.Row(0, 0, Evaluation.meanLoss(net, all.x(), all.t()), Trainer.accuracy(net, data.train(), false),
                        Trainer.accuracy(net, data.test(), false), 0, Map.of()));
                rows.addAll(new Trainer(net, TrainMnist.optimizer(config), data.train(), false).batchSize(config.integer("batch-size"))
                        .seed(config.longValue("seed")).epochs(config.longValue("epochs")).evaluateOn(data.test(), null)
                        .callbacks(new ProgressReport(progress)).fit().rows());
                Map<String, Double> moved = new LinkedHashMap<>();
                for (Parameter p : net.parameters()) {
                    float[] before = initial.get(p.name());
                    float[] after = p.value().toFloatArray();
                    double most = 0;
                    for (int i = 0; i < after.length; i++) {
                        most = Math.max(most, Math.abs(after[i] - before[i]));
                    }
                    moved.put(p.name(), most);
                }
                runs.add(new Run(activation, rows, moved));
            }
        }
        Files.createDirectories(out);
        plot(runs, out.resolve("step-vs-sigmoid.png"));
        return runs;
    }

    /** Loss and test accuracy per epoch side by side, then how far each parameter moved. */
    public static String table(List<Run> runs) {
        StringBuilder s = new StringBuilder(String.format("%5s", "epoch"));
        runs.forEach(r -> s.append(String.format("   %-9s %8s %9s", r.activation(), "loss", "test acc")));
        s.append('\n');
        for (int i = 0; i < runs.get(0).rows().size(); i++) {
            s.append(String.format("%5d", i));
            for (Run r : runs) {
                Metrics.Row row = r.rows().get(i);
                s.append(String.format(Locale.ROOT, "   %-9s %8.4f %9.4f", "", row.loss(), row.testAccuracy()));
            }
            s.append('\n');
        }
        s.append("(epoch 0: before training, the loss of the whole training set; then the mean loss of each epoch's updates)\n\n");
        s.append("largest change of any weight from its initial value:\n");
        for (String name : runs.get(0).moved().keySet()) {
            s.append(String.format("  %-12s", name));
            runs.forEach(r -> s.append(String.format(Locale.ROOT, "   %s %.3e", r.activation(), r.moved().get(name))));
            s.append('\n');
        }
        return s.append("with a step, every layer before the last step keeps its initial weights exactly: its gradient is 0 at every update\n")
                .toString();
    }

    private static void plot(List<Run> runs, Path file) throws IOException {
        XYChart loss = new XYChartBuilder().width(640).height(480).title("Training loss per epoch").xAxisTitle("epoch").yAxisTitle("loss")
                .build();
        XYChart accuracy = new XYChartBuilder().width(640).height(480).title("Test accuracy").xAxisTitle("epoch").yAxisTitle("accuracy")
                .build();
        Color[] colors = {new Color(31, 119, 180), new Color(214, 39, 40)};
        for (XYChart c : List.of(loss, accuracy)) {
            c.getStyler().setXAxisDecimalPattern("#").setLegendPosition(Styler.LegendPosition.InsideNE).setAntiAlias(true).setMarkerSize(6);
        }
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] epochs = r.rows().stream().mapToDouble(Metrics.Row::epoch).toArray();
            loss.addSeries(r.activation(), epochs, r.rows().stream().mapToDouble(Metrics.Row::loss).toArray())
                    .setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colors[i % 2]).setLineColor(colors[i % 2]);
            accuracy.addSeries(r.activation(), epochs, r.rows().stream().mapToDouble(Metrics.Row::testAccuracy).toArray())
                    .setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colors[i % 2]).setLineColor(colors[i % 2]);
        }
        BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
