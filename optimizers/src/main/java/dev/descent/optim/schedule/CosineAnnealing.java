package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.MIN_LEARNING_RATE;

import dev.descent.optim.Hyperparameters;

/**
 * Cosine annealing ({@code lr-schedule = cosine}), PyTorch's {@code CosineAnnealingLR} with
 * T_max = the run's updates, stepped after every update (its closed form):
 * <pre>
 *   η_t = η_min + (η − η_min)·(1 + cos(π·t/T))/2     for t ≤ T,  η_min after
 * </pre>
 * where t is the number of updates done and T the updates of the run (after the warm-up, if
 * {@code warmup-epochs} puts one first). η_min is {@code min-learning-rate}, default 0, in [0, η].
 */
public record CosineAnnealing(double baseLearningRate, double minLearningRate, long totalSteps) implements Schedule {

    public CosineAnnealing {
        if (!(minLearningRate >= 0 && minLearningRate <= baseLearningRate)) {
            throw Schedules.outside("cosine", MIN_LEARNING_RATE, Hyperparameters.format(minLearningRate),
                    "[0, " + Hyperparameters.format(baseLearningRate) + "], 0 up to the learning-rate");
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("cosine: a run of " + totalSteps + " updates; it needs at least 1");
        }
    }

    static CosineAnnealing from(Schedules.Settings s) {
        return new CosineAnnealing(s.baseLearningRate(), s.number(MIN_LEARNING_RATE), s.totalSteps());
    }

    @Override
    public double learningRate(long step) {
        if (step > totalSteps) {
            return minLearningRate;
        }
        return minLearningRate + (baseLearningRate - minLearningRate) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
    }
}
