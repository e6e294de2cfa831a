package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * The identity, the output activation of a regression net.
 *
 * <pre>
 *   forward:  y = x
 *   backward: dL/dx = dL/dy
 * </pre>
 */
public final class Identity implements Layer {

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public String toString() {
        return "identity";
    }
}
