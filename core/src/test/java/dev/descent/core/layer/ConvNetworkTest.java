package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Layers;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.grad.GradientCheck;
import dev.descent.core.init.WeightInit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Convolution and pooling inside whole networks: gradient check, flat memory, a quick training sanity. */
@ExtendWith(ManagerExtension.class)
class ConvNetworkTest {
    @Test
    void smallCnnPassesGradientCheck(NDManager it) {
        try (Network net = Network.builder().input(2, 6, 6).spec("conv:3:3:1:1, relu, maxpool:2, flatten, affine:3")
                .weightInit(WeightInit.HE).dataType(DataType.FLOAT64).seed(3).build()) {
            NDArray x = ConvTesting.normal(it, new Shape(2, 2, 6, 6), 6);
            NDArray t = it.create(new double[][] {{0, 1, 0}, {0, 0, 1}});
            GradientCheck.Report report = GradientCheck.run(net, x, t, true, 1);
            assertTrue(report.passed(), report.table());
            System.out.printf("small CNN: max rel err %.2e%n%s", report.maxRelativeError(), report.table());
        }
    }

    @Test
    void liveArraysStayFlatOverIterations() {
        try (Network net = simpleConvNet(1)) {
            int before = net.manager().getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                try (NDManager it = net.manager().newSubManager()) {
                    NDArray x = it.randomNormal(new Shape(4, 1, 28, 28));
                    NDArray t = it.eye(10).get("0:4");
                    net.lossArray(x, t);
                    net.backward();
                    for (Parameter p : net.parameters()) {
                        p.value().subi(p.grad().mul(0.01));
                    }
                    net.predict(x);
                }
            }
            assertEquals(before, net.manager().getManagedArrays().size());
        }
    }

    @Test
    void simpleConvNetLossFallsOnSyntheticDigits() {
        // 300 samples of 10 classes: a fixed random 28×28 template per class plus noise.
        SplittableRandom random = new SplittableRandom(11);
        double[][] templates = new double[10][784];
        for (double[] tpl : templates) {
            for (int i = 0; i < tpl.length; i++) {
                tpl[i] = random.nextDouble() < 0.2 ? 1 : 0;
            }
        }
        int n = 300;
        float[] xs = new float[n * 784];
        float[] ts = new float[n * 10];
        for (int s = 0; s < n; s++) {
            int label = s % 10;
            ts[s * 10 + label] = 1;
            for (int i = 0; i < 784; i++) {
                xs[s * 784 + i] = (float) (templates[label][i] + 0.3 * random.nextGaussian());
            }
        }
        try (Network net = simpleConvNet(5); NDManager data = net.manager().newSubManager()) {
            NDArray x = data.create(xs, new Shape(n, 1, 28, 28));
            NDArray t = data.create(ts, new Shape(n, 10));
            double first = 0;
            double last = 0;
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int from = 0; from < n; from += 50) {
                    try (NDManager it = data.newSubManager()) {
                        String rows = from + ":" + (from + 50);
                        // lossArray + backward rather than gradient(): Network.loss calls getDouble on a FLOAT32 scalar
                        float loss = net.lossArray(x.get(it, new NDIndex(rows)), t.get(it, new NDIndex(rows))).getFloat();
                        net.backward();
                        for (Parameter p : net.parameters()) {
                            p.value().subi(p.grad().mul(0.1));
                        }
                        first = epoch == 0 && from == 0 ? loss : first;
                        last = loss;
                    }
                }
            }
            System.out.printf("SimpleConvNet on synthetic digits: loss %.3f -> %.3f in 18 steps%n", first, last);
            assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
        }
    }

    @Test
    void everyConvolutionalSpecNameResolves() {
        for (String name : new String[] {"conv", "maxpool", "avgpool"}) {
            assertTrue(Layers.registry().contains(name), name);
        }
        assertEquals("conv:30:5:1:0", Layers.create("conv:30:5").toString());
        assertEquals("conv:16:3:2:1", Layers.create(" conv : 16 : 3 : 2 : 1 ").toString());
    }

    /** "Deep Learning from Scratch"'s SimpleConvNet, FLOAT32. */
    private static Network simpleConvNet(long seed) {
        return Network.builder().input(1, 28, 28).spec("conv:30:5, relu, maxpool:2, affine:100, relu, affine:10")
                .weightInit(WeightInit.HE).seed(seed).build();
    }
}
