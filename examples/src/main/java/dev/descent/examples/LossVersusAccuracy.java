package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.grad.NumericalDiff;
import dev.descent.core.grad.NumericalGradient;
import dev.descent.data.Batch;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Trainer;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Seed 002, "why a loss and not accuracy": train a net a little, take a batch of 100 images, and take the
 * numerical derivative (central differences, h = 1e-4) of the batch's accuracy and of its loss with respect
 * to every weight, both from the same two forward passes per weight. Accuracy's is 0 almost everywhere — a small change of one weight flips no prediction,
 * and when it does flip one the accuracy jumps by 1/100 (a derivative of ±0.01/2h = ±50, a step, not a slope)
 * — so gradient descent on accuracy would not move. The loss's derivative is not 0: it says which way
 * to go. {@code accuracy-vs-loss.png} sweeps the weight with the steepest loss over a wide range: accuracy is a
 * staircase in 1% steps, the loss a smooth curve.
 *
 * <p>The network is FLOAT64 so that central differences of the loss are exact to many digits. Run it:
 * {@code java -cp ... dev.descent.examples.LossVersusAccuracy [out-dir] [config]} (default: the book's TwoLayerNet
 * 784-50-10, one epoch of mini-batch SGD on MNIST, then 39,760 weights × 2 forward passes).
 */
public final class LossVersusAccuracy {
    /** The book's TwoLayerNet trained for one epoch. */
    public static final Map<String, String> DEFAULTS = Map.of("hidden-sizes", "50", "dropout", "0", "optimizer", "minibatch",
            "learning-rate", "0.1", "epochs", "1");
    public static final int BATCH = 100;

    /** The weight swept for the picture, its offsets, and accuracy and loss at each. */
    public record Sweep(String weight, double value, double[] offsets, double[] accuracy, double[] loss) {}

