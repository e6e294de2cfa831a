package dev.descent.optim;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The test functions of {@code minimize}: the seeds' sphere, the book's elliptic bowl, Rosenbrock's valley. */
public final class Functions2D {

    /** x0² + x1²; minimum 0 at (0, 0). */
    public static final Function2D SPHERE = of("sphere",
            p -> p[0] * p[0] + p[1] * p[1],
            p -> new double[] {2 * p[0], 2 * p[1]});

    /** x²/20 + y², the book's comparison of optimizers: 20 times flatter along x; minimum 0 at (0, 0). */
    public static final Function2D ELLIPTIC = of("elliptic",
            p -> p[0] * p[0] / 20 + p[1] * p[1],
            p -> new double[] {p[0] / 10, 2 * p[1]});

    /** (1 − x)² + 100·(y − x²)², a narrow curved valley; minimum 0 at (1, 1). */
    public static final Function2D ROSENBROCK = of("rosenbrock",
            p -> (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]),
            p -> new double[] {-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]), 200 * (p[1] - p[0] * p[0])});

    private static final List<Function2D> ALL = List.of(SPHERE, ELLIPTIC, ROSENBROCK);

    private Functions2D() {}

    public static List<String> names() {
        return ALL.stream().map(Function2D::name).toList();
    }

    /** The function called {@code name}; an unknown name is an error listing the valid ones. */
    public static Function2D byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name.trim())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown function '" + name + "'; valid: " + String.join(", ", names())));
    }

    /** A function from its expression and its analytic gradient. */
    public static Function2D of(String name, ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
        return new Function2D() {
            public String name() {
                return name;
            }

            public double value(double[] point) {
                return value.applyAsDouble(point);
            }

            public double[] gradient(double[] point) {
                return gradient.apply(point);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
