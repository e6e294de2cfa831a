package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.BETA1;
import static dev.descent.optim.Hyperparameters.BETA2;
import static dev.descent.optim.Hyperparameters.EPSILON;
import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.core.Scalars;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma & Ba, 2015) with bias-corrected moments, ε outside the square root (the PyTorch form):
 * <pre>
 *   m ← β1·m + (1 − β1)·∇L
 *   v ← β2·v + (1 − β2)·∇L²
 *   m̂ = m/(1 − β1ᵗ),  v̂ = v/(1 − β2ᵗ)
 *   w ← w − η·m̂/(√v̂ + ε)
 * </pre>
 * Defaults η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8. The book and DJL fold the correction into
 * the rate, η·√(1 − β2ᵗ)/(1 − β1ᵗ)·m/(√v + ε), which is this rule with ε scaled by √(1 − β2ᵗ).
 */
public class Adam extends AbstractOptimizer {

    public Adam(Map<String, String> hyperparameters) {
        this("adam", 0, hyperparameters);
    }

    public Adam() {
        this(Map.of());
    }

    /** For {@link AdamW}: the same moments under another name, with weight-decay defaulting to {@code decay}. */
    Adam(String name, double decay, Map<String, String> hyperparameters) {
        super(name, List.of(LEARNING_RATE.withDefault(0.001), BETA1.withDefault(0.9), BETA2.withDefault(0.999),
                EPSILON.withDefault(1e-8), Hyperparameters.WEIGHT_DECAY.withDefault(decay)), hyperparameters, "m", "v");
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double beta1 = hyper("beta1");
        double beta2 = hyper("beta2");
        NDArray m = slot(p, "m");
        NDArray v = slot(p, "v");
        m.muli(scalar(beta1, m)).addi(g.mul(scalar(1 - beta1, g)));
        v.muli(Scalars.of(beta2, v)).addi(g.square().muli(Scalars.of(1 - beta2, g)));
        // m̂/(√v̂ + ε) = (m/(1 − β1ᵗ)) / (√v/√(1 − β2ᵗ) + ε): the corrections as two scalars, not two more arrays.
        NDArray root = v.sqrt();
        p.value().subi(m.mul(learningRate() / (1 - Math.pow(beta1, t)))
                .divi(root.muli(1 / Math.sqrt(1 - Math.pow(beta2, t))).addi(Scalars.of(hyper("epsilon"), root))));
    }
}
