package dev.descent.examples;

import dev.descent.optim.Constraint;
import dev.descent.optim.Function2D;
import dev.descent.optim.Functions2D;
import dev.descent.optim.GradientMode;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 003's standard form, min f(x) s.t. gᵢ(x) ≤ 0, hⱼ(x) = 0, on its smallest case: min x0² + x1² s.t. x0 + x1 ≥ 1.
 * By hand (KKT): ∇f = λ·∇(x0 + x1), 2·x0 = 2·x1 = λ, x0 + x1 = 1, so x* = (0.5, 0.5), λ = 1, f* = 0.5.
 * Two ways there, from two starts inside the half-plane:
 * <ul>
 *   <li>projected gradient descent: a plain gd step, then back onto the half-plane by the closed-form projection
 *       x − max(0, 1 − x0 − x1)/2·(−1, −1): the path runs along the boundary once it meets it;</li>
 *   <li>the log-barrier interior-point method: minimize x0² + x1² − μ·log(x0 + x1 − 1) by newton for μ = 1, 0.1, 0.01, ...;
 *       its minimizers x(μ) = (1 + √(1 + 4μ))/4·(1, 1), the central path, stay strictly inside and reach x* as μ → 0.</li>
 * </ul>
 * Prints where each ends and draws {@code path.png} with the feasible region shaded: the command is
 * {@code ./descent minimize --function sphere --constraint "x0 + x1 >= 1" --start 2,2 --start 3,-1 --learning-rate 0.1}.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.ConstrainedMinimize [out-dir]}.
 */
public final class ConstrainedMinimize {
    private ConstrainedMinimize() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : Runs.defaultOut("constrained");
        System.out.print(run(out));
    }

    /** Both methods from (2, 2) and (3, −1) into {@code out}; the text printed. */
    public static String run(Path out) throws IOException {
        Function2D f = Functions2D.resolve("x0^2 + x1^2", GradientMode.REVERSE);
        List<Constraint> constraints = List.of(Constraint.parse("x0 + x1 >= 1", List.of("x0", "x1")));   // g = 1 − x0 − x1 ≤ 0
        List<double[]> starts = List.of(new double[] {2, 2}, new double[] {3, -1});
        Minimizer.Settings settings = new Minimizer.Settings(500, 100_000, 1e-9, false, false, false);

        List<Minimizer.Path> paths = MinimizeFunction.minimize(() -> Optimizers.create("gd", Map.of("learning-rate", "0.1")),
                () -> Optimizers.create("newton", Map.of()), f, constraints, starts, settings, false, out);

        StringBuilder s = new StringBuilder("min x0² + x1² s.t. x0 + x1 ≥ 1   (by hand: x* = (0.5, 0.5), λ = 1, f* = 0.5)\n\n");
        for (Minimizer.Path p : paths) {
            s.append(MinimizeFunction.describe(p)).append('\n').append(MinimizeFunction.report(p, constraints, settings)).append('\n');
        }
        s.append("\nthe barrier's central path x(μ) = (1 + √(1 + 4μ))/4·(1, 1):\n");
        for (double mu = 1; mu >= 1e-9; mu /= 100) {
            s.append(String.format(Locale.ROOT, "  μ = %-7.0e x0 = x1 = %.10f%n", mu, (1 + Math.sqrt(1 + 4 * mu)) / 4));
        }
        return s.append("wrote ").append(out.resolve("path.png")).append('\n').toString();
    }
}
