package dev.descent.optim.schedule;

import dev.descent.optim.Hyperparameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Cuts the learning rate when a metric stops improving: PyTorch's {@code ReduceLROnPlateau}, as a
 * decision the training loop asks once per epoch, with the metric of that epoch:
 * <pre>
 *   better:  metric &lt; best − δ (mode min),  metric &gt; best + δ (mode max);  then best ← metric, bad ← 0
 *   else     bad ← bad + 1
 *   in cooldown (c &gt; 0): c ← c − 1, bad ← 0
 *   bad &gt; patience:  η ← max(η·factor, min-lr), c ← cooldown, bad ← 0
 * </pre>
 * δ is an absolute min-delta, Keras' {@code min_delta} (PyTorch's threshold_mode 'abs'), not PyTorch's
 * default relative threshold. Defaults as PyTorch: factor 0.1, patience 10, cooldown 0, min-lr 0; δ 1e-4
 * (Keras'). As in PyTorch, a cut smaller than 1e-8 (at the min-lr floor) is no cut, and a NaN metric is
 * never better. The state (best, bad epochs, cooldown left) goes through {@link #exportState} and
 * {@link #importState}, so a resumed run takes the same decisions.
 */
public final class ReduceLrOnPlateau {
    private static final double EPS = 1e-8;

    /** Whether a lower metric (a loss) or a higher one (an accuracy) is better. */
    public enum Mode { MIN, MAX }

    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minLearningRate;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    public ReduceLrOnPlateau(Mode mode, double factor, int patience, double minDelta, int cooldown, double minLearningRate) {
        check(factor > 0 && factor < 1, "factor", factor, "(0, 1)");
        check(patience >= 0, "patience", patience, "whole numbers ≥ 0");
        check(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY, "min-delta", minDelta, "[0, ∞)");
        check(cooldown >= 0, "cooldown", cooldown, "whole numbers ≥ 0");
        check(minLearningRate >= 0 && minLearningRate < Double.POSITIVE_INFINITY, "min-lr", minLearningRate, "[0, ∞)");
        this.mode = mode;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minLearningRate = minLearningRate;
        this.best = worst();
    }

    /** PyTorch's defaults with an absolute min-delta of 1e-4. */
    public ReduceLrOnPlateau(Mode mode) {
        this(mode, 0.1, 10, 1e-4, 0, 0);
    }

    private static void check(boolean valid, String key, double value, String range) {
        if (!valid) {
            throw new IllegalArgumentException("plateau: " + key + " = " + Hyperparameters.format(value) + " is outside " + range);
        }
    }

    private double worst() {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Takes one epoch's metric; returns the new learning rate when this epoch cuts {@code learningRate}
     * (the optimizer's current one), else empty.
     */
    public OptionalDouble observe(double metric, double learningRate) {
        boolean better = mode == Mode.MIN ? metric < best - minDelta : metric > best + minDelta;
        if (better) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0; // epochs in cooldown do not count
        }
        if (badEpochs <= patience) {
            return OptionalDouble.empty();
        }
        cooldownLeft = cooldown;
        badEpochs = 0;
        double cut = Math.max(learningRate * factor, minLearningRate);
        return learningRate - cut > EPS ? OptionalDouble.of(cut) : OptionalDouble.empty();
    }

    /** {@code best} (±∞ before the first metric), {@code bad-epochs}, {@code cooldown-left}. */
    public Map<String, Double> exportState() {
        Map<String, Double> state = new LinkedHashMap<>();
        state.put("best", best);
        state.put("bad-epochs", (double) badEpochs);
        state.put("cooldown-left", (double) cooldownLeft);
        return state;
    }

    /** Continues from {@link #exportState}'s map; an empty map starts afresh. */
    public void importState(Map<String, Double> state) {
        if (!Map.of("best", 0, "bad-epochs", 0, "cooldown-left", 0).keySet().containsAll(state.keySet())) {
            throw new IllegalArgumentException("plateau: state keys " + state.keySet() + " are not best, bad-epochs, cooldown-left");
        }
        best = state.getOrDefault("best", worst());
        badEpochs = state.getOrDefault("bad-epochs", 0.0).intValue();
        cooldownLeft = state.getOrDefault("cooldown-left", 0.0).intValue();
    }
}
