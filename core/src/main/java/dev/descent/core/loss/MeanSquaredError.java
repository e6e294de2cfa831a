package dev.descent.core.loss;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;

/**
 * Sum of squares error, as the seeds write it (½ of the squared norm per sample), averaged over the N samples of
 * the batch: {@code loss = mse}. Seed 003's form without the ½ is {@link MseMean}.
 *
 * <pre>
 *   forward:  L = (1/N) · Σₙ ½·Σₖ (yₙₖ − tₙₖ)²
 *   backward: dL/dy = (y − t) / N
 * </pre>
 */
public final class MeanSquaredError implements Loss {
    private NDArray diff;
    private long n;

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("mse", y, t);
        n = Loss.batchSize(y);
        diff = y.sub(t);
        return diff.square().sum().muli(0.5 / n);
    }

    @Override
    public NDArray backward() {
        return diff.div(n);
    }

    @Override
    public String toString() {
        return "mse";
    }
}
