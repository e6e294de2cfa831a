package dev.descent.optim;

/** A differentiable f: ℝ² → ℝ to minimize, with its analytic gradient. Points are {x, y}. */
public interface Function2D {
    String name();

    double value(double[] point);

    double[] gradient(double[] point);
}
