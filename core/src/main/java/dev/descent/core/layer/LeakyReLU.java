package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * Leaky ReLU with slope α for negative inputs.
 *
 * <pre>
 *   forward:  y = x if x &gt; 0, else α·x
 *   backward: dL/dx = dL/dy · (1 if x &gt; 0, else α)
 * </pre>
 */
public final class LeakyReLU implements Layer {
    private final double alpha;
    private NDArray slope;

    public LeakyReLU(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("leakyrelu: alpha must be a finite number >= 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        // slope = α + (1 − α)·[x > 0]
        slope = x.gt(0).toType(x.getDataType(), false).muli(1 - alpha).addi(alpha);
        return x.mul(slope);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(slope);
    }

    @Override
    public String name() {
        return "leakyrelu";
    }

    @Override
    public String toString() {
        return "leakyrelu:" + alpha;
    }
}
