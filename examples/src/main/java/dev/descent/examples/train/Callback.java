package dev.descent.examples.train;

import java.io.IOException;
import java.util.Map;

/**
 * The only way into the {@link Trainer}'s loop. Everything around it — the metrics file, checkpoints,
 * progress, learning-rate control, early stopping, plots — is a callback. Hooks see the
 * {@link TrainingState}, which can change the learning rate and request a stop.
 *
 * <p>Order within one evaluation: the trainer computes the row, calls {@link #onEpochEnd} on every
 * callback (they may add columns to the row, change the learning rate or ask to stop), then
 * {@link #onCheckpoint} on every callback (the run directory saves there, so what it saves already
 * includes every change made at {@code onEpochEnd}). No callback depends on the order of the others.
 */
public interface Callback {

    /** Why {@link #onCheckpoint} is called. */
    enum SavePoint {
        /** After an evaluation row: the row belongs to this checkpoint. */
        EVALUATION,
        /** Ctrl-C or SIGTERM in the middle of an epoch: the position is mid-epoch. */
        INTERRUPT
    }

    default void onTrainBegin(TrainingState state) throws IOException {}

    default void onEpochBegin(TrainingState state) {}

    /** Before each update (a learning-rate schedule sets the rate here). */
    default void onBatchBegin(TrainingState state) {}

    /**
     * Right after the optimizer's step, before the batch's arrays are freed: each parameter's {@code grad()} still holds
     * this batch's gradient ({@code state.iteration()} is the update's index, not yet counted). Whatever it makes must
     * live in the parameters' {@code grad().getManager()} (freed with the batch) or be closed by the callback.
     */
    default void onUpdate(TrainingState state) {}

    /** After each update; {@code loss} is that batch's training loss. */
    default void onBatchEnd(TrainingState state, double loss) {}

    /** After an evaluation; {@code state.lastRow()} is the new row, not yet saved. */
    default void onEpochEnd(TrainingState state) {}

    default void onCheckpoint(TrainingState state, SavePoint reason) throws IOException {}

    /** When Ctrl-C or SIGTERM stops the run, after its checkpoint (at an evaluation or mid-epoch), instead of {@link #onTrainEnd}. */
    default void onInterrupt(TrainingState state) throws IOException {}

    /** After the last update, or after a requested stop. Not called when training fails. */
    default void onTrainEnd(TrainingState state) throws IOException {}

    /** State this callback needs to continue exactly after a resume (saved in the checkpoint). */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Restores {@link #state()} as saved; called before {@link #onTrainBegin} of a resumed run. */
    default void restore(Map<String, Double> state) {}

    /** Longer state, as arrays, saved in the checkpoint beside {@link #state()} (e.g. the curves' per-update line). */
    default Map<String, double[]> arrays() {
        return Map.of();
    }

    /** Restores {@link #arrays()} as saved, right after {@link #restore}. */
    default void restoreArrays(Map<String, double[]> arrays) {}

    /** Name under which {@link #state()} is saved; unique among a trainer's callbacks. */
    default String name() {
        return getClass().getSimpleName();
    }
}
