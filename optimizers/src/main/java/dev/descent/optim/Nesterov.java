package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;
import static dev.descent.optim.Hyperparameters.MOMENTUM;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (2013), which needs the gradient
 * at w only (not at the look-ahead point):
 * <pre>
 *   v ← μ·v − η·∇L
 *   w ← w + μ·v − η·∇L
 * </pre>
 * It equals PyTorch's {@code SGD(nesterov=True)} and DJL's {@code Nag} (b ← μ·b + g; w ← w − η·(g + μ·b),
 * with v = −η·b) while η is fixed; under a schedule η weighs only the new gradient, as in {@link Momentum}.
 * Defaults η = 0.01, μ = 0.9.
 */
public final class Nesterov extends AbstractOptimizer {

    public Nesterov(Map<String, String> hyperparameters) {
        super("nesterov", List.of(LEARNING_RATE.withDefault(0.01), MOMENTUM.withDefault(0.9)), hyperparameters, "v");
    }

    public Nesterov() {
        this(Map.of());
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double mu = hyper("momentum");
        NDArray v = slot(p, "v");
        NDArray step = g.mul(scalar(-learningRate(), g));
        v.muli(scalar(mu, v)).addi(step);
        p.value().addi(step.addi(v.mul(scalar(mu, v))));
    }
}
