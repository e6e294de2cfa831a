package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.FullBatch;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.loss.MeanSquaredError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code gd} on a tiny dataset: one full-batch update from gradients accumulated over chunks. */
class FullBatchGradientDescentTest {

    private static Network network() {
        return Network.builder().input(4).spec("affine:3, tanh, affine:2").loss(new MeanSquaredError())
                .dataType(DataType.FLOAT64).seed(11).build();
    }

    @Test
    void oneUpdateOverChunksEqualsOneUpdateFromTheWholeBatch() {
        try (NDManager data = Engines.newManager(); Network initial = network(); Network chunked = network(); Network whole = network()) {
            Engines.seed(5);
            NDArray x = data.randomNormal(new Shape(10, 4), DataType.FLOAT64);
            NDArray t = data.randomNormal(new Shape(10, 2), DataType.FLOAT64);
            Optimizer gd = Optimizers.create("gd", Map.of("learning-rate", "0.5"));
            assertEquals(10, gd.samplesPerUpdate(3, 10), "gd takes the whole set in one update");

            try (NDManager it = data.newSubManager()) {
                FullBatch.gradient(chunked, x, t, 3); // chunks of 3, 3, 3 and 1 rows, weighted to the mean over 10
                gd.step(chunked.parameters());
            }
            try (NDManager it = data.newSubManager()) {
                whole.gradient(x.get(it, new ai.djl.ndarray.index.NDIndex(":")), t.get(it, new ai.djl.ndarray.index.NDIndex(":")));
                Optimizers.create("gd", Map.of("learning-rate", "0.5")).step(whole.parameters());
            }
            List<Parameter> a = chunked.parameters();
            List<Parameter> b = whole.parameters();
            for (int i = 0; i < a.size(); i++) {
                double[] before = initial.parameters().get(i).value().toDoubleArray();
                assertFalse(java.util.Arrays.equals(before, a.get(i).value().toDoubleArray()), "the update moved " + a.get(i));
                assertArrayEquals(b.get(i).value().toDoubleArray(), a.get(i).value().toDoubleArray(), 1e-12, a.get(i).name());
            }
        }
    }

    @Test
    void sgdTakesExactlyOneSamplePerUpdateAndMinibatchABatch() {
        assertEquals(1, Optimizers.create("sgd", Map.of()).samplesPerUpdate(100, 10));
        assertEquals(1, Optimizers.create("sgd", Map.of()).samplesPerUpdate(1, 60000));
        assertEquals(32, Optimizers.create("minibatch", Map.of()).samplesPerUpdate(32, 60000));
    }
}
