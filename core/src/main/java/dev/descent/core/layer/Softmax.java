package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/**
 * Softmax over the last axis, as a layer: what a model ends in when its loss takes probabilities
 * ({@code loss = cross-entropy}). With {@code softmax-cross-entropy} the loss applies it itself, fused.
 *
 * <pre>
 *   forward:  yₖ = exp(xₖ − maxⱼ xⱼ) / Σⱼ exp(xⱼ − maxⱼ xⱼ)
 *   backward: dL/dxₖ = yₖ · (dL/dyₖ − Σⱼ dL/dyⱼ · yⱼ)        (the Jacobian diag(y) − y·yᵀ applied to dL/dy)
 * </pre>
 */
public final class Softmax implements Layer {
    private NDArray y;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        y = x.softmax(-1);
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.sub(dout.mul(y).sum(new int[] {-1}, true)).muli(y);
    }

    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public String toString() {
        return "softmax";
    }
}
