package dev.descent.examples;

import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.ExpressionException;
import dev.descent.examples.train.RunDirectory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code derive --h-sweep}: how wrong the seeds' difference quotients are, against h = 1e-1 … 1e-16, measured
 * against the exact derivative from reverse-mode AD. The forward difference (f(x+h) − f(x))/h errs by about
 * h·|f''|/2 and the central one (f(x+h) − f(x−h))/2h by h²·|f'''|/6, while rounding adds about ε·|f|/h: each error
 * falls with h until rounding takes over (near h = √ε ≈ 1e-8 and ∛ε ≈ 1e-5), which is why the seeds take h = 1e-4 and why
 * seed 000's h = 1e-50 gives 0 — x + h rounds back to x.
 */
public final class DifferenceSweep {
    private DifferenceSweep() {}

    public record Row(double h, double forward, double central, double forwardError, double centralError) {}

    /** {@code tiny} is the forward difference with h = 1e-50. */
    public record Result(String expression, String variable, String at, double exact, List<Row> rows, double tiny, Path dir) {
        public String text() {
            StringBuilder sb = new StringBuilder(String.format("difference quotients of ∂f/∂%s for f = %s at %s%n", variable, expression, at));
            sb.append("exact (reverse-mode AD): ").append(DeriveExpression.num(exact)).append('\n');
            sb.append(String.format("%-8s%-24s%-10s%-24s%s%n", "h", "forward difference", "error", "central difference", "error"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-8s%-24s%-10.1e%-24s%.1e%n", String.format(Locale.ROOT, "%.0e", r.h),
                        DeriveExpression.num(r.forward), r.forwardError, DeriveExpression.num(r.central), r.centralError));
            }
            Row bestForward = rows.stream().min((a, b) -> Double.compare(a.forwardError, b.forwardError)).orElseThrow();
            Row bestCentral = rows.stream().min((a, b) -> Double.compare(a.centralError, b.centralError)).orElseThrow();
            sb.append(String.format(Locale.ROOT, "smallest error: forward difference at h = %.0e (%.1e), central difference at h = %.0e (%.1e)%n",
                    bestForward.h, bestForward.forwardError, bestCentral.h, bestCentral.centralError));
            sb.append(tiny == 0
                    ? "h = 1e-50 (seed 000's bad example): the forward difference is 0, because x + h rounds back to x\n"
                    : "h = 1e-50 (seed 000's bad example): the forward difference is " + DeriveExpression.num(tiny) + "\n");
            sb.append("zero errors are left out of the log-log plot\n");
            sb.append("wrote ").append(dir.resolve("h-sweep.csv")).append(" and ").append(dir.resolve("h-sweep.png")).append('\n');
            return sb.toString();
        }
    }

    /** Sweeps h for ∂f/∂{@code variable} (null: the first variable) and writes {@code h-sweep.csv} and {@code h-sweep.png} into {@code dir}. */
    public static Result run(String expression, Map<String, Double> at, String variable, Path dir) throws IOException {
        Expression f = Expression.parse(expression);
        double[] point = DeriveExpression.point(f.variables(), f.text(), at);
        String x = variable != null ? variable : f.variables().isEmpty() ? null : f.variables().get(0);
        int i = f.variables().indexOf(x);
        if (i < 0) {
            throw new ExpressionException("--h-sweep " + x + " is not a variable of " + f.text() + " (" + String.join(", ", f.variables()) + ")");
        }
        double exact = f.gradient(point)[i];
        double fx = f.value(point);
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k <= 16; k++) {
            double h = Double.parseDouble("1e-" + k);
            double forward = (shifted(f, point, i, h) - fx) / h;
            double central = (shifted(f, point, i, h) - shifted(f, point, i, -h)) / (2 * h);
            rows.add(new Row(h, forward, central, Math.abs(forward - exact), Math.abs(central - exact)));
        }
        double tiny = (shifted(f, point, i, 1e-50) - fx) / 1e-50;
        try (RunDirectory run = RunDirectory.open(dir, "h-sweep.csv", false, "choose another --out");
                Writer w = Files.newBufferedWriter(dir.resolve("h-sweep.csv"));
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                        .setHeader("h", "forward_difference", "central_difference", "forward_error", "central_error").get())) {
            for (Row r : rows) {
                p.printRecord(r.h, r.forward, r.central, r.forwardError, r.centralError);
            }
        }
        String where = DeriveExpression.describe(f.variables(), point);
        String shown = f.text().length() > 50 ? f.text().substring(0, 47) + "..." : f.text();
        plot(rows, "∂/∂" + x + " of " + shown + " at " + where, dir.resolve("h-sweep.png"));
        return new Result(f.text(), x, where, exact, rows, tiny, dir);
    }

    private static double shifted(Expression f, double[] point, int i, double h) {
        double[] p = point.clone();
        p[i] += h;
        return f.value(p);
    }

    private static void plot(List<Row> rows, String title, Path file) throws IOException {
        XYChart c = new XYChartBuilder().width(820).height(560).title("Error of difference quotients: " + title)
                .xAxisTitle("h").yAxisTitle("|difference quotient − exact derivative|").build();
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setAntiAlias(true).setMarkerSize(7);
        c.getStyler().setXAxisDecimalPattern("0E0").setYAxisDecimalPattern("0E0");
        c.getStyler().setXAxisLogarithmicDecadeOnly(true).setYAxisLogarithmicDecadeOnly(true).setPlotGridLinesVisible(false);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        addSeries(c, "forward difference: error ~ h", rows, true, new Color(214, 39, 40));
        addSeries(c, "central difference: error ~ h²", rows, false, new Color(31, 119, 180));
        double low = rows.stream().flatMapToDouble(r -> DoubleStream.of(r.forwardError, r.centralError))
                .filter(e -> e > 0).min().orElse(1e-16);
        double high = rows.stream().flatMapToDouble(r -> DoubleStream.of(r.forwardError, r.centralError)).max().orElse(1);
        XYSeries seeds = c.addSeries("h = 1e-4, the seeds' choice", new double[] {1e-4, 1e-4}, new double[] {low, high});
        seeds.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY)
                .setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addSeries(XYChart c, String name, List<Row> rows, boolean forward, Color color) {
        List<Double> h = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        for (Row r : rows) {
            double e = forward ? r.forwardError : r.centralError;
            if (e > 0) {
                h.add(r.h);
                error.add(e);
            }
        }
        if (!h.isEmpty()) {
            XYSeries s = c.addSeries(name, h, error);
            s.setMarker(forward ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE).setMarkerColor(color).setLineColor(color);
        }
    }
}
