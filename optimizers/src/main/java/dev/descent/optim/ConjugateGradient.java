package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.optim.Hyperparameters.Range;
import dev.descent.optim.Hyperparameters.Spec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nonlinear conjugate gradient, Polak–Ribière+ (seed 003's "1.5th order"): each direction is the negative gradient plus
 * a multiple of the previous one, so that on a quadratic the directions are conjugate and exact line searches reach the
 * minimum in n steps — two in 2-D — with 2n floats of state and no matrix:
 * <pre>
 *   β = max(0, gₖᵀ(gₖ − gₖ₋₁) / gₖ₋₁ᵀgₖ₋₁),   dₖ = −gₖ + β·dₖ₋₁,   θ ← θ + t·dₖ
 * </pre>
 * restarting from d = −g every n steps, when successive gradients are far from orthogonal (|gₖᵀgₖ₋₁| ≥ 0.1·‖gₖ‖²,
 * Powell) and when d is not a descent direction. t: strong Wolfe with c2 = {@code c2} (0.1; as c2 → 0 the search becomes
 * exact: with 1e-9 it stops within rounding of φ'(t) = 0; 0 itself is refused, as no search ends there), first trial η·min(1, 1/‖g‖₁) after a restart, else tₖ₋₁·gₖ₋₁ᵀdₖ₋₁/gₖᵀdₖ (Nocedal &amp; Wright 3.60).
 * Default η = 1.
 */
public final class ConjugateGradient extends AbstractClosureOptimizer {
    static final Spec C2 = new Spec("c2", 0.1, Range.OPEN_FRACTION);
    private NDArray direction;
    private NDArray previousGradient;
    private double previousSquare;   // gₖ₋₁ᵀgₖ₋₁
    private double previousSlope;    // gₖ₋₁ᵀdₖ₋₁
    private double t;
    private long sinceRestart;

    public ConjugateGradient(Map<String, String> hyperparameters) {
        super("cg", List.of(LEARNING_RATE.withDefault(1), C2), hyperparameters);
    }

    @Override
    protected double update(Objective o) {
        double loss = o.evaluate();
        NDArray g = o.gradient();
        double gg = Objective.dot(g, g);
        if (gg == 0) {
            return loss;
        }
        NDArray d = g.neg();
        boolean restart = direction == null || sinceRestart >= o.size();
        if (!restart) {
            double overlap = Objective.dot(g, previousGradient);
            restart = Math.abs(overlap) >= 0.1 * gg;
            if (!restart) {
                o.axpy(d, Math.max(0, (gg - overlap) / previousSquare), direction);
            }
        }
        double gtd = Objective.dot(g, d);
        if (!restart && !(gtd < 0)) {
            restart = true;
            d = g.neg();
            gtd = -gg;
        }
        t = restart ? Math.min(1, 1 / Objective.sumAbs(g)) * learningRate() : t * previousSlope / gtd;
        sinceRestart = restart ? 1 : sinceRestart + 1;
        NDArray x = o.values();
        NDArray chosen = d;
        StrongWolfe.Result ls = StrongWolfe.search(step -> o.at(x, step, chosen), new StrongWolfe.Trial(0, loss, g, gtd), t,
                Objective.maxAbs(d), hyper("c2"), 0);
        t = ls.best().t();
        o.add(t, d);
        release(direction, previousGradient);
        direction = keep(d);
        previousGradient = keep(g);
        previousSquare = gg;
        previousSlope = gtd;
        return loss;
    }

    @Override
    protected Map<String, NDArray> keptArrays() {
        return direction == null ? Map.of() : Map.of("d", direction, "g", previousGradient);
    }

    @Override
    protected Map<String, Double> keptNumbers() {
        Map<String, Double> kept = new LinkedHashMap<>();
        if (direction != null) {
            kept.put("t", t);
            kept.put("g-squared", previousSquare);
            kept.put("slope", previousSlope);
            kept.put("since-restart", (double) sinceRestart);
        }
        return kept;
    }

    @Override
    protected void restore(Map<String, NDArray> arrays, Map<String, Double> numbers) {
        String valid = "d, g, t, g-squared, slope, since-restart";
        for (String key : arrays.keySet()) {
            if (!key.equals("d") && !key.equals("g")) {
                throw unknownState(key, valid);
            }
        }
        for (String key : numbers.keySet()) {
            if (!List.of("t", "g-squared", "slope", "since-restart").contains(key)) {
                throw unknownState(key, valid);
            }
        }
        release(direction, previousGradient);
        direction = arrays.get("d");
        previousGradient = arrays.get("g");
        t = numbers.getOrDefault("t", 0.0);
        previousSquare = numbers.getOrDefault("g-squared", 0.0);
        previousSlope = numbers.getOrDefault("slope", 0.0);
        sinceRestart = numbers.getOrDefault("since-restart", 0.0).longValue();
    }
}
