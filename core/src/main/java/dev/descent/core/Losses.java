package dev.descent.core;

import dev.descent.core.layer.SpecArgs;
import dev.descent.core.loss.CrossEntropy;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.MseMean;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.List;
import java.util.Map;

/**
 * The loss registry: {@code softmax-cross-entropy} (on scores, softmax fused), {@code cross-entropy} (on
 * probabilities: the model ends in {@code softmax}), {@code mse} (the seeds' ½·Σ per sample, batch mean) and
 * {@code mse-mean} (seed 003's (1/N)·Σ‖t − y‖²). A name takes colon-separated arguments as a layer spec item
 * does ({@code name:a:b}). User losses are found through {@link LossProvider} services or by fully-qualified
 * class name (see {@link Registry}): a {@link Loss} with a public constructor taking {@code List<String>} or none, or a
 * provider, which may declare config keys of its own ({@link SpecProvider#keys()}, e.g. a Huber loss's {@code huber-delta}).
 */
public final class Losses {
    public static final String DEFAULT = "softmax-cross-entropy";

    /** A user-written loss factory, registered in {@code META-INF/services/dev.descent.core.Losses$LossProvider}. */
    public interface LossProvider extends SpecProvider<Loss> {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Registry<List<String>, Loss> REGISTRY =
            new Registry<>("loss", Loss.class, (Class<List<String>>) (Class) List.class, LossProvider.class)
                    .register(DEFAULT, a -> SpecArgs.noArgs(DEFAULT, a, new SoftmaxCrossEntropy()))
                    .register("cross-entropy", a -> SpecArgs.noArgs("cross-entropy", a, new CrossEntropy()))
                    .register("mse", a -> SpecArgs.noArgs("mse", a, new MeanSquaredError()))
                    .register("mse-mean", a -> SpecArgs.noArgs("mse-mean", a, new MseMean()));

    private Losses() {}

    public static Registry<List<String>, Loss> registry() {
        return REGISTRY;
    }

    /** Built-in names, then those of providers. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    /** A loss by name with optional arguments, e.g. {@code "mse"} or {@code "com.example.Huber:1.5"}. */
    public static Loss create(String item) {
        return SpecArgs.create(REGISTRY, item);
    }

    /** A loss by name and arguments; a user loss with keys gets the values in {@code keys} of its own. */
    public static Loss create(String item, Map<String, String> keys) {
        return SpecArgs.create(REGISTRY, item, keys);
    }

    /** The keys the loss {@code item} declares; none for built-ins. */
    public static List<KeySpec> keys(String item) {
        return SpecArgs.keys(REGISTRY, item);
    }
}
