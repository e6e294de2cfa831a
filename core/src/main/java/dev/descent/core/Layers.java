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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer registry and the text spec: {@code "affine:100, relu, dropout:0.5, affine:10"}.
 * Each item is a name and colon-separated arguments. User layers are found through
 * {@link LayerProvider} services or by fully-qualified class name (see {@link Registry}); a provider may declare
 * config keys of its own ({@link SpecProvider#keys()}), which {@link #parse(String, Map)} passes to it.
 */
public final class Layers {

    /** A user-written layer factory, registered in {@code META-INF/services/dev.descent.core.Layers$LayerProvider}. */
    public interface LayerProvider extends SpecProvider<Layer> {}

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
        return parse(spec, Map.of());
    }

    /** The keys the spec's user layers declare, by item name (each name once, in spec order); none for built-ins. */
    public static Map<String, List<KeySpec>> keys(String spec) {
        Map<String, List<KeySpec>> keys = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            List<KeySpec> own = SpecArgs.keys(REGISTRY, item);
            if (!own.isEmpty()) {
                keys.putIfAbsent(item.trim().split(":")[0].trim(), own);
            }
        }
        return keys;
    }

    /** A comma-separated spec; each user layer with keys gets the values in {@code keys} of its own. */
    public static List<Layer> parse(String spec, Map<String, String> keys) {
        List<Layer> layers = new ArrayList<>();
        String[] items = spec.split(",");
        for (int i = 0; i < items.length; i++) {
            if (items[i].isBlank()) {
                throw new IllegalArgumentException("layer spec '" + spec + "': item " + (i + 1) + " is empty");
            }
            try {
                layers.add(SpecArgs.create(REGISTRY, items[i], keys));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer spec item " + (i + 1) + " '" + items[i].trim() + "': " + e.getMessage(), e);
            }
        }
        return layers;
    }
}
