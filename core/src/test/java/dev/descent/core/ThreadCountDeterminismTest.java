package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.init.WeightInit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Engines} picks the intra-op thread count from the load it sees at start-up, so the count must not
 * change results: a few SGD steps on batches big enough for the engine to split its ops give bit-identical
 * weights on one thread and on two.
 */
class ThreadCountDeterminismTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "784; affine:512, relu, dropout:0.2, affine:256, batchnorm, relu, affine:10",
        "1, 28, 28; conv:30:5:1:0, relu, maxpool:2, flatten, affine:100, relu, affine:10",
        "1, 28, 28; conv:24:5, maxpool:2, relu, conv:32:3, maxpool:2, relu, conv:16:3:2:1, relu, affine:10",
    })
    void oneThreadAndTwoTrainToTheSameWeights(String model) {
        String[] parts = model.split(";");
        long[] input = java.util.Arrays.stream(parts[0].split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        int before = Engines.threads();
        try {
            assertArrayEquals(train(parts[1], input, 1), train(parts[1], input, 2));
        } finally {
            Engines.setThreads(before);
        }
    }

    private static double[] train(String spec, long[] input, int threads) {
        Engines.setThreads(threads);
        try (Network net = Network.builder().input(input).spec(spec).weightInit(WeightInit.HE).seed(5).build();
                NDManager data = net.manager().newSubManager()) {
            Engines.seed(9);
            NDArray x = data.randomUniform(0, 1, new Shape(100).addAll(new Shape(input)));
            NDArray t = data.eye(10).get(data.randomInteger(0, 10, new Shape(100), ai.djl.ndarray.types.DataType.INT64));
            for (int step = 0; step < 3; step++) {
                try (NDManager it = data.newSubManager()) {
                    Engines.seed(step);
                    net.lossArray(x.get(it, new ai.djl.ndarray.index.NDIndex("...")), t);
                    net.backward();
                    for (Parameter p : net.parameters()) {
                        p.value().subi(p.grad().mul(0.1));
                    }
                }
            }
            List<Double> all = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                for (float v : p.value().toFloatArray()) {
                    all.add((double) v);
                }
            }
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
