package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import dev.descent.core.Engines;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Loss;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Parameter;
import dev.descent.core.TestNets;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.CrossEntropy;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second, independent oracle: DJL's autograd (PyTorch's) differentiates the same forward
 * expression, written with the engine's own ops, and must agree with our hand-written backward.
 */
@ExtendWith(ManagerExtension.class)
class AutogradOracleTest {
    private NDManager manager;

    @BeforeEach
    void setUp(NDManager manager) {
        this.manager = manager;
    }

    /** Our layer's dL/dx and parameter gradients for L = Σ y·w versus autograd's on {@code expression}. */
    private void check(Layer layer, Shape inputShape, BiFunction<NDArray, List<NDArray>, NDArray> expression) {
        LayerContext context = new LayerContext(manager, DataType.FLOAT64, WeightInit.XAVIER, new SplittableRandom(3));
        Shape outShape = layer.build(inputShape, context);
        NDArray x = TestNets.uniform(manager, 21, new Shape(4).addAll(inputShape).getShape());
        NDArray w = TestNets.uniform(manager, 22, new Shape(4).addAll(outShape).getShape());

        NDArray ours = layer.forward(x, true);
        NDArray dx = layer.backward(w);

        NDArray xa = x.duplicate();
        xa.setRequiresGradient(true);
        List<NDArray> params = layer.parameters().stream().map(p -> {
            NDArray copy = p.value().duplicate();
            copy.setRequiresGradient(true);
            return copy;
        }).toList();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = expression.apply(xa, params);
            assertArrayEquals(ours.toDoubleArray(), y.toDoubleArray(), 1e-12, "forward of " + layer);
            gc.backward(y.mul(w).sum());
        }
        assertArrayEquals(xa.getGradient().toDoubleArray(), dx.toDoubleArray(), 1e-10, "dL/dx of " + layer);
        List<Parameter> ps = layer.parameters();
        for (int i = 0; i < ps.size(); i++) {
            assertArrayEquals(params.get(i).getGradient().toDoubleArray(), ps.get(i).grad().toDoubleArray(), 1e-10,
                    "dL/d" + ps.get(i).name() + " of " + layer);
        }
    }

    @Test
    void affine() {
        check(new Affine(3), new Shape(5), (x, p) -> x.matMul(p.get(0)).add(p.get(1)));
    }

    @Test
    void affineFlattensImages() {
        check(new Affine(3), new Shape(2, 3, 3), (x, p) -> x.reshape(4, 18).matMul(p.get(0)).add(p.get(1)));
    }

    @Test
    void relu() {
        check(new ReLU(), new Shape(6), (x, p) -> Activation.relu(x));
    }

    @Test
    void sigmoid() {
        check(new Sigmoid(), new Shape(6), (x, p) -> Activation.sigmoid(x));
    }

    @Test
    void tanh() {
        check(new Tanh(), new Shape(6), (x, p) -> Activation.tanh(x));
    }

    @Test
    void leakyRelu() {
        check(new LeakyReLU(0.25), new Shape(6), (x, p) -> Activation.leakyRelu(x, 0.25f));
    }

    @Test
    void identity() {
        check(new Identity(), new Shape(6), (x, p) -> x.mul(1));
    }

    @Test
    void flatten() {
        check(new Flatten(), new Shape(2, 3), (x, p) -> x.reshape(4, 6));
    }

    @Test
    void dropoutWithTheSameMask() {
        Engines.seed(9);
        NDArray probe = manager.ones(new Shape(4, 6), DataType.FLOAT64);
        NDArray mask = new Dropout(0.5).forward(probe, true); // 0 or 2 per element
        Engines.seed(9);
        check(new Dropout(0.5), new Shape(6), (x, p) -> x.mul(mask));
    }

    @Test
    void batchNormPerFeature() {
        check(new BatchNorm(0.9, 1e-7), new Shape(6), (x, p) -> {
            NDArray mean = manager.zeros(new Shape(6), DataType.FLOAT64);
            NDArray var = manager.ones(new Shape(6), DataType.FLOAT64);
            NDList out = ai.djl.nn.norm.BatchNorm.batchNorm(x, mean, var, p.get(0), p.get(1), 1, 0.1f, 1e-7f, true);
            return out.singletonOrThrow();
        });
    }

    @Test
    void batchNormPerChannel() {
        check(new BatchNorm(0.9, 1e-7), new Shape(2, 3, 3), (x, p) -> {
            NDArray mean = manager.zeros(new Shape(2), DataType.FLOAT64);
            NDArray var = manager.ones(new Shape(2), DataType.FLOAT64);
            NDList out = ai.djl.nn.norm.BatchNorm.batchNorm(x, mean, var, p.get(0).reshape(2), p.get(1).reshape(2), 1, 0.1f, 1e-7f, true);
            return out.singletonOrThrow();
        });
    }

    private void checkLoss(Loss loss, NDArray y, NDArray t, java.util.function.Function<NDArray, NDArray> expression) {
        double ours = loss.forward(y, t).getDouble();
        NDArray dy = loss.backward();
        NDArray ya = y.duplicate();
        ya.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = expression.apply(ya);
            assertEquals(l.getDouble(), ours, 1e-12, "forward of " + loss);
            gc.backward(l);
        }
        assertArrayEquals(ya.getGradient().toDoubleArray(), dy.toDoubleArray(), 1e-10, "dL/dy of " + loss);
    }

    @Test
    void losses() {
        NDArray t = TestNets.oneHot(manager, 4, 3);
        NDArray scores = TestNets.uniform(manager, 31, 4, 3).muli(3);
        NDArray probabilities = scores.softmax(-1);
        checkLoss(new MeanSquaredError(), scores, t, y -> y.sub(t).square().sum().mul(0.5 / 4));
        checkLoss(new CrossEntropy(), probabilities, t, y -> t.mul(y.add(1e-7).log()).sum().mul(-1.0 / 4));
        checkLoss(new SoftmaxCrossEntropy(), scores, t, y -> t.mul(y.logSoftmax(1)).sum().mul(-1.0 / 4));
    }
}
