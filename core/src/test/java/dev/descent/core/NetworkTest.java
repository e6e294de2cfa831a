package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ext.Square;
import dev.descent.core.grad.GradientCheck;
import dev.descent.core.init.WeightInit;
import dev.descent.core.layer.Affine;
import dev.descent.core.layer.AveragePooling;
import dev.descent.core.layer.BatchNorm;
import dev.descent.core.layer.Convolution;
import dev.descent.core.layer.Dropout;
import dev.descent.core.layer.Flatten;
import dev.descent.core.layer.Identity;
import dev.descent.core.layer.LeakyReLU;
import dev.descent.core.layer.MaxPooling;
import dev.descent.core.layer.ReLU;
import dev.descent.core.layer.Sigmoid;
import dev.descent.core.layer.Softmax;
import dev.descent.core.layer.Step;
import dev.descent.core.layer.Tanh;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ManagerExtension.class)
class NetworkTest {
    private static final NDIndex ALL = new NDIndex("...");

    /** Plain gradient descent, enough for core's own tests (the optimizers module has the real ones). */
    private static void step(Network net, double lr) {
        for (Parameter p : net.parameters()) {
            p.value().subi(p.grad().mul(lr));
        }
    }

    /** One training iteration with every array in a sub-manager closed at its end; returns the loss. */
    private static double iterate(Network net, NDArray x, NDArray t, double lr) {
        try (NDManager it = net.manager().newSubManager()) {
            double loss = net.gradient(x.get(it, ALL), t.get(it, ALL));
            step(net, lr);
            return loss;
        }
    }

