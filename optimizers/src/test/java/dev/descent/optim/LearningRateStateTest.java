package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The learning rate and momentum as state a schedule sets: used by the next step, validated, carried by checkpoints. */
class LearningRateStateTest {
    private static final double[] START = {1.0, -2.0};
    private static final double[][] GRADS = {{0.5, -1.0}, {-0.3, 0.2}};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engines.newManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private void step(Optimizer o, Parameter p, double[] grad) {
        try (NDManager it = manager.newSubManager()) {
            p.setGrad(it.create(grad));
            o.step(List.of(p));
        }
    }

    @Test
    void minibatchStepsWithTheRateSetBeforeIt() {
        Optimizer o = Optimizers.create("minibatch", Map.of("learning-rate", "0.1"));
        Parameter p = new Parameter("w", manager.create(START.clone()));
        step(o, p, GRADS[0]);
        o.setLearningRate(0.05);
        step(o, p, GRADS[1]);
        // w = 1 − 0.1·0.5 − 0.05·(−0.3) = 0.965;  −2 + 0.1·1 − 0.05·0.2 = −1.91
        assertArrayEquals(new double[] {0.965, -1.91}, p.value().toDoubleArray(), 1e-12);
        assertEquals(0.05, o.learningRate());
        assertEquals("0.1", o.hyperparameters().get("learning-rate"), "the configured value is still reported");
    }

    @Test
    void adamStepsWithTheRateAndBeta1SetBeforeIt() {
        Optimizer o = Optimizers.create("adam", Map.of("learning-rate", "0.1"));
        Parameter p = new Parameter("w", manager.create(START.clone()));
        step(o, p, GRADS[0]);
        o.setLearningRate(0.02);
        o.setMomentum(0.8);
        step(o, p, GRADS[1]);
        double[] expected = new double[2];
        for (int j = 0; j < 2; j++) {
            double g1 = GRADS[0][j];
            double g2 = GRADS[1][j];
            double w = START[j] - 0.1 * g1 / (Math.abs(g1) + 1e-8); // t = 1: m̂ = g, v̂ = g²
            double m = 0.8 * (0.1 * g1) + 0.2 * g2; // β1 = 0.8 from step 2 on, in the bias correction too
            double v = 0.999 * (0.001 * g1 * g1) + 0.001 * g2 * g2;
            expected[j] = w - 0.02 * (m / (1 - 0.8 * 0.8)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        }
        assertArrayEquals(expected, p.value().toDoubleArray(), 1e-12);
        assertEquals(OptionalDouble.of(0.8), o.momentum());
        assertEquals("0.9", o.hyperparameters().get("beta1"));
    }

    @Test
    void momentumStepsWithTheMomentumSetBeforeIt() {
        Optimizer o = Optimizers.create("momentum", Map.of("learning-rate", "0.1", "momentum", "0.9"));
        Parameter p = new Parameter("w", manager.create(START.clone()));
        step(o, p, GRADS[0]);
        o.setMomentum(0.5);
        o.setLearningRate(0.2);
        step(o, p, GRADS[1]);
        // x: v = −0.05, then 0.5·(−0.05) − 0.2·(−0.3) = 0.035, w = 1 − 0.05 + 0.035
        // y: v = 0.1, then 0.5·0.1 − 0.2·0.2 = 0.01, w = −2 + 0.1 + 0.01
        assertArrayEquals(new double[] {0.985, -1.89}, p.value().toDoubleArray(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "nesterov", "adam", "adamw", "sgd", "rmsprop"})
    void rateAndMomentumSurviveExportAndImportIntoAFreshOptimizer(String name) {
        Optimizer o = Optimizers.create(name, Map.of());
        Parameter p = new Parameter("w", manager.create(START.clone()));
        step(o, p, GRADS[0]);
        o.setLearningRate(0.0123);
        if (o.momentum().isPresent()) {
            o.setMomentum(0.87);
        }
        Map<String, NDArray> state = o.exportState();
        NDArray rate = state.get("hyper/learning-rate");
        assertEquals(DataType.FLOAT64, rate.getDataType());
        assertEquals(new Shape(), rate.getShape());
        assertEquals(0.0123, rate.getDouble());

        Optimizer fresh = Optimizers.create(name, Map.of());
        fresh.importState(state, manager);
        assertEquals(0.0123, fresh.learningRate());
        assertEquals(o.momentum(), fresh.momentum());
        assertEquals(name.startsWith("adam") || name.equals("momentum") || name.equals("nesterov"), fresh.momentum().isPresent(), name);

        fresh.importState(Map.of(), manager);
        assertEquals(Optimizers.create(name, Map.of()).learningRate(), fresh.learningRate(), "an empty state resets to the configured rate");
    }

    @Test
    void aCheckpointWithoutHyperValuesResumesWithTheConfiguredOnes() {
        Optimizer o = Optimizers.create("nesterov", Map.of("learning-rate", "0.3", "momentum", "0.7"));
        o.setLearningRate(0.1);
        o.setMomentum(0.2);
        o.importState(Map.of("step", manager.create(5L), "w/v", manager.zeros(new Shape(2))), manager);
        assertEquals(0.3, o.learningRate());
        assertEquals(OptionalDouble.of(0.7), o.momentum());
    }

    @Test
    void invalidValuesNameTheOptimizerAndKey() {
        Optimizer sgd = Optimizers.create("sgd", Map.of());
        sgd.setLearningRate(0); // a cosine schedule ends at η_min = 0
        assertEquals(0, sgd.learningRate());
        assertEquals("sgd: learning-rate = -0.1 is outside [0, ∞)",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(-0.1)).getMessage());
        assertEquals("sgd: learning-rate = NaN is outside [0, ∞)",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN)).getMessage());
        assertEquals("sgd: learning-rate = Infinity is outside [0, ∞)",
                assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("sgd has neither momentum nor beta1 to set",
                assertThrows(UnsupportedOperationException.class, () -> sgd.setMomentum(0.9)).getMessage());
        assertEquals("adamw: beta1 = 1 is outside [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adamw", Map.of()).setMomentum(1)).getMessage());
        assertEquals("momentum: momentum = -0.5 is outside [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new Momentum().setMomentum(-0.5)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "minibatch"})
    void aRateAndMomentumChangedEveryStepLeaveNoArraysBehind(String name) {
        Engines.seed(3);
        Parameter p = new Parameter("w", manager.randomNormal(new Shape(4, 3)));
        Optimizer o = Optimizers.create(name, Map.of());
        int before = 0;
        for (int i = 0; i < 50; i++) {
            if (i == 1) {
                before = manager.getManagedArrays().size(); // the slots are made
            }
            o.setLearningRate(0.001 * (1 + Math.sin(i)));
            if (o.momentum().isPresent()) {
                o.setMomentum(0.85 + 0.001 * i);
            }
            try (NDManager it = manager.newSubManager()) {
                p.setGrad(it.randomNormal(new Shape(4, 3)));
                o.step(List.of(p));
            }
        }
        assertEquals(before, manager.getManagedArrays().size(), name);
    }
}
