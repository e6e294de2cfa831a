package dev.descent.core.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The nodes of one or more expressions in evaluation order (every node after its operands, each node once):
 * the Wengert list that both modes walk. Every value is checked as it is made, so a point where an expression
 * (or its derivative) is undefined is an {@link ExpressionException} naming the operation, its operand values,
 * the variables it depends on and its column: {@code log(-1) is undefined at x=-1 (column 5)}.
 */
final class Graph {
    final List<String> variables;
    final List<Node> order = new ArrayList<>();
    final int[] roots;
    private final Map<Node, Integer> slot = new IdentityHashMap<>();

    Graph(List<Node> roots, List<String> variables) {
        this.variables = List.copyOf(variables);
        this.roots = new int[roots.size()];
        for (int i = 0; i < roots.size(); i++) {
            this.roots[i] = visit(roots.get(i));
        }
    }

    private int visit(Node node) {
        Integer known = slot.get(node);
        if (known != null) {
            return known;
        }
        if (node instanceof Node.Apply a) {
            visit(a.left());
            if (a.right() != null) {
                visit(a.right());
            }
        }
        order.add(node);
        slot.put(node, order.size() - 1);
        return order.size() - 1;
    }

    int slot(Node node) {
        return slot.get(node);
    }

    /** One forward-mode pass: the dual number of every node, with ẋ = 1 for input {@code wrt} (−1: none, values only). */
    Dual[] forward(double[] point, int wrt) {
        checkPoint(point);
        Dual[] d = new Dual[order.size()];
        for (int i = 0; i < d.length; i++) {
            Node node = order.get(i);
            if (node instanceof Node.Constant c) {
                d[i] = Dual.constant(c.value());
            } else if (node instanceof Node.Variable v) {
                d[i] = v.index() == wrt ? Dual.variable(point[v.index()]) : Dual.constant(point[v.index()]);
            } else {
                Node.Apply a = (Node.Apply) node;
                Dual left = d[slot(a.left())];
                Dual right = a.right() == null ? null : d[slot(a.right())];
                d[i] = Arithmetic.apply(a.op(), left, right);
                check(a, d[i].value(), left.value(), right == null ? 0 : right.value(), point);
                if (wrt >= 0 && !Double.isFinite(d[i].tangent())) {
                    throw notDifferentiable(a, left.value(), right == null ? 0 : right.value(), point);
                }
            }
        }
        return d;
    }

    /** Records every node on {@code tape}; element i is node i's entry. */
    Tape.Var[] record(Tape tape, double[] point) {
        checkPoint(point);
        Tape.Var[] t = new Tape.Var[order.size()];
        for (int i = 0; i < t.length; i++) {
            Node node = order.get(i);
            if (node instanceof Node.Constant c) {
                t[i] = tape.constant(c.value());
            } else if (node instanceof Node.Variable v) {
                t[i] = tape.variable(point[v.index()]);
            } else {
                Node.Apply a = (Node.Apply) node;
                Tape.Var left = t[slot(a.left())];
                Tape.Var right = a.right() == null ? null : t[slot(a.right())];
                t[i] = Arithmetic.apply(a.op(), left, right);
                check(a, t[i].value(), left.value(), right == null ? 0 : right.value(), point);
                Tape.Entry e = tape.entry(t[i].index());
                if (!Double.isFinite(e.dLeft()) || !Double.isFinite(e.dRight())) {
                    throw notDifferentiable(a, left.value(), right == null ? 0 : right.value(), point);
                }
            }
        }
        return t;
    }

    private void checkPoint(double[] point) {
        if (point.length != variables.size()) {
            throw new ExpressionException("a point of " + variables + " has " + variables.size() + " coordinates, got " + point.length);
        }
        for (int i = 0; i < point.length; i++) {
            if (!Double.isFinite(point[i])) {
                throw new ExpressionException(variables.get(i) + " = " + point[i] + " is not a finite number");
            }
        }
    }

    /** A non-finite value from finite operands: undefined (NaN, or a pole: x/0, log 0, 0^−1) or an overflow. */
    private void check(Node.Apply a, double value, double left, double right, double[] point) {
        if (Double.isFinite(value)) {
            return;
        }
        boolean pole = a.op() == Op.DIV && right == 0 || a.op() == Op.LOG && left == 0 || a.op() == Op.POW && left == 0;
        String what = Double.isNaN(value) || pole ? " is undefined" : " overflows (" + value + ")";
        throw new ExpressionException(call(a, left, right) + what + where(a, point), a.column());
    }

    private ExpressionException notDifferentiable(Node.Apply a, double left, double right, double[] point) {
        return new ExpressionException(call(a, left, right) + " has no finite derivative" + where(a, point), a.column());
    }

    private static String call(Node.Apply a, double left, double right) {
        if (a.op().arity() == 1) {
            return a.op() == Op.NEG ? "-(" + Node.number(left) + ")" : a.op().symbol() + "(" + Node.number(left) + ")";
        }
        return operand(left) + a.op().symbol() + operand(right);
    }

    private static String operand(double v) {
        String s = Node.number(v);
        return s.startsWith("-") ? "(" + s + ")" : s;
    }

    /** " at x=-1, y=3 (column 5)": the variables the node depends on. */
    private String where(Node node, double[] point) {
        boolean[] uses = new boolean[variables.size()];
        mark(node, uses);
        StringJoiner at = new StringJoiner(", ", " at ", "");
        at.setEmptyValue("");
        int shown = 0;
        for (int i = 0; i < uses.length; i++) {
            if (uses[i] && shown++ < 6) {
                at.add(variables.get(i) + "=" + Node.number(point[i]));
            }
        }
        int column = node instanceof Node.Apply a ? a.column() : 0;
        return at + (shown > 6 ? ", ..." : "") + (column > 0 ? " (column " + column + ")" : "");
    }

    private static void mark(Node node, boolean[] uses) {
        if (node instanceof Node.Variable v) {
            uses[v.index()] = true;
        } else if (node instanceof Node.Apply a) {
            mark(a.left(), uses);
            if (a.right() != null) {
                mark(a.right(), uses);
            }
        }
    }
}
