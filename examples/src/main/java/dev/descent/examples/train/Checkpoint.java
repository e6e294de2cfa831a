package dev.descent.examples.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.AtomicFiles;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.npz}: everything a run needs to continue exactly from the update it was saved
 * at — parameters and buffers, the optimizer's state ({@code optimizer/...}), the position and the
 * loss accumulated since the last row ({@code position}: update, updates since the row; {@code
 * loss-sum}, {@code seconds}), every metrics row so far ({@code metrics/<column>}) and the callbacks'
 * state ({@code callback/<name>/<key>}, and arrays as {@code callback-array/<name>/<key>}). Written atomically, so a crash leaves the previous
 * checkpoint or the new one. Because the rows live here too, {@code metrics.csv} is rewritten from
 * the checkpoint on resume: a row is never duplicated or orphaned.
 */
public final class Checkpoint {
    public static final String FILE = "checkpoint.npz";

    /** A loaded checkpoint: the counters, rows and callback state to put back into a run. */
    public record Saved(long iteration, double lossSum, long lossCount, double seconds, List<Metrics.Row> rows,
            Map<String, Map<String, Double>> callbackStates, Map<String, Map<String, double[]>> callbackArrays) {

        void restore(TrainingState state, List<Callback> callbacks) {
            state.iteration = iteration;
            state.lossSum = lossSum;
            state.lossCount = lossCount;
            state.secondsBefore = seconds;
            state.rows.addAll(rows);
            for (Callback c : callbacks) {
                c.restore(callbackStates.getOrDefault(c.name(), Map.of()));
                c.restoreArrays(callbackArrays.getOrDefault(c.name(), Map.of()));
            }
        }
    }

    private Checkpoint() {}

    public static void save(Path file, TrainingState state) throws IOException {
        Network network = state.network();
        try (NDManager sub = network.manager().newSubManager()) {
            NDList list = ModelFile.namedArrays(network);
            for (Map.Entry<String, NDArray> e : state.optimizer().exportState().entrySet()) {
                list.add(named(e.getValue(), "optimizer/" + e.getKey()));
            }
            list.add(named(sub.create(new long[] {state.iteration(), state.updatesSinceRow()}), "position"));
            list.add(named(sub.create(state.lossSum), "loss-sum"));
            list.add(named(sub.create(state.seconds()), "seconds"));
            if (!state.rows().isEmpty()) {
                for (String column : state.rows().get(0).columns()) {
                    list.add(named(sub.create(state.rows().stream().mapToDouble(r -> r.get(column)).toArray()), "metrics/" + column));
                }
            }
            state.callbackStates().forEach((name, values) -> values.forEach((k, v) ->
                    list.add(named(sub.create(v.doubleValue()), "callback/" + name + "/" + k))));
            state.callbackArrays().forEach((name, values) -> values.forEach((k, v) ->
                    list.add(named(sub.create(v), "callback-array/" + name + "/" + k))));
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.NPZ));
        }
    }

    /** Restores network and optimizer from {@code file} and returns the rest; errors name the file. */
    public static Saved load(Path file, Network network, Optimizer optimizer) throws IOException {
        try (NDManager sub = network.manager().newSubManager()) {
            Map<String, NDArray> arrays = ModelFile.read(file, sub, "checkpoint");
            for (String required : List.of("position", "loss-sum", "seconds")) {
                if (!arrays.containsKey(required)) {
                    throw new IOException(file + ": not a checkpoint of this Descent version (it has no '" + required + "' array)");
                }
            }
            Map<String, NDArray> optimizerState = new LinkedHashMap<>();
            Map<String, double[]> columns = new LinkedHashMap<>();
            Map<String, Map<String, Double>> callbackStates = new LinkedHashMap<>();
            Map<String, Map<String, double[]>> callbackArrays = new LinkedHashMap<>();
            arrays.forEach((k, v) -> {
                if (k.startsWith("optimizer/")) {
                    optimizerState.put(k.substring("optimizer/".length()), v);
                } else if (k.startsWith("metrics/")) {
                    columns.put(k.substring("metrics/".length()), v.toType(DataType.FLOAT64, false).toDoubleArray());
                } else if (k.startsWith("callback/")) {
                    String[] parts = k.split("/", 3);
                    callbackStates.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2], value(v));
                } else if (k.startsWith("callback-array/")) {
                    String[] parts = k.split("/", 3);
                    callbackArrays.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2],
                            v.toType(DataType.FLOAT64, false).toDoubleArray());
                }
            });
            ModelFile.load(network, arrays, file.toString());
            try {
                optimizer.importState(optimizerState, network.manager());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": its optimizer state does not fit " + optimizer.name() + " (" + e.getMessage() + ")", e);
            }
            long[] position = arrays.get("position").toLongArray();
            return new Saved(position[0], value(arrays.get("loss-sum")), position[1], value(arrays.get("seconds")), rows(columns),
                    callbackStates, callbackArrays);
        }
    }

    private static List<Metrics.Row> rows(Map<String, double[]> columns) {
        List<Metrics.Row> rows = new ArrayList<>();
        int n = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
        for (int i = 0; i < n; i++) {
            Map<String, Double> extra = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> c : columns.entrySet()) {
                if (!Metrics.FIXED.contains(c.getKey())) {
                    extra.put(c.getKey(), c.getValue()[i]);
                }
            }
            rows.add(new Metrics.Row((long) columns.get("epoch")[i], (long) columns.get("iteration")[i], columns.get("loss")[i],
                    columns.get("train_accuracy")[i], columns.get("test_accuracy")[i], columns.get("seconds")[i], extra));
        }
        return rows;
    }

    private static double value(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
