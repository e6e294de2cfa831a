package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

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
     * The learning rate η the next {@link #step} uses: the configured {@code learning-rate} until
     * {@link #setLearningRate} (a schedule, a plateau rule) changes it.
     */
    double learningRate();

    /** Sets η for the following steps; any finite value ≥ 0 (a cosine schedule ends at 0). */
    void setLearningRate(double learningRate);

    /**
     * The momentum the next step uses, where an optimizer has one: {@code momentum} (momentum,
     * nesterov) or {@code beta1} (adam, adamw); empty for the others.
     */
    default OptionalDouble momentum() {
        return OptionalDouble.empty();
    }

    /**
     * Sets the value {@link #momentum} reports, in [0, 1), for the following steps (one-cycle's
     * cycle-momentum). An {@link UnsupportedOperationException} when {@code momentum()} is empty.
     */
    default void setMomentum(double momentum) {
        throw new UnsupportedOperationException(name() + " has neither momentum nor beta1 to set");
    }

    /**
     * The state a checkpoint needs to resume exactly: {@code "<parameter name>/<slot>"} arrays,
     * {@code "step"}, a 0-d INT64 array, and the current {@code "hyper/learning-rate"} and (where
     * there is one) {@code "hyper/momentum"}, 0-d FLOAT64 arrays. Empty before the first step. The
     * arrays may be the optimizer's own: save or copy them, do not close or change them.
     */
    Map<String, NDArray> exportState();

    /**
     * Replaces all state with copies (made in {@code manager}, the network's manager) of {@code state}
     * as written by {@link #exportState}; slots are then taken from these instead of zeros.
     * An empty map resets the optimizer.
     */
    void importState(Map<String, NDArray> state, NDManager manager);

    /**
     * Configured hyperparameters by config key (defaults included), for writing the effective config;
     * the values a schedule sets are {@link #learningRate} and {@link #momentum}, not these.
     */
    Map<String, String> hyperparameters();

    /**
     * The keys this optimizer takes, with defaults and ranges, so that a configuration accepts and
     * {@code --help} lists a user optimizer's own keys once it is named; empty if it does not say
     * (then the keys of {@link #hyperparameters()} are accepted, without a stated range).
     */
    default List<Hyperparameters.Spec> keys() {
        return List.of();
    }
}