    @Test
    void twoLayerRegressionNetFitsASmoothFunction(NDManager manager) {
        // The seed-003 regression net: ReLU hidden layer, identity output, MSE. y = sin(3x₀) + x₁².
        SplittableRandom r = new SplittableRandom(1);
        int n = 64;
        double[] xs = new double[n * 2];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = r.nextDouble(-1, 1);
            xs[2 * i + 1] = r.nextDouble(-1, 1);
            ys[i] = Math.sin(3 * xs[2 * i]) + xs[2 * i + 1] * xs[2 * i + 1];
        }
        NDArray x = manager.create(xs, new Shape(n, 2)).toType(DataType.FLOAT32, false);
        NDArray t = manager.create(ys, new Shape(n, 1)).toType(DataType.FLOAT32, false);
        try (Network net = Network.builder().input(2).spec("affine:32, relu, affine:1, identity")
                .loss(new MeanSquaredError()).weightInit(WeightInit.HE).seed(3).build()) {
            double first = iterate(net, x, t, 0.1);
            double last = first;
            for (int i = 0; i < 3000; i++) {
                last = iterate(net, x, t, 0.1);
            }
            assertTrue(last < first / 100, "loss fell from " + first + " to " + last + ", less than 100x");
        }
    }

    @Test
    void twoLayerClassifierSeparatesASeparableSet(NDManager manager) {
        // Three well-separated Gaussian blobs in 2-D.
        SplittableRandom r = new SplittableRandom(2);
        int n = 90;
        double[] xs = new double[n * 2];
        double[][] centers = {{2, 0}, {-1, 1.7}, {-1, -1.7}};
        for (int i = 0; i < n; i++) {
            xs[2 * i] = centers[i % 3][0] + r.nextGaussian() * 0.3;
            xs[2 * i + 1] = centers[i % 3][1] + r.nextGaussian() * 0.3;
        }
        NDArray x = manager.create(xs, new Shape(n, 2)).toType(DataType.FLOAT32, false);
        double[] onehot = new double[n * 3];
        for (int i = 0; i < n; i++) {
            onehot[i * 3 + i % 3] = 1;
        }
        NDArray t = manager.create(onehot, new Shape(n, 3)).toType(DataType.FLOAT32, false);
        try (Network net = Network.builder().input(2).spec("affine:10, relu, affine:3").weightInit(WeightInit.HE).build()) {
            for (int i = 0; i < 300; i++) {
                iterate(net, x, t, 0.1);
            }
            assertEquals(1.0, Evaluation.accuracy(net, x, t));
        }
    }

    @Test
    void liveArraysStayFlatAcrossIterations(NDManager manager) {
        NDArray x = TestNets.uniform(manager, 5, 16, 6).toType(DataType.FLOAT32, false);
        NDArray t = TestNets.oneHot(manager, 16, 3);
        try (Network net = Network.builder().input(6).spec("affine:8, batchnorm, relu, dropout:0.3, affine:8, sigmoid, affine:3")
                .build()) {
            iterate(net, x, t, 0.1);
            int afterOne = net.manager().getManagedArrays().size();
            for (int i = 0; i < 199; i++) {
                iterate(net, x, t, 0.1);
            }
            assertEquals(afterOne, net.manager().getManagedArrays().size());
            int data = manager.getManagedArrays().size();
            Evaluation.accuracy(net, x, t);
            Evaluation.meanLoss(net, x, t);
            Evaluation.confusion(net, x, new int[16], 3);
            assertEquals(data, manager.getManagedArrays().size(), "evaluation frees each chunk");
            assertEquals(afterOne, net.manager().getManagedArrays().size());
        }
    }

    @Test
    void sameSeedGivesBitIdenticalTraining(NDManager manager) {
        NDArray x = TestNets.uniform(manager, 5, 16, 6).toType(DataType.FLOAT32, false);
        NDArray t = TestNets.oneHot(manager, 16, 3);
        float[][] params = new float[2][];
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            Engines.seed(99);
            try (Network net = Network.builder().input(6).spec("affine:8, relu, dropout:0.2, affine:3")
                    .weightInit(WeightInit.HE).seed(12).build()) {
                for (int i = 0; i < 50; i++) {
                    losses[run] = iterate(net, x, t, 0.1);
                }
                params[run] = net.parameters().get(0).value().toFloatArray();
            }
        }
        assertArrayEquals(params[0], params[1], 0f);
        assertEquals(losses[0], losses[1], 0.0);
    }

    @Test
    void trainingGradientSkipsOnlyTheUnusedInputGradient(NDManager manager) {
        // gradient(x, t) lets the first layer skip dL/dx; the parameters' gradients must not change.
        NDArray x = TestNets.uniform(manager, 5, 4, 6);
        NDArray t = TestNets.oneHot(manager, 4, 3);
        try (Network net = TestNets.f64("affine:5, relu, affine:3", new SoftmaxCrossEntropy(), 6)) {
            net.lossArray(x, t);
            assertEquals(x.getShape(), net.backward().getShape());
            List<double[]> full = net.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
            net.gradient(x, t);
            for (int i = 0; i < full.size(); i++) {
                assertArrayEquals(full.get(i), net.parameters().get(i).grad().toDoubleArray(), 0.0);
            }
        }
    }

    @Test
    void unknownLayerIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().spec("affine:100, relux, affine:10"));
        assertTrue(e.getMessage().contains("item 2 'relux'") && e.getMessage().contains("valid: affine, relu"), e.getMessage());
    }

    @Test
    void shapeMismatchBetweenLayersIsNamed() {
        IllegalArgumentException bn = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(4, 5).spec("batchnorm").build());
        assertTrue(bn.getMessage().contains("layer 0 (batchnorm)") && bn.getMessage().contains("(4, 5)"), bn.getMessage());
    }

    @Test
    void inputOfTheWrongShapeIsNamed(NDManager manager) {
        try (Network net = Network.builder().input(6).spec("affine:3").build()) {
            NDArray x = manager.zeros(new Shape(2, 7));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(x));
            assertTrue(e.getMessage().contains("(2, 7)") && e.getMessage().contains("(N, 6)"), e.getMessage());
        }
    }

    @Test
    void labelsOfTheWrongShapeAreNamed(NDManager manager) {
        try (Network net = Network.builder().input(6).spec("affine:3").build()) {
            NDArray x = manager.zeros(new Shape(2, 6));
            NDArray t = manager.zeros(new Shape(2, 10));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loss(x, t));
            assertTrue(e.getMessage().contains("softmax-cross-entropy") && e.getMessage().contains("(2, 10)")
                    && e.getMessage().contains("(2, 3)"), e.getMessage());
        }
    }

    @Test
    void userLayerIsFoundByServiceNameAndByClassName(NDManager manager) {
        assertTrue(Layers.registry().names().contains("square"));
        assertTrue(Layers.create("square") instanceof Square);
        assertTrue(Layers.create("dev.descent.core.ext.Square") instanceof Square);
        try (Network net = TestNets.f64("affine:4, square, affine:3", new SoftmaxCrossEntropy(), 5);
                NDManager m = manager.newSubManager()) {
            GradientCheck.Report report = GradientCheck.run(net, TestNets.uniform(m, 1, 3, 5), TestNets.oneHot(m, 3, 3), true, 1);
            assertTrue(report.passed(), report.table());
        }
    }

    @Test
    void everyBuiltInLayerNameResolvesToItsClassWithItsArguments() {
        Map<String, Class<? extends Layer>> expected = new LinkedHashMap<>();
        expected.put("affine:3", Affine.class);
        expected.put("relu", ReLU.class);
        expected.put("sigmoid", Sigmoid.class);
        expected.put("tanh", Tanh.class);
        expected.put("leakyrelu:0.1", LeakyReLU.class);
        expected.put("identity", Identity.class);
        expected.put("dropout:0.5", Dropout.class);
        expected.put("batchnorm", BatchNorm.class);
        expected.put("flatten", Flatten.class);
        expected.put("conv:30:5:1:0", Convolution.class);
        expected.put("maxpool:2:2", MaxPooling.class);
        expected.put("avgpool:3:1", AveragePooling.class);
        expected.put("step", Step.class);
        expected.put("softmax", Softmax.class);
        expected.forEach((item, type) -> {
            Layer layer = Layers.create(item);
            assertEquals(type, layer.getClass(), item);
            assertEquals(item, layer.toString(), "the spec item a layer prints reads back as the same layer");
            assertEquals(item.split(":")[0], layer.name(), item);
        });
        assertEquals(List.of("affine", "relu", "sigmoid", "tanh", "leakyrelu", "identity", "dropout", "batchnorm", "flatten", "conv",
                "maxpool", "avgpool", "step", "standardize", "softmax"), Layers.registry().names().subList(0, 15));
    }

    @Test
    void summaryNamesEachLayerWithItsOutputShapeAndParameterCount() {
        try (Network net = Network.builder().input(1, 28, 28).spec("conv:30:5, relu, maxpool:2, affine:100, relu, affine:10")
                .add(new Square()).build()) {
            String[] lines = net.summary().split("\n");
            assertEquals("input (1, 28, 28)", lines[0]);
            assertEquals(10, lines.length, net.summary());
            assertTrue(lines[2].matches(" +0 +conv:30:5:1:0 +\\(30, 24, 24\\) +780"), lines[2]);
            assertTrue(lines[4].matches(" +2 +maxpool:2:2 +\\(30, 12, 12\\) +0"), lines[4]);
            assertTrue(lines[5].matches(" +3 +affine:100 +\\(100\\) +432,100"), lines[5]);
            assertTrue(lines[8].matches(" +6 +square +\\(10\\) +0"), lines[8]);
            assertEquals("total 433,890 parameters, loss softmax-cross-entropy, float32", lines[9]);
        }
    }

    @Test
    void aLongLayerNameWidensTheSummaryColumnSoEveryRowLinesUp() {
        try (Network net = Network.builder().input(1, 28, 28).spec("standardize:0.13066:0.308108, conv:8:5, relu, affine:10").build()) {
            String[] lines = net.summary().split("\n");
            int output = lines[1].indexOf("output");
            assertEquals(2 + 3 + "standardize:0.13066:0.308108".length() + 1, output, net.summary());
            for (int i = 2; i < lines.length - 1; i++) {
                assertEquals('(', lines[i].charAt(output), lines[i]);
                assertEquals(lines[1].length(), lines[i].length(), "the parameter counts end in one column: " + lines[i]);
            }
        }
    }
}
