package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * Hyperbolic tangent.
 *
 * <pre>
 *   forward:  y = tanh(x)
 *   backward: dL/dx = dL/dy · (1 − y²)
 * </pre>
 */
public final class Tanh implements Layer {
    private NDArray y;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        y = x.tanh();
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(y.square().negi().addi(1));
    }

    @Override
    public String name() {
        return "tanh";
    }

    @Override
    public String toString() {
        return "tanh";
    }
}