    /**
     * Over all {@code weights}: how many have a non-zero loss derivative and a non-zero accuracy derivative, how many
     * the batch cannot reach (loss derivative and backprop's gradient both exactly 0), the distinct non-zero accuracy
     * derivatives, and the batch's accuracy and loss where they were taken.
     */
    public record Result(long weights, long lossNonZero, long accuracyNonZero, long unreached, TreeSet<Double> accuracySlopes, double accuracy,
            double loss, double testAccuracy, Sweep sweep, Path picture) {
        public String text() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "a trained net (test accuracy %.4f) on a batch of %d training images: accuracy %.2f, loss %.6f%n", testAccuracy, BATCH,
                    accuracy, loss));
            s.append(String.format(Locale.ROOT, "central differences (h = %.0e) with respect to each of its %,d weights:%n", NumericalDiff.H, weights));
            s.append(String.format(Locale.ROOT, "  loss:     derivative ≠ 0 for %,d weights (%.1f%%)%n", lossNonZero, 100.0 * lossNonZero / weights));
            s.append(String.format(Locale.ROOT, "  accuracy: derivative ≠ 0 for %,d weights (%.3f%%), = 0 for the other %,d%n", accuracyNonZero,
                    100.0 * accuracyNonZero / weights, weights - accuracyNonZero));
            if (!accuracySlopes.isEmpty()) {
                s.append("  accuracy's non-zero derivatives: ").append(accuracySlopes).append(String.format(Locale.ROOT,
                        " — multiples of 0.01/2h = %.0f: one prediction flipped inside ±h, a jump rather than a slope%n", 0.01 / (2 * NumericalDiff.H)));
            }
            s.append(String.format(Locale.ROOT, "  the loss's derivative is 0 for %,d weights, and backprop's gradient is exactly 0 for %,d of them:%n"
                    + "  the batch cannot reach those (a pixel blank in all %d images, a ReLU unit off for all of them)%n", weights - lossNonZero,
                    unreached, BATCH));
            TreeSet<Double> levels = new TreeSet<>();
            for (double a : sweep.accuracy()) {
                levels.add(Math.round(a * BATCH) / (double) BATCH);
            }
            s.append(String.format(Locale.ROOT, "%nmoving %s (%.4f) from %.2f to %+.2f around its value: accuracy takes only the values %s,%n"
                    + "every change a multiple of 1/%d; the loss goes smoothly from %.4f through %.4f to %.4f%n", sweep.weight(), sweep.value(),
                    sweep.offsets()[0], sweep.offsets()[sweep.offsets().length - 1], levels, BATCH, sweep.loss()[0],
                    sweep.loss()[sweep.loss().length / 2], sweep.loss()[sweep.loss().length - 1]));
            return s.append("wrote ").append(picture).append('\n').toString();
        }
    }

    private LossVersusAccuracy() {}

    public static void main(String[] args) throws IOException {
        Config config = new Config(Config.TRAIN, DEFAULTS);
        if (args.length > 1) {
            config.load(Path.of(args[1]));
        }
        Path out = args.length > 0 ? Path.of(args[0]) : Runs.defaultOut("loss-vs-accuracy");
        System.out.print(run(config, out, DownloadListener.logging()).text());
    }

    public static Result run(Config config, Path out, DownloadListener downloads) throws IOException {
        config.check();
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                Network net = Models.build(config, root, DataType.FLOAT64)) {
            // 1. Train it a little, as the book's train_neuralnet.py does.
            new Trainer(net, TrainMnist.optimizer(config), data.train(), false).batchSize(config.integer("batch-size"))
                    .seed(config.longValue("seed")).epochs(config.longValue("epochs")).evaluate(false).fit();
            double testAccuracy = Trainer.accuracy(net, data.test(), false);

            // 2. A batch of 100 images, and its accuracy and loss as functions of the weights.
            NDManager m = root.newSubManager();
            Batch batch = data.train().slice(m, 0, Math.min(BATCH, data.train().size()), false);
            NDArray x = batch.x().toType(DataType.FLOAT64, false);
            NDArray t = batch.t().toType(DataType.FLOAT64, false);

            // 3. Both derivatives with respect to every weight, by central differences (the book's numerical_gradient loop),
            //    and backprop's gradient beside them, to see which weights the batch cannot reach at all.
            double h = NumericalDiff.H;
            net.gradient(x, t);
            long weights = 0;
            long lossNonZero = 0;
            long accuracyNonZero = 0;
            long unreached = 0;
            TreeSet<Double> slopes = new TreeSet<>();
            Parameter steepest = null;
            int steepestElement = 0;
            double steepestSlope = 0;
            for (Parameter p : net.parameters()) {
                double[] values = p.value().toDoubleArray();
                double[] backprop = p.grad().toDoubleArray();
                for (int i = 0; i < values.length; i++) {
                    NDIndex at = new NDIndex(unravel(i, p.value().getShape().getShape()));
                    p.value().set(at, values[i] + h);
                    double[] plus = accuracyAndLoss(net, x, t);
                    p.value().set(at, values[i] - h);
                    double[] minus = accuracyAndLoss(net, x, t);
                    p.value().set(at, values[i]);
                    double dAccuracy = (plus[0] - minus[0]) / (2 * h);
                    double dLoss = (plus[1] - minus[1]) / (2 * h);

                    weights++;
                    lossNonZero += dLoss != 0 ? 1 : 0;
                    unreached += dLoss == 0 && backprop[i] == 0 ? 1 : 0;
                    if (dAccuracy != 0) {
                        accuracyNonZero++;
                        slopes.add((double) Math.round(dAccuracy));
                    }
                    if (Math.abs(dLoss) > Math.abs(steepestSlope)) {
                        steepest = p;
                        steepestElement = i;
                        steepestSlope = dLoss;
                    }
                }
            }

            // 4. The steepest weight swept over a range wide enough for several predictions to flip.
            Sweep sweep = sweep(net, x, t, steepest, steepestElement);
            Files.createDirectories(out);
            Path picture = out.resolve("accuracy-vs-loss.png");
            plot(sweep, picture);
            double[] here = accuracyAndLoss(net, x, t);
            Result r = new Result(weights, lossNonZero, accuracyNonZero, unreached, slopes, here[0], here[1], testAccuracy, sweep, picture);
            m.close();
            return r;
        }
    }

    /** {accuracy, loss} of the batch from one forward pass: the fraction classified correctly, and the loss of training. */
    static double[] accuracyAndLoss(Network net, NDArray x, NDArray t) {
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray y = net.forward(x.get(sub, new NDIndex("...")), false);
            double loss = Network.scalar(net.lossFunction().forward(y, t));
            long correct = y.argMax(-1).eq(t.argMax(-1)).sum().getLong();
            return new double[] {(double) correct / x.getShape().get(0), loss};
        }
    }

    private static Sweep sweep(Network net, NDArray x, NDArray t, Parameter p, int element) {
        long[] index = unravel(element, p.value().getShape().getShape());
        NDIndex at = new NDIndex(index);
        double value = p.value().toDoubleArray()[element];
        double range = 0.25;
        int points = 201;
        double[] offsets = new double[points];
        double[] accuracy = new double[points];
        double[] loss = new double[points];
        for (int tries = 0; tries < 6; tries++, range *= 3) { // widen until the accuracy takes at least five values
            TreeSet<Long> levels = new TreeSet<>();
            for (int k = 0; k < points; k++) {
                offsets[k] = range * (2.0 * k / (points - 1) - 1);
                p.value().set(at, value + offsets[k]);
                double[] both = accuracyAndLoss(net, x, t);
                accuracy[k] = both[0];
                loss[k] = both[1];
                levels.add(Math.round(accuracy[k] * BATCH));
            }
            p.value().set(at, value);
            if (levels.size() >= 5) {
                break;
            }
        }
        StringBuilder name = new StringBuilder(p.name());
        for (long i : index) {
            name.append(name.indexOf("[") < 0 ? "[" : ",").append(i);
        }
        return new Sweep(name.append(']').toString(), value, offsets, accuracy, loss);
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    private static void plot(Sweep s, Path file) throws IOException {
        String x = "change of " + s.weight();
        XYChart accuracy = new XYChartBuilder().width(640).height(480).title("Accuracy on " + BATCH + " images: steps of 1%")
                .xAxisTitle(x).yAxisTitle("accuracy").build();
        accuracy.getStyler().setYAxisDecimalPattern("0.00").setXAxisDecimalPattern("0.00").setAntiAlias(true).setLegendVisible(false);
        accuracy.addSeries("accuracy", s.offsets(), s.accuracy()).setMarker(SeriesMarkers.NONE).setLineColor(new Color(214, 39, 40));
        XYChart loss = new XYChartBuilder().width(640).height(480).title("Loss on the same images: a smooth slope")
                .xAxisTitle(x).yAxisTitle("cross-entropy loss").build();
        loss.getStyler().setXAxisDecimalPattern("0.00").setAntiAlias(true).setLegendVisible(false);
        loss.addSeries("loss", s.offsets(), s.loss()).setMarker(SeriesMarkers.NONE).setLineColor(new Color(31, 119, 180));
        BitmapEncoder.saveBitmap(List.of(accuracy, loss), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
