package dev.descent.examples;

import dev.descent.core.grad.NumericalDiff;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Seed 001, eqs. 17-20: the directional derivative D_u f — how fast f rises when w moves along the unit
 * vector u — measured by central differences in 36 directions around w = (1, 1) for the seed's
 * f = w1² + ½·w2² (eq. 24), beside ∇f·u (eq. 20). It is largest, ‖∇f‖ = √5, along ∇f = (2, 1)
 * (θ = 26.57°), smallest, −√5, along −∇f (θ = 206.57°, the way gradient descent steps), and 0 across ∇f,
 * along the contour line. Draws {@code directional.png}: D_u f in polar form — a circle of diameter ∇f
 * for the directions that climb, its mirror for those that descend — and against θ.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.DirectionalDerivative [out-dir]}.
 */
public final class DirectionalDerivative {
    /** The seed's loss surface (eq. 24). */
    public static final ToDoubleFunction<double[]> F = w -> w[0] * w[0] + 0.5 * w[1] * w[1];
    public static final double[] AT = {1, 1};

    /** One direction u = (cos θ, sin θ): D_u f by central differences and ∇f·u. */
    public record Direction(double degrees, double[] u, double derivative, double dot) {}

    /** The gradient at {@link #AT}, the sampled directions, and the four special ones (along ±∇f, across it). */
    public record Result(double[] gradient, List<Direction> directions, List<Direction> special, Path picture) {
        public double norm() {
            return Math.hypot(gradient[0], gradient[1]);
        }

        public Direction largestSampled() {
            return directions.stream().max((a, b) -> Double.compare(a.derivative(), b.derivative())).orElseThrow();
        }

        public String text() {
            StringBuilder s = new StringBuilder("f(w1, w2) = w1² + ½·w2² at w = (1, 1)   (seed 001 eq. 24)\n");
            s.append(String.format(Locale.ROOT, "∇f = (%.7f, %.7f) by central differences, ‖∇f‖ = %.7f (√5 = %.7f)%n",
                    gradient[0], gradient[1], norm(), Math.sqrt(5)));
            s.append("D_u f = (f(w + h·u) − f(w − h·u)) / 2h along u = (cos θ, sin θ), h = 1e-4; ∇f·u beside it (eq. 20)\n\n");
            s.append(String.format("%8s  %-18s %12s %12s%n", "θ (deg)", "u", "D_u f", "∇f·u"));
            for (Direction d : directions) {
                s.append(line(d));
            }
            Direction top = largestSampled();
            s.append(String.format(Locale.ROOT, "%nlargest of these %d: θ = %.0f°, D_u f = %.7f — below ‖∇f‖ because no sample lies along ∇f:%n",
                    directions.size(), top.degrees(), top.derivative()));
            String[] labels = {"along ∇f (steepest ascent)", "along −∇f (steepest descent: gradient descent's step)",
                "across ∇f (along the contour line)", "across ∇f"};
            for (int i = 0; i < special.size(); i++) {
                s.append(line(special.get(i)).stripTrailing()).append("   ").append(labels[i]).append('\n');
            }
            return s.append("wrote ").append(picture).append('\n').toString();
        }

        private static String line(Direction d) {
            return String.format(Locale.ROOT, "%8.2f  (%6.3f, %6.3f)  %12.7f %12.7f%n", d.degrees(), shown(d.u()[0]), shown(d.u()[1]),
                    shown(d.derivative()), shown(d.dot()));
        }

        /** Rounding noise below the printed digits shown as 0, not −0. */
        private static double shown(double v) {
            return Math.abs(v) < 5e-8 ? 0 : v;
        }
    }

