package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 003's 1.5th- and second-order methods on 2-D functions: how many steps, which point, what kind of point. */
class SecondOrderMinimizeTest {
    /** Positive-definite quadratics, the last with a cross term and its minimum at (−1.25, 3.25). */
    private static final List<String> QUADRATICS = List.of("x0^2 + x1^2", "x0^2/20 + x1^2", "x0^2 + 2*x1^2",
            "3*x0^2 + 2*x0*x1 + x1^2 + x0 - 4*x1");
    private static final double[] START = {-1.2, 1};

    private static Minimizer.Settings until(double tolerance, int steps) {
        return new Minimizer.Settings(steps, 100L * steps, tolerance, false, false, false);
    }

    private static List<double[]> starts() {
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> starts = new java.util.ArrayList<>(List.of(new double[] {-7, 2}, new double[] {0.3, 0.1}));
        for (int i = 0; i < 6; i++) {
            starts.add(new double[] {r.nextDouble(-100, 100), r.nextDouble(-100, 100)});
        }
        return starts;
    }

    private static double gradientNorm(Function2D f, double[] x) {
        double[] g = f.gradient(x);
        return Math.hypot(g[0], g[1]);
    }

    @Test
    void newtonMinimizesAPositiveDefiniteQuadraticInExactlyOneStepFromAnywhere() {
        for (String q : QUADRATICS) {
            Function2D f = Functions2D.parse(q);
            for (double[] start : starts()) {
                Minimizer.Path path = Minimizer.run(Optimizers.create("newton", Map.of()), f, start, until(1e-8, 10));
                assertEquals(1, path.iterations(), q + " from " + start[0] + ", " + start[1]);
                assertEquals("tolerance", path.stop());
                assertEquals(1, path.evaluations().hessians(), q);
                assertEquals(CriticalPoint.Kind.MINIMUM, CriticalPoint.of(f, path.last()).kind());
            }
        }
    }

    @Test
    void withTheHessianFromDifferencesOfTheGradientOneNewtonStepLandsWithinTheirRounding() {
        for (String q : QUADRATICS) {
            Function2D f = Functions2D.parse(q);
            for (double[] start : starts()) {
                Minimizer.Path path = Minimizer.run(Optimizers.create("newton", Map.of()), f, start,
                        new Minimizer.Settings(1, 100, 0, false, false, true));
                // 2n = 4 more gradients instead of the Hessian; exact for a quadratic but for rounding, ε·|g|/h ≈ 1e-10·|g|
                assertEquals(new Minimizer.Evaluations(6, 6, 0), path.evaluations(), q);
                assertTrue(gradientNorm(f, path.last()) <= 1e-9 * Math.max(1, gradientNorm(f, start)), q + " from " + start[0]);
            }
        }
    }

    @Test
    void conjugateGradientWithAnExactLineSearchNeedsAtMostTwoStepsIn2D() {
        for (String q : QUADRATICS) {
            Function2D f = Functions2D.parse(q);
            for (double[] start : starts()) {
                Minimizer.Path path = Minimizer.run(Optimizers.create("cg", Map.of("c2", "1e-9")), f, start, until(1e-8, 10));
                assertTrue(path.iterations() <= 2, q + ": " + path.iterations() + " steps from " + start[0] + ", " + start[1]);
                assertEquals("tolerance", path.stop(), q);
            }
        }
    }

    @Test
    void bfgsAndLbfgsReachRosenbrocksMinimumInFewerThanFiftyIterationsWhereGradientDescentNeedsTensOfThousands() {
        // measured: lbfgs 38 (PyTorch's LBFGS with these settings: 38 too), bfgs 41, gd (η = 0.001) 43,605
        for (String name : List.of("lbfgs", "bfgs")) {
            Minimizer.Path path = Minimizer.run(Optimizers.create(name, Map.of()), Functions2D.ROSENBROCK, START, until(1e-8, 1000));
            assertEquals("tolerance", path.stop(), name);
            assertTrue(path.iterations() < 50, name + " took " + path.iterations());
            assertTrue(gradientNorm(Functions2D.ROSENBROCK, path.last()) <= 1e-8);
            assertArrayEquals(new double[] {1, 1}, path.last(), 1e-9, name);
        }
        Minimizer.Path gd = Minimizer.run(Optimizers.create("gd", Map.of("learning-rate", "0.001")), Functions2D.ROSENBROCK, START,
                new Minimizer.Settings(100_000, 1_000_000, 1e-8, false, false, false));
        assertEquals("tolerance", gd.stop());
        assertTrue(gd.iterations() > 20_000, "gd took " + gd.iterations());
    }

    @Test
    void newtonAndLevenbergMarquardtOnRosenbrock() {
        // measured: newton 22 steps (22 Hessians), lm 14 steps
        for (String name : List.of("newton", "lm", "cg")) {
            Minimizer.Path path = Minimizer.run(Optimizers.create(name, Map.of()), Functions2D.ROSENBROCK, START, until(1e-8, 200));
            assertEquals("tolerance", path.stop(), name);
            assertArrayEquals(new double[] {1, 1}, path.last(), 1e-8, name);
        }
    }

