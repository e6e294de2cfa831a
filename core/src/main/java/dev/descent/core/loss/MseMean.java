package dev.descent.core.loss;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;
import dev.descent.core.Scalars;

/**
 * Mean squared error as seed 003 writes it: the squared Euclidean norm of each sample's error, averaged over
 * the N samples of the batch — no ½ (that is {@link MeanSquaredError}, the seeds' chapter-4 form), and no
 * division by the number of outputs K (PyTorch's {@code MSELoss} divides by N·K; the two agree when K = 1).
 *
 * <pre>
 *   forward:  J = (1/N) · Σₙ ‖tₙ − yₙ‖² = (1/N) · Σₙ Σₖ (yₙₖ − tₙₖ)²
 *   backward: dJ/dy = 2 · (y − t) / N            (seed 003: −(1/N)·Σ 2(t − y), per sample)
 * </pre>
 */
public final class MseMean implements Loss {
    private NDArray diff;
    private long n;

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("mse-mean", y, t);
        n = Loss.batchSize(y);
        diff = y.sub(t);
        return diff.square().sum().muli(Scalars.of(1.0 / n, diff));
    }

    @Override
    public NDArray backward() {
        return diff.mul(Scalars.of(2.0 / n, diff));
    }

    @Override
    public String toString() {
        return "mse-mean";
    }
}
