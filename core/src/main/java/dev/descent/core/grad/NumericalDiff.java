package dev.descent.core.grad;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Numerical differentiation of plain functions, as the seeds teach it.
 *
 * <pre>
 *   forward difference:  f'(x) ≈ (f(x + h) − f(x)) / h
 *   central difference:  f'(x) ≈ (f(x + h) − f(x − h)) / 2h        (error O(h²) instead of O(h))
 *   partial derivative:  ∂f/∂xᵢ ≈ (f(…, xᵢ + h, …) − f(…, xᵢ − h, …)) / 2h
 *   gradient:            ∇f = (∂f/∂x₀, …, ∂f/∂xₙ₋₁)
 *   directional:         D_u f(x) ≈ (f(x + h·u) − f(x − h·u)) / 2h,  u a unit vector   (= ∇f·u, seed 001 eqs. 17-20)
 * </pre>
 * h = 1e-4 by default: small enough for the truncation error, large enough that rounding in
 * double precision stays harmless (the seeds' choice).
 */
public final class NumericalDiff {
    public static final double H = 1e-4;

    private NumericalDiff() {}

    public static double forwardDifference(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x)) / H;
    }

    public static double centralDifference(DoubleUnaryOperator f, double x) {
        return (f.applyAsDouble(x + H) - f.applyAsDouble(x - H)) / (2 * H);
    }

    /** ∂f/∂xᵢ at x by central differences; x is left unchanged. */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int i) {
        double saved = x[i];
        try {
            x[i] = saved + H;
            double plus = f.applyAsDouble(x);
            x[i] = saved - H;
            double minus = f.applyAsDouble(x);
            return (plus - minus) / (2 * H);
        } finally {
            x[i] = saved;
        }
    }

    /** The gradient of f at x by central differences; x is left unchanged. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            grad[i] = partial(f, x, i);
        }
        return grad;
    }

    /**
     * The directional derivative D_u f(x) by central differences along the unit vector u/‖u‖ (seed 001
     * eq. 17, with the central difference of eq. 3): how fast f rises when x moves one unit along u. It
     * equals ∇f(x)·u = ‖∇f‖·cos θ (eq. 20), so it is largest (‖∇f‖) along ∇f, smallest (−‖∇f‖) along −∇f,
     * and 0 across it. {@code u} is normalised here, so its length does not matter; a zero or non-finite
     * {@code u}, or one of another length than {@code x}, is refused. x is left unchanged.
     */
    public static double directional(ToDoubleFunction<double[]> f, double[] x, double[] u) {
        if (u.length != x.length) {
            throw new IllegalArgumentException("direction has " + u.length + " components but the point has " + x.length);
        }
        double norm = 0;
        for (double c : u) {
            norm += c * c;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0 && Double.isFinite(norm))) {
            throw new IllegalArgumentException("a direction needs a finite, non-zero vector; got " + Arrays.toString(u));
        }
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] += H * u[i] / norm;
            minus[i] -= H * u[i] / norm;
        }
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * H);
    }
}
