package dev.descent.core.autodiff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An expression decomposed as seed 001 eq. 6 does it: {@code z = x·y + sin x} becomes {@code a = x·y},
 * {@code b = sin(x)}, {@code z = a + b}. Each step carries its value, its tangent in each forward-mode pass
 * (pass k seeds ẋₖ = 1) and its adjoint ∂z/∂step from one reverse sweep, with the local partials it was summed
 * from (eq. 14: ∂z/∂x = ∂z/∂a·∂a/∂x + ∂z/∂b·∂b/∂x). Constants stay inside the formulas.
 */
public record Trace(String output, List<String> variables, List<Step> steps) {

    /** {@code by} uses this step; {@code partial} = ∂by/∂this at the point. */
    public record Use(String by, double partial) {}

    /** {@code formula} is null for a variable. */
    public record Step(String name, String formula, double value, double[] tangents, double adjoint, List<Use> uses) {}

    static Trace of(Graph graph, double[] point) {
        int n = graph.order.size();
        Dual[][] passes = new Dual[graph.variables.size()][];
        for (int k = 0; k < passes.length; k++) {
            passes[k] = graph.forward(point, k);
        }
        Tape tape = new Tape();
        Tape.Var[] t = graph.record(tape, point);
        double[] adjoint = tape.backward(t[graph.roots[0]]);

        String[] names = names(graph);
        List<List<Use>> uses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            uses.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (graph.order.get(i) instanceof Node.Apply a) {
                Tape.Entry e = tape.entry(t[i].index());
                uses.get(graph.slot(a.left())).add(new Use(names[i], e.dLeft()));
                if (a.right() != null) {
                    uses.get(graph.slot(a.right())).add(new Use(names[i], e.dRight()));
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = graph.order.get(i);
            if (node instanceof Node.Constant) {
                continue;
            }
            double[] tangents = new double[passes.length];
            for (int k = 0; k < passes.length; k++) {
                tangents[k] = passes[k][i].tangent();
            }
            String formula = node instanceof Node.Apply a ? formula(a, graph, names) : null;
            steps.add(new Step(names[i], formula, t[i].value(), tangents, adjoint[t[i].index()], List.copyOf(uses.get(i))));
        }
        return new Trace(names[graph.roots[0]], graph.variables, List.copyOf(steps));
    }

    /** Variables keep their names; intermediates are a, b, c, ... (not e or f, not a variable's name); the result is z. */
    private static String[] names(Graph graph) {
        Set<String> taken = new HashSet<>(graph.variables);
        taken.add("e");                                                // Euler's number
        taken.add("f");                                                // the function as a whole
        String last = taken.contains("z") ? "out" : "z";
        taken.add(last);
        String[] names = new String[graph.order.size()];
        int next = 0;
        for (int i = 0; i < names.length; i++) {
            Node node = graph.order.get(i);
            if (node instanceof Node.Variable v) {
                names[i] = v.name();
            } else if (node instanceof Node.Apply && i == graph.roots[0]) {
                names[i] = last;
            } else if (node instanceof Node.Apply) {
                String name;
                do {
                    name = next < 25 ? String.valueOf((char) ('a' + next)) : "t" + (next - 24);
                    next++;
                } while (taken.contains(name));
                names[i] = name;
            }
        }
        return names;
    }

    private static String formula(Node.Apply a, Graph graph, String[] names) {
        String left = operand(a.left(), graph, names);
        if (a.op().isFunction()) {
            return a.op().symbol() + "(" + left + ")";
        }
        if (a.op() == Op.NEG) {
            return "-" + left;
        }
        String right = operand(a.right(), graph, names);
        return switch (a.op()) {
            case ADD, SUB -> left + " " + a.op().symbol() + " " + right;
            case MUL -> left + "·" + right;
            default -> left + a.op().symbol() + right;
        };
    }

    private static String operand(Node node, Graph graph, String[] names) {
        if (node instanceof Node.Constant c) {
            return Node.precedence(c) < Op.ATOM ? "(" + c + ")" : c.toString();
        }
        return names[graph.slot(node)];
    }

    /** {@code a = x·y = 6}, one line per step. */
    public String decomposition() {
        int width = steps.stream().mapToInt(s -> label(s).length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(String.format("  %-" + width + "s = %s%n", label(s), Node.number(s.value)));
        }
        return sb.toString();
    }

    /** The tangent of every step in each forward-mode pass: pass k gives ∂/∂xₖ of every step, so ∂z/∂xₖ last. */
    public String forwardPasses() {
        int width = steps.stream().mapToInt(s -> label(s).length()).max().orElse(0);
        StringBuilder sb = new StringBuilder(String.format("  %-" + width + "s", ""));
        for (int k = 0; k < variables.size(); k++) {
            sb.append(String.format("   %-22s", "pass " + (k + 1) + ": ∂/∂" + variables.get(k)));
        }
        sb.append(System.lineSeparator());
        for (Step s : steps) {
            sb.append(String.format("  %-" + width + "s", label(s)));
            for (double t : s.tangents) {
                sb.append(String.format("   %-22s", Node.number(t)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** The reverse sweep, last step first: ∂z/∂v = Σ ∂z/∂u·∂u/∂v over the steps u that use v. */
    public String reverseSweep() {
        StringBuilder sb = new StringBuilder();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            String lhs = "∂" + output + "/∂" + s.name;
            if (s.uses.isEmpty()) {
                sb.append(String.format("  %s = %s%n", lhs, s.name.equals(output) ? "1" : "0 (unused)"));
                continue;
            }
            StringJoiner symbols = new StringJoiner(" + ");
            StringJoiner numbers = new StringJoiner(" + ");
            for (Use u : s.uses) {
                symbols.add("∂" + output + "/∂" + u.by + "·∂" + u.by + "/∂" + s.name);
                numbers.add(paren(adjointOf(u.by)) + "·" + paren(u.partial));
            }
            sb.append(String.format("  %s = %s = %s = %s%n", lhs, symbols, numbers, Node.number(s.adjoint)));
        }
        return sb.toString();
    }

    private double adjointOf(String name) {
        return steps.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow().adjoint;
    }

    private static String paren(double v) {
        String s = Node.number(v);
        return v < 0 ? "(" + s + ")" : s;
    }

    private static String label(Step s) {
        return s.formula == null ? s.name : s.name + " = " + s.formula;
    }
}
