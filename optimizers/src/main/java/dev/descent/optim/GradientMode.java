package dev.descent.optim;

import java.util.Arrays;
import java.util.Locale;

/**
 * How {@code minimize} computes ∇f: by reverse-mode automatic differentiation (one sweep; the default), by forward
 * mode (one pass per coordinate), by central differences (h = 1e-4, the seeds' way), or by the hand-written formula
 * of a named function.
 */
public enum GradientMode {
    REVERSE, FORWARD, NUMERICAL, ANALYTIC;

    public static final GradientMode DEFAULT = REVERSE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code reverse}, {@code forward}, {@code numerical} or {@code analytic}; anything else is an error listing them. */
    public static GradientMode parse(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("gradient = '" + key + "' is not valid; valid: "
                        + String.join(", ", Arrays.stream(values()).map(GradientMode::key).toList())));
    }
}
