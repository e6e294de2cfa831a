package dev.descent.core.autodiff;

/**
 * Symbolic differentiation (seed 001 eq. 4): the derivative of a graph is another graph, built by the textbook
 * rules and lightly simplified as it is built — constants folded (also c·(d·a) = (cd)·a), 0 + a = a, 1·a = a, 0·a = 0,
 * a^1 = a, a − (−b) = a + b.
 * <pre>
 *   (u ± v)' = u' ± v'     (uv)' = u'v + uv'     (u/v)' = (u'v − uv')/v²
 *   (u^c)' = c·u^(c−1)·u'  (c^v)' = c^v·ln c·v'  (u^v)' = u^v·(v'·ln u + v·u'/u)
 *   sin' = cos   cos' = −sin   tan' = 1/cos²   exp' = exp   log' = 1/u   sqrt' = 1/(2·sqrt u)
 *   tanh' = 1 − tanh²   sigmoid' = sigmoid·(1 − sigmoid)   relu' = step   abs' = sign   sign' = step' = 0
 * </pre>
 * Unlike the two AD modes, the result can be printed, read and simplified further by hand; and, as the seed says,
 * it grows quickly for long expressions: that growth is why machine learning differentiates automatically.
 */
public final class Symbolic {
    private static final Node ZERO = new Node.Constant(0);
    private static final Node ONE = new Node.Constant(1);
    private static final Node TWO = new Node.Constant(2);

    private Symbolic() {}

    /** ∂f/∂x for the variable with index {@code x}. */
    public static Node derivative(Node f, int x) {
        if (f instanceof Node.Constant) {
            return ZERO;
        }
        if (f instanceof Node.Variable v) {
            return v.index() == x ? ONE : ZERO;
        }
        Node.Apply a = (Node.Apply) f;
        Node u = a.left();
        Node v = a.right();
        Node du = derivative(u, x);
        return switch (a.op()) {
            case ADD -> add(du, derivative(v, x));
            case SUB -> sub(du, derivative(v, x));
            case NEG -> neg(du);
            case MUL -> add(mul(du, v), mul(u, derivative(v, x)));
            case DIV -> isZero(derivative(v, x)) ? div(du, v)
                    : div(sub(mul(du, v), mul(u, derivative(v, x))), pow(v, TWO));
            case POW -> {
                Node dv = derivative(v, x);
                if (isZero(dv)) {
                    yield mul(mul(v, pow(u, sub(v, ONE))), du);
                }
                if (isZero(du)) {
                    yield mul(mul(f, fn(Op.LOG, u)), dv);
                }
                yield mul(f, add(mul(dv, fn(Op.LOG, u)), div(mul(v, du), u)));
            }
            case SIN -> mul(fn(Op.COS, u), du);
            case COS -> mul(neg(fn(Op.SIN, u)), du);
            case TAN -> div(du, pow(fn(Op.COS, u), TWO));
            case EXP -> mul(f, du);
            case LOG -> div(du, u);
            case SQRT -> div(du, mul(TWO, f));
            case TANH -> mul(sub(ONE, pow(f, TWO)), du);
            case SIGMOID -> mul(mul(f, sub(ONE, f)), du);
            case RELU -> mul(fn(Op.STEP, u), du);
            case ABS -> mul(fn(Op.SIGN, u), du);
            case SIGN, STEP -> ZERO;
        };
    }

    static Node add(Node a, Node b) {
        if (isZero(a)) {
            return b;
        }
        if (isZero(b)) {
            return a;
        }
        if (b instanceof Node.Apply n && n.op() == Op.NEG) {
            return sub(a, n.left());
        }
        return fold(Op.ADD, a, b);
    }

    static Node sub(Node a, Node b) {
        if (isZero(b)) {
            return a;
        }
        if (isZero(a)) {
            return neg(b);
        }
        if (b instanceof Node.Apply n && n.op() == Op.NEG) {
            return add(a, n.left());
        }
        return fold(Op.SUB, a, b);
    }

    static Node mul(Node a, Node b) {
        if (isZero(a) || isZero(b)) {
            return ZERO;
        }
        if (isOne(a)) {
            return b;
        }
        if (isOne(b)) {
            return a;
        }
        if (a instanceof Node.Apply n && n.op() == Op.NEG) {
            return neg(mul(n.left(), b));
        }
        if (b instanceof Node.Apply n && n.op() == Op.NEG) {
            return neg(mul(a, n.left()));
        }
        if (b instanceof Node.Constant && !(a instanceof Node.Constant)) {
            return mul(b, a);                                          // 2*x rather than x*2
        }
        if (a instanceof Node.Constant && b instanceof Node.Apply n && n.op() == Op.MUL && n.left() instanceof Node.Constant) {
            return mul(fold(Op.MUL, a, n.left()), n.right());          // 0.01*(2*x) = 0.02*x
        }
        return fold(Op.MUL, a, b);
    }

    static Node div(Node a, Node b) {
        if (isZero(a)) {
            return ZERO;
        }
        if (isOne(b)) {
            return a;
        }
        return fold(Op.DIV, a, b);
    }

    static Node pow(Node a, Node b) {
        if (isOne(b)) {
            return a;
        }
        if (isZero(b)) {
            return ONE;
        }
        return fold(Op.POW, a, b);
    }

    static Node neg(Node a) {
        if (a instanceof Node.Apply n && n.op() == Op.NEG) {
            return n.left();
        }
        return fold(Op.NEG, a, null);
    }

    static Node fn(Op op, Node a) {
        return fold(op, a, null);
    }

    /** op(a, b), or its value when every operand is a number and the value is finite. */
    private static Node fold(Op op, Node a, Node b) {
        if (a instanceof Node.Constant ca && (b == null || b instanceof Node.Constant)) {
            Dual r = Arithmetic.apply(op, Dual.constant(ca.value()), b == null ? null : Dual.constant(((Node.Constant) b).value()));
            if (Double.isFinite(r.value())) {
                return new Node.Constant(r.value());
            }
        }
        return new Node.Apply(op, a, b, 0);
    }

    private static boolean isZero(Node n) {
        return n instanceof Node.Constant c && c.value() == 0;
    }

    private static boolean isOne(Node n) {
        return n instanceof Node.Constant c && c.value() == 1;
    }
}
