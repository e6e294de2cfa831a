package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ManagerExtension.class)
class FullBatchTest {

    private static List<double[]> gradients(Network net) {
        return net.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
    }

    private static void assertSameGradients(List<double[]> expected, Network net, double tolerance) {
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), net.parameters().get(i).grad().toDoubleArray(), tolerance, net.parameters().get(i).name());
        }
    }

    @Test
    void chunksOfUnequalSizeGiveTheGradientOfTheWholeBatch(NDManager manager) {
        NDArray x = TestNets.uniform(manager, 3, 10, 6);
        for (Loss loss : List.of(new SoftmaxCrossEntropy(), new MeanSquaredError())) {
            NDArray t = TestNets.oneHot(manager, 10, 3);
            try (Network net = TestNets.f64("affine:5, tanh, affine:3", loss, 6)) {
                double whole = FullBatch.gradient(net, x, t, 10); // one chunk: the plain gradient
                List<double[]> expected = gradients(net);
                double chunked = FullBatch.gradient(net, x, t, 3); // 3, 3, 3 and 1 rows, weighted 0.3, 0.3, 0.3, 0.1
                assertEquals(whole, chunked, 1e-12, loss.toString());
                assertSameGradients(expected, net, 1e-12);
                assertEquals(whole, FullBatch.gradient(net, x, t, 7), 1e-12, loss.toString());
                assertSameGradients(expected, net, 1e-12);
            }
        }
    }

    @Test
    void aBatchThatFitsOneChunkIsExactlyNetworkGradient(NDManager manager) {
        NDArray x = TestNets.uniform(manager, 4, 8, 6);
        NDArray t = TestNets.oneHot(manager, 8, 3);
        try (Network net = TestNets.f64("affine:5, relu, affine:3", new SoftmaxCrossEntropy(), 6)) {
            double plain = net.gradient(x, t);
            List<double[]> expected = gradients(net);
            assertEquals(plain, FullBatch.gradient(net, x, t, 8), 0.0);
            assertSameGradients(expected, net, 0.0);
        }
    }
}
