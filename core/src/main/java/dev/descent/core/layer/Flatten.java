package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;

/**
 * Flattens each sample to a vector, between convolutional and affine parts.
 *
 * <pre>
 *   forward:  y = reshape(x, N × (C·H·W))
 *   backward: dL/dx = reshape(dL/dy, N × C × H × W)
 * </pre>
 */
public final class Flatten implements Layer {
    private Shape inputShape;

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        return new Shape(inputShape.size());
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        inputShape = x.getShape();
        return x.reshape(inputShape.get(0), -1);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.reshape(inputShape);
    }

    @Override
    public String name() {
        return "flatten";
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
