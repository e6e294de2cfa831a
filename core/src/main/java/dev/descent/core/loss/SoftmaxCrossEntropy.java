package dev.descent.core.loss;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;
import dev.descent.core.Scalars;

/**
 * Softmax and cross-entropy fused (the book's SoftmaxWithLoss), on raw scores x.
 * The log-softmax is exact (row maximum subtracted, no δ), so (y − t)/N is its exact gradient.
 *
 * <pre>
 *   forward:  log yₙₖ = xₙₖ − maxⱼ xₙⱼ − log Σⱼ exp(xₙⱼ − maxⱼ xₙⱼ)
 *             L = −(1/N) · Σₙ Σₖ tₙₖ · log yₙₖ
 *   backward: dL/dx = (y − t) / N
 * </pre>
 */
public final class SoftmaxCrossEntropy implements Loss {
    private NDArray logY;
    private NDArray t;
    private long n;

    @Override
    public NDArray forward(NDArray x, NDArray t) {
        Loss.checkShapes("softmax-cross-entropy", x, t);
        this.t = t;
        n = Loss.batchSize(x);
        logY = x.logSoftmax(-1); // the engine subtracts the row maximum
        return t.mul(logY).sum().muli(Scalars.of(-1.0 / n, x));
    }

    @Override
    public NDArray backward() {
        return logY.exp().subi(t).muli(Scalars.of(1.0 / n, logY));
    }

    @Override
    public NDArray predict(NDArray x) {
        return x.softmax(-1);
    }

    @Override
    public boolean takesDistributions() {
        return true;
    }

    @Override
    public String toString() {
        return "softmax-cross-entropy";
    }
}