    @Test
    void gradientDescentFromOnTheAxisEndsAtTheSaddleAndOffItEscapes() {
        Map<String, String> lr = Map.of("learning-rate", "0.1");
        Minimizer.Path onAxis = Minimizer.run(Optimizers.create("gd", lr), Functions2D.SADDLE, new double[] {1, 0}, Minimizer.Settings.steps(100));
        assertArrayEquals(new double[] {0, 0}, onAxis.last(), 1e-9);
        CriticalPoint saddle = CriticalPoint.of(Functions2D.SADDLE, onAxis.last());
        assertEquals(CriticalPoint.Kind.SADDLE, saddle.kind());
        assertArrayEquals(new double[] {-2, 2}, saddle.eigenvalues(), 1e-12);
        assertEquals("saddle (Hessian eigenvalues -2, 2)", saddle.toString());

        Minimizer.Path off = Minimizer.run(Optimizers.create("gd", lr), Functions2D.SADDLE, new double[] {1, 0.001}, Minimizer.Settings.steps(100));
        assertTrue(Math.abs(off.last()[1]) > 50, "x1 grows by 1.2 a step: " + off.last()[1]);
        assertTrue(off.finalValue() < -1000);
        assertEquals(CriticalPoint.Kind.NOT_STATIONARY, CriticalPoint.of(Functions2D.SADDLE, off.last()).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd", "newton", "bfgs", "lbfgs", "cg"})
    void startsOnEitherSideOfTheDoubleWellEndInDifferentMinima(String name) {
        Map<String, String> h = name.equals("gd") ? Map.of("learning-rate", "0.01") : Map.of();
        Minimizer.Path left = Minimizer.run(Optimizers.create(name, h), Functions2D.DOUBLE_WELL, new double[] {-2, 1}, until(1e-7, 2000));
        Minimizer.Path right = Minimizer.run(Optimizers.create(name, h), Functions2D.DOUBLE_WELL, new double[] {2, 1}, until(1e-7, 2000));
        assertEquals(-1.3008395659415772, left.last()[0], 1e-7, name + ": the global minimum");
        assertEquals(1.130901122629986, right.last()[0], 1e-7, name + ": the local minimum");
        assertEquals(-3.51390503893479, left.finalValue(), 1e-12);
        assertEquals(-1.0702301817761544, right.finalValue(), 1e-12);
        for (Minimizer.Path p : List.of(left, right)) {
            assertEquals(0, p.last()[1], 1e-7);
            assertEquals(CriticalPoint.Kind.MINIMUM, CriticalPoint.of(Functions2D.DOUBLE_WELL, p.last()).kind());
        }
    }

    @Test
    void maximizingHimmelblauClimbsToItsMaximum() {
        for (String name : List.of("gd", "newton")) {
            Map<String, String> h = name.equals("gd") ? Map.of("learning-rate", "0.01") : Map.of();
            Minimizer.Path up = Minimizer.run(Optimizers.create(name, h), Functions2D.HIMMELBLAU, new double[] {0, 0},
                    new Minimizer.Settings(1000, 10_000, 1e-8, true, false, false));
            assertArrayEquals(new double[] {-0.270845, -0.923039}, up.last(), 1e-6, name);
            assertEquals(181.616522, up.finalValue(), 1e-6, name);
            assertEquals(CriticalPoint.Kind.MAXIMUM, CriticalPoint.of(Functions2D.HIMMELBLAU, up.last()).kind());
        }
    }

    @Test
    void levenbergMarquardtFindsEachOfHimmelblausFourMinima() {
        double[][] starts = {{4, 4}, {-4, 4}, {-4, -4}, {4, -4}};
        double[][] minima = {{3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848127}};
        for (int i = 0; i < 4; i++) {
            Minimizer.Path path = Minimizer.run(Optimizers.create("lm", Map.of()), Functions2D.HIMMELBLAU, starts[i], until(1e-8, 100));
            assertArrayEquals(minima[i], path.last(), 1e-6);
            assertTrue(path.iterations() <= 8, "lm took " + path.iterations());
        }
    }

    @Test
    void onThePlateauGradientDescentStallsWhereALineSearchCrossesIt() {
        double[] start = {3, 3};
        Minimizer.Path gd = Minimizer.run(Optimizers.create("gd", Map.of("learning-rate", "0.1")), Functions2D.PLATEAU, start,
                Minimizer.Settings.steps(1000));
        assertTrue(Math.abs(gd.last()[0] - 3) < 1e-4, "gd moved " + (3 - gd.last()[0]));
        assertEquals(CriticalPoint.Kind.PLATEAU, CriticalPoint.of(Functions2D.PLATEAU, gd.last()).kind());
        // the first trial step is tiny, but the strong-Wolfe search extrapolates it ×10 a time into the well
        Minimizer.Path lbfgs = Minimizer.run(Optimizers.create("lbfgs", Map.of()), Functions2D.PLATEAU, start, until(1e-8, 100));
        assertArrayEquals(new double[] {0, 0}, lbfgs.last(), 1e-8);
        assertEquals(CriticalPoint.Kind.MINIMUM, CriticalPoint.of(Functions2D.PLATEAU, lbfgs.last()).kind());
    }

    @Test
    void floatsHeldGrowAsNForGdMNForLbfgsAndNSquaredForBfgsAndNewton() {
        Map<String, Long> expected = Map.of("gd", 4L, "adam", 8L, "cg", 8L, "bfgs", 8L, "newton", 8L,
                "lbfgs", 4L + 2 * 5 * 2 + 4); // point, gradient; 5 pairs (s, y) of 2 floats; d, g
        expected.forEach((name, floats) -> {
            Map<String, String> h = name.equals("lbfgs") ? Map.of("history-size", "5") : Map.of();
            Minimizer.Path path = Minimizer.run(Optimizers.create(name, h), Functions2D.ROSENBROCK, START, Minimizer.Settings.steps(20));
            assertEquals(floats, path.floats(), name);
        });
    }

    @Test
    void hessiansByAutomaticDifferentiationAgreeWithDifferencesOfTheGradientAndResidualsSquaredAddUpToF() {
        double[] at = {0.7, -1.3};
        for (String name : Functions2D.names()) {
            Function2D f = Functions2D.byName(name);
            double[][] ad = f.hessian(at);
            double[][] differences = Function2D.hessianByDifferences(f, at);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(ad[i][j], differences[i][j], 1e-6 * Math.max(1, Math.abs(ad[i][j])), name + " ∂²f/∂x" + i + "∂x" + j);
                }
            }
        }
        assertArrayEquals(new double[][] {{2, 0}, {0, -2}}, Functions2D.SADDLE.hessian(at));
        for (String name : List.of("sphere", "elliptic", "rosenbrock", "himmelblau")) {
            Function2D.SumOfSquares squares = Functions2D.byName(name).sumOfSquares();
            double[] r = squares.residuals(at);
            assertEquals(Functions2D.byName(name).value(at), Dense.dot(r, r), 1e-12, name);
        }
        assertArrayEquals(new double[][] {{-1, 0}, {-20 * 0.7, 10}}, Functions2D.ROSENBROCK.sumOfSquares().jacobian(at));
    }

