package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** (x − μ)/σ and dout/σ by hand; the spec's MNIST defaults; bad statistics. */
@ExtendWith(ManagerExtension.class)
class StandardizeTest {

    @Test
    void forwardAndBackwardByHand(NDManager m) {
        Standardize layer = (Standardize) Layers.create("standardize:0.5:0.25");
        double[] y = layer.forward(m.create(new double[] {0, 0.5, 1, 0.75}, new Shape(2, 2)), true).toDoubleArray();
        assertArrayEquals(new double[] {-2, 0, 2, 1}, y, 0);
        assertArrayEquals(new double[] {4, -8, 0, 2}, layer.backward(m.create(new double[] {1, -2, 0, 0.5}, new Shape(2, 2))).toDoubleArray(), 0);
        assertEquals("standardize:0.5:0.25", layer.toString());
        assertEquals("standardize:0.1307:0.3081", Layers.create("standardize").toString(), "MNIST's pixel mean and std by default");
        assertEquals(0, layer.parameters().size());
    }

    @Test
    void theWeightsBehindItGetTheNumericalGradientWithoutAnInputGradient(NDManager m) {
        // Network.gradient skips dL/dx from the first layer with parameters down: here the affine after standardize
        try (Network net = TestNets.f64("standardize:0.5:0.25, affine:4, tanh, affine:3", new SoftmaxCrossEntropy(), 5)) {
            NDArray x = TestNets.uniform(m, 7, 6, 5);
            NDArray t = TestNets.oneHot(m, 6, 3);
            net.gradient(x, t);
            for (Parameter p : net.parameters()) {
                double[] numerical = NumericalGradient.ofArray(p.value(), () -> NumericalGradient.loss(net, x, t, 0));
                assertArrayEquals(numerical, p.grad().toDoubleArray(), 1e-6, p.name()); // central differences: ~1e-8 here
            }
        }
    }

    @Test
    void aStdOfZeroIsRefused() {
        assertEquals("standardize: needs a finite mean and a std > 0, got 0.5, 0.0",
                assertThrows(IllegalArgumentException.class, () -> Layers.create("standardize:0.5:0")).getMessage());
    }
}
