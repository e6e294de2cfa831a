package dev.descent.optim;

import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.ExpressionException;
import dev.descent.core.autodiff.Node;
import dev.descent.core.autodiff.Op;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One constraint of seed 003's standard form, min f(x) s.t. gᵢ(x) ≤ 0, hⱼ(x) = 0, written as a comparison of two
 * expressions in x0, x1: {@code x0 + x1 >= 1} is g(x) = 1 − (x0 + x1) ≤ 0, {@code a <= b} is g = a − b ≤ 0, and
 * {@code a = b} is h = a − b = 0. g (or h) is kept as an expression, so its gradient and Hessian come from automatic
 * differentiation. It is linear, g(x) = a·x + b, when its gradient is the same at three points not on one line and
 * g(0) + a·x matches g there; then {@link #normal()} is a and {@link #offset()} is b.
 */
public record Constraint(String text, boolean equality, Expression g, double[] normal, double offset) {
    private static final Pattern COMPARISON = Pattern.compile("<=|>=|==|=|≤|≥|<|>");
    private static final double[][] PROBES = {{0, 0}, {1.5, -0.5}, {-0.75, 2.25}};

    /** {@code text} over {@code variables} (x0, x1, or x, y); a malformed side or a missing comparison is an error naming the column. */
    public static Constraint parse(String text, List<String> variables) {
        Matcher m = COMPARISON.matcher(text);
        if (!m.find()) {
            throw new ExpressionException("constraint '" + text + "' has no comparison: write it as 'A <= B', 'A >= B' or 'A = B'");
        }
        String op = m.group();
        int begin = m.start();
        int end = m.end();
        if (m.find()) {
            throw new ExpressionException("constraint '" + text + "' has a second comparison '" + m.group() + "' at column "
                    + (m.start() + 1) + "; give one constraint per --constraint", m.start() + 1);
        }
        if (op.equals("<") || op.equals(">")) {
            throw new ExpressionException("constraint '" + text + "': '" + op + "' at column " + (begin + 1) + " is strict; write "
                    + op + "= (the set must be closed for a minimum to exist)", begin + 1);
        }
        // each side parsed in place, the rest blanked, so that a column is the column in the whole constraint
        Expression left = side(text, text.substring(0, begin), variables);
        Expression right = side(text, " ".repeat(end) + text.substring(end), variables);
        boolean greater = op.equals(">=") || op.equals("≥");
        Node difference = new Node.Apply(Op.SUB, (greater ? right : left).root(), (greater ? left : right).root(), 0);
        Expression g = Expression.parse(difference.toString(), variables);
        double[] a = g.gradient(PROBES[0]);
        double b = g.value(PROBES[0]);
        for (double[] p : PROBES) {
            double[] at = g.gradient(p);
            double linear = b + a[0] * p[0] + a[1] * p[1];
            if (Math.abs(at[0] - a[0]) + Math.abs(at[1] - a[1]) > 1e-12 * (1 + Math.abs(a[0]) + Math.abs(a[1]))
                    || Math.abs(g.value(p) - linear) > 1e-12 * (1 + Math.abs(linear))) {
                a = null;
                break;
            }
        }
        if (a != null && a[0] == 0 && a[1] == 0) {
            throw new ExpressionException("constraint '" + text + "' does not depend on " + String.join(", ", variables));
        }
        return new Constraint(text.trim(), op.startsWith("="), g, a, b);
    }

    private static Expression side(String text, String side, List<String> variables) {
        if (side.isBlank()) {
            throw new ExpressionException("constraint '" + text + "' has an empty side", side.length() + 1);
        }
        try {
            return Expression.parse(side, variables);
        } catch (ExpressionException e) {
            throw new ExpressionException("constraint '" + text + "': " + e.getMessage(), e.column());
        }
    }

    public boolean linear() {
        return normal != null;
    }

    /** g(x) (or h(x)): ≤ 0 (= 0) where the constraint holds. */
    public double value(double[] x) {
        return g.value(x);
    }

    /** How far x is from satisfying it: max(g, 0) for an inequality, |h| for an equality. */
    public double violation(double[] x) {
        double v = value(x);
        return equality ? Math.abs(v) : Math.max(v, 0);
    }

    public double[] gradient(double[] x) {
        return g.gradient(x);
    }

    /** ∇²g: row i is the reverse-mode gradient of the symbolic ∂g/∂xᵢ. */
    public double[][] hessian(double[] x) {
        return g.variables().stream().map(v -> g.derivative(v).gradient(x)).toArray(double[][]::new);
    }

    @Override
    public String toString() {
        return text;
    }
}
