package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.LR_GAMMA;
import static dev.descent.optim.schedule.Schedules.LR_MILESTONES;

import java.util.List;

/**
 * Decay at milestones ({@code lr-schedule = multistep}), PyTorch's {@code MultiStepLR} stepped once
 * per epoch: the rate is multiplied by γ as each milestone epoch begins,
 * <pre>
 *   η_t = η·γ^|{m ∈ milestones : m ≤ e}|,   e = ⌊t/n⌋
 * </pre>
 * where t is the number of updates done, n the updates per epoch and e the epoch update t falls in:
 * {@code lr-milestones} (e.g. {@code 30,60}) are <em>epochs</em>, whole and strictly increasing, and
 * the rate is constant within an epoch. γ is {@code lr-gamma}, default 0.1 (MultiStepLR's).
 * After a warm-up, e counts from the warm-up's end.
 */
public record MultiStepDecay(double baseLearningRate, List<Long> milestones, double gamma, long stepsPerEpoch) implements Schedule {

    public MultiStepDecay {
        milestones = List.copyOf(milestones);
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || i > 0 && milestones.get(i) <= milestones.get(i - 1)) {
                throw Schedules.outside("multistep", LR_MILESTONES, String.join(",", milestones.stream().map(String::valueOf).toList()),
                        LR_MILESTONES.range());
            }
        }
        Schedules.require(gamma > 0 && gamma <= 1, "multistep", LR_GAMMA, gamma);
    }

    static MultiStepDecay from(Schedules.Settings s) {
        return new MultiStepDecay(s.baseLearningRate(), s.wholeNumbers(LR_MILESTONES), s.number(LR_GAMMA), s.stepsPerEpoch());
    }

    @Override
    public double learningRate(long step) {
        long epoch = step / stepsPerEpoch;
        int passed = 0;
        while (passed < milestones.size() && milestones.get(passed) <= epoch) {
            passed++;
        }
        return baseLearningRate * Math.pow(gamma, passed);
    }
}
