package dev.descent.optim;

/** A differentiable f: ℝ² → ℝ to minimize, with its analytic gradient. Points are {x, y}. */
public interface Function2D {
    String name();

    double value(double[] point);

    double[] gradient(double[] point);

    /**
     * ∇²f at {@code point}. By default central differences of {@link #gradient}, symmetrized
     * ({@link #hessianByDifferences}); an expression differentiates twice instead ({@link ExpressionFunction2D#hessian}).
     */
    default double[][] hessian(double[] point) {
        return hessianByDifferences(this, point);
    }

    /** f as Σ rᵢ², for Levenberg–Marquardt; an {@link IllegalArgumentException} saying why, when f is not known as one. */
    default SumOfSquares sumOfSquares() {
        throw new IllegalArgumentException(name() + " is not known as a sum of squares");
    }

    /** f = Σ rᵢ(x)²: the residuals and their Jacobian ∂rᵢ/∂xⱼ. */
    interface SumOfSquares {
        double[] residuals(double[] point);

        double[][] jacobian(double[] point);
    }

    /** ∂²f/∂xᵢ∂xⱼ by central differences of the gradient, hᵢ = ∛ε·max(1, |xᵢ|) (≈ 6e-6), then (H + Hᵀ)/2. */
    static double[][] hessianByDifferences(Function2D f, double[] point) {
        double[][] h = new double[point.length][];
        double[] x = point.clone();
        for (int i = 0; i < x.length; i++) {
            double step = Math.cbrt(0x1.0p-52) * Math.max(1, Math.abs(point[i]));
            x[i] = point[i] + step;
            double[] above = f.gradient(x);
            double up = x[i];
            x[i] = point[i] - step;
            double[] below = f.gradient(x);
            double down = x[i];
            x[i] = point[i];
            h[i] = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                h[i][j] = (above[j] - below[j]) / (up - down);
            }
        }
        return Dense.symmetric(h);
    }
}
