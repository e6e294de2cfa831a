package dev.descent.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The log-barrier interior-point method (seed 003's "interior point") for min f(x) s.t. gᵢ(x) ≤ 0, hⱼ(x) = 0:
 * <pre>
 *   φ_μ(x) = f(x) − μ·Σ log(−gᵢ(x)) + (1/(2μ))·Σ hⱼ(x)²,     μ = 1, 0.1, 0.01, ...
 * </pre>
 * Each φ_μ is minimized without constraints by an existing optimizer (newton suits it: φ_μ's gradient and Hessian are
 * f's and gᵢ's by automatic differentiation), from the minimizer of the previous one: the points walk the central path
 * from inside the feasible set to its boundary. φ_μ is +∞ outside (its gradient NaN), so a line search backs off
 * before the boundary. The minimizer x(μ) of φ_μ is within m·μ of the optimum in f (m inequalities: the duality gap),
 * so the outer loop stops once (m + e)·μ ≤ tolerance; each inner solve stops once ‖∇φ_μ‖ ≤ tolerance or the level
 * below which rounding hides any decrease of φ_μ ({@link #floor}). Equalities hⱼ = 0 are not barriers but a quadratic
 * penalty whose weight 1/μ grows as μ shrinks: hⱼ(x(μ)) ≈ −νⱼ·μ. It needs a strictly feasible start, gᵢ(x₀) &lt; 0.
 */
public final class Barrier {
    private Barrier() {}

    /** The walk over every inner solve, f at each point; stop is {@code tolerance}, {@code steps} or {@code diverged}. */
    public static Minimizer.Path run(Supplier<Optimizer> inner, Function2D f, List<Constraint> constraints, double[] start,
            Minimizer.Settings settings) {
        for (Constraint c : constraints) {
            if (!c.equality() && !(c.value(start) < 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the barrier method needs a strictly feasible start: at "
                        + "(%s, %s) the constraint '%s' is %s (it must hold strictly); give a --start inside the feasible region%s",
                        num(start[0]), num(start[1]), c, c.value(start) == 0 ? "on its boundary" : "violated", suggestion(constraints, start)));
            }
        }
        double tolerance = settings.tolerance() > 0 ? settings.tolerance() : 1e-9;
        List<double[]> points = new ArrayList<>(List.of(start.clone()));
        String name = inner.get().name();
        long values = 0;
        long gradients = 0;
        long hessians = 0;
        long floats = 0;
        String stop = "tolerance";
        for (double mu = 1; ; mu /= 10) {
            Function2D phi = objective(f, constraints, mu);
            double[] from = points.get(points.size() - 1);
            Minimizer.Settings each = new Minimizer.Settings(settings.steps(), settings.maxEvaluations(),
                    Math.max(tolerance, floor(phi, f, from)), false, settings.numerical(), settings.hessianByDifferences());
            Minimizer.Path solve = Minimizer.run(inner.get(), phi, from, each);
            points.addAll(Arrays.asList(solve.points()).subList(1, solve.points().length));
            values += solve.evaluations().values();
            gradients += solve.evaluations().gradients();
            hessians += solve.evaluations().hessians();
            floats = Math.max(floats, solve.floats());
            if (!solve.stop().equals("tolerance")) {
                stop = solve.stop();
                if (stop.equals("diverged")) {
                    points.remove(points.size() - 1); // the point outside, where φ_μ is +∞
                }
                break;
            }
            if (constraints.size() * mu <= tolerance) {
                break;
            }
        }
        return new Minimizer.Path("barrier(" + name + ")", f.name(), points.toArray(double[][]::new),
                points.stream().mapToDouble(f::value).toArray(), new Minimizer.Evaluations(values, gradients, hessians), stop, floats);
    }

    /**
     * The smallest ‖∇φ_μ‖ a line search can still reach near x(μ): a step lowers φ_μ by about ‖∇φ‖²/(2‖∇²φ‖), and no
     * decrease below ε·(|f| + |φ − f|) can be seen, so ‖∇φ‖ ≥ √(2ε·(|f| + |φ − f|)·‖∇²φ‖). It is taken at the warm start
     * x, where −g is about 10μ: at the centre, −g ≈ μ, the barrier's curvature μ/g² is 100 times larger, hence the 10.
     * It costs little accuracy in x: a large ∇²φ is along the normal of an active constraint, and x moves by ∇φ/∇²φ.
     */
    private static double floor(Function2D phi, Function2D f, double[] x) {
        double fx = f.value(x);
        double scale = Math.abs(fx) + Math.abs(phi.value(x) - fx);
        double curvature = Math.sqrt(Arrays.stream(phi.hessian(x)).flatMapToDouble(Arrays::stream).map(v -> v * v).sum());
        return 10 * Math.sqrt(2 * Math.ulp(1.0) * scale * curvature);
    }

    /** φ_μ with its gradient and Hessian. */
    static Function2D objective(Function2D f, List<Constraint> constraints, double mu) {
        return new Function2D() {
            @Override
            public String name() {
                return f.name() + " with barrier μ = " + mu;
            }

            @Override
            public double value(double[] x) {
                double v = f.value(x);
                for (Constraint c : constraints) {
                    double g = c.value(x);
                    if (!c.equality() && !(g < 0)) {
                        return Double.POSITIVE_INFINITY;
                    }
                    v += c.equality() ? g * g / (2 * mu) : -mu * Math.log(-g);
                }
                return v;
            }

            @Override
            public double[] gradient(double[] x) {
                double[] d = f.gradient(x).clone();
                for (Constraint c : constraints) {
                    double g = c.value(x);
                    double w = c.equality() ? g / mu : g < 0 ? -mu / g : Double.NaN;
                    double[] dg = c.gradient(x);
                    d[0] += w * dg[0];
                    d[1] += w * dg[1];
                }
                return d;
            }

            @Override
            public double[][] hessian(double[] x) {
                double[][] h = f.hessian(x);
                h = new double[][] {h[0].clone(), h[1].clone()};
                for (Constraint c : constraints) {
                    double g = c.value(x);
                    double[] dg = c.gradient(x);
                    double[][] hg = c.linear() ? new double[2][2] : c.hessian(x);
                    double outer = c.equality() ? 1 / mu : mu / (g * g);   // weight of ∇g·∇gᵀ
                    double curvature = c.equality() ? g / mu : -mu / g;     // weight of ∇²g
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            h[i][j] += outer * dg[i] * dg[j] + curvature * hg[i][j];
                        }
                    }
                }
                return h;
            }
        };
    }

    /** ", e.g. --start X,Y" with a point strictly inside, where every inequality is linear and one is found; else "". */
    private static String suggestion(List<Constraint> constraints, double[] start) {
        List<Constraint> inequalities = constraints.stream().filter(c -> !c.equality()).toList();
        if (!inequalities.stream().allMatch(Constraint::linear)) {
            return "";
        }
        double[] y = new Projection(inequalities).interior(start);
        if (y == null) {
            return " — there is none: these inequalities leave no interior";
        }
        String[] shown = {String.format(Locale.ROOT, "%.4g", y[0]), String.format(Locale.ROOT, "%.4g", y[1])};
        double[] rounded = {Double.parseDouble(shown[0]), Double.parseDouble(shown[1])};
        boolean inside = inequalities.stream().allMatch(c -> c.value(rounded) < 0);
        return ", e.g. --start " + (inside ? shown[0] + "," + shown[1] : y[0] + "," + y[1]);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
