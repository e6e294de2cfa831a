package dev.descent.core;

import ai.djl.ndarray.NDArray;

/**
 * A named, trainable array and the gradient of the loss with respect to it.
 *
 * <p>The value lives in the network's long-lived manager and is updated in place by optimizers;
 * the gradient is set by the owning layer's {@code backward} and lives in the iteration's manager.
 */
public final class Parameter {
    private final String name;
    private final NDArray value;
    private NDArray grad;

    public Parameter(String name, NDArray value) {
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public NDArray value() {
        return value;
    }

    /** dL/d(value) from the last backward pass, or {@code null} before the first one. */
    public NDArray grad() {
        return grad;
    }

    public void setGrad(NDArray grad) {
        if (!grad.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException("gradient of " + name + " has shape " + grad.getShape()
                    + " but the parameter has shape " + value.getShape());
        }
        this.grad = grad;
    }

    @Override
    public String toString() {
        return name + value.getShape();
    }
}
