package dev.descent.core.autodiff;

/**
 * The operations both modes of automatic differentiation implement: a {@link Dual} carries a tangent
 * forward, a {@link Tape.Var} records the operation for the backward sweep. {@link Graph} evaluates one
 * expression graph in either mode through this interface.
 */
public interface Arithmetic<T extends Arithmetic<T>> {
    T plus(T o);

    T minus(T o);

    T negate();

    T times(T o);

    T div(T o);

    T pow(T o);

    T sin();

    T cos();

    T tan();

    T exp();

    T log();

    T sqrt();

    T tanh();

    T sigmoid();

    T relu();

    T abs();

    T sign();

    T step();

    /** {@code op} applied to {@code a} (and {@code b}, for the binary ones). */
    static <T extends Arithmetic<T>> T apply(Op op, T a, T b) {
        return switch (op) {
            case ADD -> a.plus(b);
            case SUB -> a.minus(b);
            case MUL -> a.times(b);
            case DIV -> a.div(b);
            case NEG -> a.negate();
            case POW -> a.pow(b);
            case SIN -> a.sin();
            case COS -> a.cos();
            case TAN -> a.tan();
            case EXP -> a.exp();
            case LOG -> a.log();
            case SQRT -> a.sqrt();
            case TANH -> a.tanh();
            case SIGMOID -> a.sigmoid();
            case RELU -> a.relu();
            case ABS -> a.abs();
            case SIGN -> a.sign();
            case STEP -> a.step();
        };
    }
}
