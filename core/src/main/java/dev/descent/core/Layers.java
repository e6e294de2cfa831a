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
import dev.descent.core.layer.Tanh;
import java.util.ArrayList;
import java.util.Arrays;
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
                    .register("affine", a -> new Affine(intArg("affine", a, 0, null)))
                    .register("relu", a -> noArgs("relu", a, new ReLU()))
                    .register("sigmoid", a -> noArgs("sigmoid", a, new Sigmoid()))
                    .register("tanh", a -> noArgs("tanh", a, new Tanh()))
                    .register("leakyrelu", a -> new LeakyReLU(doubleArg("leakyrelu", a, 0, 0.01)))
                    .register("identity", a -> noArgs("identity", a, new Identity()))
                    .register("dropout", a -> new Dropout(doubleArg("dropout", a, 0, 0.5)))
                    .register("batchnorm", a -> new BatchNorm(doubleArg("batchnorm", a, 0, 0.9), doubleArg("batchnorm", a, 1, 1e-7)))
                    .register("flatten", a -> noArgs("flatten", a, new Flatten()))
                    .register("conv", Convolution::fromSpec)
                    .register("maxpool", MaxPooling::fromSpec)
                    .register("avgpool", AveragePooling::fromSpec);

    private Layers() {}

    public static Registry<List<String>, Layer> registry() {
        return REGISTRY;
    }

    /** One spec item, e.g. {@code "affine:100"}. */
    public static Layer create(String item) {
        String[] parts = item.trim().split(":");
        String name = parts[0].trim();
        List<String> args = new ArrayList<>();
        Arrays.stream(parts).skip(1).map(String::trim).forEach(args::add);
        return REGISTRY.create(name, args);
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

    /** The argument at {@code index} as an int, or {@code fallback} when absent (null: required). */
    public static int intArg(String layer, List<String> args, int index, Integer fallback) {
        if (index >= args.size() || args.get(index).isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException(layer + " needs argument " + (index + 1) + " (an integer), e.g. " + layer + ":100");
            }
            return fallback;
        }
        try {
            return Integer.parseInt(args.get(index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(layer + ": argument " + (index + 1) + " '" + args.get(index) + "' is not an integer");
        }
    }

    public static double doubleArg(String layer, List<String> args, int index, double fallback) {
        if (index >= args.size() || args.get(index).isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(args.get(index));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(layer + ": argument " + (index + 1) + " '" + args.get(index) + "' is not a number");
        }
    }

    private static Layer noArgs(String layer, List<String> args, Layer created) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException(layer + " takes no arguments, got " + String.join(":", args));
        }
        return created;
    }
}
