package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.descent.core.Layer;

/**
 * Rectified linear unit.
 *
 * <pre>
 *   forward:  y = max(0, x)
 *   backward: dL/dx = dL/dy · [x &gt; 0]          (the mask; 0 at the kink x = 0)
 * </pre>
 */
public final class ReLU implements Layer {
    private NDArray mask;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray y = Activation.relu(x);
        mask = y.sign(); // 1 where x > 0, else 0
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(mask);
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public String toString() {
        return "relu";
    }
}
