package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import java.util.function.DoubleFunction;

/**
 * The line search of PyTorch's LBFGS ({@code _strong_wolfe}, itself from minFunc and torch7's {@code lswolfe}): along a
 * descent direction d from θ, with φ(t) = L(θ + t·d), a step t that satisfies the strong Wolfe conditions
 * <pre>
 *   φ(t) ≤ φ(0) + c1·t·φ'(0)          sufficient decrease, c1 = 1e-4
 *   |φ'(t)| ≤ c2·|φ'(0)|              curvature: c2 = 0.9 for (L-)BFGS and Newton, 0.1 for conjugate gradient
 * </pre>
 * Bracketing grows t by cubic extrapolation (at most ×10 a trial) until the conditions hold or an interval must contain
 * such a point; zooming then interpolates cubically inside it, a tenth of the interval away from its ends when progress
 * stalls. At most {@value #MAX_EVALUATIONS} evaluations, and none once the interval is shorter than
 * {@code toleranceChange} (in max-norm steps of d); the best point found is returned either way. Ported line by line,
 * so that Descent's iterates are PyTorch's.
 */
final class StrongWolfe {
    static final double C1 = 1e-4;
    static final int MAX_EVALUATIONS = 25;

    /** φ at t: L, ∇L (flattened) and the slope φ'(t) = ∇Lᵀd. */
    record Trial(double t, double loss, NDArray gradient, double slope) {}

    /** The point chosen and how many evaluations it took. */
    record Result(Trial best, int evaluations) {}

    private StrongWolfe() {}

    /**
     * @param line     φ: evaluates θ + t·d, leaving θ as it was
     * @param start    φ at 0 (t = 0, the current loss, gradient and a negative slope)
     * @param t        the first step to try
     * @param dNorm    max |dᵢ|
     */
    static Result search(DoubleFunction<Trial> line, Trial start, double t, double dNorm, double c2, double toleranceChange) {
        double f = start.loss();
        double gtd = start.slope();
        Trial next = line.apply(t);
        int evaluations = 1;
        Trial previous = start;
        Trial[] bracket = null;
        boolean done = false;
        int iteration = 0;
        while (iteration < MAX_EVALUATIONS) {
            if (next.loss() > f + C1 * next.t() * gtd || (iteration > 1 && next.loss() >= previous.loss())) {
                bracket = new Trial[] {previous, next};
                break;
            }
            if (Math.abs(next.slope()) <= -c2 * gtd) {
                bracket = new Trial[] {next};
                done = true;
                break;
            }
            if (next.slope() >= 0) {
                bracket = new Trial[] {previous, next};
                break;
            }
            double minStep = next.t() + 0.01 * (next.t() - previous.t());
            double maxStep = next.t() * 10;
            double extrapolated = cubic(previous, next, minStep, maxStep);
            previous = next;
            next = line.apply(extrapolated);
            evaluations++;
            iteration++;
        }
        if (iteration == MAX_EVALUATIONS) {
            bracket = new Trial[] {start, next};
        }

        boolean insufficientProgress = false;
        int low = bracket[0].loss() <= bracket[bracket.length - 1].loss() ? 0 : 1;
        while (!done && iteration < MAX_EVALUATIONS) {
            if (Math.abs(bracket[1].t() - bracket[0].t()) * dNorm < toleranceChange) {
                break;
            }
            double lo = Math.min(bracket[0].t(), bracket[1].t());
            double hi = Math.max(bracket[0].t(), bracket[1].t());
            double trial = cubic(bracket[0], bracket[1], lo, hi);
            // Near an end of the interval: once, accept it; twice in a row (or outside), move a tenth of the interval in.
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - trial, trial - lo) < eps) {
                if (insufficientProgress || trial >= hi || trial <= lo) {
                    trial = Math.abs(trial - hi) < Math.abs(trial - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            next = line.apply(trial);
            evaluations++;
            iteration++;
            int high = 1 - low;
            if (next.loss() > f + C1 * next.t() * gtd || next.loss() >= bracket[low].loss()) {
                bracket[high] = next;
                low = bracket[0].loss() <= bracket[1].loss() ? 0 : 1;
            } else {
                if (Math.abs(next.slope()) <= -c2 * gtd) {
                    done = true;
                } else if (next.slope() * (bracket[high].t() - bracket[low].t()) >= 0) {
                    bracket[high] = bracket[low];
                }
                bracket[low] = next;
            }
        }
        return new Result(bracket[low], evaluations);
    }

    /**
     * The minimizer of the cubic through (t, φ, φ') at a and b, clamped to [lo, hi]; the midpoint when the cubic has
     * no minimum. (torch7's polyinterp for two points.)
     */
    static double cubic(Trial a, Trial b, double lo, double hi) {
        double x1 = a.t();
        double x2 = b.t();
        double g1 = a.slope();
        double g2 = b.slope();
        double d1 = g1 + g2 - 3 * (a.loss() - b.loss()) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minimum = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minimum, lo), hi);
        }
        return (lo + hi) / 2;
    }
}
