package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;

/**
 * One step of a network, with a hand-written backward pass.
 *
 * <p>{@code forward} returns the output and keeps what {@code backward} needs; {@code backward}
 * takes dL/d(output), sets the gradients of this layer's own parameters and returns dL/d(input).
 * Shapes given to {@link #build} exclude the batch axis.
 */
public interface Layer {

    /**
     * The stable part of this layer's parameter names: layer {@code i}'s parameter {@code W} is saved as
     * {@code i.name.W}. It must be non-blank and contain no '.', '/' or whitespace (the network's builder
     * refuses others). The default is the simple class name in lower case ({@code Scale} → {@code scale});
     * built-in layers return their registry name ({@code affine}, {@code conv}, ...).
     *
     * <p>Why not {@code toString}: a layer without one would be named by its identity hash, different in
     * every process, so a model it saved could not be loaded again.
     */
    default String name() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

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
