package com.example.optim;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.util.Map;

/** Registers {@link SignDescent} under the name {@code signsgd} through ServiceLoader. */
public final class SignDescentProvider implements Optimizers.OptimizerProvider {
    @Override
    public String name() {
        return "signsgd";
    }

    @Override
    public Optimizer create(Map<String, String> hyperparameters) {
        return new SignDescent(hyperparameters);
    }
}