    private DirectionalDerivative() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Runs.defaultOut("directional");
        System.out.print(run(36, out).text());
    }

    /** D_u f in {@code count} evenly spaced directions and along ±∇f and across it; draws {@code directional.png} into {@code out}. */
    public static Result run(int count, Path out) throws IOException {
        double[] gradient = NumericalDiff.gradient(F, AT.clone());
        List<Direction> directions = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            directions.add(direction(360.0 * k / count, gradient));
        }
        double up = Math.toDegrees(Math.atan2(gradient[1], gradient[0]));
        List<Direction> special = List.of(direction(up, gradient), direction(up + 180, gradient), direction(up + 90, gradient),
                direction(up + 270, gradient));
        Files.createDirectories(out);
        Path picture = out.resolve("directional.png");
        plot(gradient, directions, special, picture);
        return new Result(gradient, directions, special, picture);
    }

    private static Direction direction(double degrees, double[] gradient) {
        double a = Math.toRadians(degrees);
        double[] u = {Math.cos(a), Math.sin(a)};
        return new Direction(degrees, u, NumericalDiff.directional(F, AT, u), gradient[0] * u[0] + gradient[1] * u[1]);
    }

    /** Left: r = |D_u f| drawn in direction θ (climbing red, descending blue); right: D_u f against θ. */
    private static void plot(double[] gradient, List<Direction> sampled, List<Direction> special, Path file) throws IOException {
        double norm = Math.hypot(gradient[0], gradient[1]);
        double reach = Math.ceil(norm * 1.15 * 2) / 2;
        XYChart polar = new XYChartBuilder().width(620).height(760).title("|D_u f| drawn in direction θ: a circle of diameter ∇f")
                .xAxisTitle("u1 · |D_u f|").yAxisTitle("u2 · |D_u f|").build();
        polar.getStyler().setXAxisMin(-reach).setXAxisMax(reach).setYAxisMin(-reach).setYAxisMax(reach)
                .setAntiAlias(true).setMarkerSize(6).setLegendPosition(Styler.LegendPosition.OutsideS);
        Color up = new Color(214, 39, 40);
        Color down = new Color(31, 119, 180);
        List<Double> ux = new ArrayList<>();
        List<Double> uy = new ArrayList<>();
        for (int k = 0; k <= 360; k++) {
            ux.add(Math.cos(Math.toRadians(k)));
            uy.add(Math.sin(Math.toRadians(k)));
        }
        line(polar, "unit directions u", ux, uy, Color.LIGHT_GRAY, false);
        for (boolean climbing : new boolean[] {true, false}) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Direction d : sampled) {
                if (climbing == d.derivative() >= 0) {
                    x.add(Math.abs(d.derivative()) * d.u()[0]);
                    y.add(Math.abs(d.derivative()) * d.u()[1]);
                }
            }
            XYSeries s = polar.addSeries(climbing ? "D_u f > 0 (f rises)" : "D_u f < 0, drawn as |D_u f| (f falls)", x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(climbing ? up : down);
        }
        line(polar, "∇f = (2, 1), ‖∇f‖ = √5", List.of(0.0, gradient[0]), List.of(0.0, gradient[1]), Color.BLACK, false);
        line(polar, "−∇f (gradient descent)", List.of(0.0, -gradient[0]), List.of(0.0, -gradient[1]), Color.BLACK, true);
        double[] across = special.get(2).u();
        line(polar, "across ∇f: D_u f = 0", List.of(-reach * across[0], reach * across[0]), List.of(-reach * across[1], reach * across[1]),
                Color.GRAY, true);

        XYChart curve = new XYChartBuilder().width(620).height(760).title("D_u f = ‖∇f‖·cos(θ − 26.57°)")
                .xAxisTitle("θ (degrees)").yAxisTitle("D_u f").build();
        curve.getStyler().setXAxisMin(0.0).setXAxisMax(360.0).setAntiAlias(true).setMarkerSize(6)
                .setLegendPosition(Styler.LegendPosition.OutsideS);
        curve.getStyler().setXAxisDecimalPattern("#");
        List<Double> degrees = new ArrayList<>();
        List<Double> exact = new ArrayList<>();
        double at = Math.toDegrees(Math.atan2(gradient[1], gradient[0]));
        for (int k = 0; k <= 360; k++) {
            degrees.add((double) k);
            exact.add(norm * Math.cos(Math.toRadians(k - at)));
        }
        line(curve, "∇f·u", degrees, exact, Color.GRAY, false);
        XYSeries points = curve.addSeries("central differences", sampled.stream().map(Direction::degrees).toList(),
                sampled.stream().map(Direction::derivative).toList());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(up);
        List<Double> sx = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        for (Direction d : special) {
            sx.add(((d.degrees() % 360) + 360) % 360);
            sy.add(d.derivative());
        }
        XYSeries marks = curve.addSeries("max √5, min −√5, zeros", sx, sy);
        marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        marks.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Color.BLACK);
        BitmapEncoder.saveBitmap(List.of(polar, curve), 1, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void line(XYChart c, String name, List<Double> x, List<Double> y, Color color, boolean dashed) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE).setLineColor(color);
        if (dashed) {
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        }
    }
}
