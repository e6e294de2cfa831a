package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.init.WeightInit;
import java.util.SplittableRandom;

/** Inputs and comparisons shared by the convolution and pooling tests. */
final class ConvTesting {
    private ConvTesting() {}

    /** Builds a layer in FLOAT64 with the network default std:0.01 (convolution overrides it with He). */
    static Shape build(Layer layer, NDManager manager, Shape in, long seed) {
        return layer.build(in, new LayerContext(manager, DataType.FLOAT64, WeightInit.std(0.01), new SplittableRandom(seed)));
    }

    /** Normal values, FLOAT64. */
    static NDArray normal(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return manager.create(v, shape);
    }

    /** A shuffled 0.01-spaced ramp: no two values within 1e-2, so max-pool has no ties, even under ±1e-4 nudges. */
    static NDArray distinct(NDManager manager, Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i - v.length / 2.0) * 0.01;
        }
        for (int i = v.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double tmp = v[i];
            v[i] = v[j];
            v[j] = tmp;
        }
        return manager.create(v, shape);
    }

    /** Max absolute difference after asserting equal shapes. */
    static double maxAbsDiff(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double max = 0;
        for (int i = 0; i < e.length; i++) {
            max = Math.max(max, Math.abs(e[i] - a[i]));
        }
        return max;
    }
}
