package dev.descent.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Loss;
import dev.descent.core.Losses;
import dev.descent.core.ManagerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every built-in loss by name, forward and backward against values computed by hand (FLOAT64, to 1e-12). A user
 * loss by class name: {@code com.example.Huber} in the examples' tests (ExtensionExampleTest, CliTest).
 */
@ExtendWith(ManagerExtension.class)
class LossesTest {
    // Seed 002's vectors (DESIGN.md §6): t one-hot at class 2, y "good" and y "bad", as a batch of two rows.
    private static final double[] T = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    private static final double[] GOOD = {.1, .05, .6, 0, .05, .1, 0, .1, 0, 0};
    private static final double[] BAD = {.1, .05, .1, 0, .05, .1, 0, .6, 0, 0};

    private static NDArray rows(NDManager m, double[]... rows) {
        return m.create(rows);
    }

    @Test
    void theNamesAreTheFourBuiltInsFirst() {
        assertEquals(List.of("softmax-cross-entropy", "cross-entropy", "mse", "mse-mean"), Losses.names().subList(0, 4));
        assertInstanceOf(SoftmaxCrossEntropy.class, Losses.create(Losses.DEFAULT));
        assertInstanceOf(CrossEntropy.class, Losses.create("cross-entropy"));
        assertInstanceOf(MeanSquaredError.class, Losses.create(" mse "));
        assertInstanceOf(MseMean.class, Losses.create("mse-mean"));
        assertTrue(Losses.create("cross-entropy").takesDistributions() && Losses.create("softmax-cross-entropy").takesDistributions());
        assertFalse(Losses.create("mse").takesDistributions() || Losses.create("mse-mean").takesDistributions());
    }

    @Test
    void mseIsTheSeedsHalfSumPerSampleAveragedOverTheBatch(NDManager m) {
        // ½·Σ(y−t)²: good 0.0975, bad 0.5975 (seed 002); their batch mean 0.3475
        Loss mse = Losses.create("mse");
        assertEquals(0.3475, mse.forward(rows(m, GOOD, BAD), rows(m, T, T)).getDouble(), 1e-12);
        // dL/dy = (y − t)/N, N = 2: row 0 at class 2 is (0.6 − 1)/2 = −0.2, row 1 at class 7 is 0.6/2 = 0.3
        double[] g = mse.backward().toDoubleArray();
        assertEquals(-0.2, g[2], 1e-12);
        assertEquals(0.3, g[10 + 7], 1e-12);
        assertEquals(0.05, g[0], 1e-12);
    }

    @Test
    void mseMeanIsSeed003sSquaredNormAveragedOverTheBatch(NDManager m) {
        // Σ(y−t)² without the ½: good 0.195, bad 1.195; (1/N)·Σ‖t−y‖² over the pair = 0.695
        Loss mseMean = Losses.create("mse-mean");
        assertEquals(0.195, mseMean.forward(rows(m, GOOD), rows(m, T)).getDouble(), 1e-12);
        assertEquals(1.195, mseMean.forward(rows(m, BAD), rows(m, T)).getDouble(), 1e-12);
        assertEquals(0.695, mseMean.forward(rows(m, GOOD, BAD), rows(m, T, T)).getDouble(), 1e-12);
        // dJ/dy = 2(y − t)/N, N = 2: (0.6 − 1) = −0.4 at row 0 class 2, 0.6 at row 1 class 7
        double[] g = mseMean.backward().toDoubleArray();
        assertEquals(-0.4, g[2], 1e-12);
        assertEquals(0.6, g[10 + 7], 1e-12);
    }

    @Test
    void theTwoSquaredErrorsOnRealValuedTargets(NDManager m) {
        // y = (1, 2), t = (0, 4): squared errors 1 and 4
        NDArray y = rows(m, new double[] {1}, new double[] {2});
        NDArray t = rows(m, new double[] {0}, new double[] {4});
        Loss mse = Losses.create("mse");
        Loss mseMean = Losses.create("mse-mean");
        assertEquals((0.5 * 1 + 0.5 * 4) / 2, mse.forward(y, t).getDouble(), 1e-12);
        assertArrayEquals(new double[] {0.5, -1}, mse.backward().toDoubleArray(), 1e-12);
        assertEquals((1 + 4) / 2.0, mseMean.forward(y, t).getDouble(), 1e-12);
        assertArrayEquals(new double[] {1, -2}, mseMean.backward().toDoubleArray(), 1e-12);
    }

    @Test
    void crossEntropyOnProbabilitiesAndItsExactDerivative(NDManager m) {
        Loss ce = Losses.create("cross-entropy");
        // −log(0.6 + 1e-7) and −log(0.1 + 1e-7): 0.510825457099338, 2.302584092994546 (seed 002); batch mean
        assertEquals((0.510825457099338 + 2.302584092994546) / 2, ce.forward(rows(m, GOOD, BAD), rows(m, T, T)).getDouble(), 1e-12);
        // dL/dy = −t/(y + δ)/N: −1/(0.6 + 1e-7)/2 and −1/(0.1 + 1e-7)/2 at class 2, 0 elsewhere
        double[] g = ce.backward().toDoubleArray();
        assertEquals(-1 / (0.6 + 1e-7) / 2, g[2], 1e-12);
        assertEquals(-1 / (0.1 + 1e-7) / 2, g[10 + 2], 1e-12);
        assertEquals(0, g[10 + 7], 0);
    }

    @Test
    void aShapeMismatchNamesTheLossTheUserChose(NDManager m) {
        NDArray y = rows(m, GOOD);
        NDArray t = rows(m, new double[] {0, 1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.create("mse-mean").forward(y, t)).getMessage()
                .startsWith("mse-mean: labels have shape (1, 2) but the network output has shape (1, 10)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.create("mse").forward(y, t)).getMessage()
                .startsWith("mse: labels have shape (1, 2)"));
    }

    @Test
    void badNamesSayWhatIsValid() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Losses.create("hinge"));
        assertEquals("unknown loss 'hinge'; valid: softmax-cross-entropy, cross-entropy, mse, mse-mean, or a fully-qualified class name",
                unknown.getMessage());
        assertEquals("mse takes no arguments, got 2", assertThrows(IllegalArgumentException.class, () -> Losses.create("mse:2")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Losses.create("java.lang.String")).getMessage()
                .contains("implements neither dev.descent.core.Loss"));
    }
}
