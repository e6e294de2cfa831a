package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.LR_GAMMA;
import static dev.descent.optim.schedule.Schedules.LR_STEP;

/**
 * Step decay ({@code lr-schedule = step}), PyTorch's {@code StepLR} stepped once per epoch: the rate
 * is multiplied by γ every s epochs,
 * <pre>
 *   η_t = η·γ^⌊e/s⌋,   e = ⌊t/n⌋
 * </pre>
 * where t is the number of updates done, n the updates per epoch and e the epoch update t falls in:
 * {@code lr-step} s counts <em>epochs</em>, and the rate is constant within an epoch. γ is
 * {@code lr-gamma}, default 0.1 (StepLR's). After a warm-up, e counts from the warm-up's end.
 */
public record StepDecay(double baseLearningRate, long stepEpochs, double gamma, long stepsPerEpoch) implements Schedule {

    public StepDecay {
        Schedules.require(stepEpochs >= 1, "step", LR_STEP, stepEpochs);
        Schedules.require(gamma > 0 && gamma <= 1, "step", LR_GAMMA, gamma);
    }

    static StepDecay from(Schedules.Settings s) {
        return new StepDecay(s.baseLearningRate(), s.wholeNumber(LR_STEP), s.number(LR_GAMMA), s.stepsPerEpoch());
    }

    @Override
    public double learningRate(long step) {
        long epoch = step / stepsPerEpoch;
        return baseLearningRate * Math.pow(gamma, epoch / stepEpochs);
    }
}
