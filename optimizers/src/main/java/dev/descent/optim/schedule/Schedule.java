package dev.descent.optim.schedule;

import dev.descent.optim.Optimizer;
import java.util.OptionalDouble;

/**
 * A learning rate (and, optionally, a momentum) as a pure function of the update step, so that a
 * resumed run, which knows how many updates it has done, continues the schedule exactly.
 * {@code step} is the number of updates already done: 0 for the first update of the run.
 * Made by {@link Schedules#create}, applied by the training loop before every update:
 * <pre>
 *   schedule.apply(optimizer, updatesDone);
 *   optimizer.step(parameters);
 * </pre>
 */
public interface Schedule {

    /** η for the update after {@code step} updates (step ≥ 0). */
    double learningRate(long step);

    /** The momentum (β1 for Adam) for that update, if this schedule sets one; empty by default. */
    default OptionalDouble momentum(long step) {
        return OptionalDouble.empty();
    }

    /**
     * Sets the optimizer's learning rate, and momentum if this schedule has one, for the update after
     * {@code step} updates. A momentum for an optimizer without one is an {@link UnsupportedOperationException}.
     */
    default void apply(Optimizer optimizer, long step) {
        optimizer.setLearningRate(learningRate(step));
        OptionalDouble momentum = momentum(step);
        if (momentum.isPresent()) {
            optimizer.setMomentum(momentum.getAsDouble());
        }
    }
}
