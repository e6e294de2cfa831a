package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The closure optimizers as optimizers: names, hyperparameters, the closure contract, checkpoints and memory. */
class ClosureOptimizersTest {
    private static final List<String> CLOSURE = List.of("newton", "bfgs", "lbfgs", "cg", "lm");

    @Test
    void theFiveAreRegisteredAfterTheNineAndTakeAClosure() {
        assertEquals(CLOSURE, Optimizers.names().subList(9, 14));
        for (String name : CLOSURE) {
            Optimizer o = Optimizers.create(name, Map.of());
            assertTrue(o instanceof ClosureOptimizer, name);
            assertEquals(name, o.name());
            assertEquals(60000, o.samplesPerUpdate(100, 60000), name + " takes the whole training set, as gd");
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> o.step(List.of()));
            assertEquals(name + " evaluates the loss at points of its choosing: call step(parameters, closure)", e.getMessage());
        }
        for (String name : Optimizers.names().subList(0, 9)) {
            assertTrue(!(Optimizers.create(name, Map.of()) instanceof ClosureOptimizer), name + " stays first-order");
        }
    }

    @Test
    void defaultsArePyTorchsButForOneIterationPerStepAndNoTolerances() {
        assertEquals(Map.of("learning-rate", "1", "history-size", "100", "max-iter", "1", "tolerance-grad", "0", "tolerance-change", "0"),
                Optimizers.create("lbfgs", Map.of()).hyperparameters());
        assertEquals(Map.of("learning-rate", "1", "c2", "0.1"), Optimizers.create("cg", Map.of()).hyperparameters());
        for (String name : List.of("newton", "bfgs", "lm")) {
            assertEquals(Map.of("learning-rate", "1"), Optimizers.create(name, Map.of()).hyperparameters(), name);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lbfgs|history-size|2.5|lbfgs: history-size = 2.5 is outside {1, 2, 3, ...}",
        "lbfgs|max-iter|0|lbfgs: max-iter = 0 is outside {1, 2, 3, ...}",
        "lbfgs|tolerance-grad|-1|lbfgs: tolerance-grad = -1 is outside [0, ∞)",
        "cg|c2|0|cg: c2 = 0 is outside (0, 1)",
        "cg|c2|1|cg: c2 = 1 is outside (0, 1)",
        "newton|learning-rate|0|newton: learning-rate = 0 is outside (0, ∞)",
        "bfgs|momentum|0.9|bfgs: unknown hyperparameter 'momentum'; valid: learning-rate",
        "lm|weight-decay|0.1|lm: unknown hyperparameter 'weight-decay'; valid: learning-rate",
    })
    void invalidValuesFailAtConstruction(String name, String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name, Map.of(key, value)));
        assertEquals(message, e.getMessage());
    }

    /**
     * L = Σ (w − c)² + Σ (0.3·w²)² over two FLOAT32 parameters (7 elements): a sum of squares (so lm runs too),
     * not a quadratic, the same function at every evaluation.
     */
    private static final class Problem implements ClosureOptimizer.Closure {
        final List<Parameter> parameters;
        NDManager iteration;

        Problem(NDManager manager) {
            parameters = List.of(new Parameter("0.affine.W", manager.create(new float[] {0.5f, -1, 2, 0.1f, -0.3f, 1.5f}, new Shape(2, 3))),
                    new Parameter("0.affine.b", manager.create(new float[] {3})));
        }

        private NDArray target(Parameter p) {
            return iteration.arange(0f, (float) p.value().size()).reshape(p.value().getShape()).muli(0.25f).subi(0.5f);
        }

        @Override
        public double evaluate() {
            double loss = 0;
            for (Parameter p : parameters) {
                NDArray w = iteration.zeros(p.value().getShape(), DataType.FLOAT32).addi(p.value());
                NDArray diff = w.sub(target(p));
                NDArray quartic = w.square().muli(0.3f);
                loss += diff.square().sum().getFloat() + quartic.square().sum().getFloat();
                p.setGrad(diff.muli(2).addi(w.pow(3).muli(0.36f)));
            }
            return loss;
        }

        @Override
        public ClosureOptimizer.SumOfSquares sumOfSquares() {
            return new ClosureOptimizer.SumOfSquares() {
                @Override
                public double[] residuals() {
                    double[] w = values();
                    double[] c = targets();
                    double[] r = new double[2 * w.length];
                    for (int i = 0; i < w.length; i++) {
                        r[i] = w[i] - c[i];
                        r[w.length + i] = 0.3 * w[i] * w[i];
                    }
                    return r;
                }

                @Override
                public double[][] jacobian() {
                    double[] w = values();
                    double[][] j = new double[2 * w.length][w.length];
                    for (int i = 0; i < w.length; i++) {
                        j[i][i] = 1;
                        j[w.length + i][i] = 0.6 * w[i];
                    }
                    return j;
                }
            };
        }

        double[] values() {
            float[] w = parameters.get(0).value().toFloatArray();
            double[] all = new double[w.length + 1];
            for (int i = 0; i < w.length; i++) {
                all[i] = w[i];
            }
            all[w.length] = parameters.get(1).value().getFloat();
            return all;
        }

        double[] targets() {
            return new double[] {-0.5, -0.25, 0, 0.25, 0.5, 0.75, -0.5};
        }

        void steps(ClosureOptimizer o, NDManager manager, int count) {
            for (int i = 0; i < count; i++) {
                try (NDManager it = manager.newSubManager()) {
                    iteration = it;
                    o.step(parameters, this);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"newton", "bfgs", "lbfgs", "cg", "lm"})
    void exportedStateResumesExactly(String name) {
        Map<String, String> hyper = name.equals("lbfgs") ? Map.of("history-size", "2") : Map.of();
        try (NDManager a = Engines.newManager(); NDManager b = Engines.newManager()) {
            Problem straight = new Problem(a);
            ClosureOptimizer o = (ClosureOptimizer) Optimizers.create(name, hyper);
            straight.steps(o, a, 3);
            Map<String, NDArray> state = o.exportState();
            assertEquals(3L, state.get("step").getLong(), name);
            assertEquals(o.evaluations(), state.get("evaluations").getLong(), name);

            Problem resumed = new Problem(b);
            for (int i = 0; i < 2; i++) {
                straight.parameters.get(i).value().copyTo(resumed.parameters.get(i).value());
            }
            ClosureOptimizer fresh = (ClosureOptimizer) Optimizers.create(name, hyper);
            fresh.importState(state, b);
            straight.steps(o, a, 3);
            resumed.steps(fresh, b, 3);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(straight.parameters.get(i).value().toFloatArray(), resumed.parameters.get(i).value().toFloatArray(), 0f, name);
            }
            assertEquals(o.evaluations(), fresh.evaluations(), name);
            try (NDManager it = a.newSubManager()) {
                straight.iteration = it;
                assertTrue(straight.evaluate() < 5, name + " went downhill from 28.3: " + straight.evaluate());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"newton", "bfgs", "lbfgs", "cg", "lm"})
    void theParametersManagerHoldsOnlyTheKeptStateAndStaysFlat(String name) {
        Map<String, String> hyper = name.equals("lbfgs") ? Map.of("history-size", "2") : Map.of();
        try (NDManager network = Engines.newManager()) {
            Problem p = new Problem(network);
            ClosureOptimizer o = (ClosureOptimizer) Optimizers.create(name, hyper);
            p.steps(o, network, 4);
            int afterFour = network.getManagedArrays().size();
            p.steps(o, network, 26);
            assertEquals(afterFour, network.getManagedArrays().size(), name);
            long kept = o.exportState().values().stream().filter(x -> x.getShape().dimension() > 0).count();
            assertEquals(Map.of("newton", 0L, "bfgs", 1L, "lbfgs", 2L * 2 + 2, "cg", 2L, "lm", 0L).get(name), kept, name);
        }
    }

    @Test
    void importRejectsStateOfAnotherOptimizer() {
        try (NDManager manager = Engines.newManager()) {
            Map<String, NDArray> state = new LinkedHashMap<>();
            state.put("h", manager.zeros(new Shape(2, 2)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Optimizers.create("lbfgs", Map.of()).importState(state, manager));
            assertEquals("lbfgs: state key 'h' is none of step, evaluations, hyper/learning-rate, s/<i>, y/<i>, d, g, t, iterations",
                    e.getMessage());
        }
    }

    @Test
    void theDenseMethodsRefuseMoreThanAThousandParametersSayingWhatToUse() {
        try (NDManager manager = Engines.newManager()) {
            Parameter big = new Parameter("w", manager.zeros(new Shape(25450)));
            for (String name : List.of("newton", "bfgs", "lm")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ((ClosureOptimizer) Optimizers.create(name, Map.of())).step(List.of(big), () -> 0));
                assertTrue(e.getMessage().startsWith(name + " keeps an n×n "), e.getMessage());
                assertTrue(e.getMessage().endsWith(": n = 25,450 parameters would take 647,702,500 floats (2.6 GB); it takes at most 1000 "
                        + "parameters — use lbfgs (history m·n) or cg (2n)"), e.getMessage());
            }
        }
    }

    @Test
    void lmWithoutResidualsSaysSo() {
        try (NDManager manager = Engines.newManager()) {
            Parameter w = new Parameter("w", manager.ones(new Shape(2)));
            ClosureOptimizer.Closure noSquares = () -> {
                w.setGrad(manager.ones(new Shape(2)));
                return 1;
            };
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ((ClosureOptimizer) Optimizers.create("lm", Map.of())).step(List.of(w), noSquares));
            assertEquals("lm needs the loss as a sum of squares Σ rᵢ², and this one is not given as one (a network's loss is not); "
                    + "use lbfgs or cg", e.getMessage());
        }
    }

    @Test
    void symmetricEigenvaluesByJacobi() {
        double r = Math.sqrt(2);
        assertArrayEquals(new double[] {2 - r, 2, 2 + r}, Dense.eigenvalues(new double[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}}), 1e-14);
        assertArrayEquals(new double[] {-2, 2}, Dense.eigenvalues(new double[][] {{2, 0}, {0, -2}}), 0);
        assertArrayEquals(new double[] {0, 4}, Dense.eigenvalues(new double[][] {{2, 2}, {2, 2}}), 1e-15);
        assertEquals(null, Dense.solvePositiveDefinite(new double[][] {{2, 2}, {2, 2}}, new double[] {1, 1}), "singular");
        assertArrayEquals(new double[] {1, -1}, Dense.solvePositiveDefinite(new double[][] {{4, 2}, {2, 3}}, new double[] {2, -1}), 1e-15);
    }
}
