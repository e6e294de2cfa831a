package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.LR_GAMMA;

/**
 * Exponential decay ({@code lr-schedule = exponential}), PyTorch's {@code ExponentialLR} stepped
 * once per epoch: the rate is multiplied by γ as each epoch begins,
 * <pre>
 *   η_t = η·γ^e,   e = ⌊t/n⌋
 * </pre>
 * where t is the number of updates done, n the updates per epoch and e the epoch update t falls in,
 * so the rate is constant within an epoch. γ is {@code lr-gamma}, required here (ExponentialLR has
 * no default, and the 0.1 of step decay would be a thousandfold cut in three epochs).
 * After a warm-up, e counts from the warm-up's end.
 */
public record ExponentialDecay(double baseLearningRate, double gamma, long stepsPerEpoch) implements Schedule {

    public ExponentialDecay {
        Schedules.require(gamma > 0 && gamma <= 1, "exponential", LR_GAMMA, gamma);
    }

    static ExponentialDecay from(Schedules.Settings s) {
        if (!s.has(LR_GAMMA)) {
            throw new IllegalArgumentException("exponential: lr-gamma is required, the factor per epoch in " + LR_GAMMA.range() + ", e.g. 0.9");
        }
        return new ExponentialDecay(s.baseLearningRate(), s.number(LR_GAMMA), s.stepsPerEpoch());
    }

    @Override
    public double learningRate(long step) {
        return baseLearningRate * Math.pow(gamma, step / stepsPerEpoch);
    }
}
