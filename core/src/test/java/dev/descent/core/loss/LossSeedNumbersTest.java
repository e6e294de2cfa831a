package dev.descent.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.ManagerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed texts' loss values (DESIGN.md §6), in FLOAT64, to 1e-12. */
@ExtendWith(ManagerExtension.class)
class LossSeedNumbersTest {
    private static NDArray t;
    private static NDArray yGood;
    private static NDArray yBad;

    @BeforeAll
    static void setUp(NDManager manager) {
        t = manager.create(new double[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
        yGood = manager.create(new double[] {.1, .05, .6, 0, .05, .1, 0, .1, 0, 0});
        yBad = manager.create(new double[] {.1, .05, .1, 0, .05, .1, 0, .6, 0, 0});
    }

    @Test
    void meanSquaredErrorMatchesTheSeed() {
        assertEquals(0.0975, new MeanSquaredError().forward(yGood, t).getDouble(), 1e-12);
        assertEquals(0.5975, new MeanSquaredError().forward(yBad, t).getDouble(), 1e-12);
    }

    @Test
    void crossEntropyMatchesTheSeed() {
        assertEquals(0.510825457099338, new CrossEntropy().forward(yGood, t).getDouble(), 1e-12);
        assertEquals(2.302584092994546, new CrossEntropy().forward(yBad, t).getDouble(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyIsMinusLogSoftmaxOfTheTargetClass(NDManager manager) {
        // scores (1, 2, 3), target class 2: L = −log(e³/(e¹+e²+e³)) = log(1 + e⁻¹ + e⁻²)
        NDArray x = manager.create(new double[][] {{1, 2, 3}});
        NDArray target = manager.create(new double[][] {{0, 0, 1}});
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        assertEquals(Math.log(1 + Math.exp(-1) + Math.exp(-2)), loss.forward(x, target).getDouble(), 1e-12);
        double[] grad = loss.backward().toDoubleArray();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / z, grad[0], 1e-12);
        assertEquals(Math.exp(3) / z - 1, grad[2], 1e-12);
    }
}
