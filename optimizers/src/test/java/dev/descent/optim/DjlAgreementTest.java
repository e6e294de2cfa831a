package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 20 steps of ours and of DJL's own {@code ai.djl.training.optimizer} on the same FLOAT32 weights and
 * gradients agree to 1e-6. Where the formulas differ, DJL is configured to match, or the difference
 * is stated:
 * <ul>
 * <li>DJL's {@code rescaleGrad} is left at 1 and its {@code clipGrad} off (it clamps each element from
 *     above only, not by global norm).
 * <li>DJL's momentum keeps b ← μ·b + η·g, w ← w − b; ours v = −b, the same walk for a fixed η.
 * <li>DJL's Adam folds the bias correction into the rate, η·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v + ε), that is ε
 *     divided by √(1−β2ᵗ) in the PyTorch form; with ε = 0 the two are the same formula, and with the
 *     default ε = 1e-8 and gradients of order 1 the difference stays far below 1e-6.
 * <li>DJL's AdamW decays w ← w − η·λ·w before the Adam step, like ours (PyTorch's convention).
 * <li>NAG, AdaGrad and RMSProp: DJL's PyTorch engine does not implement them (its {@code nagUpdate},
 *     {@code adagradUpdate}, {@code rmspropUpdate} throw), so they are checked against the hand-computed
 *     steps only; the test below fails if a DJL upgrade adds them, as a reminder to compare here too.
 * </ul>
 */
@ExtendWith(ManagerExtension.class)
class DjlAgreementTest {
    private static final int STEPS = 20;
    private NDManager manager;

    @BeforeEach
    void open(NDManager manager) {
        this.manager = manager;
    }

    private static float[] random(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    /** Runs both optimizers from the same weights on the same gradients (two parameters) and compares. */
    private void assertAgree(Optimizer ours, ai.djl.training.optimizer.Optimizer djl) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] start = {random(random, 12), random(random, 5)};
        long[][] shapes = {{3, 4}, {5}};
        Parameter[] mine = new Parameter[2];
        NDArray[] theirs = new NDArray[2];
        for (int k = 0; k < 2; k++) {
            mine[k] = new Parameter("p" + k, manager.create(start[k], new ai.djl.ndarray.types.Shape(shapes[k])));
            theirs[k] = manager.create(start[k], new ai.djl.ndarray.types.Shape(shapes[k]));
        }
        for (int step = 0; step < STEPS; step++) {
            try (NDManager it = manager.newSubManager()) {
                for (int k = 0; k < 2; k++) {
                    NDArray g = it.create(random(random, start[k].length), new ai.djl.ndarray.types.Shape(shapes[k]));
                    mine[k].setGrad(g);
                    djl.update("p" + k, theirs[k], g);
                }
                ours.step(List.of(mine));
            }
        }
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(theirs[k].toFloatArray(), mine[k].value().toFloatArray(), 1e-6f, ours + " vs DJL, p" + k);
        }
    }

    @Test
    void minibatchIsDjlSgd() {
        assertAgree(Optimizers.create("minibatch", Map.of("learning-rate", "0.1", "weight-decay", "0.01")),
                ai.djl.training.optimizer.Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optWeightDecays(0.01f).build());
    }

    @Test
    void momentumIsDjlSgdWithMomentum() {
        assertAgree(Optimizers.create("momentum", Map.of("learning-rate", "0.05", "momentum", "0.9")),
                ai.djl.training.optimizer.Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).build());
    }

    @Test
    void adamWithoutEpsilonIsDjlAdam() {
        assertAgree(Optimizers.create("adam", Map.of("learning-rate", "0.01", "epsilon", "0", "weight-decay", "0.01")),
                ai.djl.training.optimizer.Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).optEpsilon(0)
                        .optWeightDecays(0.01f).build());
    }

    @Test
    void adamWithDefaultEpsilonStaysWithinToleranceOfDjlAdam() {
        assertAgree(Optimizers.create("adam", Map.of("learning-rate", "0.01")),
                ai.djl.training.optimizer.Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
    }

    @Test
    void adamWIsDjlAdamW() {
        assertAgree(Optimizers.create("adamw", Map.of("learning-rate", "0.01", "weight-decay", "0.1")),
                ai.djl.training.optimizer.Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0.1f).build());
    }

    @Test
    void djlsPyTorchEngineHasNoNagAdaGradOrRmsProp() {
        NDArray w = manager.ones(new ai.djl.ndarray.types.Shape(2));
        NDArray g = manager.ones(new ai.djl.ndarray.types.Shape(2));
        List<ai.djl.training.optimizer.Optimizer> missing = List.of(
                ai.djl.training.optimizer.Optimizer.nag().setLearningRateTracker(Tracker.fixed(0.1f)).setMomentum(0.9f).build(),
                ai.djl.training.optimizer.Optimizer.adagrad().build(),
                ai.djl.training.optimizer.Optimizer.rmsprop().build());
        for (ai.djl.training.optimizer.Optimizer djl : missing) {
            assertThrows(UnsupportedOperationException.class, () -> djl.update("w", w, g), djl.getClass().getSimpleName());
        }
    }
}
