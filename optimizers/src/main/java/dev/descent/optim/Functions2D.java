package dev.descent.optim;

import dev.descent.core.autodiff.Expression;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The test functions of {@code minimize}: the seeds' sphere, the book's elliptic bowl, Rosenbrock's valley, and
 * landscapes whose stationary points are not all minima — a saddle, a double well, Himmelblau's four minima around a
 * maximum, a well in a plateau — each with
 * its hand-written gradient and the same formula as an expression for automatic differentiation — or any expression
 * in x0, x1 ({@link #resolve}).
 */
public final class Functions2D {

    /** x0² + x1²; minimum 0 at (0, 0). */
    public static final Function2D SPHERE = named("sphere", "x0^2 + x1^2",
            p -> p[0] * p[0] + p[1] * p[1],
            p -> new double[] {2 * p[0], 2 * p[1]});

    /** x²/20 + y², the book's comparison of optimizers: 20 times flatter along x; minimum 0 at (0, 0). */
    public static final Function2D ELLIPTIC = named("elliptic", "x0^2/20 + x1^2",
            p -> p[0] * p[0] / 20 + p[1] * p[1],
            p -> new double[] {p[0] / 10, 2 * p[1]});

    /** (1 − x)² + 100·(y − x²)², a narrow curved valley; minimum 0 at (1, 1). */
    public static final Function2D ROSENBROCK = named("rosenbrock", "(1 - x0)^2 + 100*(x1 - x0^2)^2",
            p -> (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]),
            p -> new double[] {-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]), 200 * (p[1] - p[0] * p[0])});

    /** x0² − x1², a saddle at (0, 0): a minimum along x0, a maximum along x1; no minimum at all. */
    public static final Function2D SADDLE = named("saddle", "x0^2 - x1^2",
            p -> p[0] * p[0] - p[1] * p[1],
            p -> new double[] {2 * p[0], -2 * p[1]});

    /**
     * x0⁴ − 3·x0² + x0 + x1², two valleys: the global minimum at x0 ≈ −1.3008 (f ≈ −3.514), a local one at
     * x0 ≈ 1.1309 (f ≈ −1.070), a saddle between them at x0 ≈ 0.1699 (the roots of 4x³ − 6x + 1), all at x1 = 0.
     */
    public static final Function2D DOUBLE_WELL = named("doublewell", "x0^4 - 3*x0^2 + x0 + x1^2",
            p -> p[0] * p[0] * p[0] * p[0] - 3 * p[0] * p[0] + p[0] + p[1] * p[1],
            p -> new double[] {4 * p[0] * p[0] * p[0] - 6 * p[0] + 1, 2 * p[1]});

    /**
     * (x0² + x1 − 11)² + (x0 + x1² − 7)², Himmelblau's: four minima of 0, at (3, 2), (−2.8051, 3.1313), (−3.7793, −3.2832)
     * and (3.5844, −1.8481), a maximum of 181.6 at (−0.2708, −0.9230) and four saddles between them.
     */
    public static final Function2D HIMMELBLAU = named("himmelblau", "(x0^2 + x1 - 11)^2 + (x0 + x1^2 - 7)^2",
            p -> sq(p[0] * p[0] + p[1] - 11) + sq(p[0] + p[1] * p[1] - 7),
            p -> new double[] {4 * p[0] * (p[0] * p[0] + p[1] - 11) + 2 * (p[0] + p[1] * p[1] - 7),
                2 * (p[0] * p[0] + p[1] - 11) + 4 * p[1] * (p[0] + p[1] * p[1] - 7)});

    /**
     * 1 − exp(−(x0² + x1²)): a well at (0, 0) in a plateau. Far out, gradient and curvature vanish together (at (3, 3)
     * ‖∇f‖ ≈ 1.3e-7): a gradient step barely moves, and the second-derivative test cannot tell a plateau from a minimum.
     */
    public static final Function2D PLATEAU = named("plateau", "1 - exp(-(x0^2 + x1^2))",
            p -> 1 - Math.exp(-(p[0] * p[0] + p[1] * p[1])),
            p -> {
                double e = Math.exp(-(p[0] * p[0] + p[1] * p[1]));
                return new double[] {2 * p[0] * e, 2 * p[1] * e};
            });

    private static final List<Function2D> ALL = List.of(SPHERE, ELLIPTIC, ROSENBROCK, SADDLE, DOUBLE_WELL, HIMMELBLAU, PLATEAU);

    private Functions2D() {}

    public static List<String> names() {
        return ALL.stream().map(Function2D::name).toList();
    }

    /** The function called {@code name}; an unknown name is an error listing the valid ones. */
    public static Function2D byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name.trim())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown function '" + name + "'; valid: " + String.join(", ", names())));
    }

    /** The formula of a named function as an expression in x0, x1: {@code sphere} is {@code x0^2 + x1^2}. */
    public static String expression(String name) {
        return ((Named) byName(name)).expression;
    }

    /** An expression in x0, x1 (or x, y), its gradient by reverse-mode automatic differentiation. */
    public static Function2D parse(String expression) {
        return ExpressionFunction2D.parse(expression, GradientMode.DEFAULT);
    }

    /**
     * What {@code minimize --function F --gradient G} runs: a named function (its analytic gradient, or automatic or
     * numerical differentiation of its formula) or any expression in x0, x1 (every mode but analytic). A bare name
     * that is neither is an error listing the valid ones; a malformed expression is an error naming its column.
     */
    public static Function2D resolve(String function, GradientMode mode) {
        String name = function.trim();
        if (names().contains(name)) {
            return mode == GradientMode.ANALYTIC ? byName(name)
                    : new ExpressionFunction2D(name, Expression.parse(expression(name), List.of("x0", "x1")), mode);
        }
        if (name.matches("[A-Za-z_]\\w*") && !List.of("x0", "x1", "x", "y", "pi", "e").contains(name)) {
            throw new IllegalArgumentException("unknown function '" + name + "'; valid: " + String.join(", ", names())
                    + ", or an expression in x0, x1 such as 'x0^2 + 2*x1^2'");
        }
        return ExpressionFunction2D.parse(name, mode);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** A named function: its analytic gradient, and its formula for what goes beyond (Hessian, residuals). */
    private static Function2D named(String name, String expression, ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
        return new Named(name, expression, value, gradient);
    }

    private static final class Named implements Function2D {
        private final String name;
        private final String expression;
        private final ToDoubleFunction<double[]> value;
        private final Function<double[], double[]> gradient;
        private ExpressionFunction2D formula;

        Named(String name, String expression, ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
            this.name = name;
            this.expression = expression;
            this.value = value;
            this.gradient = gradient;
        }

        private ExpressionFunction2D formula() {
            if (formula == null) {
                formula = new ExpressionFunction2D(name, Expression.parse(expression, List.of("x0", "x1")), GradientMode.REVERSE);
            }
            return formula;
        }

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
        public double[][] hessian(double[] point) {
            return formula().hessian(point);
        }

        @Override
        public SumOfSquares sumOfSquares() {
            return formula().sumOfSquares();
        }

        @Override
        public String toString() {
            return name;
        }
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
