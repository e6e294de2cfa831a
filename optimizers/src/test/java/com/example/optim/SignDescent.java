package com.example.optim;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import dev.descent.optim.AbstractOptimizer;
import dev.descent.optim.Hyperparameters;
import java.util.List;
import java.util.Map;

/** A user's optimizer outside Descent's package: signSGD, w ← w − η·sign(∇L). */
public final class SignDescent extends AbstractOptimizer {

    public SignDescent(Map<String, String> hyperparameters) {
        super("signsgd", List.of(Hyperparameters.LEARNING_RATE.withDefault(0.001)), hyperparameters);
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        p.value().subi(g.sign().muli(hyper("learning-rate")));
    }
}
