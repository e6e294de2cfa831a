package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;
import static dev.descent.optim.Hyperparameters.MOMENTUM;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Momentum SGD, the book's form (v is a velocity, zero at first):
 * <pre>
 *   v ← μ·v − η·∇L
 *   w ← w + v
 * </pre>
 * Defaults η = 0.01, μ = 0.9. (PyTorch keeps b = −v/η and DJL b = −v instead; with a fixed η it is the same walk.
 * Under a schedule η weighs only the new gradient here, while PyTorch's w ← w − η·b rescales the whole velocity.)
 */
public final class Momentum extends AbstractOptimizer {

    public Momentum(Map<String, String> hyperparameters) {
        super("momentum", List.of(LEARNING_RATE.withDefault(0.01), MOMENTUM.withDefault(0.9)), hyperparameters, "v");
    }

    public Momentum() {
        this(Map.of());
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        NDArray v = slot(p, "v");
        v.muli(scalar(hyper("momentum"), v)).subi(g.mul(scalar(learningRate(), g)));
        p.value().addi(v);
    }
}
