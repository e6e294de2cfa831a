package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layers;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.TestNets;
import dev.descent.core.grad.NumericalGradient;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The step activation by hand, and what it does to the gradients of the layers before it (seed 002). */
@ExtendWith(ManagerExtension.class)
class StepTest {

    @Test
    void forwardIsOneWherePositiveAndBackwardIsZero(NDManager m) {
        Step step = new Step();
        NDArray x = m.create(new double[] {-2, -1e-12, 0, 1e-12, 3, 0.5}, new Shape(2, 3));
        NDArray y = step.forward(x, true);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1}, y.toDoubleArray(), 0);
        assertEquals(x.getDataType(), y.getDataType());
        NDArray dx = step.backward(m.create(new double[] {1, -2, 3, 4, 5, 6}, new Shape(2, 3)));
        assertEquals(new Shape(2, 3), dx.getShape());
        assertArrayEquals(new double[6], dx.toDoubleArray(), 0);
        assertEquals("step", Layers.create("step").toString());
        assertEquals("step", Layers.create("step").name());
    }

    @Test
    void theLayersBeforeAStepGetNoGradientAndTheLossIsFlatInThem(NDManager m) {
        try (Network net = TestNets.f64("affine:5, step, affine:3", new SoftmaxCrossEntropy(), 4)) {
            NDArray x = TestNets.uniform(m, 3, 6, 4);
            NDArray t = TestNets.oneHot(m, 6, 3);
            net.gradient(x, t);
            Parameter first = net.parameters().get(0);
            Parameter last = net.parameters().get(2);
            assertArrayEquals(new double[20], first.grad().toDoubleArray(), 0, "backprop through a step: 0");
            assertTrue(Arrays.stream(last.grad().toDoubleArray()).anyMatch(g -> g != 0), "the layer after it learns");
            // Central differences agree: nudging a first-layer weight by ±1e-4 flips no unit, so the loss does not move at all.
            double[] numerical = NumericalGradient.ofArray(first.value(), () -> NumericalGradient.loss(net, x, t, 0));
            assertArrayEquals(new double[20], numerical, 0);
        }
    }
}
