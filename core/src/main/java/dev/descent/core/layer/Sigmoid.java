package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * Logistic sigmoid.
 *
 * <pre>
 *   forward:  y = 1 / (1 + exp(−x))
 *   backward: dL/dx = dL/dy · y · (1 − y)
 * </pre>
 */
public final class Sigmoid implements Layer {
    private NDArray y;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        y = x.neg().exp().addi(1).powi(-1);
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(y).muli(y.neg().addi(1));
    }

    @Override
    public String name() {
        return "sigmoid";
    }

    @Override
    public String toString() {
        return "sigmoid";
    }
}
