package dev.descent.examples;

import dev.descent.core.autodiff.Dual;
import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.Jacobian;
import dev.descent.core.autodiff.Tape;
import dev.descent.core.autodiff.Trace;
import java.util.List;

/**
 * Seed 001's example read top to bottom: z = x·y + sin x at (x, y) = (2, 3), differentiated by forward mode (dual
 * numbers, one pass per input), by reverse mode (a tape, one sweep back) and by symbolic rules; then eq. 4, and
 * the seed's rule for choosing a mode. Expected: z = 6.909297426825682, ∂z/∂x = y + cos x = 2.5838531634528574,
 * ∂z/∂y = x = 2.
 */
public final class AutoDiff {
    private AutoDiff() {}

    public static void main(String[] args) {
        // 1. The decomposition (eq. 6): a = x·y, b = sin(x), z = a + b
        Expression z = Expression.parse("x*y + sin(x)");
        Trace trace = z.trace(2, 3);
        System.out.println("z = x·y + sin(x) at (x, y) = (2, 3), one elementary operation per line (eq. 6):");
        System.out.println(trace.decomposition());

        // 2. Forward mode (eq. 7): a dual number carries a value and its tangent ∂/∂t through every operation.
        //    Seeding ẋ = 1, ẏ = 0 gives ż = ∂z/∂x (eq. 9); seeding ẋ = 0, ẏ = 1 gives ż = ∂z/∂y (eq. 12): one pass per input.
        System.out.println("forward mode, by hand with dual numbers:");
        for (int pass = 1; pass <= 2; pass++) {
            Dual x = new Dual(2, pass == 1 ? 1 : 0);
            Dual y = new Dual(3, pass == 2 ? 1 : 0);
            Dual a = x.times(y);                 // ȧ = y·ẋ + x·ẏ
            Dual b = x.sin();                    // ḃ = cos(x)·ẋ
            Dual out = a.plus(b);                // ż = ȧ + ḃ
            System.out.printf("  pass %d (ẋ = %s, ẏ = %s): ȧ = %s, ḃ = %s, ż = ∂z/∂%s = %s%n", pass, num(x.tangent()),
                    num(y.tangent()), num(a.tangent()), num(b.tangent()), pass == 1 ? "x" : "y", num(out.tangent()));
        }
        System.out.println("every step's tangent in each pass:");
        System.out.println(trace.forwardPasses());

        // 3. Reverse mode (eq. 14): record the operations on a tape, then one sweep from z back to the inputs
        //    accumulates ∂z/∂v = Σ ∂z/∂u·∂u/∂v over the steps u that use v; x is used twice, so it gets two terms.
        Tape tape = new Tape();
        Tape.Var x = tape.variable(2);
        Tape.Var y = tape.variable(3);
        Tape.Var out = x.times(y).plus(x.sin());
        double[] adjoint = tape.backward(out);
        System.out.printf("reverse mode, one sweep: ∂z/∂x = %s, ∂z/∂y = %s%n", num(adjoint[x.index()]), num(adjoint[y.index()]));
        System.out.println(trace.reverseSweep());

        // 4. Symbolic differentiation: the derivative as an expression, then evaluated
        for (String v : List.of("x", "y")) {
            Expression d = z.derivative(v);
            System.out.printf("symbolic: ∂z/∂%s = %s = %s at (2, 3)%n", v, d.text(), num(d.value(2, 3)));
        }

        // 5. Eq. 4: d/dx [x²·cos(x − 7)/sin x] at x = 2, all three ways (-2.3993994969959727)
        Expression f = Expression.parse("x^2*cos(x-7)/sin(x)");
        Expression df = f.derivative("x");
        System.out.printf("%nd/dx %s = %s%n  at x = 2: symbolic %s, forward %s, reverse %s%n", f.text(), df.text(),
                num(df.value(2)), num(f.gradientForward(2)[0]), num(f.gradient(2)[0]));

        // 6. Which mode? Forward mode costs one pass per input, reverse mode one per output (seed 001)
        Jacobian forward = Jacobian.forward(List.of(z), new double[] {2, 3});
        Jacobian reverse = Jacobian.reverse(List.of(z), new double[] {2, 3});
        System.out.printf("%nz has 2 inputs and 1 output: forward mode needs %d passes, reverse mode %d — a loss of a million"
                + " weights is the same story, which is why networks train by reverse mode (backpropagation).%n",
                forward.passes(), reverse.passes());
    }

    private static String num(double v) {
        return DeriveExpression.num(v);
    }
}
