package com.example;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.descent.core.Parameter;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Hyperparameters;
import java.util.List;
import java.util.Map;

/**
 * Adamax (Kingma & Ba, 2015, §7.1) written the obvious way, as a user would: temporaries made from
 * the optimizer's state ({@code u.mul(beta2)}, {@code u.add(epsilon)}), none closed.
 * <pre>
 *   m ← β1·m + (1 − β1)·∇L
 *   u ← max(β2·u, |∇L|)
 *   w ← w − η/(1 − β1ᵗ) · m/(u + ε)
 * </pre>
 */
public final class NaiveAdamax extends AbstractOptimizer {

    public NaiveAdamax(Map<String, String> hyperparameters) {
        super("adamax", List.of(Hyperparameters.LEARNING_RATE.withDefault(0.002), Hyperparameters.BETA1,
                Hyperparameters.BETA2, Hyperparameters.EPSILON), hyperparameters, "m", "u");
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double beta1 = hyper("beta1");
        NDArray m = slot(p, "m");
        NDArray u = slot(p, "u");
        m.muli(beta1).addi(g.mul(1 - beta1));
        u.set(new NDIndex("..."), u.mul(hyper("beta2")).maximum(g.abs()));
        p.value().subi(m.mul(learningRate() / (1 - Math.pow(beta1, t))).div(u.add(hyper("epsilon"))));
    }
}
