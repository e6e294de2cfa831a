package dev.descent.core.autodiff;

/**
 * A node of an expression graph: a constant, a variable, or an operation applied to one or two nodes.
 * A parsed expression shares one node per variable, so the graph is a DAG whose leaves are the inputs;
 * {@link #toString()} prints it back as text that parses to the same values (fewest parentheses).
 */
public sealed interface Node permits Node.Constant, Node.Variable, Node.Apply {

    /** A number; {@code text} is how it was written ({@code pi}, {@code 1e-3}) or null to print the value. */
    record Constant(double value, String text) implements Node {
        public Constant(double value) {
            this(value, null);
        }

        @Override
        public String toString() {
            return text != null ? text : number(value);
        }
    }

    /** The {@code index}-th input of the expression. */
    record Variable(String name, int index) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * {@code op(left)} or {@code left op right}; {@code right} is null for unary operations.
     * {@code column} is where the operator or function name stands in the text (1-based), 0 if made by rewriting.
     */
    record Apply(Op op, Node left, Node right, int column) implements Node {
        public Apply {
            if ((right == null) != (op.arity() == 1)) {
                throw new IllegalArgumentException(op + " takes " + op.arity() + " operand(s)");
            }
        }

        @Override
        public String toString() {
            if (op.isFunction()) {
                return op.symbol() + "(" + left + ")";
            }
            if (op == Op.NEG) {
                return "-" + operand(left, precedence(left) < Op.NEG.precedence());
            }
            String symbol = op == Op.ADD || op == Op.SUB ? " " + op.symbol() + " " : op.symbol();
            boolean rightAssociative = op == Op.POW;
            // left-associative: a − (b − c) needs its parentheses, (a − b) − c does not; ^ is the other way round
            boolean leftParens = rightAssociative ? precedence(left) <= op.precedence() : precedence(left) < op.precedence();
            boolean rightParens = rightAssociative ? precedence(right) < op.precedence() : precedence(right) <= op.precedence();
            // a negated right operand is bracketed for the reader: x*(-y), x^(-1), x - (-2)
            rightParens |= precedence(right) == Op.NEG.precedence();
            return operand(left, leftParens) + symbol + operand(right, rightParens);
        }
    }

    /** How tightly a node binds when printed: a negative number prints like a negation. */
    static int precedence(Node node) {
        if (node instanceof Apply a) {
            return a.op().precedence();
        }
        return node.toString().startsWith("-") ? Op.NEG.precedence() : Op.ATOM;
    }

    private static String operand(Node node, boolean parens) {
        return parens ? "(" + node + ")" : node.toString();
    }

    /** Shortest text of a double that reads back as the same double: {@code 2}, {@code 0.5}, {@code 1e-05}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = Double.toString(value);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e).endsWith(".0") ? s.substring(0, e - 2) : s.substring(0, e);
        return mantissa + "e" + s.substring(e + 1);
    }
}
