package dev.descent.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Symbolic derivatives against AD, and Jacobians by forward and reverse mode with their pass counts (seed 001). */
class SymbolicAndJacobianTest {

    @Test
    void symbolicDerivativesAreSimplifiedAndAgreeWithBothModes() {
        assertEquals("2*x", Expression.parse("x^2").derivative("x").text());
        assertEquals("3*x^2", Expression.parse("x^3").derivative("x").text());
        assertEquals("-sin(x)", Expression.parse("cos(x)").derivative("x").text());
        assertEquals("2*exp(2*x)", Expression.parse("exp(2*x)").derivative("x").text());
        assertEquals("2*x + y", Expression.parse("x^2 + x*y + 7").derivative("x").text());
        assertEquals("0", Expression.parse("y^2", List.of("x", "y")).derivative("x").text());
        assertEquals("step(x)", Expression.parse("relu(x)").derivative("x").text());
        String[] texts = {"tan(x*y)", "log(x + y^2)", "sqrt(x*y)", "tanh(x - y)", "sigmoid(x/y)", "x^y", "2^(x*y)", "abs(x - 2*y)",
            "-x^2/(1 + y^2)", "exp(-x)*cos(y) - pi*x"};
        Random random = new Random(1);
        for (String text : texts) {
            Expression f = Expression.parse(text);
            for (int k = 0; k < 10; k++) {
                double[] p = {0.2 + 2 * random.nextDouble(), 0.2 + 2 * random.nextDouble()};
                double[] reverse = f.gradient(p);
                assertArrayEquals(reverse, f.gradientForward(p), 1e-14 * (1 + Math.abs(reverse[0]) + Math.abs(reverse[1])), text);
                for (int i = 0; i < 2; i++) {
                    double symbolic = f.derivative(f.variables().get(i)).value(p);
                    assertEquals(reverse[i], symbolic, 1e-13 * Math.max(1, Math.abs(symbolic)), text + " ∂/∂" + f.variables().get(i));
                }
            }
        }
    }

    private static String sum(int n, java.util.function.IntFunction<String> term) {
        StringJoiner j = new StringJoiner(" + ");
        for (int i = 0; i < n; i++) {
            j.add(term.apply(i));
        }
        return j.toString();
    }

    @Test
    void hundredInputsTwoOutputsTakeTwoReversePasses() {
        int n = 100;
        // f1 = Σ xᵢ·xᵢ₊₁ + sin(x99), f2 = exp(0.01·Σ (i+1)·xᵢ) + x0²·x99
        String f1 = sum(n - 1, i -> "x" + i + "*x" + (i + 1)) + " + sin(x99)";
        String f2 = "exp(0.01*(" + sum(n, i -> (i + 1) + "*x" + i) + ")) + x0^2*x99";
        List<Expression> f = Expression.parseList(f1 + ", " + f2);
        double[] p = new Random(7).doubles(n, -1, 1).toArray();
        Jacobian forward = Jacobian.forward(f, p);
        Jacobian reverse = Jacobian.reverse(f, p);
        assertEquals(100, forward.passes());
        assertEquals(2, reverse.passes());
        assertEquals("reverse", Jacobian.cheaperMode(n, 2));
        for (int row = 0; row < 2; row++) {
            assertArrayEquals(forward.matrix()[row], reverse.matrix()[row], 1e-12);
        }
        assertEquals(p[4] + p[6], reverse.matrix()[0][5], 1e-15);   // ∂f1/∂x5 = x4 + x6
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (i + 1) * p[i];
        }
        assertEquals(Math.exp(0.01 * s) * 0.01 * 6, reverse.matrix()[1][5], 1e-12);
    }

    @Test
    void twoInputsHundredOutputsTakeTwoForwardPasses() {
        StringJoiner text = new StringJoiner(", ");
        for (int k = 1; k <= 100; k++) {
            text.add("sin(" + k + "*x0)*x1 + x0/" + (k + 1));
        }
        List<Expression> f = Expression.parseList(text.toString());
        double[] p = {0.3, -1.2};
        Jacobian forward = Jacobian.forward(f, p);
        Jacobian reverse = Jacobian.reverse(f, p);
        assertEquals(2, forward.passes());
        assertEquals(100, reverse.passes());
        assertEquals("forward", Jacobian.cheaperMode(2, 100));
        assertEquals(List.of("x0", "x1"), forward.inputs());
        for (int row = 0; row < 100; row++) {
            assertArrayEquals(forward.matrix()[row], reverse.matrix()[row], 1e-12);
            int k = row + 1;
            assertEquals(k * Math.cos(k * 0.3) * -1.2 + 1.0 / (k + 1), forward.matrix()[row][0], 1e-12);
            assertEquals(Math.sin(k * 0.3), forward.matrix()[row][1], 1e-15);
        }
    }
}
