package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ext.Square;
import dev.descent.core.grad.GradientCheck;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.MeanSquaredError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTest {
    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = Engines.newManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** Plain gradient descent, enough for core's own tests (the optimizers module has the real ones). */
    private static void step(Network net, double lr) {
        for (Parameter p : net.parameters()) {
            p.value().subi(p.grad().mul(lr));
        }
    }

    /** One training iteration with every array in a sub-manager closed at its end; returns the loss. */
    private static double iterate(Network net, NDArray x, NDArray t, double lr) {
        try (NDManager it = net.manager().newSubManager()) {
            double loss = net.gradient(x.get(it, new ai.djl.ndarray.index.NDIndex("...")), t.get(it, new ai.djl.ndarray.index.NDIndex("...")));
            step(net, lr);
            return loss;
        }
    }

    @Test
    void twoLayerRegressionNetFitsASmoothFunction() {
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
    void twoLayerClassifierSeparatesASeparableSet() {
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
            assertEquals(1.0, net.accuracy(x, t));
        }
    }

    @Test
    void evaluationChunkKeepsTheLargestLayerOutputNear2To21ElementsAndDoesNotChangeTheCount() {
        // SimpleConvNet: the conv output 30×24×24 = 17,280 per image is the largest; 2²¹ / 17,280 = 121.
        try (Network cnn = Network.builder().input(1, 28, 28).spec("conv:30:5, relu, maxpool:2, affine:100, relu, affine:10").build();
                Network mlp = Network.builder().spec("affine:100, relu, affine:10").build();
                Network wide = Network.builder().input(1).spec("affine:4194304").build()) {
            assertEquals(121, cnn.evaluationChunk());
            assertEquals(1000, mlp.evaluationChunk()); // 2²¹ / 784 = 2674, capped at 1000
            assertEquals(1, wide.evaluationChunk()); // never 0
            NDArray x = manager.randomNormal(new Shape(300, 1, 28, 28));
            NDArray labels = manager.randomInteger(0, 10, new Shape(300), DataType.INT64);
            long whole = cnn.correct(x, labels, 300);
            assertEquals(whole, cnn.correct(x, labels, 7));
            assertEquals(whole / 300.0, cnn.accuracy(x, labels), 1e-12);
        }
    }

    @Test
    void npzRoundTripGivesIdenticalPredictions(@TempDir Path dir) throws Exception {
        NDArray x = TestNets.uniform(manager, 5, 8, 6).toType(DataType.FLOAT32, false);
        NDArray t = TestNets.oneHot(manager, 8, 3);
        Path file = dir.resolve("model.npz");
        String spec = "affine:5, batchnorm, relu, affine:3";
        try (Network a = Network.builder().input(6).spec(spec).seed(1).build();
                Network b = Network.builder().input(6).spec(spec).seed(2).build()) {
            for (int i = 0; i < 5; i++) {
                iterate(a, x, t, 0.1); // moves BatchNorm's running statistics away from (0, 1)
            }
            a.save(file);
            assertTrue(Files.size(file) > 0);
            b.load(file);
            assertArrayEquals(a.predict(x).toFloatArray(), b.predict(x).toFloatArray(), 0f);
        }
        // numpy's layout: a zip of NAME.npy entries
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("0.affine.W.npy") != null, "entries: " + zip.stream().map(Object::toString).toList());
            assertTrue(zip.getEntry("1.batchnorm.running_mean.npy") != null);
        }
    }

    @Test
    void liveArraysStayFlatAcrossIterations() {
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
            net.accuracy(x, t);
            assertEquals(afterOne, net.manager().getManagedArrays().size());
        }
    }

    @Test
    void sameSeedGivesBitIdenticalTraining() {
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
    void trainingGradientSkipsOnlyTheUnusedInputGradient() {
        // gradient(x, t) lets the first layer skip dL/dx; the parameters' gradients must not change.
        NDArray x = TestNets.uniform(manager, 5, 4, 6);
        NDArray t = TestNets.oneHot(manager, 4, 3);
        try (Network net = TestNets.f64("affine:5, relu, affine:3", new dev.descent.core.loss.SoftmaxCrossEntropy(), 6)) {
            net.lossArray(x, t);
            assertTrue(net.backward() != null);
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
    void inputOfTheWrongShapeIsNamed() {
        try (Network net = Network.builder().input(6).spec("affine:3").build()) {
            NDArray x = manager.zeros(new Shape(2, 7));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(x));
            assertTrue(e.getMessage().contains("(2, 7)") && e.getMessage().contains("(N, 6)"), e.getMessage());
        }
    }

    @Test
    void labelsOfTheWrongShapeAreNamed() {
        try (Network net = Network.builder().input(6).spec("affine:3").build()) {
            NDArray x = manager.zeros(new Shape(2, 6));
            NDArray t = manager.zeros(new Shape(2, 10));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loss(x, t));
            assertTrue(e.getMessage().contains("softmax-cross-entropy") && e.getMessage().contains("(2, 10)")
                    && e.getMessage().contains("(2, 3)"), e.getMessage());
        }
    }

    @Test
    void userLayerIsFoundByServiceNameAndByClassName() {
        assertTrue(Layers.registry().names().contains("square"));
        assertTrue(Layers.create("square") instanceof Square);
        assertTrue(Layers.create("dev.descent.core.ext.Square") instanceof Square);
        try (Network net = TestNets.f64("affine:4, square, affine:3", new dev.descent.core.loss.SoftmaxCrossEntropy(), 5);
                NDManager m = manager.newSubManager()) {
            GradientCheck.Report report = GradientCheck.run(net, TestNets.uniform(m, 1, 3, 5), TestNets.oneHot(m, 3, 3), true, 1);
            assertTrue(report.passed(), report.table());
        }
    }

    @Test
    void everyBuiltInLayerNameResolves() {
        for (String name : List.of("affine:3", "relu", "sigmoid", "tanh", "leakyrelu:0.1", "identity", "dropout:0.5", "batchnorm", "flatten")) {
            assertTrue(Layers.create(name) != null, name);
        }
        assertTrue(Layers.registry().names().containsAll(List.of("affine", "relu", "sigmoid", "tanh", "leakyrelu", "identity",
                "dropout", "batchnorm", "flatten")));
    }
}
