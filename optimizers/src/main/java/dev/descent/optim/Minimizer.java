package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import dev.descent.core.grad.NumericalDiff;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs an optimizer on a 2-D function, the seeds' {@code gradient_descent(f, init_x, lr, step_num)}
 * for any optimizer: the point is a 2-element FLOAT64 {@link Parameter}, updated by the very
 * {@link Optimizer} implementations that train networks, and every point on the way is recorded.
 * A first-order optimizer gets ∇f at the current point; a {@link ClosureOptimizer} gets a closure that evaluates f and
 * ∇f wherever it asks (and ∇²f by automatic differentiation, and f's residuals where f is a sum of squares), as a
 * network's loss would be. The closure remembers its last point, so the evaluation that starts every step is not paid
 * twice where a line search ended. With {@code maximize}, the optimizer sees −f: gradient ascent on f.
 */
public final class Minimizer {
    private static final Logger LOG = LogManager.getLogger(Minimizer.class);

    /**
     * When a run stops — after {@code steps} updates, once ‖∇f‖ ≤ {@code tolerance} (0: never), or once
     * {@code maxEvaluations} evaluations of f, ∇f and ∇²f are spent (checked between steps, which are capped themselves)
     * — and how it differentiates: ∇f by central differences instead of {@code f.gradient} if {@code numerical}; ∇²f
     * by differences of ∇f (taken by the optimizer, through the closure) instead of automatic differentiation.
     */
    public record Settings(int steps, long maxEvaluations, double tolerance, boolean maximize, boolean numerical,
            boolean hessianByDifferences) {
        public Settings {
            if (steps < 0) {
                throw new IllegalArgumentException("minimize: steps = " + steps + " is negative");
            }
            if (maxEvaluations < 1) {
                throw new IllegalArgumentException("minimize: max-evaluations = " + maxEvaluations + " must be >= 1");
            }
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("minimize: tolerance = " + tolerance + " must be > 0 (or 0: none)");
            }
        }

        /** {@code steps} updates and nothing else: at most 50 evaluations a step. */
        public static Settings steps(int steps) {
            return new Settings(steps, 50L * Math.max(steps, 1), 0, false, false, false);
        }
    }

    /** Evaluations a run made: of f (for lm: of the residuals), of ∇f (lm: of the Jacobian), of ∇²f. */
    public record Evaluations(long values, long gradients, long hessians) {
        public long total() {
            return values + gradients + hessians;
        }
    }

    /**
     * The walk: the points (the start first) and f at each; the evaluations it took; why it stopped ({@code steps},
     * {@code tolerance}, {@code evaluations} or {@code diverged}); and the floats held besides f's code — the point, its
     * gradient, the optimizer's state and what one step builds: O(n) for gd, O(m·n) for lbfgs, O(n²) for bfgs and newton.
     */
    public record Path(String optimizer, String function, double[][] points, double[] values, Evaluations evaluations, String stop,
            long floats) {
        public double[] last() {
            return points[points.length - 1].clone();
        }

        public double finalValue() {
            return values[values.length - 1];
        }

        public int iterations() {
            return points.length - 1;
        }

        /** The same walk under another name, e.g. {@code projected gd} or {@code adam:learning-rate=0.3}. */
        public Path named(String name) {
            return new Path(name, function, points, values, evaluations, stop, floats);
        }
    }

    private Minimizer() {}

    /**
     * {@code steps} updates of {@code optimizer} on {@code f} from {@code start}, with the analytic
     * gradient or central differences ({@link NumericalDiff#gradient}). The point and the
     * optimizer's state live in a manager of this run, freed at its end: pass a fresh optimizer.
     */
    public static Path run(Optimizer optimizer, Function2D f, double[] start, int steps, boolean numerical) {
        Settings s = Settings.steps(steps);
        return run(optimizer, f, start, new Settings(s.steps(), s.maxEvaluations(), 0, false, numerical, false));
    }

    /** A run of {@code optimizer} from {@code start} until {@code settings} say stop. */
    public static Path run(Optimizer optimizer, Function2D f, double[] start, Settings settings) {
        return run(optimizer, f, start, settings, null);
    }

    /**
     * Projected gradient descent when {@code projection} is not null: the start and every point after a step are replaced
     * by their projection P onto the feasible set, x ← P(x − η·∇f(x)) for gd; the tolerance then bounds the norm of the
     * gradient mapping ‖x − P(x − ∇f(x))‖, which is 0 exactly at a constrained minimum (KKT point) of a convex problem.
     */
    public static Path run(Optimizer optimizer, Function2D f, double[] given, Settings settings, UnaryOperator<double[]> projection) {
        if (given.length != 2) {
            throw new IllegalArgumentException("minimize: a start point has 2 coordinates, got " + given.length);
        }
        double[] start = projection == null ? given : projection.apply(given);
        List<double[]> points = new ArrayList<>(List.of(start.clone()));
        List<Double> values = new ArrayList<>(List.of(f.value(start)));
        String stop = "steps";
        long floats;
        Evaluator closure;
        try (NDManager manager = Engines.newManager()) {
            Parameter point = new Parameter("point", manager.create(start.clone()));
            List<Parameter> parameters = List.of(point);
            closure = new Evaluator(f, point, settings);
            for (int i = 1; i <= settings.steps() || settings.tolerance() > 0; i++) {
                try (NDManager iteration = manager.newSubManager()) {
                    closure.iteration = iteration;
                    closure.evaluate();
                    if (settings.tolerance() > 0 && closure.gradientNorm(projection) <= settings.tolerance()) {
                        stop = "tolerance";
                        break;
                    }
                    if (i > settings.steps()) {
                        break;
                    }
                    if (closure.counts().total() >= settings.maxEvaluations()) {
                        stop = "evaluations";
                        break;
                    }
                    if (optimizer instanceof ClosureOptimizer second) {
                        second.step(parameters, closure);
                    } else {
                        optimizer.step(parameters);
                    }
                }
                double[] now = point.value().toDoubleArray();
                if (projection != null) {
                    now = projection.apply(now);
                    point.value().set(DoubleBuffer.wrap(now.clone()));
                }
                points.add(now);
                values.add(f.value(now));
                if (!Double.isFinite(values.get(values.size() - 1)) || !Double.isFinite(now[0]) || !Double.isFinite(now[1])) {
                    stop = "diverged";
                    break;
                }
            }
            floats = 2L * start.length + optimizer.exportState().values().stream().filter(a -> a.getShape().dimension() > 0)
                    .mapToLong(NDArray::size).sum() + (optimizer instanceof ClosureOptimizer c ? c.workingFloats(start.length) : 0);
        }
        double[] last = points.get(points.size() - 1);
        LOG.debug("{} on {} from ({}, {}): {} steps to ({}, {}), f = {}, stopped by {}", optimizer.name(), f.name(),
                start[0], start[1], points.size() - 1, last[0], last[1], values.get(values.size() - 1), stop);
        return new Path(optimizer.name(), f.name(), points.toArray(double[][]::new), values.stream().mapToDouble(Double::doubleValue).toArray(),
                closure.counts(), stop, floats);
    }

    /** f (or −f) and its derivatives at the point's current value, counted, the last point remembered. */
    private static final class Evaluator implements ClosureOptimizer.Closure {
        private final Function2D f;
        private final Parameter point;
        private final Settings settings;
        private final double sign;
        NDManager iteration;
        private double[] lastAt;
        private double lastValue;
        private double[] lastGradient;
        private long values;
        private long gradients;
        private long hessians;

        Evaluator(Function2D f, Parameter point, Settings settings) {
            this.f = f;
            this.point = point;
            this.settings = settings;
            this.sign = settings.maximize() ? -1 : 1;
        }

        @Override
        public double evaluate() {
            double[] at = point.value().toDoubleArray();
            if (!Arrays.equals(at, lastAt)) {
                double[] g = settings.numerical() ? NumericalDiff.gradient(f::value, at.clone()) : f.gradient(at);
                lastAt = at;
                lastValue = sign * f.value(at);
                lastGradient = new double[] {sign * g[0], sign * g[1]};
                values++;
                gradients++;
            }
            point.setGrad(iteration.create(lastGradient.clone()));
            return lastValue;
        }

        @Override
        public double[][] hessian() {
            if (settings.hessianByDifferences()) {
                return null;
            }
            hessians++;
            double[][] h = f.hessian(point.value().toDoubleArray());
            return new double[][] {{sign * h[0][0], sign * h[0][1]}, {sign * h[1][0], sign * h[1][1]}};
        }

        @Override
        public ClosureOptimizer.SumOfSquares sumOfSquares() {
            if (settings.maximize()) {
                throw new IllegalArgumentException("maximizing, the optimizer sees −f, which is no sum of squares");
            }
            Function2D.SumOfSquares squares = f.sumOfSquares();
            return new ClosureOptimizer.SumOfSquares() {
                @Override
                public double[] residuals() {
                    values++;
                    return squares.residuals(point.value().toDoubleArray());
                }

                @Override
                public double[][] jacobian() {
                    gradients++;
                    return squares.jacobian(point.value().toDoubleArray());
                }
            };
        }

        double gradientNorm(UnaryOperator<double[]> projection) {
            if (projection == null) {
                return Math.hypot(lastGradient[0], lastGradient[1]);
            }
            double[] p = projection.apply(new double[] {lastAt[0] - lastGradient[0], lastAt[1] - lastGradient[1]});
            return Math.hypot(lastAt[0] - p[0], lastAt[1] - p[1]);
        }

        Evaluations counts() {
            return new Evaluations(values, gradients, hessians);
        }
    }
}
