package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Newton's method (seed 003's second order): the curvature H = ∇²L turns the gradient into a step to the stationary
 * point of the local quadratic model, so a positive-definite quadratic is minimized in exactly one step, from anywhere:
 * <pre>
 *   (H + τ·I)·p = −g,   θ ← θ + t·p       (t: strong Wolfe, c2 = 0.9, first trial η = 1: the full Newton step)
 * </pre>
 * τ = 0 while H is positive definite. Where it is not — near a saddle or a maximum, where −H⁻¹g would climb — τ starts
 * at β = 10⁻³·max(1, ‖H‖) (more if a diagonal entry is negative) and doubles until H + τ·I is: a damped step, between
 * Newton's and a short gradient step (Nocedal &amp; Wright, Algorithm 3.3). H is the closure's where the caller can
 * differentiate twice (automatic differentiation), else central differences of the gradient: 2n evaluations,
 * hᵢ = ∛ε·max(1, |θᵢ|). A Hessian that is singular at every point of the path, three or more where g ≠ 0, is an error
 * rather than a damped crawl: Newton's step is undefined, the function is flat in some direction. Builds n² floats per
 * step, so at most {@value AbstractClosureOptimizer#DENSE_LIMIT} parameters. Default η = 1.
 */
public final class Newton extends AbstractClosureOptimizer {
    private static final double C2 = 0.9;
    private static final int SINGULAR_POINTS = 3;
    private long singularPoints; // consecutive singular Hessians since the start; −1 once one was not

    public Newton(Map<String, String> hyperparameters) {
        super("newton", List.of(LEARNING_RATE.withDefault(1)), hyperparameters);
    }

    @Override
    protected double update(Objective o) {
        requireDense(o.size(), "Hessian");
        double loss = o.evaluate();
        NDArray gradient = o.gradient();
        double[] g = Objective.doubles(gradient);
        if (Dense.dot(g, g) == 0) {
            return loss; // a stationary point: no step to take
        }
        double[][] given = o.closure().hessian();
        double[][] h = Dense.symmetric(given != null ? checked(given, g.length) : differences(o));
        double[] minusG = Arrays.stream(g).map(v -> -v).toArray();
        double[] p = Dense.solvePositiveDefinite(h, minusG);
        if (p == null) {
            double[] lambda = Dense.eigenvalues(h);
            double largest = Math.max(Math.abs(lambda[0]), Math.abs(lambda[lambda.length - 1]));
            boolean singular = Arrays.stream(lambda).map(Math::abs).min().orElse(0) <= 1e-8 * Math.max(1, largest);
            if (singular && singularPoints >= 0 && ++singularPoints >= SINGULAR_POINTS) {
                throw new IllegalArgumentException(name() + ": the Hessian is singular at every point so far (" + singularPoints + " points"
                        + (g.length <= 4 ? ", the last " + point(o.valuesAsDoubles()) : "") + "): Newton's step −H⁻¹∇f is "
                        + "undefined, the function is flat along some direction; use bfgs, lbfgs, cg or a first-order optimizer");
            }
            singularPoints = singular ? singularPoints : -1;
            double beta = 1e-3 * Math.max(1, Math.sqrt(Arrays.stream(h).mapToDouble(row -> Dense.dot(row, row)).sum()));
            double minDiagonal = Double.POSITIVE_INFINITY;
            for (int i = 0; i < h.length; i++) {
                minDiagonal = Math.min(minDiagonal, h[i][i]);
            }
            double tau = minDiagonal > 0 ? beta : beta - minDiagonal;
            for (int k = 0; (p = Dense.solvePositiveDefinite(Dense.shifted(h, tau), minusG)) == null; k++) {
                if (k == 2000) {
                    throw new IllegalStateException(name() + ": no damping τ makes H + τI positive definite (H has NaN or ∞)");
                }
                tau = Math.max(2 * tau, beta);
            }
        } else {
            singularPoints = -1;
        }
        NDArray d = o.vector(p);
        NDArray x = o.values();
        StrongWolfe.Result ls = StrongWolfe.search(t -> o.at(x, t, d), new StrongWolfe.Trial(0, loss, gradient, Dense.dot(g, p)),
                learningRate(), Objective.maxAbs(d), C2, 0);
        o.add(ls.best().t(), d);
        return loss;
    }

    /** ∂gⱼ/∂θᵢ by central differences of the closure's gradient; θ is restored exactly. */
    private static double[][] differences(Objective o) {
        NDArray x = o.values();
        double[] theta = Objective.doubles(x);
        boolean single = o.dataType() == DataType.FLOAT32;
        double h = Math.cbrt(single ? 0x1.0p-23 : 0x1.0p-52);
        double[][] hessian = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            double at = theta[i];
            double step = h * Math.max(1, Math.abs(at));
            double up = single ? (float) (at + step) : at + step;   // the values the parameter really takes
            double down = single ? (float) (at - step) : at - step;
            theta[i] = up;
            o.set(theta);
            o.evaluate();
            double[] above = Objective.doubles(o.gradient());
            theta[i] = down;
            o.set(theta);
            o.evaluate();
            double[] below = Objective.doubles(o.gradient());
            theta[i] = at;
            hessian[i] = new double[theta.length];
            for (int j = 0; j < theta.length; j++) {
                hessian[i][j] = (above[j] - below[j]) / (up - down);
            }
        }
        o.set(x);
        return hessian;
    }

    private static String point(double[] x) {
        return Arrays.stream(x).mapToObj(v -> String.format(Locale.ROOT, "%.5g", v))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private double[][] checked(double[][] h, int n) {
        if (h.length != n || Arrays.stream(h).anyMatch(row -> row.length != n)) {
            throw new IllegalArgumentException(name() + ": the closure's Hessian is not " + n + "×" + n);
        }
        return h;
    }

    @Override
    public long workingFloats(long n) {
        return n * n;
    }

    @Override
    protected Map<String, Double> keptNumbers() {
        return stepCount() == 0 ? Map.of() : Map.of("singular-points", (double) singularPoints);
    }

    @Override
    protected void restore(Map<String, NDArray> arrays, Map<String, Double> numbers) {
        if (!arrays.isEmpty()) {
            throw unknownState(arrays.keySet().iterator().next(), "singular-points");
        }
        for (String key : numbers.keySet()) {
            if (!key.equals("singular-points")) {
                throw unknownState(key, "singular-points");
            }
        }
        singularPoints = numbers.getOrDefault("singular-points", 0.0).longValue();
    }
}
