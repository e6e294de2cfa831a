package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.WARMUP_START_FACTOR;

import java.util.OptionalDouble;

/**
 * A linear warm-up of W updates before another schedule — PyTorch's {@code LinearLR(start_factor=f,
 * total_iters=W)} followed by the schedule in a {@code SequentialLR} with milestone W:
 * <pre>
 *   η_t = η·(f + (1 − f)·t/W)     for t &lt; W
 *   η_t = then(t − W)              for t ≥ W   (the schedule starts at its own step 0)
 * </pre>
 * t is the number of updates done. Made by {@link Schedules#create} from {@code warmup-epochs}
 * (W = that many epochs of updates, rounded, at least 1; fractions allowed) and
 * {@code warmup-start-factor} f in (0, 1], default 0.1 (LinearLR's is 1/3).
 */
public record LinearWarmup(double startFactor, long warmupSteps, double baseLearningRate, Schedule then) implements Schedule {

    public LinearWarmup {
        Schedules.require(startFactor > 0 && startFactor <= 1, "warmup", WARMUP_START_FACTOR, startFactor);
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmup: " + warmupSteps + " updates of warm-up; it needs at least 1");
        }
    }

    @Override
    public double learningRate(long step) {
        if (step < warmupSteps) {
            return baseLearningRate * (startFactor + (1 - startFactor) * step / warmupSteps);
        }
        return then.learningRate(step - warmupSteps);
    }

    @Override
    public OptionalDouble momentum(long step) {
        return then.momentum(Math.max(0, step - warmupSteps));
    }
}
