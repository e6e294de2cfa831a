package dev.descent.core;

import ai.djl.ndarray.NDArray;

/**
 * A scalar loss of the network output y against targets t (one-hot rows for classification),
 * averaged over the batch. {@code forward} keeps what {@code backward} needs.
 */
public interface Loss {

    /** The loss as a 0-d array (kept in the engine: no host round-trip). */
    NDArray forward(NDArray y, NDArray t);

    /** dL/dy for the last {@code forward}. */
    NDArray backward();

    /** The output the network reports for an input: scores for most losses, probabilities where a loss fuses softmax. */
    default NDArray predict(NDArray y) {
        return y;
    }

    /**
     * Whether the targets must be probability distributions (one-hot rows for classification: every value ≥ 0, each
     * row summing to 1), as the cross-entropy losses need; a caller checks its data against it before training.
     */
    default boolean takesDistributions() {
        return false;
    }

    /** Fails with a message naming both shapes when targets and outputs disagree. */
    static void checkShapes(String loss, NDArray y, NDArray t) {
        if (!y.getShape().equals(t.getShape())) {
            throw new IllegalArgumentException(loss + ": labels have shape " + t.getShape()
                    + " but the network output has shape " + y.getShape() + " (labels must be one-hot rows like the output)");
        }
    }

    /** Number of samples: the first axis of a matrix, 1 for a single vector (as the book's loss functions do). */
    static long batchSize(NDArray y) {
        return y.getShape().dimension() == 1 ? 1 : y.getShape().get(0);
    }
}
