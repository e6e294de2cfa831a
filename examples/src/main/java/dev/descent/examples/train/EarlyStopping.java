package dev.descent.examples.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' {@code EarlyStopping}: stops the run once the monitored column has not improved by more
 * than {@code minDelta} for {@code patience} rows in a row. (Restoring the best weights is
 * {@link BestModel}'s job.)
 */
public final class EarlyStopping implements Callback {
    private final Monitor monitor;
    private final Monitor.Best best;
    private final int patience;
    private final double minDelta;
    private int wait;

    public EarlyStopping(Monitor monitor, int patience, double minDelta) {
        this.monitor = monitor;
        this.best = new Monitor.Best(monitor);
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public void onEpochEnd(TrainingState s) {
        if (best.offer(s.lastRow(), minDelta)) {
            wait = 0;
        } else if (++wait >= patience) {
            s.requestStop(String.format(Locale.ROOT, "early stopping: %s has not improved for %d epoch%s (best %.4f at epoch %d)",
                    monitor.column(), wait, wait == 1 ? "" : "s", best.value(), best.epoch()));
        }
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> m = new LinkedHashMap<>(best.state());
        m.put("wait", (double) wait);
        return m;
    }

    @Override
    public void restore(Map<String, Double> state) {
        best.restore(state);
        wait = state.getOrDefault("wait", 0.0).intValue();
    }
}
