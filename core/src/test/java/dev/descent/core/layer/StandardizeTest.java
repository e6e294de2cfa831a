package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layers;
import dev.descent.core.ManagerExtension;
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
    void aStdOfZeroIsRefused() {
        assertEquals("standardize: needs a finite mean and a std > 0, got 0.5, 0.0",
                assertThrows(IllegalArgumentException.class, () -> Layers.create("standardize:0.5:0")).getMessage());
    }
}
