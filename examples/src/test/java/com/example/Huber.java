package com.example;

import ai.djl.ndarray.NDArray;
import dev.descent.core.KeySpec;
import dev.descent.core.Loss;
import dev.descent.core.Losses;
import java.util.List;
import java.util.Map;

/**
 * A user loss with a key of its own, huber-delta = δ ({@code loss = com.example.Huber} and {@code huber-delta = 0.5},
 * or {@code loss = com.example.Huber:0.5}):
 * <pre>
 *   L = (1/N) · Σ h(y − t),  h(r) = ½r² for |r| ≤ δ, else δ·(|r| − ½δ)
 *   dL/dy = clip(y − t, −δ, δ) / N
 * </pre>
 */
public final class Huber implements Losses.LossProvider {
    public static final KeySpec DELTA = new KeySpec("huber-delta", 1, "(0, ∞)", d -> d > 0 && d < Double.POSITIVE_INFINITY,
            "where the loss turns from square to linear");

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public List<KeySpec> keys() {
        return List.of(DELTA);
    }

    @Override
    public Loss create(List<String> arguments) {
        return create(arguments, Map.of());
    }

    @Override
    public Loss create(List<String> arguments, Map<String, String> keys) {
        double delta = DELTA.number(name(), arguments, 0, keys);
        return new Loss() {
            private NDArray r;
            private long n;

            @Override
            public NDArray forward(NDArray y, NDArray t) {
                Loss.checkShapes("huber", y, t);
                n = Loss.batchSize(y);
                r = y.sub(t);
                NDArray small = r.abs().minimum(delta); // min(|r|, δ): h = ½·small² + δ·(|r| − small)
                return small.square().muli(0.5).addi(r.abs().subi(small).muli(delta)).sum().muli(1.0 / n);
            }

            @Override
            public NDArray backward() {
                return r.clip(-delta, delta).muli(1.0 / n);
            }

            @Override
            public String toString() {
                return "huber:" + delta;
            }
        };
    }
}
