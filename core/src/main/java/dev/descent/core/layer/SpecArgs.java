package dev.descent.core.layer;

import dev.descent.core.Registry;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of one layer spec item ({@code "conv:30:5"} gives {@code ["30", "5"]}), read by
 * position with the layer's name in every error. Built-in and user layer factories share it.
 */
public final class SpecArgs {
    private SpecArgs() {}

    /** Creates the spec item {@code "name:a:b"} from {@code registry}: the name, then the arguments a, b (trimmed). */
    public static <T> T create(Registry<List<String>, T> registry, String item) {
        String[] parts = item.trim().split(":");
        return registry.create(parts[0].trim(), Arrays.stream(parts).skip(1).map(String::trim).toList());
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
