package dev.descent.core;

import dev.descent.core.layer.Affine;
import dev.descent.core.layer.AveragePooling;
import dev.descent.core.layer.BatchNorm;
import dev.descent.core.layer.Convolution;
import dev.descent.core.layer.Dropout;
import dev.descent.core.layer.Flatten;
import dev.descent.core.layer.Identity;
import dev.descent.core.layer.LeakyReLU;
import dev.descent.core.layer.MaxPooling;
import dev.descent.core.layer.ReLU;
import dev.descent.core.layer.Sigmoid;
import dev.descent.core.layer.Softmax;
import dev.descent.core.layer.SpecArgs;
import dev.descent.core.layer.Standardize;
import dev.descent.core.layer.Step;
import dev.descent.core.layer.Tanh;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer registry and the text spec: {@code "affine:100, relu, dropout:0.5, affine:10"}.
 * Each item is a name and colon-separated arguments. User layers are found through
 * {@link LayerProvider} services or by fully-qualified class name (see {@link Registry}).
 */
public final class Layers {

    /** A user-written layer factory, registered in {@code META-INF/services/dev.descent.core.Layers$LayerProvider}. */
    public interface LayerProvider extends Registry.Provider<List<String>, Layer> {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Registry<List<String>, Layer> REGISTRY =
            new Registry<>("layer", Layer.class, (Class<List<String>>) (Class) List.class, LayerProvider.class)
                    .register("affine", a -> new Affine(SpecArgs.intArg("affine", a, 0, null)))
                    .register("relu", a -> SpecArgs.noArgs("relu", a, new ReLU()))
                    .register("sigmoid", a -> SpecArgs.noArgs("sigmoid", a, new Sigmoid()))
                    .register("tanh", a -> SpecArgs.noArgs("tanh", a, new Tanh()))
                    .register("leakyrelu", a -> new LeakyReLU(SpecArgs.doubleArg("leakyrelu", a, 0, 0.01)))
                    .register("identity", a -> SpecArgs.noArgs("identity", a, new Identity()))
                    .register("dropout", a -> new Dropout(SpecArgs.doubleArg("dropout", a, 0, 0.5)))
                    .register("batchnorm", a -> new BatchNorm(SpecArgs.doubleArg("batchnorm", a, 0, 0.9), SpecArgs.doubleArg("batchnorm", a, 1, 1e-7)))
                    .register("flatten", a -> SpecArgs.noArgs("flatten", a, new Flatten()))
                    .register("conv", Convolution::fromSpec)
                    .register("maxpool", MaxPooling::fromSpec)
                    .register("avgpool", AveragePooling::fromSpec)
                    .register("step", a -> SpecArgs.noArgs("step", a, new Step()))
                    .register("standardize", a -> new Standardize(SpecArgs.doubleArg("standardize", a, 0, 0.1307),
                            SpecArgs.doubleArg("standardize", a, 1, 0.3081)))
                    .register("softmax", a -> SpecArgs.noArgs("softmax", a, new Softmax()));

    private Layers() {}

    public static Registry<List<String>, Layer> registry() {
        return REGISTRY;
    }

    /** One spec item, e.g. {@code "affine:100"}. */
    public static Layer create(String item) {
        return SpecArgs.create(REGISTRY, item);
    }

    /** A comma-separated spec. */
    public static List<Layer> parse(String spec) {
        List<Layer> layers = new ArrayList<>();
        String[] items = spec.split(",");
        for (int i = 0; i < items.length; i++) {
            if (items[i].isBlank()) {
                throw new IllegalArgumentException("layer spec '" + spec + "': item " + (i + 1) + " is empty");
            }
            try {
                layers.add(create(items[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer spec item " + (i + 1) + " '" + items[i].trim() + "': " + e.getMessage(), e);
            }
        }
        return layers;
    }
}
