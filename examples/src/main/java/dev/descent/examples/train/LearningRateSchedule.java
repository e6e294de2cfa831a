package dev.descent.examples.train;

import dev.descent.optim.schedule.Schedule;

/**
 * Sets the optimizer's learning rate (and momentum, for a cycling one-cycle) before every update from
 * a {@link Schedule}: a pure function of the update count, so a resumed run continues it exactly.
 */
public final class LearningRateSchedule implements Callback {
    private final Schedule schedule;

    public LearningRateSchedule(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onBatchBegin(TrainingState state) {
        schedule.apply(state.optimizer(), state.iteration());
    }
}
