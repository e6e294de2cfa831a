package com.example;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Hyperparameters;
import java.util.List;
import java.util.Map;

/** signSGD: w ← w − η·sign(∇L). */
public final class SignSgd extends AbstractOptimizer {

    public SignSgd(Map<String, String> hyperparameters) {
        super("signsgd", List.of(Hyperparameters.LEARNING_RATE.withDefault(0.001)), hyperparameters);
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        p.value().subi(g.sign().muli(hyper("learning-rate")));
    }
}
