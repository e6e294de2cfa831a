package com.example;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;
import dev.descent.core.layer.SpecArgs;
import java.util.List;

/**
 * A user loss, named in a config by its class name with its δ ({@code loss = com.example.Huber:0.5}):
 * <pre>
 *   L = (1/N) · Σ h(y − t),  h(r) = ½r² for |r| ≤ δ, else δ·(|r| − ½δ)
 *   dL/dy = clip(y − t, −δ, δ) / N
 * </pre>
 */
public final class Huber implements Loss {
    private final double delta;
    private NDArray r;
    private long n;

    public Huber(List<String> arguments) {
        delta = SpecArgs.doubleArg("Huber", arguments, 0, 1);
    }

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("Huber", y, t);
        n = Loss.batchSize(y);
        r = y.sub(t);
        NDArray small = r.abs().minimum(delta); // min(|r|, δ): h = ½·small² + δ·(|r| − small)
        return small.square().muli(0.5).addi(r.abs().subi(small).muli(delta)).sum().muli(1.0 / n);
    }

    @Override
    public NDArray backward() {
        return r.clip(-delta, delta).muli(1.0 / n);
    }
}
