package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.EPSILON;
import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.core.Scalars;
import java.util.List;
import java.util.Map;

/**
 * AdaGrad (Duchi et al., 2011): each element's step shrinks with the sum of its squared gradients.
 * <pre>
 *   h ← h + ∇L²
 *   w ← w − η·∇L/(√h + ε)
 * </pre>
 * Defaults η = 0.01, ε = 1e-7 (the book's).
 */
public final class AdaGrad extends AbstractOptimizer {

    public AdaGrad(Map<String, String> hyperparameters) {
        super("adagrad", List.of(LEARNING_RATE.withDefault(0.01), EPSILON.withDefault(1e-7)), hyperparameters, "h");
    }

    public AdaGrad() {
        this(Map.of());
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        NDArray h = slot(p, "h");
        h.addi(g.square());
        p.value().subi(g.mul(scalar(learningRate(), g)).divi(h.sqrt().addi(Scalars.of(hyper("epsilon"), h))));
    }
}
