package dev.descent.examples;

import dev.descent.optim.Barrier;
import dev.descent.optim.Constraint;
import dev.descent.optim.CriticalPoint;
import dev.descent.optim.Function2D;
import dev.descent.optim.Functions2D;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizer;
import dev.descent.examples.train.RunDirectory;
import dev.descent.core.AtomicFiles;
import dev.descent.optim.GradientMode;
import dev.descent.optim.Optimizers;
import dev.descent.optim.Projection;
import java.io.StringWriter;
import java.util.Map;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The seeds' {@code gradient_descent(f, init_x, lr, step_num)} for any optimizer on a 2-D function:
 * the book's figure of SGD, Momentum, AdaGrad and Adam on x²/20 + y², or GD on x0² + x1².
 * From several starts at once (seed 000's figure: x0² + 2·x1², lr 0.1, 40 steps, three starts, the −∇f field),
 * on a named function or any expression ({@link dev.descent.optim.Functions2D#resolve}); with seed 003's second-order
 * methods too, until ‖∇f‖ falls below a tolerance, maximizing if asked, each end point classified by the Hessian.
 */
public final class MinimizeFunction {
    private MinimizeFunction() {}

    /** Seed 000's example: x0² + 2·x1², gradient descent with lr 0.1, 40 steps from three starts, with the −∇f field. */
    public static void main(String[] args) throws IOException {
        Function2D f = Functions2D.resolve("x0^2 + 2*x1^2", GradientMode.DEFAULT);
        List<Minimizer.Path> paths = minimize(() -> Optimizers.create("gd", Map.of("learning-rate", "0.1")), f,
                List.of(new double[] {-3, 4}, new double[] {2, -3}, new double[] {-1, -2}), 40, true, Runs.defaultOut("minimize"));
        paths.forEach(p -> System.out.println(describe(p, f)));
    }

    public static String describe(Minimizer.Path path) {
        double[] last = path.last();
        return String.format(Locale.ROOT, "%s on %s: %d steps from (%s, %s) to (%.5g, %.5g), f = %.5g",
                path.optimizer(), path.function(), path.points().length - 1,
                fmt(path.points()[0][0]), fmt(path.points()[0][1]), last[0], last[1], path.finalValue());
    }

    /**
     * One run of a fresh optimizer from each start; {@code path.csv} ({@code path,step,x0,x1,value}, path counted
     * from 1) and one {@code path.png} with every path over the contours of f, and the field of −∇f if {@code field}.
     */
    public static List<Minimizer.Path> minimize(Supplier<Optimizer> optimizer, Function2D f, List<double[]> starts, int steps,
            boolean field, Path out) throws IOException {
        return minimize(optimizer, f, starts, Minimizer.Settings.steps(steps), field, out);
    }

    /** As above, each run until {@code settings} say stop; each path's label in the picture says what kind of point it ends at. */
    public static List<Minimizer.Path> minimize(Supplier<Optimizer> optimizer, Function2D f, List<double[]> starts,
            Minimizer.Settings settings, boolean field, Path out) throws IOException {
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("minimize: give at least one start point");
        }
        List<Minimizer.Path> paths = new ArrayList<>();
        for (double[] start : starts) {
            paths.add(Minimizer.run(optimizer.get(), f, start, settings));
        }
        List<String> labels = paths.stream().map(path -> "(" + fmt(path.points()[0][0]) + ", " + fmt(path.points()[0][1]) + ") → "
                + kind(path, f)).toList();
        int longest = paths.stream().mapToInt(Minimizer.Path::iterations).max().orElse(0);
        // maximizing, the picture shows what the optimizer descends: −f, whose contours crowd around f's highest point
        Function2D seen = !settings.maximize() ? f : Functions2D.of(f.name(), x -> -f.value(x), x -> {
            double[] g = f.gradient(x);
            return new double[] {-g[0], -g[1]};
        });
        write(paths, labels, seen, field, null, paths.get(0).optimizer() + (settings.maximize() ? " maximizing " : " on ") + f.name() + ", "
                + longest + (longest == 1 ? " step" : " steps"), out);
        return paths;
    }

    /**
     * Seed 003's standard form, min f s.t. the constraints, from each start by projected gradient descent ({@code projected}
     * steps, then the point projected onto the linear constraints, {@link Projection}) and by the log-barrier interior-point
     * method ({@link Barrier}, {@code barrier} solving each φ_μ); either may be null to leave that method out. The same
     * {@code path.csv} and {@code path.png} as {@link #minimize}, the feasible region shaded. An infeasible set of linear
     * constraints, a nonlinear one for the projection, or a start not strictly inside for the barrier is an
     * {@link IllegalArgumentException} saying so, before anything is written.
     */
    public static List<Minimizer.Path> minimize(Supplier<Optimizer> projected, Supplier<Optimizer> barrier, Function2D f,
            List<Constraint> constraints, List<double[]> starts, Minimizer.Settings settings, boolean field, Path out) throws IOException {
        if (starts.isEmpty() || projected == null && barrier == null) {
            throw new IllegalArgumentException("minimize: give at least one start point and one method");
        }
        new Projection(constraints.stream().filter(Constraint::linear).toList()); // refuses an empty linear set, for either method
        Projection projection = projected == null ? null : new Projection(constraints);
        List<Minimizer.Path> paths = new ArrayList<>();
        for (double[] start : starts) {
            if (barrier != null) {
                paths.add(Barrier.run(barrier, f, constraints, start, settings));
            }
            if (projected != null) {
                Minimizer.Path p = Minimizer.run(projected.get(), f, start, settings, projection::apply);
                paths.add(p.named("projected " + p.optimizer()));
            }
        }
        List<String> labels = paths.stream().map(p -> p.optimizer() + " from ("
                + fmt(p.points()[0][0]) + ", " + fmt(p.points()[0][1]) + ")").toList();
        // an equality's line has no area: it is shaded as the band |h| ≤ 0.02·‖∇h‖, about 0.02 either side
        Predicate<double[]> feasible = x -> constraints.stream().allMatch(c -> c.violation(x) <= (c.equality() ? 0.02 * norm(c.gradient(x)) : 0));
        write(paths, labels, f, field, feasible, f.name() + " s.t. " + String.join(", ", constraints.stream().map(Constraint::text).toList()), out);
        return paths;
    }

    /**
     * Several optimizers from each start ({@code entries}: name → a fresh optimizer, e.g. {@code adam:learning-rate=0.3}),
     * each path named by its entry, all in one {@code path.png}, each labelled with the iterations it took to the tolerance.
     */
    public static List<Minimizer.Path> minimize(Map<String, Supplier<Optimizer>> entries, Function2D f, List<double[]> starts,
            Minimizer.Settings settings, boolean field, Path out) throws IOException {
        List<Minimizer.Path> paths = new ArrayList<>();
        for (double[] start : starts) {
            entries.forEach((name, optimizer) -> paths.add(Minimizer.run(optimizer.get(), f, start, settings).named(name)));
        }
        List<String> labels = paths.stream().map(p -> p.optimizer() + (starts.size() > 1 ? " from (" + fmt(p.points()[0][0]) + ", "
                + fmt(p.points()[0][1]) + ")" : "") + ": " + (!p.stop().equals("tolerance") ? "not reached in " + p.iterations()
                : p.iterations() + (p.iterations() == 1 ? " iteration" : " iterations"))).toList();
        write(paths, labels, f, field, null, entries.size() + " optimizers on " + f.name() + ", iterations to ‖∇f‖ ≤ "
                + shortNumber(settings.tolerance()), out);
        return paths;
    }

    /**
     * The stopping table (seeds 003, 004: "until a stop criterion"): per path, the iterations until ‖∇f‖ ≤ tolerance, or
     * "not reached in N", with f and ‖∇f‖ at the end and the evaluations spent.
     */
    public static String table(List<Minimizer.Path> paths, Function2D f, Minimizer.Settings settings) {
        int width = Math.max(12, paths.stream().mapToInt(p -> p.optimizer().length()).max().orElse(0) + 2);
        String reach = "iterations to ‖∇f‖ ≤ " + shortNumber(settings.tolerance());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s %-12s %-30s %-12s %-12s %s%n",
                "optimizer", "start", reach, "f", "‖∇f‖", "evaluations"));
        for (Minimizer.Path p : paths) {
            double[] g = f.gradient(p.last());
            String iterations = switch (p.stop()) {
                case "tolerance" -> Integer.toString(p.iterations());
                case "diverged" -> "diverged at " + p.iterations();
                case "evaluations" -> "not reached in " + p.evaluations().total() + " evaluations";
                default -> "not reached in " + p.iterations();
            };
            s.append(String.format(Locale.ROOT, "%-" + width + "s %-12s %-30s %-12.4g %-12.4g %d%n", p.optimizer(),
                    "(" + fmt(p.points()[0][0]) + ", " + fmt(p.points()[0][1]) + ")", iterations, p.finalValue(), Math.hypot(g[0], g[1]),
                    p.evaluations().total()));
        }
        return s.toString();
    }

    private static String shortNumber(double v) {
        return Double.toString(v).replace(".0E", "E").replace('E', 'e');
    }

    /** How a constrained run went: the end point to 1e-9, the iterations and why it stopped, the evaluations, the largest violation. */
    public static String report(Minimizer.Path path, List<Constraint> constraints, Minimizer.Settings settings) {
        boolean barrier = path.optimizer().startsWith("barrier");
        String tolerance = shortNumber(settings.tolerance() > 0 ? settings.tolerance() : 1e-9);
        String stop = switch (path.stop()) {
            case "tolerance" -> barrier ? "duality gap m·μ ≤ " + tolerance : "‖x − P(x − ∇f)‖ ≤ " + tolerance;
            case "evaluations" -> "evaluation cap " + settings.maxEvaluations();
            case "diverged" -> barrier ? "an inner solve left the feasible region" : "diverged: f or the point is no longer finite";
            default -> barrier ? "an inner solve used all " + settings.steps() + " steps" : "all steps";
        };
        double[] x = path.last();
        double violation = constraints.stream().mapToDouble(c -> c.violation(x)).max().orElse(0);
        Minimizer.Evaluations e = path.evaluations();
        return String.format(Locale.ROOT, "  x = (%.9f, %.9f); %d iterations (%s); evaluations: f %d, ∇f %d, ∇²f %d; largest violation %.2g",
                x[0], x[1], path.iterations(), stop, e.values(), e.gradients(), e.hessians(), violation);
    }

    /** {@code path.csv} ({@code path,step,x0,x1,value}, paths counted from 1) and {@code path.png}, into a new run directory. */
    private static void write(List<Minimizer.Path> paths, List<String> labels, Function2D f, boolean field, Predicate<double[]> feasible,
            String title, Path out) throws IOException {
        StringWriter csv = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader("path", "step", "x0", "x1", "value").get();
        try (CSVPrinter p = new CSVPrinter(csv, format)) {
            for (int k = 0; k < paths.size(); k++) {
                Minimizer.Path path = paths.get(k);
                for (int i = 0; i < path.points().length; i++) {
                    p.printRecord(k + 1, i, path.points()[i][0], path.points()[i][1], path.values()[i]);
                }
            }
        }
        try (RunDirectory run = RunDirectory.open(out, "path.csv", false, "choose another --out")) {
            AtomicFiles.writeString(out.resolve("path.csv"), csv.toString());
            PathPlot.draw(f, paths.stream().map(Minimizer.Path::points).toList(), labels, field, feasible, title, out.resolve("path.png"));
        }
    }

    private static String kind(Minimizer.Path path, Function2D f) {
        try {
            return CriticalPoint.of(f, path.last()).kind().text();
        } catch (IllegalArgumentException undefined) { // e.g. log(x0) beyond its domain
            return "?";
        }
    }

    /**
     * How the run went: its steps and why it stopped, the evaluations of f, ∇f and ∇²f (for lm: of its residuals and
     * their Jacobian), the floats held, and what kind of point it ended at by the Hessian's eigenvalues.
     */
    public static String report(Minimizer.Path path, Function2D f, Minimizer.Settings settings) {
        String stop = switch (path.stop()) {
            case "tolerance" -> "‖∇f‖ ≤ " + shortNumber(settings.tolerance());
            case "evaluations" -> "evaluation cap " + settings.maxEvaluations();
            case "diverged" -> "diverged: f or the point is no longer finite";
            default -> "all steps";
        };
        Minimizer.Evaluations e = path.evaluations();
        String end;
        try {
            end = CriticalPoint.of(f, path.last()).toString();
        } catch (IllegalArgumentException undefined) {
            end = "unknown (" + undefined.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "  %d iterations (%s); evaluations: f %d, ∇f %d, ∇²f %d; %d floats held; end: %s",
                path.iterations(), stop, e.values(), e.gradients(), e.hessians(), path.floats(), end);
    }

    /** {@link #describe(Minimizer.Path)} and ‖∇f‖ at the end, by the gradient {@code f} was made with. */
    public static String describe(Minimizer.Path path, Function2D f) {
        double[] g = f.gradient(path.last());
        return describe(path) + String.format(Locale.ROOT, ", ‖∇f‖ = %.5g", Math.hypot(g[0], g[1]));
    }

    private static double norm(double[] v) {
        return Math.hypot(v[0], v[1]);
    }

    /** −3 as "-3", −2.965 as "-2.965", and a projected −0.5199999999999999 as "-0.52": six significant digits at most. */
    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.isFinite(v) ? new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString() : Double.toString(v);
    }
}
