package dev.descent.optim.schedule;

import static dev.descent.optim.schedule.Schedules.CYCLE_MOMENTUM;
import static dev.descent.optim.schedule.Schedules.DIV_FACTOR;
import static dev.descent.optim.schedule.Schedules.FINAL_DIV_FACTOR;
import static dev.descent.optim.schedule.Schedules.MAX_LEARNING_RATE;
import static dev.descent.optim.schedule.Schedules.PCT_START;

import dev.descent.optim.Hyperparameters;
import java.util.OptionalDouble;

/**
 * The 1cycle policy ({@code lr-schedule = onecycle}), PyTorch's {@code OneCycleLR} with cosine
 * annealing and two phases (three_phase false), stepped after every update. Over T updates, with
 * the peak at update P = p·T − 1, the rate rises from η_max/d to η_max, then falls to η_max/(d·d_f):
 * <pre>
 *   cos(a, b, x) = b + (a − b)/2·(1 + cos(π·x))
 *   η_t = cos(η_max/d, η_max,           t/P)               for t ≤ P
 *   η_t = cos(η_max,   η_max/(d·d_f),   (t − P)/(T − 1 − P)) after
 *   μ_t = the same with (0.95, 0.85) and then (0.85, 0.95)  if cycle-momentum
 * </pre>
 * t is the number of updates done; η_max is {@code max-learning-rate} (required; the optimizer's
 * learning-rate is not used), p {@code pct-start} 0.3, d {@code div-factor} 25, d_f
 * {@code final-div-factor} 1e4 — PyTorch's defaults. {@code cycle-momentum} sets momentum (β1 for
 * adam, adamw) between max_momentum 0.95 and base_momentum 0.85; it is false by default here, not
 * true as in PyTorch, because gd, sgd and minibatch have no momentum to cycle. Like PyTorch, a step
 * past T is an error.
 */
public record OneCycle(double maxLearningRate, long totalSteps, double pctStart, double divFactor, double finalDivFactor,
        boolean cycleMomentum) implements Schedule {
    private static final double BASE_MOMENTUM = 0.85;
    private static final double MAX_MOMENTUM = 0.95;

    public OneCycle {
        Schedules.require(maxLearningRate > 0 && maxLearningRate < Double.POSITIVE_INFINITY, "onecycle", MAX_LEARNING_RATE, maxLearningRate);
        Schedules.require(divFactor > 0 && divFactor < Double.POSITIVE_INFINITY, "onecycle", DIV_FACTOR, divFactor);
        Schedules.require(finalDivFactor > 0 && finalDivFactor < Double.POSITIVE_INFINITY, "onecycle", FINAL_DIV_FACTOR, finalDivFactor);
        if (!(pctStart >= 0 && pctStart < 1) || pctStart * totalSteps == 1) { // a peak at update 0 is 0/0 in PyTorch too
            throw Schedules.outside("onecycle", PCT_START, Hyperparameters.format(pctStart),
                    "[0, 1) but 1/" + totalSteps + ", for a run of " + totalSteps + " updates");
        }
    }

    static OneCycle from(Schedules.Settings s) {
        return new OneCycle(s.number(MAX_LEARNING_RATE), s.totalSteps(), s.number(PCT_START), s.number(DIV_FACTOR),
                s.number(FINAL_DIV_FACTOR), s.flag(CYCLE_MOMENTUM));
    }

    @Override
    public double learningRate(long step) {
        double initial = maxLearningRate / divFactor;
        return anneal(step, initial, maxLearningRate, initial / finalDivFactor);
    }

    @Override
    public OptionalDouble momentum(long step) {
        return cycleMomentum ? OptionalDouble.of(anneal(step, MAX_MOMENTUM, BASE_MOMENTUM, MAX_MOMENTUM)) : OptionalDouble.empty();
    }

    /** start → peak over phase one, peak → end over phase two, each a half cosine. */
    private double anneal(long step, double start, double peak, double end) {
        if (step > totalSteps) {
            throw new IllegalArgumentException("onecycle: update " + step + " is past the " + totalSteps + " the cycle was made for");
        }
        double peakStep = pctStart * totalSteps - 1;
        if (step <= peakStep) {
            return cos(start, peak, step / peakStep);
        }
        return cos(peak, end, (step - peakStep) / (totalSteps - 1 - peakStep));
    }

    private static double cos(double from, double to, double fraction) {
        return to + (from - to) / 2.0 * (Math.cos(Math.PI * fraction) + 1);
    }
}
