package dev.descent.core.init;

import java.util.Locale;
import java.util.function.LongToDoubleFunction;

/**
 * How initial weights are drawn: normal with mean 0 and a standard deviation chosen from the
 * fan-in (the number of inputs feeding one output). Biases always start at zero.
 *
 * <ul>
 *   <li>{@code std:σ}: fixed σ (the book's default {@code std:0.01});</li>
 *   <li>{@code xavier}: σ = √(1/fan_in) (Glorot, as "Deep Learning from Scratch" writes it; suits sigmoid, tanh);</li>
 *   <li>{@code he}: σ = √(2/fan_in) (suits ReLU).</li>
 * </ul>
 */
public interface WeightInit {

    /** Standard deviation of the initial weights for a layer with this fan-in. */
    double std(long fanIn);

    /** The spec this initializer was parsed from, e.g. {@code "he"}. */
    String spec();

    WeightInit HE = of("he", fanIn -> Math.sqrt(2.0 / fanIn));
    WeightInit XAVIER = of("xavier", fanIn -> Math.sqrt(1.0 / fanIn));

    static WeightInit std(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("weight-init std must be a finite number >= 0, got " + sigma);
        }
        return of("std:" + sigma, fanIn -> sigma);
    }

    /** Parses {@code std:<value>}, {@code xavier} or {@code he} (case-insensitive). */
    static WeightInit parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("he")) {
            return HE;
        }
        if (s.equals("xavier")) {
            return XAVIER;
        }
        if (s.startsWith("std:")) {
            try {
                return std(Double.parseDouble(s.substring(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight-init '" + spec + "': '" + s.substring(4) + "' is not a number");
            }
        }
        throw new IllegalArgumentException("unknown weight-init '" + spec + "'; valid: std:<value> (e.g. std:0.01), xavier, he");
    }

    private static WeightInit of(String spec, LongToDoubleFunction std) {
        return new WeightInit() {
            @Override
            public double std(long fanIn) {
                return std.applyAsDouble(fanIn);
            }

            @Override
            public String spec() {
                return spec;
            }

            @Override
            public String toString() {
                return spec;
            }
        };
    }
}
