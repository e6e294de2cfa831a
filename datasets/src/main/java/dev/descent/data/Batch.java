package dev.descent.data;

import ai.djl.ndarray.NDArray;

/**
 * One mini-batch: inputs {@code x} (k x 784, or k x 1 x 28 x 28 for convolutional nets) and one-hot
 * targets {@code t} (k x 10), both float32, both in the manager the batch was made in.
 */
public record Batch(NDArray x, NDArray t) {
    public int size() {
        return Math.toIntExact(x.getShape().get(0));
    }
}
