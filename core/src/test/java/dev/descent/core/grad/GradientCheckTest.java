package dev.descent.core.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Layer;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Network;
import dev.descent.core.TestNets;
import dev.descent.core.layer.Affine;
import dev.descent.core.layer.ReLU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The check itself: it catches a wrong backward pass, and tells a kink from a bug. */
@ExtendWith(ManagerExtension.class)
class GradientCheckTest {
    /** y = x² with a backward that forgets the factor 2. */
    private static final class WrongSquare implements Layer {
        private NDArray x;

        @Override
        public NDArray forward(NDArray x, boolean training) {
            this.x = x;
            return x.square();
        }

        @Override
        public NDArray backward(NDArray dout) {
            return dout.mul(x);
        }
    }

    @Test
    void aWrongBackwardFailsAndIsNotExcusedAsAKink(NDManager manager) {
        try (Network net = Network.builder().input(3).add(new Affine(4)).add(new WrongSquare()).add(new Affine(2))
                .dataType(DataType.FLOAT64).build()) {
            GradientCheck.Report report = GradientCheck.run(net, TestNets.uniform(manager, 1, 2, 3), TestNets.oneHot(manager, 2, 2), true, 1);
            assertFalse(report.passed(), report.table());
            assertEquals(0, report.results().stream().mapToInt(GradientCheck.Result::kinks).sum(), report.table());
        }
    }

    @Test
    void aReluUnitWithin1e4OfItsKinkPassesOnTheSecondLook(NDManager manager) {
        // pre-activation z = 1·x + b with x = 0 and b = 5e-5: b ± 1e-4 straddles ReLU's kink, b ± 1e-6 does not
        try (Network net = Network.builder().input(1).add(new Affine(1)).add(new ReLU()).add(new Affine(2))
                .dataType(DataType.FLOAT64).build()) {
            net.parameters().get(0).value().set(new double[] {1});
            net.parameters().get(1).value().set(new double[] {5e-5});
            net.parameters().get(2).value().set(new double[] {0.7, -0.4});
            GradientCheck.Report report = GradientCheck.run(net, manager.zeros(new ai.djl.ndarray.types.Shape(1, 1), DataType.FLOAT64),
                    manager.create(new double[][] {{1, 0}}), false, 1);
            assertTrue(report.passed(), report.table());
            GradientCheck.Result bias = report.results().get(1);
            assertEquals(1, bias.kinks(), report.table());
            // the central difference with h = 1e-4 alone sees relu(1.5e-4) − relu(−5e-5) over 2e-4: 0.75 of the slope
            NDArray x = manager.zeros(new ai.djl.ndarray.types.Shape(1, 1), DataType.FLOAT64);
            NDArray t = manager.create(new double[][] {{1, 0}});
            net.lossArray(x, t);
            net.backward();
            double analytic = net.parameters().get(1).grad().getDouble(0);
            double coarse = NumericalGradient.ofArray(net.parameters().get(1).value(), () -> NumericalGradient.loss(net, x, t, 1))[0];
            assertEquals(0.75, coarse / analytic, 1e-4); // softmax downstream bends it slightly
        }
    }
}
