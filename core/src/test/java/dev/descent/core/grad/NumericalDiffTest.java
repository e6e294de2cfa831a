package dev.descent.core.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The seed texts' numerical-differentiation numbers (DESIGN.md §6). */
class NumericalDiffTest {

    private static double function1(double x) {
        return 0.01 * (x * x) + 0.1 * x; // the seed's 0.01*x**2 + 0.1*x, same rounding
    }

    private static double function2(double[] x) {
        return x[0] * x[0] + x[1] * x[1];
    }

    @Test
    void centralDifferenceMatchesTheSeed() {
        assertEquals(0.1999999999990898, NumericalDiff.centralDifference(NumericalDiffTest::function1, 5), 1e-12);
        assertEquals(0.2999999999986347, NumericalDiff.centralDifference(NumericalDiffTest::function1, 10), 1e-12);
    }

    @Test
    void forwardDifferenceHasTheLargerTruncationError() {
        // f'(5) = 0.2 exactly; the forward difference is off by f''·h/2 = 0.02·1e-4/2 = 1e-6
        double forward = NumericalDiff.forwardDifference(NumericalDiffTest::function1, 5);
        assertEquals(0.2 + 1e-6, forward, 1e-9);
    }

    @Test
    void partialDerivativesOfTheSeedFunction() {
        // ∂f/∂x0 at (3, 4) with x1 fixed: 6;  ∂f/∂x1 at (3, 4) with x0 fixed: 8
        assertEquals(6.00000000000378, NumericalDiff.partial(NumericalDiffTest::function2, new double[] {3, 4}, 0), 1e-12);
        assertEquals(7.999999999999119, NumericalDiff.partial(NumericalDiffTest::function2, new double[] {3, 4}, 1), 1e-12);
    }

    @Test
    void numericalGradientMatchesTheSeed() {
        assertArrayEquals(new double[] {6, 8}, NumericalDiff.gradient(NumericalDiffTest::function2, new double[] {3, 4}), 1e-9);
        assertArrayEquals(new double[] {0, 4}, NumericalDiff.gradient(NumericalDiffTest::function2, new double[] {0, 2}), 1e-9);
        assertArrayEquals(new double[] {6, 0}, NumericalDiff.gradient(NumericalDiffTest::function2, new double[] {3, 0}), 1e-9);
    }
}
