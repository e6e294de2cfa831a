package dev.descent.core.loss;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;

/**
 * Cross-entropy error on probabilities (the output of a softmax or sigmoid layer), with the seeds'
 * δ = 1e-7 inside the log so that log(0) never happens.
 *
 * <pre>
 *   forward:  L = −(1/N) · Σₙ Σₖ tₙₖ · log(yₙₖ + δ)
 *   backward: dL/dy = −t / (y + δ) / N          (the exact derivative of the line above)
 * </pre>
 */
public final class CrossEntropy implements Loss {
    public static final double DELTA = 1e-7;
    private NDArray shifted;
    private NDArray t;
    private long n;

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("cross-entropy", y, t);
        this.t = t;
        n = Loss.batchSize(y);
        shifted = y.add(DELTA);
        return t.mul(shifted.log()).sum().muli(-1.0 / n);
    }

    @Override
    public NDArray backward() {
        return t.div(shifted).muli(-1.0 / n);
    }

    @Override
    public boolean takesDistributions() {
        return true;
    }

    @Override
    public String toString() {
        return "cross-entropy";
    }
}
