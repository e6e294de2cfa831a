package dev.descent.core.autodiff;

import java.util.List;

/**
 * The Jacobian J[i][j] = ∂fᵢ/∂xⱼ of f: ℝⁿ → ℝᵐ given as m expressions over the same n variables (seed 001).
 * <ul>
 *   <li>forward mode: one pass per input — pass j seeds ẋⱼ = 1 and yields column j for all m outputs (n passes);</li>
 *   <li>reverse mode: the tape is recorded once, then one backward sweep per output yields row i (m passes).</li>
 * </ul>
 * Hence the seed's rule: reverse mode when inputs outnumber outputs (n &gt; m, e.g. a loss of many weights),
 * forward mode when outputs outnumber inputs. Both walk one graph holding every output, sharing common nodes.
 */
public record Jacobian(String mode, List<String> outputs, List<String> inputs, double[][] matrix, int passes) {

    /** The mode with fewer passes for n inputs and m outputs: reverse when n &gt; m. */
    public static String cheaperMode(int inputs, int outputs) {
        return inputs > outputs ? "reverse" : "forward";
    }

    public static Jacobian forward(List<Expression> f, double[] point) {
        Graph g = graph(f);
        int n = g.variables.size();
        double[][] j = new double[f.size()][n];
        for (int col = 0; col < n; col++) {
            Dual[] d = g.forward(point, col);
            for (int row = 0; row < f.size(); row++) {
                j[row][col] = d[g.roots[row]].tangent();
            }
        }
        return new Jacobian("forward", texts(f), g.variables, j, n);
    }

    public static Jacobian reverse(List<Expression> f, double[] point) {
        Graph g = graph(f);
        Tape tape = new Tape();
        Tape.Var[] t = g.record(tape, point);
        double[][] j = new double[f.size()][g.variables.size()];
        for (int row = 0; row < f.size(); row++) {
            double[] adjoint = tape.backward(t[g.roots[row]]);
            for (int i = 0; i < g.order.size(); i++) {
                if (g.order.get(i) instanceof Node.Variable v) {
                    j[row][v.index()] = adjoint[t[i].index()];
                }
            }
        }
        return new Jacobian("reverse", texts(f), g.variables, j, f.size());
    }

    private static Graph graph(List<Expression> f) {
        if (f.isEmpty()) {
            throw new ExpressionException("a Jacobian needs at least one expression");
        }
        List<String> variables = f.get(0).variables();
        for (Expression e : f) {
            if (!e.variables().equals(variables)) {
                throw new ExpressionException("the expressions of a Jacobian share their variables: " + variables + " vs "
                        + e.variables() + " of " + e.text());
            }
        }
        return new Graph(f.stream().map(Expression::root).toList(), variables);
    }

    private static List<String> texts(List<Expression> f) {
        return f.stream().map(Expression::text).toList();
    }
}
