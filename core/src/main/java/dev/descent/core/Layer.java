package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One step of a network, with a hand-written backward pass.
 *
 * <p>{@code forward} returns the output and keeps what {@code backward} needs; {@code backward}
 * takes dL/d(output), sets the gradients of this layer's own parameters and returns dL/d(input).
 * Shapes given to {@link #build} exclude the batch axis.
 */
public interface Layer {

    /**
     * Creates this layer's parameters for inputs of the given shape (batch axis excluded) and
     * returns the output shape. Throws {@link IllegalArgumentException} naming the shape when the
     * input does not fit this layer.
     */
    default Shape build(Shape inputShape, LayerContext context) {
        return inputShape;
    }

    NDArray forward(NDArray x, boolean training);

    NDArray backward(NDArray dout);

    /**
     * Backward for the first layer of a training step, where nobody needs dL/dx: a layer may then
     * set only its parameters' gradients and return {@code null} (Affine and Convolution skip a
     * whole matrix product this way). The default computes dL/dx anyway.
     */
    default NDArray backward(NDArray dout, boolean inputGradient) {
        return backward(dout);
    }

    /** Trainable parameters, in a fixed order. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Non-trainable state saved with the model (e.g. BatchNorm's running mean and variance). */
    default List<Parameter> buffers() {
        return List.of();
    }
}
