package dev.descent.core.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Loss;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.TestNets;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.CrossEntropy;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The batched central differences against the element-wise loop they replace, element by element. */
class BatchedCentralDifferencesTest {
    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = ';', value = {
        "affine:5, relu, affine:3; softmax-cross-entropy; 6",
        "affine:7, sigmoid, affine:4, tanh, affine:3; softmax-cross-entropy; 6",
        "affine:5, leakyrelu:0.1, affine:3, identity; mean-squared-error; 6",
        "affine:5, tanh, affine:3, sigmoid; cross-entropy; 6",
        "affine:5, dropout:0.4, affine:3; softmax-cross-entropy; 6",
        "conv:3:3:1:1, relu, maxpool:2, flatten, affine:4, relu, affine:3; softmax-cross-entropy; 2, 6, 6",
        "conv:2:3:1:0, avgpool:2, flatten, affine:3; mean-squared-error; 1, 6, 6",
    })
    void equalTheElementWiseLoop(String spec, String lossName, String input) {
        Loss loss = switch (lossName) {
            case "mean-squared-error" -> new MeanSquaredError();
            case "cross-entropy" -> new CrossEntropy();
            default -> new SoftmaxCrossEntropy();
        };
        long[] in = java.util.Arrays.stream(input.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        try (Network net = TestNets.f64(spec, loss, in); NDManager m = manager.newSubManager()) {
            int n = 4;
            NDArray x = TestNets.uniform(m, 11, new Shape(n).addAll(new Shape(in)).getShape()).muli(2);
            NDArray t = TestNets.oneHot(m, n, 3);
            if (loss instanceof CrossEntropy) { // probabilities-like targets are one-hot already; outputs are sigmoid
                t = t.mul(0.9).add(0.05);
            }
            int batchedParameters = 0;
            for (Parameter p : net.parameters()) {
                BatchedCentralDifferences batched = BatchedCentralDifferences.of(net, x, t, 5, p);
                if (batched == null) {
                    continue;
                }
                batchedParameters++;
                int[] all = IntStream.range(0, Math.toIntExact(p.value().size())).toArray();
                NDArray tt = t;
                double[][] expected = elementWiseLosses(p.value(), () -> NumericalGradient.loss(net, x, tt, 5), NumericalDiff.H);
                double[][] actual = batched.losses(all, NumericalDiff.H);
                double[] expectedGradient = NumericalGradient.ofArray(p.value(), () -> NumericalGradient.loss(net, x, tt, 5));
                double[] actualGradient = batched.gradient(all, NumericalDiff.H);
                double ulp = Math.ulp(expected[0][0]);
                double worstLoss = 0;
                double worstGradient = 0;
                for (int i = 0; i < all.length; i++) {
                    for (int sign = 0; sign < 2; sign++) {
                        worstLoss = Math.max(worstLoss, Math.abs(actual[sign][i] - expected[sign][i]) / Math.abs(expected[sign][i]));
                    }
                    worstGradient = Math.max(worstGradient, Math.abs(actualGradient[i] - expectedGradient[i]));
                }
                System.out.printf("%-70s %-12s losses within %.1e relative, gradients within %.1e = %.1f ulp(L)/2h%n",
                        spec, p.name(), worstLoss, worstGradient, worstGradient * 2 * NumericalDiff.H / ulp);
                // each nudged loss is the element-wise one to a few units in the last place ...
                assertTrue(worstLoss <= 1e-15, p.name() + ": losses differ by " + worstLoss + " relative");
                // ... so the differences differ by at most (2 · 2 ulp(L)) / 2h: the rounding floor of the element-wise loop itself
                assertTrue(worstGradient <= 4 * ulp / (2 * NumericalDiff.H), p.name() + ": gradients differ by " + worstGradient);
            }
            assertTrue(batchedParameters > 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "affine:5, batchnorm, relu, affine:3", // training-mode statistics would mix the copies
        "affine:5, dropout:0.4, affine:3", //      a mask per row would differ from the loop's
    })
    void leaveLayersBeforeABatchDependentOneToTheLoop(String spec) {
        try (Network net = TestNets.f64(spec, new SoftmaxCrossEntropy(), 6); NDManager m = manager.newSubManager()) {
            NDArray x = TestNets.uniform(m, 11, 4, 6);
            NDArray t = TestNets.oneHot(m, 4, 3);
            assertNull(BatchedCentralDifferences.of(net, x, t, 5, net.parameters().get(0)));
            assertNotNull(BatchedCentralDifferences.of(net, x, t, 5, net.parameters().get(net.parameters().size() - 1)));
        }
    }

    @Test
    void aLossOfItsOwnIsLeftToTheLoop() {
        Loss halfSquares = new Loss() { // not one of the built-in losses the batched path knows
            private final MeanSquaredError inner = new MeanSquaredError();

            @Override
            public NDArray forward(NDArray y, NDArray t) {
                return inner.forward(y, t);
            }

            @Override
            public NDArray backward() {
                return inner.backward();
            }
        };
        try (Network net = TestNets.f64("affine:3", halfSquares, 4); NDManager m = manager.newSubManager()) {
            assertNull(BatchedCentralDifferences.of(net, TestNets.uniform(m, 1, 2, 4), TestNets.oneHot(m, 2, 3), 5, net.parameters().get(0)));
        }
    }

    @Test
    void theWholeCheckReportsWhatTheLoopReports() {
        try (Network net = TestNets.f64("affine:6, relu, affine:5, tanh, affine:3", new SoftmaxCrossEntropy(), 8);
                NDManager m = manager.newSubManager()) {
            NDArray x = TestNets.uniform(m, 3, 5, 8);
            NDArray t = TestNets.oneHot(m, 5, 3);
            GradientCheck.Report batched = GradientCheck.run(net, x, t, true, 2, 0, GradientCheck.Method.BATCHED);
            GradientCheck.Report loop = GradientCheck.run(net, x, t, true, 2, 0, GradientCheck.Method.ELEMENTWISE);
            assertEquals(loop.results().size(), batched.results().size());
            for (int i = 0; i < loop.results().size(); i++) {
                GradientCheck.Result a = batched.results().get(i);
                GradientCheck.Result b = loop.results().get(i);
                assertEquals(b.name(), a.name());
                assertEquals(b.size(), a.size());
                assertEquals(b.failures(), a.failures());
                assertEquals(b.kinks(), a.kinks());
                assertEquals(b.maxAbsoluteError(), a.maxAbsoluteError(), 4e-12);
            }
            assertTrue(batched.passed(), batched.table());
        }
    }

    /** The loss with each element of {@code array} nudged by +h and by −h in place, as {@link NumericalGradient#ofArray} does. */
    private static double[][] elementWiseLosses(NDArray array, java.util.function.DoubleSupplier loss, double h) {
        double[] values = array.toDoubleArray();
        double[][] losses = new double[2][values.length];
        NDArray flat = array.reshape(-1); // a view of the same storage
        for (int i = 0; i < values.length; i++) {
            flat.set(new ai.djl.ndarray.index.NDIndex(i), values[i] + h);
            losses[0][i] = loss.getAsDouble();
            flat.set(new ai.djl.ndarray.index.NDIndex(i), values[i] - h);
            losses[1][i] = loss.getAsDouble();
            flat.set(new ai.djl.ndarray.index.NDIndex(i), values[i]);
        }
        return losses;
    }
}
