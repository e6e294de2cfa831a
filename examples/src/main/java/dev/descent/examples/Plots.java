package dev.descent.examples;

import dev.descent.examples.train.Metrics;
import dev.descent.optim.Function2D;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNGs a run leaves behind, drawn with XChart. */
public final class Plots {
    private Plots() {}

    /**
     * Training loss and learning rate of a run's updates, in bins of {@code updatesPerBin} updates: where each bin starts
     * (in epochs: update i's batch loss is measured after i − 1 updates), its mean loss and its first update's learning
     * rate; {@code iterationsPerEpoch} places the rows on the same axis.
     */
    public record Updates(double[] epoch, double[] loss, double[] learningRate, long updatesPerBin, long iterationsPerEpoch) {}

    /**
     * {@code curves.png}: training loss (left: the mean over each epoch, and the updates' loss smoothed as a light line; a
     * log scale when it spans more than a decade), accuracies per row (middle; regression: the MSEs, log scale) and the
     * learning rate (right: of every update, and at the rows), titled with the run's directory name; tick labels with a
     * leading zero and two decimals ({@code 0.08}, not {@code .08}). With the updates, a row sits at its update (an
     * iterations-mode run's last row mid-epoch), not at its rounded-up epoch.
     */
    public static void curves(List<Metrics.Row> rows, Updates updates, Path file) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        String run = dir == null || dir.getFileName() == null ? "" : dir.getFileName() + ": ";
        int n = updates.epoch().length;
        double[] at = rows.stream().mapToDouble(r -> n > 1 ? (double) r.iteration() / updates.iterationsPerEpoch() : r.epoch()).toArray();
        XYChart loss = chart(run + "training loss", "epoch", "mean loss");
        loss.getStyler().setYAxisDecimalPattern("0.00##");
        // Rows first: XChart puts its ticks on the data when all x values are equally spaced, as the updates' are alone.
        Color lossColor = loss.getStyler().getSeriesColors()[0];
        double[] rowLoss = rows.stream().mapToDouble(Metrics.Row::loss).toArray();
        loss.addSeries("mean over each epoch", at, rowLoss).setMarkerColor(lossColor).setLineColor(lossColor);
        double[] lossLine = centredMean(updates.loss(), n / 40); // about 1/20 of the line: the trend, not each batch
        if (n > 1) {
            loss.addSeries(updates.updatesPerBin() == 1 ? "per update, smoothed" : "per " + updates.updatesPerBin() + " updates, smoothed",
                    updates.epoch(), lossLine).setMarker(SeriesMarkers.NONE).setLineColor(new Color(160, 180, 215)).setLineWidth(1.2f);
        }
        double[] all = DoubleStream.concat(Arrays.stream(rowLoss), Arrays.stream(lossLine)).filter(Double::isFinite).toArray();
        double span = Arrays.stream(all).max().orElse(1) / Arrays.stream(all).min().orElse(1);
        if (Arrays.stream(all).allMatch(v -> v > 0) && span > 10) { // else the first updates' loss squashes the rest
            loss.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(span > 100); // labels between decades if they fit
        }
        boolean regression = rows.get(0).extra().containsKey("test_mse");
        XYChart accuracy = regression ? chart(run + "mean squared error", "epoch", "MSE") : chart(run + "accuracy", "epoch", "accuracy");
        accuracy.getStyler().setYAxisDecimalPattern("0.00##");
        double[] train = rows.stream().mapToDouble(r -> r.get(regression ? "train_mse" : "train_accuracy")).toArray();
        if (!Arrays.stream(train).allMatch(Double::isNaN)) { // train-accuracy = false: not counted
            accuracy.addSeries("train", at, train);
        }
        Color testColor = accuracy.getStyler().getSeriesColors()[1]; // the test line keeps its colour without the train line
        accuracy.addSeries("test", at, rows.stream().mapToDouble(r -> r.get(regression ? "test_mse" : "test_accuracy")).toArray())
                .setMarkerColor(testColor).setLineColor(testColor);
        if (regression && rows.stream().allMatch(r -> r.get("train_mse") > 0 && r.get("test_mse") > 0)) {
            accuracy.getStyler().setYAxisLogarithmic(true);
        }
        if (rows.get(0).extra().containsKey("validation_accuracy")) {
            Color validationColor = accuracy.getStyler().getSeriesColors()[2];
            accuracy.addSeries("validation", at, rows.stream().mapToDouble(r -> r.get("validation_accuracy")).toArray())
                    .setMarkerColor(validationColor).setLineColor(validationColor);
        }
        if (n > 1) {
            accuracy.getStyler().setXAxisMin(0.0); // the same span as the panels with the update lines
        }
        List<XYChart> charts = new ArrayList<>(List.of(loss, accuracy));
        if (rows.get(0).extra().containsKey("learning_rate")) {
            XYChart rate = chart(run + "learning rate", "epoch", "learning rate");
            Color rateColor = rate.getStyler().getSeriesColors()[0];
            XYSeries atRows = rate.addSeries("at the rows", at, rows.stream().mapToDouble(r -> r.get("learning_rate")).toArray());
            atRows.setMarkerColor(rateColor).setLineColor(rateColor);
            if (n > 1) { // the rows as points only, the updates as the line
                atRows.setLineStyle(SeriesLines.NONE).setShowInLegend(false);
                rate.addSeries("per update", updates.epoch(), updates.learningRate()).setMarker(SeriesMarkers.NONE).setLineColor(rateColor);
            }
            rate.getStyler().setYAxisDecimalPattern("0.0E0");
            charts.add(rate);
        }
        boolean wholeEpochs = Arrays.stream(at).allMatch(x -> x == Math.rint(x));
        for (XYChart c : charts) {
            if (wholeEpochs && (n <= 1 || c == accuracy)) { // rows only: whole epochs
                c.getStyler().setXAxisDecimalPattern("#");
            } else {
                c.getStyler().setXAxisDecimalPattern("0.##"); // 0.05, not .05
            }
        }
        BitmapEncoder.saveBitmap(new ArrayList<>(charts), 1, charts.size(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Each value replaced by the mean of the values within {@code half} places of it (fewer at the ends): no lag. */
    static double[] centredMean(double[] values, int half) {
        return windowMean(values, half, half);
    }

    /**
     * {@code overfit.png}: training (dark) and test (light: the same hue mixed with white) accuracy per epoch, one hue per run.
     * (A dashed stroke restarts at every point of XChart's line, so with hundreds of points it looks solid.)
     */
    public static void accuracies(Map<String, List<Metrics.Row>> runs, String title, Path file) throws IOException {
        XYChart c = chart(title, "epoch", "accuracy");
        c.getStyler().setXAxisDecimalPattern("#").setLegendPosition(Styler.LegendPosition.InsideSE);
        Color[] colors = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44), new Color(148, 103, 189)};
        int i = 0;
        for (Map.Entry<String, List<Metrics.Row>> e : runs.entrySet()) {
            Color color = colors[i++ % colors.length];
            double[] epochs = e.getValue().stream().mapToDouble(Metrics.Row::epoch).toArray();
            c.addSeries(e.getKey() + ": train", epochs, e.getValue().stream().mapToDouble(Metrics.Row::trainAccuracy).toArray())
                    .setMarker(SeriesMarkers.NONE).setLineColor(color);
            Color light = new Color((color.getRed() + 255) / 2, (color.getGreen() + 255) / 2, (color.getBlue() + 255) / 2);
            c.addSeries(e.getKey() + ": test", epochs, e.getValue().stream().mapToDouble(Metrics.Row::testAccuracy).toArray())
                    .setMarker(SeriesMarkers.NONE).setLineColor(light);
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** {@code compare.png}: training loss against iteration, one line per optimizer (smoothed like the book's plot). */
    public static void compare(Map<String, double[]> losses, Path file) throws IOException {
        XYChart c = chart("Optimizers on MNIST", "iteration", "loss (moving average of 20)");
        // every 1-9 × 10^k labelled: with decades only, a loss from 2.3 to 0.05 showed one labelled tick
        c.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false).setYAxisDecimalPattern("0.0##");
        for (Map.Entry<String, double[]> e : losses.entrySet()) {
            double[] smooth = windowMean(e.getValue(), 19, 0); // the last 20
            double[] x = new double[smooth.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            c.addSeries(e.getKey(), x, smooth).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * {@code compare.png} of a per-epoch or batch-size comparison: every update's loss (thin, unsmoothed, so that the noise of
     * each batch size shows; every k-th update when there are more than 3000) and each epoch's mean (bold), against epochs (or
     * updates) on the left and against training seconds on the right. The noisiest entries are drawn first, underneath; the
     * legend leaves out what all labels share ({@code minibatch:learning-rate=0.01:}). The axis is logarithmic; a single
     * sample's loss can round to 0 in float32, so losses below 1e-4 are drawn at 1e-4.
     */
    public static void compareOverTime(List<CompareOptimizers.Outcome> outcomes, boolean perEpoch, Path file) throws IOException {
        XYChart byEpoch = chart("Loss of every update (thin) and of every epoch (bold)", perEpoch ? "epoch" : "update", "training loss");
        XYChart bySeconds = chart("The same against time", "training seconds", "training loss");
        Color[] colors = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44), new Color(148, 103, 189),
            new Color(255, 127, 14), new Color(140, 86, 75)};
        List<CompareOptimizers.Outcome> noisiestFirst = new ArrayList<>(outcomes);
        noisiestFirst.sort((p, q) -> Integer.compare(q.losses().length, p.losses().length));
        String common = commonPrefix(outcomes.stream().map(CompareOptimizers.Outcome::optimizer).toList());
        for (CompareOptimizers.Outcome o : noisiestFirst) { // every update (at most 3000 drawn), underneath
            Color c = colors[outcomes.indexOf(o) % colors.length];
            int n = o.losses().length;
            int every = (n + 2999) / 3000;
            List<Double> x = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int k = 0; k < n; k += every) {
                x.add(perEpoch ? (k + 1.0) / o.updatesPerEpoch() : k + 1);
                seconds.add(o.elapsed()[k]);
                y.add(Double.isFinite(o.losses()[k]) ? Math.max(1e-4, o.losses()[k]) : Double.NaN);
            }
            for (XYChart chart : List.of(byEpoch, bySeconds)) {
                XYSeries each = chart.addSeries(o.optimizer() + " (each update)", chart == byEpoch ? x : seconds, y);
                each.setMarker(SeriesMarkers.NONE).setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 120)).setLineWidth(0.8f);
                each.setShowInLegend(false);
            }
        }
        for (CompareOptimizers.Outcome o : outcomes) { // each epoch's mean, on top, in the order given
            Color c = colors[outcomes.indexOf(o) % colors.length];
            int n = o.losses().length;
            int epochs = (int) ((n + o.updatesPerEpoch() - 1) / o.updatesPerEpoch());
            double[] epochEnd = new double[epochs];
            double[] secondsEnd = new double[epochs];
            double[] mean = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                int from = (int) (e * o.updatesPerEpoch());
                int to = (int) Math.min(n, from + o.updatesPerEpoch());
                epochEnd[e] = perEpoch ? (double) to / o.updatesPerEpoch() : to;
                secondsEnd[e] = o.elapsed()[to - 1];
                mean[e] = Math.max(1e-4, Arrays.stream(o.losses(), from, to).average().orElse(Double.NaN));
            }
            for (XYChart chart : List.of(byEpoch, bySeconds)) {
                XYSeries epochMean = chart.addSeries(o.optimizer().substring(common.length()), chart == byEpoch ? epochEnd : secondsEnd, mean);
                epochMean.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(c).setLineColor(c).setLineWidth(2.5f);
            }
        }
        for (XYChart chart : List.of(byEpoch, bySeconds)) {
            chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setXAxisMin(0.0).setMarkerSize(7);
        }
        BitmapEncoder.saveBitmap(List.of(byEpoch, bySeconds), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** {@code path.png}: contour lines of f (level sets found on a grid) and the optimizer's path over them. */
    public static void path(Function2D f, double[][] points, String title, Path file) throws IOException {
        // The path's bounding box (with the origin), padded by a third of its span on each side.
        double minX = Math.min(0, min(points, 0));
        double maxX = Math.max(0, max(points, 0));
        double minY = Math.min(0, min(points, 1));
        double maxY = Math.max(0, max(points, 1));
        double padX = Math.max(maxX - minX, 1) / 3;
        double padY = Math.max(maxY - minY, 1) / 3;
        minX -= padX;
        maxX += padX;
        minY -= padY;
        maxY += padY;
        XYChart c = chart(title, "x0", "x1");
        c.getStyler().setXAxisMin(minX).setXAxisMax(maxX).setYAxisMin(minY).setYAxisMax(maxY);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int grid = 400;
        double top = Math.max(Math.max(f.value(new double[] {minX, minY}), f.value(new double[] {maxX, maxY})),
                Math.max(f.value(new double[] {minX, maxY}), f.value(new double[] {maxX, minY})));
        for (int level = 0; level < 12; level++) {
            double value = top * Math.pow(0.45, level + 1);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            contour(f, value, minX, maxX, minY, maxY, grid, xs, ys);
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries("f = " + String.format("%.3g", value), xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(150, 150, 200));
                s.setShowInLegend(false);
            }
        }
        double[] px = new double[points.length];
        double[] py = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            px[i] = points[i][0];
            py[i] = points[i][1];
        }
        XYSeries path = c.addSeries("path", px, py);
        path.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Color.RED).setLineColor(Color.RED);
        XYSeries minimum = c.addSeries("start", new double[] {px[0]}, new double[] {py[0]});
        minimum.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        minimum.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Color.BLACK);
        c.getStyler().setMarkerSize(3);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Points where f crosses {@code level} between horizontally or vertically adjacent grid points, linearly interpolated. */
    private static void contour(Function2D f, double level, double minX, double maxX, double minY, double maxY, int n,
            List<Double> xs, List<Double> ys) {
        double dx = (maxX - minX) / n;
        double dy = (maxY - minY) / n;
        double[][] v = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                v[i][j] = f.value(new double[] {minX + i * dx, minY + j * dy}) - level;
            }
        }
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                if (i < n && Math.signum(v[i][j]) != Math.signum(v[i + 1][j])) {
                    xs.add(minX + (i + v[i][j] / (v[i][j] - v[i + 1][j])) * dx);
                    ys.add(minY + j * dy);
                }
                if (j < n && Math.signum(v[i][j]) != Math.signum(v[i][j + 1])) {
                    xs.add(minX + i * dx);
                    ys.add(minY + (j + v[i][j] / (v[i][j] - v[i][j + 1])) * dy);
                }
            }
        }
    }

    /** The longest prefix ending in ':' that every label has and none is only (for a legend without repetition). */
    static String commonPrefix(List<String> labels) {
        if (labels.size() < 2) {
            return "";
        }
        String prefix = labels.get(0);
        for (String l : labels) {
            int i = 0;
            while (i < Math.min(prefix.length(), l.length()) && prefix.charAt(i) == l.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        prefix = prefix.substring(0, prefix.lastIndexOf(':') + 1);
        String p = prefix;
        return labels.stream().anyMatch(l -> l.length() == p.length()) ? "" : prefix;
    }

    /** Each value replaced by the mean of itself, up to {@code before} values before it and {@code after} after it. */
    static double[] windowMean(double[] values, int before, int after) {
        double[] sums = new double[values.length + 1]; // sums[i] = values[0] + ... + values[i - 1]
        for (int i = 0; i < values.length; i++) {
            sums[i + 1] = sums[i] + values[i];
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int from = Math.max(0, i - before);
            int to = Math.min(values.length, i + after + 1);
            out[i] = (sums[to] - sums[from]) / (to - from);
        }
        return out;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setAntiAlias(true).setMarkerSize(4);
        return c;
    }

    private static double min(double[][] p, int axis) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] q : p) {
            m = Math.min(m, q[axis]);
        }
        return m;
    }

    private static double max(double[][] p, int axis) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] q : p) {
            m = Math.max(m, q[axis]);
        }
        return m;
    }
}
