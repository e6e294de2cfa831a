package dev.descent.examples.train;

import dev.descent.examples.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metrics column watched by plateau reduction, early stopping and the best model: lower is better
 * for a loss, higher for an accuracy. Only training or validation columns — never the test set,
 * which would make the test accuracy a tuned number.
 */
public record Monitor(String column) {
    public static final List<String> COLUMNS = List.of("loss", "train_accuracy", "validation_loss", "validation_accuracy");

    public Monitor {
        if (!COLUMNS.contains(column)) {
            throw new ConfigException("monitor = '" + column + "' is not valid; valid: " + String.join(", ", COLUMNS)
                    + (column.startsWith("test") ? " (never the test set)" : ""));
        }
    }

    /** The given column, or the default: validation loss with a validation set, else the training loss. */
    public static Monitor of(String given, boolean validation) {
        if (given == null || given.isEmpty()) {
            return new Monitor(validation ? "validation_loss" : "loss");
        }
        Monitor m = new Monitor(given);
        if (m.column().startsWith("validation") && !validation) {
            throw new ConfigException("monitor = " + given + " needs a validation set; set validation-split > 0 or monitor loss");
        }
        return m;
    }

    public boolean higherIsBetter() {
        return column.endsWith("accuracy");
    }

    /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
    public boolean improves(double value, double best, double minDelta) {
        return higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }

    public double worst() {
        return higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    public double of(Metrics.Row row) {
        return row.get(column);
    }

    /** The best value seen so far and the epoch of its row; saved in checkpoints by the callbacks that keep one. */
    public static final class Best {
        private final Monitor monitor;
        private double value;
        private long epoch;

        public Best(Monitor monitor) {
            this.monitor = monitor;
            this.value = monitor.worst();
        }

        /** Takes {@code row}; whether it improved on the best by more than {@code minDelta} (and became the best). */
        public boolean offer(Metrics.Row row, double minDelta) {
            double v = monitor.of(row);
            if (!monitor.improves(v, value, minDelta)) {
                return false;
            }
            value = v;
            epoch = row.epoch();
            return true;
        }

        public double value() {
            return value;
        }

        /** The epoch of the best row, 0 before any. */
        public long epoch() {
            return epoch;
        }

        public Map<String, Double> state() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("best", value);
            m.put("best-epoch", (double) epoch);
            return m;
        }

        public void restore(Map<String, Double> state) {
            value = state.getOrDefault("best", monitor.worst());
            epoch = state.getOrDefault("best-epoch", 0.0).longValue();
        }
    }
}
