package dev.descent.examples;

import dev.descent.optim.ExpressionFunction2D;
import dev.descent.optim.Function2D;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code path.png} for several starts: contour lines of f, optionally the field of −∇f as arrows beneath them
 * (seed 000's figure: the arrows point downhill, growing with the slope), and one path per start on top.
 * Both axes use the same scale, so −∇f crosses every contour at a right angle as it should.
 */
final class PathPlot {
    private static final int WIDTH = 820;
    private static final int PLOT_WIDTH = 700;        // about what XChart leaves for the plot of a WIDTH-pixel chart
    private static final Color[] COLORS = {new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(23, 190, 207), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(188, 189, 34), new Color(0, 0, 0)};

    private PathPlot() {}

    static void draw(Function2D f, List<double[][]> paths, List<String> labels, boolean field, String title, Path file)
            throws IOException {
        draw(f, paths, labels, field, null, title, file);
    }

    /** As above, with the points where {@code feasible} holds shaded (null: none), under everything else. */
    static void draw(Function2D f, List<double[][]> paths, List<String> labels, boolean field, Predicate<double[]> feasible, String title,
            Path file) throws IOException {
        double[] box = box(paths);
        double unit = PLOT_WIDTH / (box[1] - box[0]);                   // pixels per unit, on both axes
        int plot = (int) Math.round((box[3] - box[2]) * unit);
        boolean many = paths.size() > 4;                                  // then one legend line per path, below the plot
        int height = plot + 150 + (many ? 20 * paths.size() : 0);
        List<String> axes = f instanceof ExpressionFunction2D e ? e.expression().variables() : List.of("x0", "x1");
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(axes.get(0)).yAxisTitle(axes.get(1)).build();
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setAntiAlias(true).setMarkerSize(4).setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(many ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisMin(box[0]).setXAxisMax(box[1]).setYAxisMin(box[2]).setYAxisMax(box[3]);
        if (feasible != null) {
            shade(c, feasible, box, plot);
        }
        if (field) {
            arrows(c, f, box);
        }
        contours(c, f, box);
        for (int k = 0; k < paths.size(); k++) {
            double[][] p = paths.get(k);
            double[] xs = new double[p.length];
            double[] ys = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                xs[i] = p[i][0];
                ys[i] = p[i][1];
            }
            Color color = COLORS[k % COLORS.length];
            XYSeries s = c.addSeries(labels.get(k), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color).setLineStyle(SeriesLines.SOLID);
            XYSeries start = c.addSeries(labels.get(k) + " start", new double[] {xs[0]}, new double[] {ys[0]});
            start.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND)
                    .setMarkerColor(Color.BLACK).setShowInLegend(false);
        }
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** {minX, maxX, minY, maxY}: every finite point of every path, padded by a fifth of the larger span. */
    private static double[] box(List<double[][]> paths) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[][] path : paths) {
            for (double[] p : path) {
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    b[0] = Math.min(b[0], p[0]);
                    b[1] = Math.max(b[1], p[0]);
                    b[2] = Math.min(b[2], p[1]);
                    b[3] = Math.max(b[3], p[1]);
                }
            }
        }
        double pad = Math.max(Math.max(b[1] - b[0], b[3] - b[2]), 1) / 5;
        b = new double[] {b[0] - pad, b[1] + pad, b[2] - pad, b[3] + pad};
        // keep height/width of the plot between 0.35 and 1 by widening the shorter side about its centre
        double width = Math.max(b[1] - b[0], (b[3] - b[2]) / 1.0);
        double height = Math.max(b[3] - b[2], 0.35 * width);
        double cx = (b[0] + b[1]) / 2;
        double cy = (b[2] + b[3]) / 2;
        return new double[] {cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2};
    }

    /**
     * Level sets by marching squares on a grid, one series per level, segments separated by NaN.
     * Levels over the box: min + (max − min)·0.45ᵏ, dense near the lowest point where paths usually end, and ten
     * evenly spaced ones that show the other basins of a function with several.
     */
    private static void contours(XYChart c, Function2D f, double[] box) {
        int n = 200;
        double dx = (box[1] - box[0]) / n;
        double dy = (box[3] - box[2]) / n;
        double[][] v = new double[n + 1][n + 1];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                v[i][j] = value(f, box[0] + i * dx, box[2] + j * dy);
                if (Double.isFinite(v[i][j])) {
                    min = Math.min(min, v[i][j]);
                    max = Math.max(max, v[i][j]);
                }
            }
        }
        double span = max - min;
        List<Double> levels = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            levels.add(min + span * Math.pow(0.45, k + 1));       // dense near the lowest point
        }
        for (int k = 1; k <= 10; k++) {
            double even = min + span * k / 11.0;                          // evenly spaced, for other basins and ridges
            if (levels.stream().allMatch(l -> Math.abs(l - even) > 0.04 * span)) {
                levels.add(even);
            }
        }
        for (int level = 0; level < levels.size() && span > 0; level++) {
            double value = levels.get(level);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // the crossings on this cell's four edges; two make a segment (four: two segments)
                    double[][] corners = {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}};
                    List<double[]> cross = new ArrayList<>();
                    for (int k = 0; k < 4; k++) {
                        double[] a = corners[k];
                        double[] b = corners[(k + 1) % 4];
                        double va = v[(int) a[0]][(int) a[1]] - value;
                        double vb = v[(int) b[0]][(int) b[1]] - value;
                        if (va < 0 != vb < 0 && Double.isFinite(va) && Double.isFinite(vb)) {
                            double t = va / (va - vb);
                            cross.add(new double[] {box[0] + (a[0] + t * (b[0] - a[0])) * dx, box[2] + (a[1] + t * (b[1] - a[1])) * dy});
                        }
                    }
                    for (int k = 0; k + 1 < cross.size(); k += 2) {
                        segment(xs, ys, cross.get(k)[0], cross.get(k)[1], cross.get(k + 1)[0], cross.get(k + 1)[1]);
                    }
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries(String.format("contour %d: f = %.3g", level, value), xs, ys);
                s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(140, 140, 190)).setLineWidth(1).setShowInLegend(false);
            }
        }
    }

    /** −∇f on a 16-column grid; an arrow's length grows as the square root of ‖∇f‖, so flat regions still show a direction. */
    private static void arrows(XYChart c, Function2D f, double[] box) {
        int columns = 16;
        double cell = (box[1] - box[0]) / columns;
        int rows = (int) Math.max(1, Math.round((box[3] - box[2]) / cell));
        List<double[]> arrows = new ArrayList<>();
        double largest = 0;
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                double x = box[0] + (i + 0.5) * cell;
                double y = box[2] + (j + 0.5) * (box[3] - box[2]) / rows;
                double[] g;
                try {
                    g = f.gradient(new double[] {x, y});
                } catch (IllegalArgumentException undefinedHere) {
                    continue;
                }
                double norm = Math.hypot(g[0], g[1]);
                if (Double.isFinite(norm)) {
                    arrows.add(new double[] {x, y, -g[0], -g[1], norm});
                    largest = Math.max(largest, norm);
                }
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (double[] a : arrows) {
            if (a[4] == 0 || largest == 0) {
                continue;
            }
            double length = 0.9 * cell * Math.sqrt(a[4] / largest);
            double ux = a[2] / a[4];
            double uy = a[3] / a[4];
            double x0 = a[0] - ux * length / 2;
            double y0 = a[1] - uy * length / 2;
            double x1 = a[0] + ux * length / 2;
            double y1 = a[1] + uy * length / 2;
            segment(xs, ys, x0, y0, x1, y1);
            double head = Math.max(length * 0.3, cell * 0.08);
            for (double turn : new double[] {Math.toRadians(155), Math.toRadians(-155)}) {
                double hx = ux * Math.cos(turn) - uy * Math.sin(turn);
                double hy = ux * Math.sin(turn) + uy * Math.cos(turn);
                segment(xs, ys, x1, y1, x1 + hx * head, y1 + hy * head);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = c.addSeries("−∇f", xs, ys);
            s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(120, 120, 120)).setLineWidth(1);
        }
    }

    /** The feasible region as horizontal strokes, one per pixel row pair, each as thick as the gap to the next. */
    private static void shade(XYChart c, Predicate<double[]> feasible, double[] box, int pixels) {
        int rows = Math.max(1, pixels / 2);
        int columns = 400;
        double dx = (box[1] - box[0]) / columns;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int j = 0; j <= rows; j++) {
            double y = box[2] + j * (box[3] - box[2]) / rows;
            int from = -1;
            for (int i = 0; i <= columns + 1; i++) {
                boolean in = i <= columns && feasible.test(new double[] {box[0] + i * dx, y});
                if (in && from < 0) {
                    from = i;
                } else if (!in && from >= 0) {
                    segment(xs, ys, box[0] + from * dx, y, box[0] + (i - 1) * dx, y);
                    from = -1;
                }
            }
        }
        if (!xs.isEmpty()) {
            XYSeries s = c.addSeries("feasible region", xs, ys);
            s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(200, 235, 200)).setLineWidth(2.5f);
        }
    }

    private static void segment(List<Double> xs, List<Double> ys, double x0, double y0, double x1, double y1) {
        xs.add(x0);
        ys.add(y0);
        xs.add(x1);
        ys.add(y1);
        xs.add(Double.NaN);
        ys.add(Double.NaN);
    }

    private static double value(Function2D f, double x, double y) {
        try {
            return f.value(new double[] {x, y});
        } catch (IllegalArgumentException undefinedHere) {
            return Double.NaN;
        }
    }
}
