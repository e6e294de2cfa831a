package dev.descent.core.grad;

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
}
