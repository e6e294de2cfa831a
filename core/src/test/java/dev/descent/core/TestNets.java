package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.init.WeightInit;
import java.util.SplittableRandom;

/** Small deterministic fixtures for core tests. */
public final class TestNets {
    private TestNets() {}

    /** N×D values drawn uniformly from [-1, 1) with a fixed seed, FLOAT64. */
    public static NDArray uniform(NDManager m, long seed, long... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[Math.toIntExact(new Shape(shape).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return m.create(v, new Shape(shape));
    }

    /** N one-hot rows of width k, class i % k for row i. */
    public static NDArray oneHot(NDManager m, int n, int k) {
        double[] v = new double[n * k];
        for (int i = 0; i < n; i++) {
            v[i * k + (i * 7 + 2) % k] = 1;
        }
        return m.create(v, new Shape(n, k));
    }

    public static Network f64(String spec, Loss loss, long... input) {
        return Network.builder().input(input).spec(spec).loss(loss).weightInit(WeightInit.XAVIER)
                .dataType(DataType.FLOAT64).seed(7).build();
    }
}
