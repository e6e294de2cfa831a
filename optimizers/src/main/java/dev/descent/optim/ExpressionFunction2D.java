package dev.descent.optim;

import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.ExpressionException;
import dev.descent.core.autodiff.Node;
import dev.descent.core.autodiff.Op;
import dev.descent.core.grad.NumericalDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * f: ℝ² → ℝ written as an expression in x0, x1 (or x, y), e.g. {@code x0^2 + 2*x1^2}, the seeds' bowl.
 * Its gradient is by automatic differentiation of the parsed expression — reverse mode unless told otherwise —
 * or by central differences; there is no analytic formula for an arbitrary expression. Its Hessian is by automatic
 * differentiation too: each ∂f/∂xᵢ as an expression (symbolic rules), whose gradient by reverse mode is row i of ∇²f.
 * Written as a sum of squared terms it is a sum of squares, for Levenberg–Marquardt ({@link #sumOfSquares}).
 */
public final class ExpressionFunction2D implements Function2D {
    private final String name;
    private final Expression expression;
    private final GradientMode mode;
    private List<Expression> partials;

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

    /** ∇²f: row i is the reverse-mode gradient of the symbolic ∂f/∂xᵢ, made once. */
    @Override
    public double[][] hessian(double[] point) {
        if (partials == null) {
            partials = expression.variables().stream().map(expression::derivative).toList();
        }
        double[][] h = new double[point.length][];
        for (int i = 0; i < h.length; i++) {
            h[i] = partials.get(i).gradient(point);
        }
        return h;
    }

    /**
     * f as Σ rᵢ² when it is written as a sum of squared terms: c·u^2, u^2/c, u^(2k) and constants c, added, with c ≥ 0
     * (Rosenbrock's (1 − x0)^2 + 100*(x1 − x0^2)^2 has residuals 1 − x0 and 10·(x1 − x0²)). The Jacobian is by reverse
     * mode, one residual at a time. Otherwise an {@link IllegalArgumentException} naming the term that is not one.
     */
    @Override
    public SumOfSquares sumOfSquares() {
        List<Expression> residuals = new ArrayList<>();
        addResiduals(expression.root(), 1, residuals);
        return new SumOfSquares() {
            @Override
            public double[] residuals(double[] point) {
                return residuals.stream().mapToDouble(r -> r.value(point)).toArray();
            }

            @Override
            public double[][] jacobian(double[] point) {
                return residuals.stream().map(r -> r.gradient(point)).toArray(double[][]::new);
            }
        };
    }

    private void addResiduals(Node term, double sign, List<Expression> residuals) {
        if (term instanceof Node.Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            addResiduals(a.left(), sign, residuals);
            addResiduals(a.right(), a.op() == Op.SUB ? -sign : sign, residuals);
            return;
        }
        if (term instanceof Node.Apply a && a.op() == Op.NEG) {
            addResiduals(a.left(), -sign, residuals);
            return;
        }
        double c = sign;
        Node square = term;
        if (term instanceof Node.Constant k) {
            c *= k.value();
            square = null;
        } else if (term instanceof Node.Apply a && a.op() == Op.MUL && a.left() instanceof Node.Constant k) {
            c *= k.value();
            square = a.right();
        } else if (term instanceof Node.Apply a && a.op() == Op.MUL && a.right() instanceof Node.Constant k) {
            c *= k.value();
            square = a.left();
        } else if (term instanceof Node.Apply a && a.op() == Op.DIV && a.right() instanceof Node.Constant k) {
            c /= k.value();
            square = a.left();
        }
        Node root = square == null ? new Node.Constant(1) : squareRoot(square);
        if (root == null || !(c >= 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException(name + " is not a sum of squares: the term " + term
                    + (root != null ? " is subtracted or has a negative factor" : " is not c·u^2 with c ≥ 0"));
        }
        Node residual = c == 1 ? root : new Node.Apply(Op.MUL, new Node.Constant(Math.sqrt(c)), root, 0);
        residuals.add(Expression.parse(residual.toString(), expression.variables())); // parsed from text, as derivatives are
    }

    /** u for u^2, u^k for u^(2k); null for anything else. */
    private static Node squareRoot(Node square) {
        if (square instanceof Node.Apply a && a.op() == Op.POW && a.right() instanceof Node.Constant k
                && k.value() >= 2 && k.value() % 2 == 0 && k.value() < 1e6) {
            return k.value() == 2 ? a.left() : new Node.Apply(Op.POW, a.left(), new Node.Constant(k.value() / 2), 0);
        }
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
