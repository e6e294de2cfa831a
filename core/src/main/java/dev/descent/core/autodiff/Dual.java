package dev.descent.core.autodiff;

/**
 * Forward mode: a dual number {@code value + tangent·ε} with ε² = 0. Evaluating f on {@code (x, ẋ)} gives
 * {@code (f(x), f'(x)·ẋ)}, because f(x + ẋε) = f(x) + f'(x)·ẋ·ε. Seed 001 eq. 7 is this rule applied node by node:
 * <pre>
 *   ȧ = y·ẋ + x·ẏ        (a = x·y)
 *   ḃ = cos(x)·ẋ         (b = sin x)
 *   ż = ȧ + ḃ            (z = a + b)
 * </pre>
 * With ẋ = 1, ẏ = 0 the pass yields ∂z/∂x (eq. 9); with ẋ = 0, ẏ = 1 it yields ∂z/∂y (eq. 12): one pass per input.
 * Each operation below computes its value and, on the line under it, its tangent by the derivative rule.
 * The arithmetic is IEEE: a non-finite result is not an error here; {@link Expression} reports it.
 */
public record Dual(double value, double tangent) implements Arithmetic<Dual> {

    /** An input we differentiate with respect to: ẋ = 1. */
    public static Dual variable(double value) {
        return new Dual(value, 1);
    }

    /** A constant or an input held fixed: ẋ = 0. */
    public static Dual constant(double value) {
        return new Dual(value, 0);
    }

    @Override
    public Dual plus(Dual o) {
        return new Dual(value + o.value,
                tangent + o.tangent);                                        // (u + v)' = u' + v'
    }

    @Override
    public Dual minus(Dual o) {
        return new Dual(value - o.value,
                tangent - o.tangent);                                        // (u − v)' = u' − v'
    }

    @Override
    public Dual negate() {
        return new Dual(-value,
                -tangent);                                                   // (−u)' = −u'
    }

    @Override
    public Dual times(Dual o) {
        return new Dual(value * o.value,
                tangent * o.value + value * o.tangent);                      // (uv)' = u'v + uv'
    }

    @Override
    public Dual div(Dual o) {
        return new Dual(value / o.value,
                (tangent * o.value - value * o.tangent) / (o.value * o.value)); // (u/v)' = (u'v − uv')/v²
    }

    @Override
    public Dual pow(Dual o) {
        double v = Math.pow(value, o.value);
        double t = o.value * Math.pow(value, o.value - 1) * tangent;        // ∂(u^v)/∂u = v·u^(v−1)
        if (o.tangent != 0) {                                                // a constant exponent needs no ln u (u may be < 0)
            t += v * Math.log(value) * o.tangent;                            // ∂(u^v)/∂v = u^v·ln u
        }
        return new Dual(v, t);
    }

    @Override
    public Dual sin() {
        return new Dual(Math.sin(value),
                Math.cos(value) * tangent);                                  // sin' = cos
    }

    @Override
    public Dual cos() {
        return new Dual(Math.cos(value),
                -Math.sin(value) * tangent);                                 // cos' = −sin
    }

    @Override
    public Dual tan() {
        double c = Math.cos(value);
        return new Dual(Math.tan(value),
                tangent / (c * c));                                          // tan' = 1/cos²
    }

    @Override
    public Dual exp() {
        double e = Math.exp(value);
        return new Dual(e,
                e * tangent);                                                // exp' = exp
    }

    @Override
    public Dual log() {
        return new Dual(Math.log(value),
                tangent / value);                                            // log' = 1/u
    }

    @Override
    public Dual sqrt() {
        double s = Math.sqrt(value);
        return new Dual(s,
                tangent / (2 * s));                                          // sqrt' = 1/(2·sqrt u)
    }

    @Override
    public Dual tanh() {
        double t = Math.tanh(value);
        return new Dual(t,
                (1 - t * t) * tangent);                                      // tanh' = 1 − tanh²
    }

    @Override
    public Dual sigmoid() {
        double s = 1 / (1 + Math.exp(-value));
        return new Dual(s,
                s * (1 - s) * tangent);                                      // σ' = σ·(1 − σ)
    }

    @Override
    public Dual relu() {
        return new Dual(Math.max(0, value),
                value > 0 ? tangent : 0);                                    // relu' = 1 for u > 0, else 0 (0 at the kink, as PyTorch)
    }

    @Override
    public Dual abs() {
        return new Dual(Math.abs(value),
                Math.signum(value) * tangent);                               // |u|' = sign u (0 at the kink, as PyTorch)
    }

    @Override
    public Dual sign() {
        return new Dual(Math.signum(value),
                0);                                                          // flat wherever it is differentiable
    }

    @Override
    public Dual step() {
        return new Dual(value > 0 ? 1 : 0,
                0);                                                          // flat wherever it is differentiable
    }

    @Override
    public String toString() {
        return value + " + " + tangent + "ε";
    }
}
