package dev.descent.core.loss;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;
import dev.descent.core.Scalars;

/**
 * Mean squared error as seed 003 writes it: the squared Euclidean norm of each sample's error, averaged over
 * the N samples of the batch — no ½ (that is {@link MeanSquaredError}, the seeds' chapter-4 form, so this loss
 * is exactly twice it), and no division by the number of outputs K (PyTorch's {@code MSELoss} divides by N·K;
 * the two agree when K = 1).
 *
 * <pre>
 *   forward:  J = (1/N) · Σₙ ‖tₙ − yₙ‖² = (1/N) · Σₙ Σₖ (yₙₖ − tₙₖ)² = 2 · MeanSquaredError
 *   backward: dJ/dy = 2 · (y − t) / N            (seed 003: −(1/N)·Σ 2(t − y), per sample)
 * </pre>
 */
public final class MseMean implements Loss {
    private final MeanSquaredError half = new MeanSquaredError();

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("mse-mean", y, t); // its own name in the error, not the half it delegates to
        NDArray j = half.forward(y, t);
        return j.muli(Scalars.of(2, j));
    }

    @Override
    public NDArray backward() {
        NDArray g = half.backward();
        return g.muli(Scalars.of(2, g));
    }

    @Override
    public String toString() {
        return "mse-mean";
    }
}
