package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients. An optimizer keeps its own per-parameter state
 * (velocities, squared-gradient sums, Adam's moments, the step count), keyed by parameter name, and
 * says how many samples one update takes, so a training loop needs no case per optimizer.
 */
public interface Optimizer {

    /** The registry name, e.g. {@code "adam"}. */
    String name();

    /** One update of every parameter's value, in place, from {@link Parameter#grad()}. */
    void step(List<Parameter> parameters);

    /** Samples one update takes: the whole set ({@code gd}), one ({@code sgd}), or {@code batchSize}. */
    long samplesPerUpdate(long batchSize, long datasetSize);

    /**
     * The state a checkpoint needs to resume exactly: {@code "<parameter name>/<slot>"} arrays and
     * {@code "step"}, a 0-d INT64 array. Empty before the first step. The arrays may be the
     * optimizer's own: save or copy them, do not close or change them.
     */
    Map<String, NDArray> exportState();

    /**
     * Replaces all state with copies (made in {@code manager}, the network's manager) of {@code state}
     * as written by {@link #exportState}; slots are then taken from these instead of zeros.
     * An empty map resets the optimizer.
     */
    void importState(Map<String, NDArray> state, NDManager manager);

    /** Effective hyperparameters by config key (defaults included), for writing the effective config. */
    Map<String, String> hyperparameters();
}
