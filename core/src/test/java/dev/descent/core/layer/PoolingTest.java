package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Layer;
import dev.descent.core.Network;
import dev.descent.core.grad.GradientCheck;
import dev.descent.core.loss.MeanSquaredError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Max and average pooling against naive loops, PyTorch's autograd and central differences, in FLOAT64. */
@ExtendWith(ManagerExtension.class)
class PoolingTest {
    @ParameterizedTest(name = "{0} {1}×{1} input, size {2}, stride {3}")
    @CsvSource({"max, 6, 2, 2", "max, 7, 2, 2", "max, 7, 3, 2", "max, 6, 2, 1", "max, 7, 3, 3",
            "avg, 6, 2, 2", "avg, 7, 2, 2", "avg, 7, 3, 2", "avg, 6, 2, 1", "avg, 7, 3, 3"})
    void matchesNaiveLoopsAndAutograd(String kind, int size, int pool, int stride, NDManager it) {
        boolean max = kind.equals("max");
        Layer layer = max ? new MaxPooling(pool, stride) : new AveragePooling(pool, stride);
        Shape out = ConvTesting.build(layer, it, new Shape(2, size, size), 1);
        NDArray x = ConvTesting.distinct(it, new Shape(2, 2, size, size), 2);
        NDArray y = layer.forward(x, true);
        assertEquals(new Shape(2).addAll(out), y.getShape());
        NDArray expected = it.create(naive(x.toDoubleArray(), 4, size, pool, stride, max), y.getShape());
        assertTrue(ConvTesting.maxAbsDiff(expected, y) < 1e-12);

        NDArray weights = ConvTesting.normal(it, y.getShape(), 3);
        NDArray dx = layer.backward(weights);
        NDArray xa = x.duplicate();
        xa.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Shape k = new Shape(pool, pool);
            Shape s = new Shape(stride, stride);
            NDArray ya = max ? Pool.maxPool2d(xa, k, s, new Shape(0, 0), false) : Pool.avgPool2d(xa, k, s, new Shape(0, 0), false, true);
            assertTrue(ConvTesting.maxAbsDiff(ya, y) < 1e-12);
            gc.backward(ya.mul(weights).sum());
        }
        assertTrue(ConvTesting.maxAbsDiff(xa.getGradient(), dx) < 1e-10, "dL/dx");
    }

    @ParameterizedTest(name = "{0}pool:{1}:{2} on 7×7")
    @CsvSource({"max, 2, 2", "max, 3, 2", "avg, 2, 2", "avg, 3, 2"})
    void passesGradientCheck(String kind, int pool, int stride, NDManager it) {
        try (Network net = Network.builder().input(2, 7, 7).spec(kind + "pool:" + pool + ":" + stride)
                .loss(new MeanSquaredError()).dataType(DataType.FLOAT64).build()) {
            NDArray x = ConvTesting.distinct(it, new Shape(2, 2, 7, 7), 4);
            NDArray t = ConvTesting.normal(it, new Shape(2).addAll(net.outputShape()), 5);
            GradientCheck.Report report = GradientCheck.run(net, x, t, true, 1);
            assertTrue(report.passed(), report.table());
            System.out.printf("%spool:%d:%d: max rel err %.2e%n", kind, pool, stride, report.maxRelativeError());
        }
    }

    @Test
    void maxPoolRoutesATieToTheFirstMaximumOnly(NDManager it) {
        MaxPooling pool = new MaxPooling(2, 2);
        pool.forward(it.create(new double[] {0, 0, 0, 0}, new Shape(1, 1, 2, 2)), true);
        double[] dx = pool.backward(it.create(new double[] {1}, new Shape(1, 1, 1, 1))).toDoubleArray();
        assertArrayEquals(new double[] {1, 0, 0, 0}, dx);
    }

    @Test
    void specDefaultsAndShapeErrors() {
        assertEquals("maxpool:2:2", dev.descent.core.Layers.create("maxpool:2").toString());
        assertEquals("avgpool:3:1", dev.descent.core.Layers.create("avgpool:3:1").toString());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(784).spec("maxpool:2").build());
        assertTrue(flat.getMessage().contains("maxpool expects input (C,H,W), got (784)"), flat.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(3, 4, 4).spec("avgpool:5").build());
        assertTrue(big.getMessage().contains("avgpool window 5×5 is larger than the input 4×4"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dev.descent.core.Layers.create("maxpool"));
        assertThrows(IllegalArgumentException.class, () -> dev.descent.core.Layers.create("maxpool:2:2:2"));
    }

    /** Per channel plane (nc planes of size×size): max or mean over each window. */
    private static double[] naive(double[] x, int nc, int size, int k, int s, boolean max) {
        int o = (size - k) / s + 1;
        double[] y = new double[nc * o * o];
        for (int p = 0; p < nc; p++) {
            for (int oh = 0; oh < o; oh++) {
                for (int ow = 0; ow < o; ow++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double v = x[(p * size + oh * s + i) * size + ow * s + j];
                            acc = max ? Math.max(acc, v) : acc + v / (k * k);
                        }
                    }
                    y[(p * o + oh) * o + ow] = acc;
                }
            }
        }
        return y;
    }
}
