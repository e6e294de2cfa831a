package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.autodiff.ExpressionException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code minimize} on expressions: automatic differentiation against the hand-written gradients, and the seeds' runs. */
class ExpressionFunction2DTest {

    @Test
    void automaticDifferentiationMatchesEveryAnalyticGradient() {
        SplittableRandom random = new SplittableRandom(42);
        for (String name : Functions2D.names()) {
            Function2D analytic = Functions2D.resolve(name, GradientMode.ANALYTIC);
            Function2D reverse = Functions2D.resolve(name, GradientMode.REVERSE);
            Function2D forward = Functions2D.resolve(name, GradientMode.FORWARD);
            assertSame(Functions2D.byName(name), analytic);
            assertEquals(name, reverse.name());
            for (int k = 0; k < 100; k++) {
                double[] p = {random.nextDouble(-5, 5), random.nextDouble(-5, 5)};
                double[] exact = analytic.gradient(p);
                double[] r = reverse.gradient(p);
                double scale = Math.abs(exact[0]) + Math.abs(exact[1]);
                assertArrayEquals(exact, r, 1e-15 * Math.max(1, scale), name + " at (" + p[0] + ", " + p[1] + ")");
                // the two modes multiply the same local derivatives in another order: equal to the last bit or two
                assertArrayEquals(r, forward.gradient(p), 1e-15 * Math.max(1, scale), name + ": forward = reverse");
                assertEquals(analytic.value(p), reverse.value(p), 1e-15 * Math.max(1, Math.abs(analytic.value(p))), name);
            }
        }
    }

    @Test
    void seed000GradientDescentThroughTheOptimizers() {
        // x0² + 2·x1², lr 0.1, 40 steps: x0 ← 0.8·x0, x1 ← 0.6·x1 each step
        Function2D f = Functions2D.resolve("x0^2 + 2*x1^2", GradientMode.REVERSE);
        double[][] starts = {{-3, 4}, {3, -2}, {-1.5, -3.5}};
        for (double[] start : starts) {
            Minimizer.Path path = Minimizer.run(Optimizers.create("gd", Map.of("learning-rate", "0.1")), f, start, 40, false);
            double[] expected = {start[0] * Math.pow(0.8, 40), start[1] * Math.pow(0.6, 40)};
            assertEquals(expected[0], path.last()[0], 1e-13 * Math.abs(expected[0]));
            assertEquals(expected[1], path.last()[1], 1e-13 * Math.abs(expected[1]));
        }
    }

    @Test
    void everyGradientModeWalksTheSamePath() {
        double[] start = {-1.5, 2};
        Minimizer.Path analytic = Minimizer.run(new Adam(Map.of("learning-rate", "0.01")), Functions2D.ROSENBROCK, start, 200, false);
        for (GradientMode mode : new GradientMode[] {GradientMode.REVERSE, GradientMode.FORWARD}) {
            Minimizer.Path path = Minimizer.run(new Adam(Map.of("learning-rate", "0.01")), Functions2D.resolve("rosenbrock", mode), start, 200, false);
            assertArrayEquals(analytic.last(), path.last(), 1e-12, mode.key());
        }
        Minimizer.Path numerical = Minimizer.run(new Adam(Map.of("learning-rate", "0.01")),
                Functions2D.resolve("(1 - x)^2 + 100*(y - x^2)^2", GradientMode.NUMERICAL), start, 200, false);
        assertArrayEquals(analytic.last(), numerical.last(), 1e-5);
    }

    @Test
    void badFunctionsAndModesAreOneLineErrors() {
        assertEquals("gradient = 'exact' is not valid; valid: reverse, forward, numerical, analytic",
                assertThrows(IllegalArgumentException.class, () -> GradientMode.parse("exact")).getMessage());
        assertEquals("gradient = 'analytic' exists only for the named functions (sphere, elliptic, rosenbrock, saddle, doublewell, "
                + "himmelblau, plateau); "
                + "for an expression choose reverse, forward or numerical",
                assertThrows(IllegalArgumentException.class, () -> Functions2D.resolve("x0^2", GradientMode.ANALYTIC)).getMessage());
        assertEquals("unknown function 'rastrigin'; valid: sphere, elliptic, rosenbrock, saddle, doublewell, himmelblau, plateau, "
                + "or an expression in x0, x1 such as 'x0^2 + 2*x1^2'",
                assertThrows(IllegalArgumentException.class, () -> Functions2D.resolve("rastrigin", GradientMode.REVERSE)).getMessage());
        assertEquals("unknown variable 'z' at column 8; the variables are x0, x1 (or x, y)",
                assertThrows(ExpressionException.class, () -> Functions2D.parse("x0^2 + z")).getMessage());
        assertEquals("unexpected ')' at column 5",
                assertThrows(ExpressionException.class, () -> Functions2D.parse("x0^2)")).getMessage());
        ExpressionFunction2D xy = assertInstanceOf(ExpressionFunction2D.class, Functions2D.parse("x^2/20 + y^2"));
        assertArrayEquals(new double[] {-0.7, 4}, xy.gradient(new double[] {-7, 2}), 1e-15);
        assertEquals(GradientMode.REVERSE, xy.mode());
        assertEquals("x0^2/20 + x1^2", Functions2D.expression("elliptic"));
    }
}
