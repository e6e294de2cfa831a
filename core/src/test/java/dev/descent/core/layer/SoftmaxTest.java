package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Layers;
import dev.descent.core.ManagerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The softmax layer against values computed by hand (FLOAT64). */
@ExtendWith(ManagerExtension.class)
class SoftmaxTest {

    @Test
    void forwardIsExpOverItsSumAndBackwardIsTheJacobianTimesDout(NDManager m) {
        Softmax softmax = (Softmax) Layers.create("softmax");
        // x = (1, 2, 3) and, shifted by 1000, (1001, 1002, 1003): the same probabilities, no overflow
        NDArray y = softmax.forward(m.create(new double[][] {{1, 2, 3}, {1001, 1002, 1003}}), true);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double[] p = {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z};
        assertArrayEquals(new double[] {p[0], p[1], p[2], p[0], p[1], p[2]}, y.toDoubleArray(), 1e-12);
        // dout = (1, 0, 0): dL/dx = y ⊙ (dout − dout·y) = (p0(1 − p0), −p0·p1, −p0·p2); dout = (0, 0, 2): 2·(−p2·p0, −p2·p1, p2(1 − p2))
        NDArray dx = softmax.backward(m.create(new double[][] {{1, 0, 0}, {0, 0, 2}}));
        assertArrayEquals(new double[] {p[0] * (1 - p[0]), -p[0] * p[1], -p[0] * p[2], -2 * p[2] * p[0], -2 * p[2] * p[1], 2 * p[2] * (1 - p[2])},
                dx.toDoubleArray(), 1e-12);
    }
}
