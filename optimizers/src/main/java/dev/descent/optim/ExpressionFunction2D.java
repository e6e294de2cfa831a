package dev.descent.optim;

import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.ExpressionException;
import dev.descent.core.grad.NumericalDiff;
import java.util.List;
import java.util.Set;

/**
 * f: ℝ² → ℝ written as an expression in x0, x1 (or x, y), e.g. {@code x0^2 + 2*x1^2}, the seeds' bowl.
 * Its gradient is by automatic differentiation of the parsed expression — reverse mode unless told otherwise —
 * or by central differences; there is no analytic formula for an arbitrary expression.
 */
public final class ExpressionFunction2D implements Function2D {
    private final String name;
    private final Expression expression;
    private final GradientMode mode;

    ExpressionFunction2D(String name, Expression expression, GradientMode mode) {
        if (mode == GradientMode.ANALYTIC) {
            throw new IllegalArgumentException("gradient = 'analytic' exists only for the named functions ("
                    + String.join(", ", Functions2D.names()) + "); for an expression choose reverse, forward or numerical");
        }
        this.name = name;
        this.expression = expression;
        this.mode = mode;
    }

    /** The function of {@code text} in x0, x1 (or x, y, read as x0, x1); a malformed text or another name is an {@link ExpressionException}. */
    public static ExpressionFunction2D parse(String text, GradientMode mode) {
        Set<String> used = Set.copyOf(Expression.parse(text).variables());
        List<String> variables = Set.of("x", "y").containsAll(used) && !used.isEmpty() ? List.of("x", "y") : List.of("x0", "x1");
        try {
            return new ExpressionFunction2D(text.trim(), Expression.parse(text, variables), mode);
        } catch (ExpressionException e) {
            throw new ExpressionException(e.getMessage() + " (or x, y)", e.column());
        }
    }

    public Expression expression() {
        return expression;
    }

    public GradientMode mode() {
        return mode;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double value(double[] point) {
        return expression.value(point);
    }

    @Override
    public double[] gradient(double[] point) {
        return switch (mode) {
            case REVERSE -> expression.gradient(point);
            case FORWARD -> expression.gradientForward(point);
            case NUMERICAL -> NumericalDiff.gradient(expression::value, point.clone());
            case ANALYTIC -> throw new IllegalStateException("unreachable: refused by the constructor");
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
