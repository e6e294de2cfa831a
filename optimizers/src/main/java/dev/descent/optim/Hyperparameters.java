package dev.descent.optim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One optimizer's hyperparameters by config key: immutable, every value checked against its range
 * when made, so a bad value fails before training starts with a message naming the optimizer, the
 * key, the value and the valid range (e.g. {@code adam: beta1 = 1.5 is outside [0, 1)}).
 */
public final class Hyperparameters {

    /** Where a value may lie. NaN lies nowhere. */
    public enum Range {
        POSITIVE("(0, ∞)"),
        NON_NEGATIVE("[0, ∞)"),
        FRACTION("[0, 1)"),
        OPEN_FRACTION("(0, 1)"),
        /** A whole number of things: history pairs, iterations per step. */
        COUNT("{1, 2, 3, ...}");

        private final String text;

        Range(String text) {
            this.text = text;
        }

        public boolean contains(double v) {
            return switch (this) {
                case POSITIVE -> v > 0 && v < Double.POSITIVE_INFINITY;
                case NON_NEGATIVE -> v >= 0 && v < Double.POSITIVE_INFINITY;
                case FRACTION -> v >= 0 && v < 1;
                case OPEN_FRACTION -> v > 0 && v < 1;
                case COUNT -> v >= 1 && v <= Integer.MAX_VALUE && v == Math.rint(v);
            };
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A key an optimizer takes, its default, and its range. */
    public record Spec(String key, double fallback, Range range) {
        public Spec withDefault(double value) {
            return new Spec(key, value, range);
        }
    }

    public static final Spec LEARNING_RATE = new Spec("learning-rate", 0.01, Range.POSITIVE);
    public static final Spec MOMENTUM = new Spec("momentum", 0.9, Range.FRACTION);
    public static final Spec BETA1 = new Spec("beta1", 0.9, Range.FRACTION);
    public static final Spec BETA2 = new Spec("beta2", 0.999, Range.FRACTION);
    public static final Spec EPSILON = new Spec("epsilon", 1e-8, Range.NON_NEGATIVE);
    public static final Spec DECAY_RATE = new Spec("decay-rate", 0.99, Range.FRACTION);
    /** L2 penalty λ: g ← g + λ·w (decoupled in AdamW). 0 = off. */
    public static final Spec WEIGHT_DECAY = new Spec("weight-decay", 0, Range.NON_NEGATIVE);
    /** Largest global L2 norm of all gradients together; larger ones are scaled down to it. 0 = off. */
    public static final Spec CLIP_NORM = new Spec("clip-norm", 0, Range.NON_NEGATIVE);

    private final String optimizer;
    private final Map<String, Double> values;
    private final List<Spec> specs;

    private Hyperparameters(String optimizer, Map<String, Double> values, List<Spec> specs) {
        this.optimizer = optimizer;
        this.values = Collections.unmodifiableMap(values);
        this.specs = List.copyOf(specs);
    }

    /**
     * The values in {@code given} (config strings), defaults for the rest. An unknown key, a
     * non-number or a value outside its range is an {@link IllegalArgumentException}.
     */
    public static Hyperparameters parse(String optimizer, List<Spec> specs, Map<String, String> given) {
        Map<String, Spec> byKey = new LinkedHashMap<>();
        specs.forEach(s -> byKey.put(s.key(), s));
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                throw new IllegalArgumentException(optimizer + ": unknown hyperparameter '" + key + "'; valid: "
                        + String.join(", ", byKey.keySet()));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Spec spec : byKey.values()) {
            String text = given.get(spec.key());
            double value = text == null ? spec.fallback() : number(optimizer, spec.key(), text);
            if (!spec.range().contains(value)) {
                throw new IllegalArgumentException(optimizer + ": " + spec.key() + " = " + format(value)
                        + " is outside " + spec.range());
            }
            values.put(spec.key(), value);
        }
        return new Hyperparameters(optimizer, values, List.copyOf(byKey.values()));
    }

    /** The value of {@code key}; asking for a key this optimizer does not take is a programming error. */
    public double get(String key) {
        Double value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(optimizer + " has no hyperparameter '" + key + "'");
        }
        return value;
    }

    public List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    /** The keys with their defaults and ranges, in the optimizer's order: what {@code --help} lists. */
    public List<Spec> specs() {
        return specs;
    }

    /** Every value as a config string, in the optimizer's key order. */
    public Map<String, String> asStrings() {
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> format(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    @Override
    public String toString() {
        return asStrings().toString();
    }

    private static double number(String optimizer, String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(optimizer + ": " + key + " = '" + text + "' is not a number");
        }
    }

    /** Plain decimal text that parses back to the same double (0.001, not 1.0E-3). */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
