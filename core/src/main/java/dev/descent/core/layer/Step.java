package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * The step function, the perceptron's activation — here to show why networks do not use it (seed 002).
 *
 * <pre>
 *   forward:  y = [x &gt; 0]          (1 where x &gt; 0, else 0)
 *   backward: dL/dx = 0             (the derivative is 0 wherever it exists; at x = 0 it does not, and 0 is taken)
 * </pre>
 * A small change of a weight before it changes no output, so the loss is flat in every such weight and
 * gradient descent never moves them: only the layers after the last step learn.
 */
public final class Step implements Layer {

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return x.gt(0).toType(x.getDataType(), false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.zerosLike();
    }

    @Override
    public String name() {
        return "step";
    }

    @Override
    public String toString() {
        return "step";
    }
}
