package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seeds' and the book's numbers on 2-D functions, through the same optimizers that train networks. */
class MinimizerTest {

    @Test
    void gradientDescentOnTheSphereMatchesTheSeed() {
        Minimizer.Path path = Minimizer.run(Optimizers.create("gd", Map.of("learning-rate", "0.1")),
                Functions2D.SPHERE, new double[] {-3, 4}, 100, true);
        assertArrayEquals(new double[] {-6.1111e-10, 8.1481e-10}, path.last(), 1e-13);
        assertEquals(101, path.points().length);
    }

    /** The book's optimizer_compare_naive.py: 30 steps on x²/20 + y² from (−7, 2), analytic gradient. */
    private static void assertBookEnd(String optimizer, Map<String, String> hyper, double x, double y) {
        Minimizer.Path path = Minimizer.run(Optimizers.create(optimizer, hyper), Functions2D.ELLIPTIC, new double[] {-7, 2}, 30, false);
        assertEquals(31, path.points().length);
        assertEquals(31, path.values().length);
        assertArrayEquals(new double[] {-7, 2}, path.points()[0]);
        assertArrayEquals(new double[] {x, y}, path.last(), 1e-4, optimizer);
        assertEquals(Functions2D.ELLIPTIC.value(path.last()), path.finalValue(), 0);
    }

    @Test
    void sgdOnTheEllipticBowl() {
        assertBookEnd("sgd", Map.of("learning-rate", "0.95"), -0.35039, 0.08478);
    }

    @Test
    void momentumOnTheEllipticBowl() {
        assertBookEnd("momentum", Map.of("learning-rate", "0.1", "momentum", "0.9"), 0.89641, 0.08809);
    }

    @Test
    void adaGradOnTheEllipticBowl() {
        assertBookEnd("adagrad", Map.of("learning-rate", "1.5"), -0.12016, 0.00000);
    }

    @Test
    void adamOnTheEllipticBowl() {
        assertBookEnd("adam", Map.of("learning-rate", "0.3"), 0.13601, 0.31825);
    }

    @Test
    void numericalAndAnalyticGradientsWalkTheSamePath() {
        Minimizer.Path analytic = Minimizer.run(new Adam(Map.of("learning-rate", "0.01")), Functions2D.ROSENBROCK,
                new double[] {-1.5, 2}, 200, false);
        Minimizer.Path numerical = Minimizer.run(new Adam(Map.of("learning-rate", "0.01")), Functions2D.ROSENBROCK,
                new double[] {-1.5, 2}, 200, true);
        assertArrayEquals(analytic.last(), numerical.last(), 1e-5);
        assertTrue(analytic.finalValue() < analytic.values()[0], "Adam goes downhill on Rosenbrock");
    }

    @Test
    void analyticGradientsAgreeWithCentralDifferences() {
        double[] at = {0.7, -1.3};
        for (String name : Functions2D.names()) {
            Function2D f = Functions2D.byName(name);
            double[] numerical = dev.descent.core.grad.NumericalDiff.gradient(f::value, at);
            double[] analytic = f.gradient(at);
            for (int i = 0; i < 2; i++) {
                // relative error, as in gradient checks: central differences are off by O(h²)·f''' (large for Rosenbrock)
                double relative = Math.abs(analytic[i] - numerical[i]) / (Math.abs(analytic[i]) + Math.abs(numerical[i]));
                assertTrue(relative < 1e-7, name + " ∂/∂x" + i + ": " + analytic[i] + " vs " + numerical[i]);
            }
        }
    }

    @Test
    void unknownFunctionListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functions2D.byName("rastrigin"));
        assertEquals("unknown function 'rastrigin'; valid: sphere, elliptic, rosenbrock, saddle, doublewell, himmelblau, plateau", e.getMessage());
    }
}
