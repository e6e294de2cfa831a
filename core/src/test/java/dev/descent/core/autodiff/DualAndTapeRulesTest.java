package dev.descent.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.grad.NumericalDiff;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the dual number and of the tape, checked against its closed-form derivative (exactly: the same
 * formula) and against central differences (h = 1e-4, an independent oracle that shares no code with the rules).
 */
class DualAndTapeRulesTest {

    private record Rule(String name, DoubleUnaryOperator f, DoubleUnaryOperator df, UnaryOperator<Dual> dual,
            UnaryOperator<Tape.Var> tape, double[] points) {}

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static final double[] ANY = {-1.7, -0.3, 0.4, 1.1, 2.5};
    private static final double[] POSITIVE = {0.2, 0.9, 1.6, 3.0};

    private static final List<Rule> UNARY = List.of(
            new Rule("sin", Math::sin, Math::cos, Dual::sin, Tape.Var::sin, ANY),
            new Rule("cos", Math::cos, x -> -Math.sin(x), Dual::cos, Tape.Var::cos, ANY),
            new Rule("tan", Math::tan, x -> 1 / (Math.cos(x) * Math.cos(x)), Dual::tan, Tape.Var::tan, new double[] {-1.2, -0.3, 0.4, 1.1}),
            new Rule("exp", Math::exp, Math::exp, Dual::exp, Tape.Var::exp, ANY),
            new Rule("log", Math::log, x -> 1 / x, Dual::log, Tape.Var::log, POSITIVE),
            new Rule("sqrt", Math::sqrt, x -> 1 / (2 * Math.sqrt(x)), Dual::sqrt, Tape.Var::sqrt, POSITIVE),
            new Rule("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x), Dual::tanh, Tape.Var::tanh, ANY),
            new Rule("sigmoid", DualAndTapeRulesTest::sigmoid, x -> sigmoid(x) * (1 - sigmoid(x)), Dual::sigmoid, Tape.Var::sigmoid, ANY),
            new Rule("relu", x -> Math.max(0, x), x -> x > 0 ? 1 : 0, Dual::relu, Tape.Var::relu, ANY),
            new Rule("abs", Math::abs, Math::signum, Dual::abs, Tape.Var::abs, ANY),
            new Rule("neg", x -> -x, x -> -1, Dual::negate, Tape.Var::negate, ANY),
            new Rule("sign", Math::signum, x -> 0, Dual::sign, Tape.Var::sign, ANY),
            new Rule("step", x -> x > 0 ? 1 : 0, x -> 0, Dual::step, Tape.Var::step, ANY));

    @Test
    void unaryRulesMatchClosedFormsAndCentralDifferences() {
        for (Rule r : UNARY) {
            for (double x : r.points) {
                Dual d = r.dual.apply(Dual.variable(x));
                assertEquals(r.f.applyAsDouble(x), d.value(), 0, r.name + " value at " + x);
                assertEquals(r.df.applyAsDouble(x), d.tangent(), 1e-15, r.name + "' by forward mode at " + x);
                Dual scaled = r.dual.apply(new Dual(x, 3));
                assertEquals(3 * r.df.applyAsDouble(x), scaled.tangent(), 1e-14, r.name + ": the tangent is f'(x)·ẋ");

                Tape tape = new Tape();
                Tape.Var v = tape.variable(x);
                Tape.Var y = r.tape.apply(v);
                assertEquals(r.f.applyAsDouble(x), y.value(), 0, r.name + " value on the tape");
                assertEquals(r.df.applyAsDouble(x), tape.backward(y)[v.index()], 1e-15, r.name + "' by reverse mode at " + x);

                double central = NumericalDiff.centralDifference(r.f, x);
                assertEquals(central, d.tangent(), 1e-7 * Math.max(1, Math.abs(central)), r.name + "' vs central difference at " + x);
            }
        }
    }

    @Test
    void binaryRulesMatchClosedForms() {
        double[][] points = {{1.3, 0.7}, {2.5, -1.5}, {0.4, 3.0}};
        for (double[] p : points) {
            double u = p[0];
            double v = p[1];
            // {value, ∂/∂u, ∂/∂v} in closed form
            double[][] expected = {
                {u + v, 1, 1}, {u - v, 1, -1}, {u * v, v, u}, {u / v, 1 / v, -u / (v * v)},
                {Math.pow(u, v), v * Math.pow(u, v - 1), Math.pow(u, v) * Math.log(u)}};
            for (int op = 0; op < expected.length; op++) {
                for (int wrt = 0; wrt < 2; wrt++) {
                    Dual du = new Dual(u, wrt == 0 ? 1 : 0);
                    Dual dv = new Dual(v, wrt == 1 ? 1 : 0);
                    Dual d = switch (op) {
                        case 0 -> du.plus(dv);
                        case 1 -> du.minus(dv);
                        case 2 -> du.times(dv);
                        case 3 -> du.div(dv);
                        default -> du.pow(dv);
                    };
                    assertEquals(expected[op][0], d.value(), 0);
                    assertEquals(expected[op][1 + wrt], d.tangent(), 1e-15, "op " + op + " ∂/∂" + (wrt == 0 ? "u" : "v") + " at " + u + ", " + v);
                }
                Tape tape = new Tape();
                Tape.Var tu = tape.variable(u);
                Tape.Var tv = tape.variable(v);
                Tape.Var y = switch (op) {
                    case 0 -> tu.plus(tv);
                    case 1 -> tu.minus(tv);
                    case 2 -> tu.times(tv);
                    case 3 -> tu.div(tv);
                    default -> tu.pow(tv);
                };
                double[] g = tape.gradient(y, List.of(tu, tv));
                assertEquals(expected[op][1], g[0], 1e-15);
                assertEquals(expected[op][2], g[1], 1e-15);
            }
        }
    }

    @Test
    void aConstantExponentNeedsNoLogarithmOfTheBase() {
        // d/dx x² at x = −3 is −6; the ln(−3) of ∂/∂exponent must not leak a NaN into either mode
        assertEquals(-6, Dual.variable(-3).pow(Dual.constant(2)).tangent(), 0);
        Tape tape = new Tape();
        Tape.Var x = tape.variable(-3);
        assertEquals(-6, tape.backward(x.pow(tape.constant(2)))[x.index()], 0);
    }

    @Test
    void theTapeAccumulatesEveryPathByTheChainRule() {
        // z = x·y + sin x (seed 001 eq. 6): x feeds two entries, so x̄ = ā·y + b̄·cos x (eq. 14)
        Tape tape = new Tape();
        Tape.Var x = tape.variable(2);
        Tape.Var y = tape.variable(3);
        Tape.Var a = x.times(y);
        Tape.Var b = x.sin();
        Tape.Var z = a.plus(b);
        double[] adjoint = tape.backward(z);
        assertEquals(5, tape.size());
        assertEquals(1, adjoint[a.index()], 0);
        assertEquals(1, adjoint[b.index()], 0);
        assertEquals(3 + Math.cos(2), adjoint[x.index()], 0);
        assertEquals(2, adjoint[y.index()], 0);
        assertEquals(new Tape.Entry("*", 6, x.index(), 3, y.index(), 2, false), tape.entry(a.index()));
    }
}
