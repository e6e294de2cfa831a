package dev.descent.core;

import dev.descent.core.layer.SpecArgs;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * A config key that a user layer or loss declares ({@link SpecProvider#keys()}): its name, default, the values it may
 * take (as text for {@code --help}, and as a test) and what it does. Once the plugin is named in the config
 * ({@code model = affine:32, com.example.Scale, relu, affine:10}, {@code loss = com.example.Huber}) the key is accepted
 * from files and flags, listed by {@code --help} and recorded; the plugin reads its value with {@link #number}.
 */
public record KeySpec(String key, double fallback, String range, DoublePredicate valid, String help) {

    /**
     * This key's value for one spec item: its positional argument {@code index} ({@code com.example.Huber:0.5}; -1: none),
     * else the value given for the key, else the default. Both given is refused, as is a value outside the range.
     */
    public double number(String plugin, List<String> arguments, int index, Map<String, String> keys) {
        boolean positional = index >= 0 && index < arguments.size() && !arguments.get(index).isEmpty();
        String given = keys.get(key);
        if (positional && given != null) {
            throw new IllegalArgumentException(plugin + ": argument " + (index + 1) + " '" + arguments.get(index) + "' and " + key
                    + " = " + given + " both given; give one");
        }
        double value = positional ? SpecArgs.doubleArg(plugin, arguments, index, fallback) : given == null ? fallback : parse(plugin, given);
        if (!valid.test(value)) {
            throw new IllegalArgumentException(plugin + ": " + key + " = " + (positional ? arguments.get(index) : given) + " is outside " + range);
        }
        return value;
    }

    private double parse(String plugin, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(plugin + ": " + key + " = '" + text + "' is not a number");
        }
    }
}
