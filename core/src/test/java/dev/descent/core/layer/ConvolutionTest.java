package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.grad.GradientCheck;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.MeanSquaredError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Convolution against naive loops, against PyTorch's autograd, and against central differences, in FLOAT64. */
@ExtendWith(ManagerExtension.class)
class ConvolutionTest {
    @ParameterizedTest(name = "{0}×{0} input, stride {1}, padding {2}")
    @CsvSource({"7, 1, 0", "7, 2, 0", "6, 1, 1", "6, 2, 1", "6, 2, 0", "7, 2, 1", "5, 3, 2"})
    void forwardEqualsNaiveLoops(int size, int stride, int pad, NDManager it) {
        Convolution conv = new Convolution(3, 3, stride, pad);
        ConvTesting.build(conv, it, new Shape(2, size, size), 1);
        conv.parameters().get(1).value().set(new double[] {0.1, -0.2, 0.3});
        NDArray x = ConvTesting.normal(it, new Shape(2, 2, size, size), 2);
        NDArray y = conv.forward(x, true);
        NDArray expected = it.create(naive(x.toDoubleArray(), conv.parameters().get(0).value().toDoubleArray(),
                new double[] {0.1, -0.2, 0.3}, 2, 2, size, 3, 3, stride, pad), y.getShape());
        assertTrue(ConvTesting.maxAbsDiff(expected, y) < 1e-12);
    }

    @ParameterizedTest(name = "{0}×{0} input, stride {1}, padding {2}")
    @CsvSource({"7, 1, 0", "7, 2, 0", "6, 1, 1", "6, 2, 1", "6, 2, 0", "7, 2, 1", "5, 3, 2", "8, 3, 1", "4, 1, 3"})
    void backwardMatchesAutograd(int size, int stride, int pad, NDManager it) {
        Convolution conv = new Convolution(3, 3, stride, pad);
        ConvTesting.build(conv, it, new Shape(2, size, size), 1);
        NDArray x = ConvTesting.normal(it, new Shape(2, 2, size, size), 2);
        NDArray bValue = ConvTesting.normal(it, new Shape(3), 3);
        bValue.copyTo(conv.parameters().get(1).value());
        NDArray y = conv.forward(x, true);
        NDArray weights = ConvTesting.normal(it, y.getShape(), 4);
        NDArray dx = conv.backward(weights);

        NDArray xa = x.duplicate();
        NDArray wa = conv.parameters().get(0).value().duplicate();
        NDArray ba = bValue.duplicate();
        for (NDArray a : List.of(xa, wa, ba)) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ya = xa.getNDArrayInternal().convolution(xa, wa, ba, new Shape(stride, stride), new Shape(pad, pad),
                    new Shape(1, 1), 1).singletonOrThrow();
            assertTrue(ConvTesting.maxAbsDiff(ya, y) < 1e-12);
            gc.backward(ya.mul(weights).sum());
        }
        assertTrue(ConvTesting.maxAbsDiff(xa.getGradient(), dx) < 1e-10, "dL/dx");
        assertTrue(ConvTesting.maxAbsDiff(wa.getGradient(), conv.parameters().get(0).grad()) < 1e-10, "dL/dW");
        assertTrue(ConvTesting.maxAbsDiff(ba.getGradient(), conv.parameters().get(1).grad()) < 1e-10, "dL/db");
    }

    @ParameterizedTest(name = "{0}×{0} input, stride {1}, padding {2}")
    @CsvSource({"7, 1, 0", "7, 2, 0", "6, 1, 1", "6, 2, 1"})
    void passesGradientCheckIncludingTheInput(int size, int stride, int pad, NDManager it) {
        try (Network net = Network.builder().input(2, size, size).spec("conv:3:3:" + stride + ":" + pad)
                .loss(new MeanSquaredError()).dataType(DataType.FLOAT64).seed(7).build()) {
            net.parameters().get(1).value().set(new double[] {0.1, -0.2, 0.3});
            NDArray x = ConvTesting.normal(it, new Shape(2, 2, size, size), 8);
            NDArray t = ConvTesting.normal(it, new Shape(2).addAll(net.outputShape()), 9);
            GradientCheck.Report report = GradientCheck.run(net, x, t, true, 1);
            assertTrue(report.passed(), report.table());
            System.out.printf("conv %d×%d s%d p%d: max rel err %.2e%n%s", size, size, stride, pad, report.maxRelativeError(), report.table());
        }
    }

    @Test
    void weightsAreHeInitializedWhateverTheNetworkDefault() {
        try (Network net = Network.builder().input(1, 28, 28).spec("conv:30:5").weightInit(WeightInit.std(0.01)).build()) {
            Parameter w = net.parameters().get(0);
            assertEquals(new Shape(30, 1, 5, 5), w.value().getShape());
            double[] v = w.value().toType(DataType.FLOAT64, false).toDoubleArray();
            double sq = 0;
            for (double d : v) {
                sq += d * d;
            }
            assertEquals(Math.sqrt(2.0 / 25), Math.sqrt(sq / v.length), 0.1 * Math.sqrt(2.0 / 25));
            assertEquals(new Shape(30, 24, 24), net.outputShape());
            assertEquals(0f, net.parameters().get(1).value().abs().sum().getFloat(), 0f);
        }
    }

    @Test
    void buildErrorsNameTheShapes() {
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(784).spec("conv:30:5").build());
        assertTrue(flat.getMessage().contains("convolution expects input (C,H,W), got (784)"), flat.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(1, 4, 4).spec("conv:2:7:1:1").build());
        assertTrue(big.getMessage().contains("kernel 7×7 is larger than the padded input 6×6"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Network.builder().input(1, 8, 8).spec("conv:2").build());
        assertThrows(IllegalArgumentException.class, () -> Network.builder().input(1, 8, 8).spec("conv:2:3:0").build());
    }

    /** y[n,f,oh,ow] = b[f] + Σ_{c,i,j} W[f,c,i,j]·xpad[n,c,oh·s+i,ow·s+j], square inputs and kernels. */
    private static double[] naive(double[] x, double[] w, double[] b, int n, int c, int size, int f, int k, int s, int p) {
        int o = (size + 2 * p - k) / s + 1;
        double[] y = new double[n * f * o * o];
        for (int in = 0; in < n; in++) {
            for (int jf = 0; jf < f; jf++) {
                for (int oh = 0; oh < o; oh++) {
                    for (int ow = 0; ow < o; ow++) {
                        double sum = b[jf];
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < k; i++) {
                                for (int j = 0; j < k; j++) {
                                    int h = oh * s + i - p;
                                    int v = ow * s + j - p;
                                    if (h >= 0 && h < size && v >= 0 && v < size) {
                                        sum += w[((jf * c + ic) * k + i) * k + j] * x[((in * c + ic) * size + h) * size + v];
                                    }
                                }
                            }
                        }
                        y[((in * f + jf) * o + oh) * o + ow] = sum;
                    }
                }
            }
        }
        return y;
    }
}
