package dev.descent.optim;

import dev.descent.core.Registry;
import dev.descent.optim.GradientDescent.Sampling;
import java.util.List;
import java.util.Map;

/**
 * The optimizer registry: a name plus config-key hyperparameters (DESIGN.md §5) to an optimizer.
 * Besides the nine first-order built-ins and seed 003's five closure optimizers ({@link ClosureOptimizer}: newton,
 * bfgs, lbfgs, cg, lm), a name resolves to a user's {@link OptimizerProvider} registered in
 * {@code META-INF/services/dev.descent.optim.Optimizers$OptimizerProvider}, or to a fully-qualified
 * class name: of a provider, or of an {@link Optimizer} with a public constructor taking
 * {@code Map<String, String>} (or none).
 */
public final class Optimizers {

    /** A user-written optimizer factory, found through {@link java.util.ServiceLoader}. */
    public interface OptimizerProvider extends Registry.Provider<Map<String, String>, Optimizer> {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Registry<Map<String, String>, Optimizer> REGISTRY =
            new Registry<>("optimizer", Optimizer.class, (Class<Map<String, String>>) (Class) Map.class, OptimizerProvider.class)
                    .register("gd", h -> new GradientDescent(Sampling.FULL, h))
                    .register("sgd", h -> new GradientDescent(Sampling.ONE, h))
                    .register("minibatch", h -> new GradientDescent(Sampling.BATCH, h))
                    .register("momentum", Momentum::new)
                    .register("nesterov", Nesterov::new)
                    .register("adagrad", AdaGrad::new)
                    .register("rmsprop", RmsProp::new)
                    .register("adam", Adam::new)
                    .register("adamw", AdamW::new)
                    .register("newton", Newton::new)
                    .register("bfgs", Bfgs::new)
                    .register("lbfgs", Lbfgs::new)
                    .register("cg", ConjugateGradient::new)
                    .register("lm", LevenbergMarquardt::new);

    private Optimizers() {}

    /**
     * The optimizer called {@code name} with {@code hyperparameters} (config keys to values; absent
     * keys take the defaults). An unknown name, or a key that optimizer does not take, is an
     * {@link IllegalArgumentException} listing the valid ones.
     */
    public static Optimizer create(String name, Map<String, String> hyperparameters) {
        return REGISTRY.create(name.trim(), hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters));
    }

    /** The fourteen built-ins first (the nine first-order ones, then the closure optimizers), then those found through ServiceLoader. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    public static Registry<Map<String, String>, Optimizer> registry() {
        return REGISTRY;
    }
}