    @Test
    void badInputIsOneClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Minimizer.run(Optimizers.create("lm", Map.of()), Functions2D.SADDLE, new double[] {1, 1}, Minimizer.Settings.steps(10)));
        assertEquals("lm needs the loss as a sum of squares Σ rᵢ²: saddle is not a sum of squares: the term x1^2 is subtracted "
                + "or has a negative factor", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimizer.run(Optimizers.create("lm", Map.of()), Functions2D.PLATEAU,
                new double[] {1, 1}, Minimizer.Settings.steps(10)));
        assertTrue(e.getMessage().endsWith("plateau is not a sum of squares: the term exp(-(x0^2 + x1^2)) is not c·u^2 with c ≥ 0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimizer.run(Optimizers.create("lm", Map.of()), Functions2D.parse("sin(x0) + x1^2"),
                new double[] {1, 1}, Minimizer.Settings.steps(10)));
        assertTrue(e.getMessage().endsWith("the term sin(x0) is not c·u^2 with c ≥ 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimizer.run(Optimizers.create("lm", Map.of()), Functions2D.ROSENBROCK,
                START, new Minimizer.Settings(10, 100, 0, true, false, false)));
        assertTrue(e.getMessage().endsWith("maximizing, the optimizer sees −f, which is no sum of squares"), e.getMessage());

        for (String singular : List.of("x0 + x1", "(x0 + x1)^2", "x0^2")) {
            e = assertThrows(IllegalArgumentException.class, () -> Minimizer.run(Optimizers.create("newton", Map.of()),
                    Functions2D.parse(singular), new double[] {1, 2}, Minimizer.Settings.steps(100)), singular);
            assertTrue(e.getMessage().startsWith("newton: the Hessian is singular at every point so far (3 points, the last ("), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("lbgfs", Map.of()));
        assertTrue(e.getMessage().startsWith("unknown optimizer 'lbgfs'; valid: gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, "
                + "adam, adamw, newton, bfgs, lbfgs, cg, lm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Minimizer.Settings(10, 100, -1, false, false, false));
        assertEquals("minimize: tolerance = -1.0 must be > 0 (or 0: none)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"newton", "bfgs", "lbfgs", "cg"})
    void onAFunctionWithoutAMinimumEveryMethodStopsAtItsCaps(String name) {
        // x0 + 3·x1 falls without end: the line search extrapolates at most 25 times a step, then the steps run out
        // (newton stops sooner: its Hessian is singular everywhere)
        Function2D linear = Functions2D.parse("x0 + 3*x1");
        try {
            Minimizer.Path path = Minimizer.run(Optimizers.create(name, Map.of()), linear, new double[] {0, 0},
                    new Minimizer.Settings(30, 2000, 1e-8, false, false, false));
            assertNotEquals("tolerance", path.stop());
            assertTrue(path.evaluations().total() <= 2000 + 2 * (StrongWolfe.MAX_EVALUATIONS + 1), name + ": " + path.evaluations());
        } catch (IllegalArgumentException e) {
            assertEquals("newton", name, e.getMessage());
        }
    }
}
