package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Levenberg–Marquardt (seed 003's "1.5th order") for a loss that is a sum of squares, L = Σ rᵢ(θ)² — a least-squares
 * fit, or Rosenbrock as (1 − x0)² + (10·(x1 − x0²))². JᵀJ (J = ∂r/∂θ) stands in for the Hessian, as in Gauss–Newton,
 * and the damping μ moves the step between Gauss–Newton's (μ → 0) and a short gradient step (μ large):
 * <pre>
 *   (JᵀJ + μ·I)·h = −Jᵀr,   trial θ + η·h,   gain ρ = (L(θ) − L(θ + η·h)) / (L(θ) − ‖r + η·J·h‖²)
 *   ρ &gt; 0: accept;  μ ← μ·max(1/3, 1 − (2ρ − 1)³),  ν ← 2        ρ ≤ 0: μ ← μ·ν,  ν ← 2ν,  try again
 * </pre>
 * (Madsen, Nielsen &amp; Tingleff 2004, Algorithm 3.16; μ₀ = 10⁻³·max diag JᵀJ.) At most {@value #TRIALS} trials a step;
 * a step that finds no lower point does not move. The residuals come from the closure
 * ({@link ClosureOptimizer.Closure#sumOfSquares}); a loss given without them is an error. η = 1 (the default) is the
 * method; a smaller η shortens every trial. Builds n² floats per step, so at most
 * {@value AbstractClosureOptimizer#DENSE_LIMIT} parameters.
 */
public final class LevenbergMarquardt extends AbstractClosureOptimizer {
    static final int TRIALS = 30;
    private double mu = Double.NaN;
    private double nu = 2;

    public LevenbergMarquardt(Map<String, String> hyperparameters) {
        super("lm", List.of(LEARNING_RATE.withDefault(1)), hyperparameters);
    }

    @Override
    protected double update(Objective o) {
        requireDense(o.size(), "matrix JᵀJ");
        double loss = o.evaluate();
        ClosureOptimizer.SumOfSquares squares;
        try {
            squares = o.closure().sumOfSquares();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + " needs the loss as a sum of squares Σ rᵢ²: " + e.getMessage(), e);
        }
        if (squares == null) {
            throw new IllegalArgumentException(name() + " needs the loss as a sum of squares Σ rᵢ², and this one is not given as one"
                    + " (a network's loss is not); use lbfgs or cg");
        }
        double[] r = squares.residuals();
        counted();
        double f = Dense.dot(r, r);
        double[][] j = squares.jacobian();
        int n = (int) o.size();
        double[][] a = new double[n][n];        // JᵀJ
        double[] g = new double[n];             // Jᵀr
        for (int k = 0; k < r.length; k++) {
            for (int p = 0; p < n; p++) {
                g[p] += j[k][p] * r[k];
                for (int q = 0; q < n; q++) {
                    a[p][q] += j[k][p] * j[k][q];
                }
            }
        }
        if (Dense.dot(g, g) == 0) {
            return loss;
        }
        if (Double.isNaN(mu)) {
            mu = 1e-3 * (maxDiagonal(a) > 0 ? maxDiagonal(a) : 1);
        }
        double[] theta = o.valuesAsDoubles();
        double[] minusG = Arrays.stream(g).map(v -> -v).toArray();
        for (int trial = 0; trial < TRIALS; trial++) {
            double[] h = Dense.solvePositiveDefinite(Dense.shifted(a, mu), minusG);
            if (h != null) {
                double[] step = Arrays.stream(h).map(v -> v * learningRate()).toArray();
                double[] next = theta.clone();
                for (int p = 0; p < n; p++) {
                    next[p] += step[p];
                }
                o.set(next);
                double[] rNext = squares.residuals();
                counted();
                double fNext = Dense.dot(rNext, rNext);
                double[] aStep = new double[n];
                for (int p = 0; p < n; p++) {
                    aStep[p] = Dense.dot(a[p], step);
                }
                double predicted = -2 * Dense.dot(step, g) - Dense.dot(step, aStep); // L(θ) − ‖r + J·step‖²
                double gain = (f - fNext) / predicted;
                if (gain > 0 && Double.isFinite(fNext)) {
                    mu *= Math.max(1.0 / 3, 1 - Math.pow(2 * gain - 1, 3));
                    nu = 2;
                    return loss;
                }
                o.set(theta);
            }
            mu *= nu;
            nu *= 2;
        }
        return loss;
    }

    private static double maxDiagonal(double[][] a) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, a[i][i]);
        }
        return m;
    }

    @Override
    public long workingFloats(long n) {
        return n * n;
    }

    @Override
    protected Map<String, Double> keptNumbers() {
        return Double.isNaN(mu) ? Map.of() : Map.of("mu", mu, "nu", nu);
    }

    @Override
    protected void restore(Map<String, NDArray> arrays, Map<String, Double> numbers) {
        if (!arrays.isEmpty()) {
            throw unknownState(arrays.keySet().iterator().next(), "mu, nu");
        }
        for (String key : numbers.keySet()) {
            if (!key.equals("mu") && !key.equals("nu")) {
                throw unknownState(key, "mu, nu");
            }
        }
        mu = numbers.getOrDefault("mu", Double.NaN);
        nu = numbers.getOrDefault("nu", 2.0);
    }
}
