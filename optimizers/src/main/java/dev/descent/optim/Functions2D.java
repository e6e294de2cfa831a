package dev.descent.optim;

import dev.descent.core.autodiff.Expression;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The test functions of {@code minimize}: the seeds' sphere, the book's elliptic bowl, Rosenbrock's valley — each with
 * its hand-written gradient and the same formula as an expression for automatic differentiation — or any expression
 * in x0, x1 ({@link #resolve}).
 */
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
    private static final List<String> EXPRESSIONS = List.of("x0^2 + x1^2", "x0^2/20 + x1^2", "(1 - x0)^2 + 100*(x1 - x0^2)^2");

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
        return EXPRESSIONS.get(ALL.indexOf(byName(name)));
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
