package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.DECAY_RATE;
import static dev.descent.optim.Hyperparameters.EPSILON;
import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.core.Scalars;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Tieleman & Hinton, 2012): AdaGrad with an exponentially decaying sum, so old
 * gradients are forgotten and the step does not shrink to nothing.
 * <pre>
 *   h ← ρ·h + (1 − ρ)·∇L²
 *   w ← w − η·∇L/(√h + ε)
 * </pre>
 * Defaults η = 0.01, ρ = 0.99 ({@code decay-rate}), ε = 1e-7 (the book's).
 */
public final class RmsProp extends AbstractOptimizer {

    public RmsProp(Map<String, String> hyperparameters) {
        super("rmsprop", List.of(LEARNING_RATE.withDefault(0.01), DECAY_RATE.withDefault(0.99), EPSILON.withDefault(1e-7)),
                hyperparameters, "h");
    }

    public RmsProp() {
        this(Map.of());
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double rho = hyper("decay-rate");
        NDArray h = slot(p, "h");
        h.muli(Scalars.of(rho, h)).addi(g.square().muli(Scalars.of(1 - rho, g)));
        p.value().subi(g.mul(scalar(learningRate(), g)).divi(h.sqrt().addi(Scalars.of(hyper("epsilon"), h))));
    }
}
