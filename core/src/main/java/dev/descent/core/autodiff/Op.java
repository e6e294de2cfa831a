package dev.descent.core.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The elementary operations an expression is composed of (seed 001 eq. 5: sin(a + b·c) = sin(add(mul(b, c), a))).
 * Each has a forward rule and a derivative rule in {@link Dual} (forward mode), in {@link Tape} (reverse mode)
 * and in {@link Symbolic} (derivatives as expressions).
 *
 * <p>Operators bind, loosest first: {@code + −}, {@code * /}, unary {@code −}, {@code ^} (right-associative,
 * so {@code -x^2 = -(x^2)} and {@code 2^3^2 = 2^9}); functions and parentheses bind tightest.
 */
public enum Op {
    ADD("+", 2, 1),
    SUB("-", 2, 1),
    MUL("*", 2, 2),
    DIV("/", 2, 2),
    NEG("-", 1, 3),
    POW("^", 2, 4),
    SIN("sin"),
    COS("cos"),
    TAN("tan"),
    EXP("exp"),
    LOG("log"),
    SQRT("sqrt"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    RELU("relu"),
    ABS("abs"),
    /** −1, 0 or 1: the derivative of abs. */
    SIGN("sign"),
    /** Heaviside step, 1 for x &gt; 0 and 0 otherwise: the derivative of relu. */
    STEP("step");

    /** Binding strength of a function application or a literal: tighter than every operator. */
    public static final int ATOM = 5;

    private final String symbol;
    private final int arity;
    private final int precedence;

    Op(String symbol, int arity, int precedence) {
        this.symbol = symbol;
        this.arity = arity;
        this.precedence = precedence;
    }

    Op(String function) {
        this(function, 1, ATOM);
    }

    /** {@code +}, {@code ^}, ... for operators; the name ({@code sin}) for functions. */
    public String symbol() {
        return symbol;
    }

    public int arity() {
        return arity;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isFunction() {
        return precedence == ATOM;
    }

    public static Optional<Op> function(String name) {
        return Arrays.stream(values()).filter(op -> op.isFunction() && op.symbol.equals(name)).findFirst();
    }

    public static List<String> functionNames() {
        return Arrays.stream(values()).filter(Op::isFunction).map(Op::symbol).toList();
    }
}
