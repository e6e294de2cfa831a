package dev.descent.core.autodiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive descent over this grammar (loosest first; {@code ^} is right-associative and binds tighter than a
 * unary minus, so {@code -x^2 = -(x^2)} and {@code 2^-1 = 0.5}):
 * <pre>
 *   list    = sum (',' sum)*
 *   sum     = product (('+' | '-') product)*
 *   product = unary (('*' | '/') unary)*
 *   unary   = ('-' | '+') unary | power
 *   power   = atom ('^' unary)?
 *   atom    = number | 'pi' | 'e' | variable | function '(' sum ')' | '(' sum ')'
 * </pre>
 * {@code **} is accepted for {@code ^}, {@code ·} and {@code ×} for {@code *}. Errors name the 1-based column.
 */
final class Parser {
    private final String text;
    private final Map<String, Node.Variable> variables;
    private final boolean open;
    private int pos;

    /** {@code fixed} null: any name is a variable, numbered in order of appearance; otherwise only those. */
    private Parser(String text, List<String> fixed) {
        this.text = text;
        this.variables = new LinkedHashMap<>();
        this.open = fixed == null;
        if (fixed != null) {
            for (String name : fixed) {
                variables.put(name, new Node.Variable(name, variables.size()));
            }
        }
    }

    /** The outputs of a comma-separated list, over {@code variables()}. */
    static Parser parse(String text, List<String> fixed, List<Node> roots) {
        Parser p = new Parser(text, fixed);
        if (p.peek() == 0) {
            throw new ExpressionException("empty expression", 1);
        }
        roots.add(p.sum());
        while (p.peek() == ',') {
            p.pos++;
            roots.add(p.sum());
        }
        if (p.peek() != 0) {
            throw p.unexpected();
        }
        return p;
    }

    List<String> variables() {
        return new ArrayList<>(variables.keySet());
    }

    private Node sum() {
        Node left = product();
        for (char c = peek(); c == '+' || c == '-'; c = peek()) {
            int column = column();
            pos++;
            left = new Node.Apply(c == '+' ? Op.ADD : Op.SUB, left, product(), column);
        }
        return left;
    }

    private Node product() {
        Node left = unary();
        for (char c = peek(); c == '*' && !at("**") || c == '/' || c == '·' || c == '×'; c = peek()) {
            int column = column();
            pos++;
            left = new Node.Apply(c == '/' ? Op.DIV : Op.MUL, left, unary(), column);
        }
        return left;
    }

    private Node unary() {
        char c = peek();
        if (c == '-' || c == '+') {
            int column = column();
            pos++;
            Node operand = unary();
            return c == '+' ? operand : new Node.Apply(Op.NEG, operand, null, column);
        }
        return power();
    }

    private Node power() {
        Node base = atom();
        if (peek() == '^' || at("**")) {
            int column = column();
            pos += text.charAt(pos) == '^' ? 1 : 2;
            return new Node.Apply(Op.POW, base, unary(), column);
        }
        return base;
    }

    private Node atom() {
        char c = peek();
        int column = column();
        if (c == '(') {
            pos++;
            Node inner = sum();
            expectClose(column);
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (!Character.isLetter(c) && c != '_') {
            throw unexpected();
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (peek() == '(') {
            Op op = Op.function(name).orElseThrow(() -> new ExpressionException("unknown function '" + name + "' at column "
                    + column + "; known: " + String.join(", ", Op.functionNames()), column));
            int open = column();
            pos++;
            Node argument = sum();
            expectClose(open);
            return new Node.Apply(op, argument, null, column);
        }
        if (Op.function(name).isPresent()) {
            throw new ExpressionException("function '" + name + "' at column " + column + " needs its argument in parentheses, e.g. "
                    + name + "(x)", column);
        }
        if (name.equals("pi")) {
            return new Node.Constant(Math.PI, "pi");
        }
        if (name.equals("e")) {
            return new Node.Constant(Math.E, "e");
        }
        Node.Variable v = variables.get(name);
        if (v == null && !open) {
            throw new ExpressionException("unknown variable '" + name + "' at column " + column + "; the variables are "
                    + String.join(", ", variables.keySet()), column);
        }
        return v != null ? v : variables.computeIfAbsent(name, n -> new Node.Variable(n, variables.size()));
    }

    /** digits [. digits] [(e|E) [+|-] digits]; an 'e' not followed by digits is not part of the number. */
    private Node number() {
        int start = pos;
        int column = column();
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                pos = exponent;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        String literal = text.substring(start, pos);
        try {
            return new Node.Constant(Double.parseDouble(literal), literal);
        } catch (NumberFormatException e) {
            throw new ExpressionException("malformed number '" + literal + "' at column " + column, column);
        }
    }

    private void expectClose(int openColumn) {
        if (peek() != ')') {
            if (peek() == 0) {
                throw new ExpressionException("missing ')' at column " + column() + " to close '(' at column " + openColumn, column());
            }
            throw new ExpressionException("unexpected '" + text.charAt(pos) + "' at column " + column() + "; expected ')' to close '(' at column "
                    + openColumn, column());
        }
        pos++;
    }

    private ExpressionException unexpected() {
        if (peek() == 0) {
            return new ExpressionException("unexpected end of expression at column " + column(), column());
        }
        return new ExpressionException("unexpected '" + text.charAt(pos) + "' at column " + column(), column());
    }

    /** The next character after blanks, 0 at the end. */
    private char peek() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private boolean at(String s) {
        return text.startsWith(s, pos);
    }

    private int column() {
        return pos + 1;
    }
}
