package com.example.userproject;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Hyperparameters.Range;
import dev.descent.optim.Hyperparameters.Spec;
import java.util.List;
import java.util.Map;

/**
 * Adadelta (Zeiler, 2012) in PyTorch's form, a user optimizer with a key of its own, {@code rho}:
 * <pre>
 *   s ← ρ·s + (1 − ρ)·∇L²
 *   Δ = √(d + ε)/√(s + ε)·∇L
 *   d ← ρ·d + (1 − ρ)·Δ²
 *   w ← w − η·Δ
 * </pre>
 * The temporaries need no closing: the base class frees what a step makes when it returns.
 */
public final class Adadelta extends AbstractOptimizer {
    public static final Spec RHO = new Spec("rho", 0.9, Range.FRACTION);

    public Adadelta(Map<String, String> hyperparameters) {
        super("adadelta", List.of(Hyperparameters.LEARNING_RATE.withDefault(1.0), RHO, Hyperparameters.EPSILON.withDefault(1e-6)),
                hyperparameters, "s", "d");
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        double rho = hyper("rho");
        NDArray s = slot(p, "s").muli(rho).addi(g.square().mul(1 - rho));
        NDArray d = slot(p, "d");
        NDArray delta = d.add(hyper("epsilon")).sqrt().div(s.add(hyper("epsilon")).sqrt()).mul(g);
        d.muli(rho).addi(delta.square().mul(1 - rho));
        p.value().subi(delta.mul(learningRate()));
    }
}
