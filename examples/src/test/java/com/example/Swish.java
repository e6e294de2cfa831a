package com.example;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;

/** Swish: y = x·σ(x);  dL/dx = dL/dy · (y + σ(x)·(1 − y)). */
public final class Swish implements Layer {
    private NDArray sigmoid;
    private NDArray y;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        sigmoid = x.neg().exp().addi(1).powi(-1);
        y = x.mul(sigmoid);
        return y;
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(y.add(sigmoid.mul(y.neg().addi(1))));
    }
}
