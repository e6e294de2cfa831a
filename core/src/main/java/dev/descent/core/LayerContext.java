package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.init.WeightInit;
import java.util.SplittableRandom;

/**
 * What a layer needs to create its parameters: the network's long-lived manager, its data type,
 * its weight initializer, a seeded random source, and a name prefix that makes parameter names
 * unique ({@code "1.affine.W"}).
 */
public final class LayerContext {
    private final NDManager manager;
    private final DataType dataType;
    private final WeightInit weightInit;
    private final SplittableRandom random;
    private String prefix = "";

    public LayerContext(NDManager manager, DataType dataType, WeightInit weightInit, SplittableRandom random) {
        this.manager = manager;
        this.dataType = dataType;
        this.weightInit = weightInit;
        this.random = random;
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dataType;
    }

    public WeightInit weightInit() {
        return weightInit;
    }

    /** Sets the prefix for the names of the next layer's parameters. */
    public void prefix(String prefix) {
        this.prefix = prefix;
    }

    /** Weights drawn from N(0, σ²) with σ from the given initializer (or the network's, if null). */
    public Parameter weights(String name, Shape shape, long fanIn, WeightInit init) {
        double std = (init == null ? weightInit : init).std(fanIn);
        double[] values = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * std;
        }
        NDArray doubles = manager.create(values, shape);
        NDArray value = doubles.toType(dataType, false);
        if (value != doubles) {
            doubles.close();
        }
        return new Parameter(prefix + name, value);
    }

    public Parameter weights(String name, Shape shape, long fanIn) {
        return weights(name, shape, fanIn, null);
    }

    public Parameter constant(String name, Shape shape, double value) {
        NDArray array = manager.full(shape, (float) value, dataType);
        return new Parameter(prefix + name, array);
    }
}
