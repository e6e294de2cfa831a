package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three steps of every optimizer on w = (1, −2) with the gradients below, in FLOAT64, against the
 * update rules of DESIGN.md §3 worked out element by element in plain doubles (to 1e-12). Three
 * steps, so that state carried from step to step (and Adam's bias correction at t = 1, 2, 3) counts.
 */
@ExtendWith(ManagerExtension.class)
class HandComputedStepsTest {
    private static final double[] START = {1.0, -2.0};
    private static final double[][] GRADS = {{0.5, -1.0}, {-0.3, 0.2}, {0.1, 0.4}};

    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    /** The optimizer's three steps; returns w after each. */
    private double[][] run(Optimizer optimizer) {
        Parameter p = new Parameter("w", manager.create(START.clone()));
        double[][] after = new double[3][];
        for (int i = 0; i < 3; i++) {
            try (NDManager it = manager.newSubManager()) {
                p.setGrad(it.create(GRADS[i]));
                optimizer.step(List.of(p));
            }
            after[i] = p.value().toDoubleArray();
        }
        return after;
    }

    private static void assertSteps(double[][] expected, double[][] actual) {
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12, "after step " + (i + 1));
        }
    }

    @Test
    void gradientDescentInAllThreeSamplings() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                w[j] -= 0.1 * GRADS[i][j];
            }
            expected[i] = w.clone();
        }
        assertArrayEquals(new double[] {0.95, -1.9}, expected[0], 1e-15); // the rule itself, by hand
        for (String name : List.of("gd", "sgd", "minibatch")) {
            assertSteps(expected, run(Optimizers.create(name, Map.of("learning-rate", "0.1"))));
        }
    }

    @Test
    void momentum() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        double[] v = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                v[j] = 0.9 * v[j] - 0.1 * GRADS[i][j];
                w[j] += v[j];
            }
            expected[i] = w.clone();
        }
        // step 2 by hand, x: v = 0.9·(−0.05) − 0.1·(−0.3) = −0.015, w = 0.95 − 0.015
        assertEquals(0.935, expected[1][0], 1e-15);
        assertSteps(expected, run(Optimizers.create("momentum", Map.of("learning-rate", "0.1", "momentum", "0.9"))));
    }

    @Test
    void nesterov() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        double[] v = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                v[j] = 0.9 * v[j] - 0.1 * GRADS[i][j];
                w[j] += 0.9 * v[j] - 0.1 * GRADS[i][j];
            }
            expected[i] = w.clone();
        }
        // step 1, x: v = −0.05, w = 1 − 0.045 − 0.05
        assertEquals(0.905, expected[0][0], 1e-15);
        assertSteps(expected, run(Optimizers.create("nesterov", Map.of("learning-rate", "0.1", "momentum", "0.9"))));
    }

    @Test
    void adaGrad() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        double[] h = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                h[j] += GRADS[i][j] * GRADS[i][j];
                w[j] -= 0.1 * GRADS[i][j] / (Math.sqrt(h[j]) + 1e-7);
            }
            expected[i] = w.clone();
        }
        assertSteps(expected, run(Optimizers.create("adagrad", Map.of("learning-rate", "0.1"))));
    }

    @Test
    void rmsProp() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        double[] h = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                h[j] = 0.9 * h[j] + 0.1 * GRADS[i][j] * GRADS[i][j];
                w[j] -= 0.1 * GRADS[i][j] / (Math.sqrt(h[j]) + 1e-7);
            }
            expected[i] = w.clone();
        }
        assertSteps(expected, run(Optimizers.create("rmsprop", Map.of("learning-rate", "0.1", "decay-rate", "0.9"))));
    }

    /** Adam with weight decay λ: coupled (g + λw) for adam, decoupled (w·(1 − ηλ)) for adamw. */
    private static double[][] adamByHand(double lambda, boolean decoupled) {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int j = 0; j < 2; j++) {
                double g = GRADS[t - 1][j] + (decoupled ? 0 : lambda * w[j]);
                if (decoupled) {
                    w[j] *= 1 - 0.1 * lambda;
                }
                m[j] = 0.9 * m[j] + 0.1 * g;
                v[j] = 0.999 * v[j] + 0.001 * g * g;
                double mHat = m[j] / (1 - Math.pow(0.9, t));
                double vHat = v[j] / (1 - Math.pow(0.999, t));
                w[j] -= 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            expected[t - 1] = w.clone();
        }
        return expected;
    }

    @Test
    void adamWithBiasCorrection() {
        double[][] expected = adamByHand(0, false);
        // t = 1: m̂ = g and v̂ = g², so the first step is η·g/(|g| + ε), about η against the sign of g
        assertArrayEquals(new double[] {1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 * 1 / (1 + 1e-8)}, expected[0], 1e-15);
        assertSteps(expected, run(Optimizers.create("adam", Map.of("learning-rate", "0.1"))));
    }

    @Test
    void adamWithL2WeightDecay() {
        assertSteps(adamByHand(0.1, false), run(Optimizers.create("adam", Map.of("learning-rate", "0.1", "weight-decay", "0.1"))));
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        assertSteps(adamByHand(0.1, true), run(Optimizers.create("adamw", Map.of("learning-rate", "0.1", "weight-decay", "0.1"))));
    }

    @Test
    void l2WeightDecayIsAddedToTheGradient() {
        double[][] expected = new double[3][2];
        double[] w = START.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                w[j] -= 0.1 * (GRADS[i][j] + 0.5 * w[j]);
            }
            expected[i] = w.clone();
        }
        assertSteps(expected, run(Optimizers.create("sgd", Map.of("learning-rate", "0.1", "weight-decay", "0.5"))));
    }

    @Test
    void clippingScalesAllGradientsByTheirGlobalNorm() {
        // gradients (3) and (4) of two parameters: global norm 5, clipped to 1 → (0.6) and (0.8)
        Parameter a = new Parameter("a", manager.create(new double[] {0}));
        Parameter b = new Parameter("b", manager.create(new double[] {0}));
        Optimizer sgd = Optimizers.create("minibatch", Map.of("learning-rate", "1", "clip-norm", "1"));
        try (NDManager it = manager.newSubManager()) {
            a.setGrad(it.create(new double[] {3}));
            b.setGrad(it.create(new double[] {4}));
            sgd.step(List.of(a, b));
            assertArrayEquals(new double[] {3}, a.grad().toDoubleArray(), 0, "the caller's gradient is left as it was");
        }
        assertEquals(-0.6, a.value().getDouble(0), 1e-15);
        assertEquals(-0.8, b.value().getDouble(0), 1e-15);
        // a norm below the limit is left alone
        try (NDManager it = manager.newSubManager()) {
            a.setGrad(it.create(new double[] {0.3}));
            b.setGrad(it.create(new double[] {0.4}));
            sgd.step(List.of(a, b));
        }
        assertEquals(-0.9, a.value().getDouble(0), 1e-15);
        assertEquals(-1.2, b.value().getDouble(0), 1e-15);
    }
}
