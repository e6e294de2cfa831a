package com.example;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Hyperparameters.Range;
import dev.descent.optim.Hyperparameters.Spec;
import java.util.List;
import java.util.Map;

/**
 * Lion (Chen et al., 2023), a user's optimizer with a key of its own, {@code interp}: the update is the
 * sign of an interpolation between the momentum and the gradient.
 * <pre>
 *   w ← w − η·sign(interp·m + (1 − interp)·∇L)
 *   m ← β2·m + (1 − β2)·∇L
 * </pre>
 */
public final class Lion extends AbstractOptimizer {
    public static final Spec INTERP = new Spec("interp", 0.9, Range.FRACTION);

    public Lion(Map<String, String> hyperparameters) {
        super("lion", List.of(Hyperparameters.LEARNING_RATE.withDefault(1e-4), INTERP, Hyperparameters.BETA2.withDefault(0.99)),
                hyperparameters, "m");
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double interp = hyper("interp");
        double beta2 = hyper("beta2");
        NDArray m = slot(p, "m");
        p.value().subi(m.mul(interp).add(g.mul(1 - interp)).sign().mul(learningRate()));
        m.muli(beta2).addi(g.mul(1 - beta2));
    }
}
