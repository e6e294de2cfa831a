package dev.descent.core.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scalar expression parsed once from text ({@code x*y + sin(x)}, {@code x0^2 + 2*x1^2}) into a graph of
 * {@link Node}s, which every method evaluates: its value, its gradient by forward mode ({@link Dual}, one pass per
 * variable) and by reverse mode ({@link Tape}, one sweep for all of them), its derivative as another expression
 * ({@link Symbolic}, seed 001 eq. 4), and the seed's decomposition into named steps ({@link Trace}).
 *
 * <p>Syntax: numbers ({@code 2}, {@code 0.5}, {@code 1e-3}), the constants {@code pi} and {@code e}, variables
 * (any other name), {@code + - * / ^} with the usual precedence ({@code -x^2 = -(x^2)}), parentheses and the
 * functions of {@link Op}. A point where the expression or its derivative is undefined is an {@link ExpressionException}.
 */
public final class Expression {
    private final String text;
    private final Node root;
    private final Graph graph;

    private Expression(String text, Node root, List<String> variables) {
        this.text = text;
        this.root = root;
        this.graph = new Graph(List.of(root), variables);
    }

    /** Parses {@code text}; its variables are the names it uses, in order of first appearance. */
    public static Expression parse(String text) {
        return parse(text, null);
    }

    /** Parses {@code text} over exactly these variables (in this order); any other name is an error. */
    public static Expression parse(String text, List<String> variables) {
        List<Node> roots = new ArrayList<>();
        Parser p = Parser.parse(text, variables, roots);
        if (roots.size() > 1) {
            throw new ExpressionException("expected one expression, got " + roots.size() + " separated by commas");
        }
        return new Expression(text.trim(), roots.get(0), p.variables());
    }

    /** Comma-separated expressions ({@code x*y, x + y}), all over the variables any of them uses, in order of appearance. */
    public static List<Expression> parseList(String text) {
        List<Node> roots = new ArrayList<>();
        List<String> variables = Parser.parse(text, null, roots).variables();
        return roots.stream().map(r -> new Expression(r.toString(), r, variables)).toList();
    }

    public String text() {
        return text;
    }

    public Node root() {
        return root;
    }

    public List<String> variables() {
        return graph.variables;
    }

    /** The coordinates of {@code at} in the order of {@link #variables()}; a missing or unknown name is an error. */
    public double[] point(Map<String, Double> at) {
        for (String name : at.keySet()) {
            if (!variables().contains(name)) {
                throw new ExpressionException("'" + name + "' is not a variable of " + text + "; its variables are "
                        + String.join(", ", variables()));
            }
        }
        double[] point = new double[variables().size()];
        for (int i = 0; i < point.length; i++) {
            Double v = at.get(variables().get(i));
            if (v == null) {
                throw new ExpressionException("no value for variable '" + variables().get(i) + "' of " + text);
            }
            point[i] = v;
        }
        return point;
    }

    public double value(double... point) {
        Dual[] d = graph.forward(point, -1);
        return d[graph.roots[0]].value();
    }

    /** One forward-mode pass with ẋ = 1 for variable {@code wrt}: the value and ∂f/∂x_wrt. */
    public Dual forward(double[] point, int wrt) {
        return graph.forward(point, wrt)[graph.roots[0]];
    }

    /** ∇f by forward mode: one pass per variable. */
    public double[] gradientForward(double... point) {
        double[] g = new double[point.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = forward(point, i).tangent();
        }
        return g;
    }

    /** ∇f by reverse mode: record the tape once, one backward sweep. */
    public double[] gradient(double... point) {
        Tape tape = new Tape();
        Tape.Var[] t = graph.record(tape, point);
        double[] adjoint = tape.backward(t[graph.roots[0]]);
        double[] g = new double[point.length];
        for (int i = 0; i < graph.order.size(); i++) {
            if (graph.order.get(i) instanceof Node.Variable v) {
                g[v.index()] = adjoint[t[i].index()];
            }
        }
        return g;
    }

    /** ∂f/∂{@code variable} as an expression over the same variables, simplified ({@link Symbolic}). */
    public Expression derivative(String variable) {
        int index = variables().indexOf(variable);
        if (index < 0) {
            throw new ExpressionException("'" + variable + "' is not a variable of " + text + "; its variables are "
                    + String.join(", ", variables()));
        }
        // Parsed back from its printed form, so that errors name columns of the text the user sees.
        return parse(Symbolic.derivative(root, index).toString(), variables());
    }

    /** The seed's decomposition at {@code point}: every step named, with its value, tangents and adjoint. */
    public Trace trace(double... point) {
        return Trace.of(graph, point);
    }

    Graph graph() {
        return graph;
    }

    /** The expression as parsed, printed with the fewest parentheses. */
    @Override
    public String toString() {
        return root.toString();
    }
}
