package dev.descent.examples.train;

import dev.descent.core.Network;
import dev.descent.optim.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What callbacks see of a run, and the two things they may change: the learning rate and whether
 * to go on. Counters: {@link #iteration()} updates are done; the next update belongs to epoch
 * {@link #epoch()} (0-based) and is batch {@link #batchInEpoch()} of it.
 */
public final class TrainingState {
    private final Network network;
    private final Optimizer optimizer;
    private final long iterationsPerEpoch;
    private final long totalIterations;
    final List<Metrics.Row> rows;
    long iteration;
    double lossSum;
    long lossCount;
    double lastLoss = Double.NaN;
    double secondsBefore;
    long startedAt = System.nanoTime();
    private String stopReason;
    List<Callback> callbacks = List.of();

    TrainingState(Network network, Optimizer optimizer, long iterationsPerEpoch, long totalIterations, List<Metrics.Row> rows) {
        this.network = network;
        this.optimizer = optimizer;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.totalIterations = totalIterations;
        this.rows = rows;
    }

    public Network network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public long iteration() {
        return iteration;
    }

    public long epoch() {
        return iteration / iterationsPerEpoch;
    }

    public long batchInEpoch() {
        return iteration % iterationsPerEpoch;
    }

    public long iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    public long totalIterations() {
        return totalIterations;
    }

    /** Epochs the run spans, the last one possibly partial (iterations mode). */
    public long epochs() {
        return (totalIterations + iterationsPerEpoch - 1) / iterationsPerEpoch;
    }

    /** Training loss of the last update (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    /** Mean training loss of the updates since the last evaluation row. */
    public double meanLossSinceRow() {
        return lossCount == 0 ? Double.NaN : lossSum / lossCount;
    }

    /** Updates since the last evaluation row. */
    public long updatesSinceRow() {
        return lossCount;
    }

    /** Every evaluation row so far (of earlier sessions too, when resumed). */
    public List<Metrics.Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    public Metrics.Row lastRow() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** Seconds of training so far, over every session of a resumed run. */
    public double seconds() {
        return secondsBefore + (System.nanoTime() - startedAt) / 1e9;
    }

    /** Each callback's {@link Callback#state()} by its name: what a checkpoint saves of them. */
    public Map<String, Map<String, Double>> callbackStates() {
        return byName(Callback::state);
    }

    /** Each callback's {@link Callback#arrays()} by its name, saved beside {@link #callbackStates()}. */
    public Map<String, Map<String, double[]>> callbackArrays() {
        return byName(Callback::arrays);
    }

    private <V> Map<String, Map<String, V>> byName(Function<Callback, Map<String, V>> part) {
        Map<String, Map<String, V>> all = new LinkedHashMap<>();
        for (Callback c : callbacks) {
            Map<String, V> s = part.apply(c);
            if (!s.isEmpty()) {
                all.put(c.name(), s);
            }
        }
        return all;
    }

    /** Replaces the last row (a callback adding a column at {@code onEpochEnd}). */
    public void replaceLastRow(Metrics.Row row) {
        if (rows.isEmpty() || rows.get(rows.size() - 1).iteration() != row.iteration()) {
            throw new IllegalArgumentException("the replacement must be a row of iteration " + (rows.isEmpty() ? "-" : lastRow().iteration()));
        }
        rows.set(rows.size() - 1, row);
    }

    /** Asks the loop to stop after the current evaluation; the first reason given is kept. */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why the run stopped early, or null. */
    public String stopReason() {
        return stopReason;
    }
}
