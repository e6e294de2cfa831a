package dev.descent.core.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    /** Seed 001 eq. 24: f = w1² + ½w2², whose gradient at (1, 1) is (2, 1). */
    private static double bowl(double[] w) {
        return w[0] * w[0] + 0.5 * w[1] * w[1];
    }

    @Test
    void directionalDerivativeIsLargestAlongTheGradientAndZeroAcrossIt() {
        double[] at = {1, 1};
        double theta = Math.atan2(1, 2); // the direction of ∇f = (2, 1): 26.565°
        double[] along = {Math.cos(theta), Math.sin(theta)};
        assertEquals(Math.sqrt(5), NumericalDiff.directional(NumericalDiffTest::bowl, at, along), 1e-6);
        assertEquals(-Math.sqrt(5), NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {-along[0], -along[1]}), 1e-6);
        assertEquals(0, NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {-along[1], along[0]}), 1e-6);
        assertEquals(0, NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {1, -2}), 1e-6);
        // The axes give the partial derivatives (eq. 18), and only u's direction counts, not its length.
        assertEquals(2, NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {1, 0}), 1e-6);
        assertEquals(1, NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {0, 7}), 1e-6);
        assertEquals(Math.sqrt(5), NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {4, 2}), 1e-6);
        // Eq. 20: D_u f = ∇f·u for any unit u.
        for (int degrees = 0; degrees < 360; degrees += 10) {
            double a = Math.toRadians(degrees);
            assertEquals(2 * Math.cos(a) + Math.sin(a),
                    NumericalDiff.directional(NumericalDiffTest::bowl, at, new double[] {Math.cos(a), Math.sin(a)}), 1e-6, degrees + "°");
        }
        assertEquals(1, at[0], 0);
    }

    @Test
    void aDirectionMustBeANonZeroVectorOfTheRightLength() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> NumericalDiff.directional(NumericalDiffTest::bowl, new double[] {1, 1}, new double[] {0, 0}));
        assertEquals("a direction needs a finite, non-zero vector; got [0.0, 0.0]", zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> NumericalDiff.directional(NumericalDiffTest::bowl, new double[] {1, 1}, new double[] {1, Double.NaN}));
        assertEquals("direction has 3 components but the point has 2", assertThrows(IllegalArgumentException.class,
                () -> NumericalDiff.directional(NumericalDiffTest::bowl, new double[] {1, 1}, new double[] {1, 0, 0})).getMessage());
    }
}
