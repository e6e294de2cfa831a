package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import java.util.Map;

/**
 * AdamW (Loshchilov & Hutter, 2019): Adam with the weight decay decoupled from the gradient, so
 * it shrinks every weight by the same factor instead of being rescaled by 1/(√v̂ + ε):
 * <pre>
 *   w ← w − η·λ·w
 *   then Adam's step on ∇L (m, v, m̂, v̂ as in {@link Adam})
 * </pre>
 * λ is {@code weight-decay}, default 0.01 (PyTorch's and DJL's); the decay is scaled by η, the PyTorch
 * and DJL convention (the paper's schedule multiplier is 1). Other defaults as Adam.
 */
public final class AdamW extends Adam {

    public AdamW(Map<String, String> hyperparameters) {
        super("adamw", 0.01, hyperparameters);
    }

    public AdamW() {
        this(Map.of());
    }

    @Override
    protected boolean decayThroughGradient() {
        return false;
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        p.value().muli(1 - learningRate() * hyper("weight-decay"));
        super.update(p, g, t);
    }
}
