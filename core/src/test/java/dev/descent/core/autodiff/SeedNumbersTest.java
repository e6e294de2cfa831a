package dev.descent.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.grad.NumericalDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers of seeds 000 and 001 (DESIGN.md §6) by forward mode, reverse mode and symbolic differentiation. */
class SeedNumbersTest {

    @Test
    void seed001ExampleInBothModesAndSymbolically() {
        Expression z = Expression.parse("x*y + sin(x)");
        assertEquals(List.of("x", "y"), z.variables());
        assertEquals(6.909297426825682, z.value(2, 3), 1e-15);
        double[] reverse = z.gradient(2, 3);
        double[] forward = z.gradientForward(2, 3);
        assertEquals(2.5838531634528574, reverse[0], 1e-15);
        assertEquals(2, reverse[1], 1e-15);
        assertEquals(2.5838531634528574, forward[0], 1e-15);
        assertEquals(2, forward[1], 1e-15);
        assertEquals(2.5838531634528574, z.forward(new double[] {2, 3}, 0).tangent(), 1e-15);

        Expression dx = z.derivative("x");
        Expression dy = z.derivative("y");
        assertEquals("y + cos(x)", dx.text());                     // eq. 9
        assertEquals("x", dy.text());                              // eq. 12
        assertEquals(2.5838531634528574, dx.value(2, 3), 1e-15);
        assertEquals(2, dy.value(2, 3), 1e-15);
    }

    @Test
    void seed001DecompositionNamesTheSteps() {
        Trace t = Expression.parse("x*y + sin(x)").trace(2, 3);
        assertEquals(String.join(System.lineSeparator(),
                "  x          = 2",
                "  y          = 3",
                "  a = x·y    = 6",
                "  b = sin(x) = 0.9092974268256817",
                "  z = a + b  = 6.909297426825682", ""), t.decomposition());
        assertEquals("  ∂z/∂x = ∂z/∂a·∂a/∂x + ∂z/∂b·∂b/∂x = 1·3 + 1·(-0.4161468365471424) = 2.5838531634528574",
                t.reverseSweep().lines().reduce((a, b) -> b).orElseThrow());
        Trace.Step b = t.steps().get(3);
        assertArrayEquals(new double[] {Math.cos(2), 0}, b.tangents(), 0);
        assertEquals(1, b.adjoint(), 0);
    }

    @Test
    void seed001Equation4ByBothModesSymbolicallyAndByCentralDifferences() {
        Expression f = Expression.parse("x^2*cos(x-7)/sin(x)");
        assertEquals(-2.3993994969959727, f.gradient(2)[0], 1e-15);
        assertEquals(-2.3993994969959727, f.gradientForward(2)[0], 1e-15);
        Expression df = f.derivative("x");
        assertEquals(-2.3993994969959727, df.value(2), 1e-15);
        // central differences: within 1e-8 at h = 1e-5; at the seeds' h = 1e-4 the truncation error h²·f'''/6 is 4.6e-8,
        // as the third symbolic derivative predicts (to 0.1%)
        assertEquals(-2.3993994969959727, (f.value(2 + 1e-5) - f.value(2 - 1e-5)) / 2e-5, 1e-8);
        double third = df.derivative("x").derivative("x").value(2);
        double error = NumericalDiff.centralDifference(x -> f.value(x), 2) - -2.3993994969959727;
        assertEquals(NumericalDiff.H * NumericalDiff.H * third / 6, error, 1e-3 * Math.abs(error));
        // the seed's sympy form, csc = 1/sin and cot = cos/sin, agrees with ours everywhere we look
        Expression sympy = Expression.parse("x^2*sin(7-x)/sin(x) - x^2*cos(7-x)*cos(x)/sin(x)^2 + 2*x*cos(7-x)/sin(x)");
        for (double x = 0.5; x < 3; x += 0.25) {
            assertEquals(sympy.value(x), df.value(x), 1e-12 * Math.max(1, Math.abs(df.value(x))), "at " + x);
        }
    }

    @Test
    void seed001GradientDescentSteps() {
        // f = w1² + ½·w2², η = 1 from (1, 1): ∇f = (2, 1) → (−1, 0); ∇f = (−2, 0) → (1, 0)
        Expression f = Expression.parse("w1^2 + 0.5*w2^2");
        double[] w = {1, 1};
        double[][] gradients = {{2, 1}, {-2, 0}};
        double[][] points = {{-1, 0}, {1, 0}};
        for (int step = 0; step < 2; step++) {
            double[] g = f.gradient(w);
            assertArrayEquals(gradients[step], g, 1e-15);
            assertArrayEquals(gradients[step], f.gradientForward(w), 1e-15);
            w = new double[] {w[0] - g[0], w[1] - g[1]};
            assertArrayEquals(points[step], w, 1e-15);
        }
    }

    @Test
    void seed000GradientDescentFromThreeStarts() {
        // x0² + 2·x1², lr 0.1: x0 ← x0 − 0.1·2·x0 = 0.8·x0, x1 ← x1 − 0.1·4·x1 = 0.6·x1, so after 40 steps (0.8⁴⁰·x0, 0.6⁴⁰·x1)
        Expression f = Expression.parse("x0^2 + 2*x1^2");
        double[][] starts = {{-3, 4}, {3, -2}, {-1.5, -3.5}};
        for (double[] start : starts) {
            double[] x = start.clone();
            for (int step = 0; step < 40; step++) {
                double[] g = f.gradient(x);
                x = new double[] {x[0] - 0.1 * g[0], x[1] - 0.1 * g[1]};
            }
            double[] expected = {start[0] * Math.pow(0.8, 40), start[1] * Math.pow(0.6, 40)};
            assertEquals(expected[0], x[0], 1e-13 * Math.abs(expected[0]));
            assertEquals(expected[1], x[1], 1e-13 * Math.abs(expected[1]));
        }
        double[] x = {-3, 4};
        for (int step = 0; step < 40; step++) {
            double[] g = f.gradient(x);
            x = new double[] {x[0] - 0.1 * g[0], x[1] - 0.1 * g[1]};
        }
        assertEquals(-4.0e-4, x[0], 0.05e-4);                      // the seed's "about (−4.0e−4, 5.3e−9)"
        assertEquals(5.3e-9, x[1], 0.05e-9);
    }

    @Test
    void theBooksCentralDifferenceExample() {
        // 0.01x² + 0.1x: the exact derivative 0.02x + 0.1 by AD, where h = 1e-4 gave 0.1999999999990898 at 5
        Expression f = Expression.parse("0.01*x^2 + 0.1*x");
        assertEquals(0.2, f.gradient(5)[0], 1e-15);
        assertEquals(0.3, f.gradientForward(10)[0], 1e-15);
        assertEquals("0.02*x + 0.1", f.derivative("x").text());
    }
}
