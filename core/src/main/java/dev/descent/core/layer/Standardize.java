package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;
import dev.descent.core.Scalars;

/**
 * Input standardisation with fixed statistics μ and σ of the training set (no trainable parameters);
 * as the first layer it travels with the model, so {@code evaluate} and {@code predict} feed it raw pixels.
 *
 * <pre>
 *   forward:  y = (x − μ) / σ
 *   backward: dL/dx = dL/dy / σ
 * </pre>
 */
public final class Standardize implements Layer {
    private final double mean;
    private final double std;

    public Standardize(double mean, double std) {
        if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("standardize: needs a finite mean and a std > 0, got " + mean + ", " + std);
        }
        this.mean = mean;
        this.std = std;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.sub(Scalars.of(mean, x)).divi(Scalars.of(std, x));
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.div(Scalars.of(std, dout));
    }

    @Override
    public String name() {
        return "standardize";
    }

    @Override
    public String toString() {
        return "standardize:" + mean + ":" + std;
    }
}
