package dev.descent.core.layer;

import dev.descent.core.KeySpec;
import dev.descent.core.Registry;
import dev.descent.core.SpecProvider;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one layer spec item ({@code "conv:30:5"} gives {@code ["30", "5"]}), read by
 * position with the layer's name in every error. Built-in and user layer factories share it.
 */
public final class SpecArgs {
    private SpecArgs() {}

    /** Creates the spec item {@code "name:a:b"} from {@code registry}: the name, then the arguments a, b (trimmed). */
    public static <T> T create(Registry<List<String>, T> registry, String item) {
        return create(registry, item, Map.of());
    }

    /**
     * Creates the spec item {@code "name:a:b"}; a {@link SpecProvider} with keys also gets the values in {@code keys}
     * of its own keys (the others are ignored: they belong to other plugins).
     */
    public static <T> T create(Registry<List<String>, T> registry, String item, Map<String, String> keys) {
        String[] parts = item.trim().split(":");
        String name = parts[0].trim();
        List<String> arguments = Arrays.stream(parts).skip(1).map(String::trim).toList();
        SpecProvider<T> provider = keyed(registry, name);
        if (provider == null) {
            return registry.create(name, arguments);
        }
        Map<String, String> own = new LinkedHashMap<>();
        provider.keys().forEach(k -> {
            if (keys.containsKey(k.key())) {
                own.put(k.key(), keys.get(k.key()));
            }
        });
        return provider.create(arguments, own);
    }

    /** The keys that the spec item's provider declares; none for a built-in or an item without a provider. */
    public static <T> List<KeySpec> keys(Registry<List<String>, T> registry, String item) {
        SpecProvider<T> provider = keyed(registry, item.trim().split(":")[0].trim());
        return provider == null ? List.of() : provider.keys();
    }

    @SuppressWarnings("unchecked")
    private static <T> SpecProvider<T> keyed(Registry<List<String>, T> registry, String name) {
        return registry.provider(name).filter(p -> p instanceof SpecProvider<?> s && !s.keys().isEmpty())
                .map(p -> (SpecProvider<T>) p).orElse(null);
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

    /** The argument at {@code index} as a double, or {@code fallback} when absent. */
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

    /** {@code created}, after checking that the item had no arguments. */
    public static <T> T noArgs(String layer, List<String> args, T created) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException(layer + " takes no arguments, got " + String.join(":", args));
        }
        return created;
    }
}
