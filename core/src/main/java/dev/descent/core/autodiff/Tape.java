package dev.descent.core.autodiff;

import java.util.ArrayList;
import java.util.List;

/**
 * Reverse mode: a tape (Wengert list). Each operation appends one entry vᵢ = op(vⱼ, vₖ) holding its value and its
 * local partial derivatives ∂vᵢ/∂vⱼ, ∂vᵢ/∂vₖ, written on the line under the value as micrograd does.
 * {@link #backward} then walks the list once in reverse and accumulates the adjoints v̄ = ∂out/∂v by the
 * multivariable chain rule (seed 001 eq. 14):
 * <pre>
 *   out̄ = 1;   v̄ⱼ = Σ over entries i that use vⱼ of  v̄ᵢ · ∂vᵢ/∂vⱼ
 * </pre>
 * One sweep gives ∂out/∂v for every input at once: reverse mode costs one pass per output.
 * A partial with respect to a constant is recorded as 0 (so x^2 at x &lt; 0 needs no ln x).
 */
public final class Tape {

    /** One line of the list; {@code left}/{@code right} are entry indices, −1 when absent. */
    public record Entry(String op, double value, int left, double dLeft, int right, double dRight, boolean constant) {}

    /** A value on this tape; its operations append entries. */
    public final class Var implements Arithmetic<Var> {
        private final int index;

        private Var(int index) {
            this.index = index;
        }

        public int index() {
            return index;
        }

        public double value() {
            return entries.get(index).value();
        }

        @Override
        public Var plus(Var o) {
            return record("+", value() + o.value(),
                    this, 1, o, 1);                                         // ∂/∂u = 1, ∂/∂v = 1
        }

        @Override
        public Var minus(Var o) {
            return record("-", value() - o.value(),
                    this, 1, o, -1);                                        // ∂/∂u = 1, ∂/∂v = −1
        }

        @Override
        public Var negate() {
            return record("neg", -value(),
                    this, -1);
        }

        @Override
        public Var times(Var o) {
            return record("*", value() * o.value(),
                    this, o.value(), o, value());                            // ∂(uv)/∂u = v, ∂(uv)/∂v = u
        }

        @Override
        public Var div(Var o) {
            double v = o.value();
            return record("/", value() / v,
                    this, 1 / v, o, -value() / (v * v));                     // ∂/∂u = 1/v, ∂/∂v = −u/v²
        }

        @Override
        public Var pow(Var o) {
            double u = value();
            double v = o.value();
            double p = Math.pow(u, v);
            return record("^", p,
                    this, v * Math.pow(u, v - 1), o, p * Math.log(u));       // ∂/∂u = v·u^(v−1), ∂/∂v = u^v·ln u
        }

        @Override
        public Var sin() {
            return record("sin", Math.sin(value()),
                    this, Math.cos(value()));
        }

        @Override
        public Var cos() {
            return record("cos", Math.cos(value()),
                    this, -Math.sin(value()));
        }

        @Override
        public Var tan() {
            double c = Math.cos(value());
            return record("tan", Math.tan(value()),
                    this, 1 / (c * c));
        }

        @Override
        public Var exp() {
            double e = Math.exp(value());
            return record("exp", e,
                    this, e);
        }

        @Override
        public Var log() {
            return record("log", Math.log(value()),
                    this, 1 / value());
        }

        @Override
        public Var sqrt() {
            double s = Math.sqrt(value());
            return record("sqrt", s,
                    this, 1 / (2 * s));
        }

        @Override
        public Var tanh() {
            double t = Math.tanh(value());
            return record("tanh", t,
                    this, 1 - t * t);
        }

        @Override
        public Var sigmoid() {
            double s = 1 / (1 + Math.exp(-value()));
            return record("sigmoid", s,
                    this, s * (1 - s));
        }

        @Override
        public Var relu() {
            return record("relu", Math.max(0, value()),
                    this, value() > 0 ? 1 : 0);
        }

        @Override
        public Var abs() {
            return record("abs", Math.abs(value()),
                    this, Math.signum(value()));
        }

        @Override
        public Var sign() {
            return record("sign", Math.signum(value()),
                    this, 0);
        }

        @Override
        public Var step() {
            return record("step", value() > 0 ? 1 : 0,
                    this, 0);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An input: its adjoint is a component of the gradient. */
    public Var variable(double value) {
        entries.add(new Entry("var", value, -1, 0, -1, 0, false));
        return new Var(entries.size() - 1);
    }

    public Var constant(double value) {
        entries.add(new Entry("const", value, -1, 0, -1, 0, true));
        return new Var(entries.size() - 1);
    }

    private Var record(String op, double value, Var a, double da) {
        return record(op, value, a, da, null, 0);
    }

    private Var record(String op, double value, Var a, double da, Var b, double db) {
        boolean aConstant = entries.get(a.index).constant();
        boolean bConstant = b == null || entries.get(b.index).constant();
        entries.add(new Entry(op, value, a.index, aConstant ? 0 : da, b == null ? -1 : b.index, bConstant ? 0 : db,
                aConstant && bConstant));
        return new Var(entries.size() - 1);
    }

    public int size() {
        return entries.size();
    }

    public Entry entry(int index) {
        return entries.get(index);
    }

    /** The adjoint of every entry, ∂output/∂vᵢ, by one reverse sweep from {@code output}. */
    public double[] backward(Var output) {
        double[] adjoint = new double[entries.size()];
        adjoint[output.index] = 1;
        for (int i = output.index; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.left() >= 0) {
                adjoint[e.left()] += adjoint[i] * e.dLeft();                  // chain rule: v̄ⱼ += v̄ᵢ·∂vᵢ/∂vⱼ
            }
            if (e.right() >= 0) {
                adjoint[e.right()] += adjoint[i] * e.dRight();
            }
        }
        return adjoint;
    }

    /** ∂output/∂x for each x of {@code inputs}, by one reverse sweep. */
    public double[] gradient(Var output, List<Var> inputs) {
        double[] adjoint = backward(output);
        return inputs.stream().mapToDouble(x -> adjoint[x.index]).toArray();
    }
}
