package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.optim.Hyperparameters.Range;
import dev.descent.optim.Hyperparameters.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limited-memory BFGS, a quasi-Newton method (seed 003's "1.5th order"): the inverse Hessian is never stored, only the
 * last m pairs s = θₖ₊₁ − θₖ, y = ∇Lₖ₊₁ − ∇Lₖ (those with yᵀs &gt; 1e-10), and H·g comes from the two-loop recursion:
 * <pre>
 *   q ← −g;  for i = newest … oldest:  αᵢ = ρᵢ·sᵢᵀq,  q ← q − αᵢ·yᵢ          (ρᵢ = 1/yᵢᵀsᵢ)
 *   d ← γ·q, γ = yᵀs/yᵀy of the newest pair;  for i = oldest … newest:  βᵢ = ρᵢ·yᵢᵀd,  d ← d + (αᵢ − βᵢ)·sᵢ
 *   θ ← θ + t·d,  t from the strong-Wolfe line search, first trying η (η·min(1, 1/‖g‖₁) on the very first iteration)
 * </pre>
 * This is PyTorch's {@code LBFGS(line_search_fn="strong_wolfe")} line by line, so the iterates are PyTorch's. Two defaults
 * differ: {@code max-iter} (iterations per step) is 1, so that a step is an update like every other optimizer's and
 * every iterate shows in paths and metrics (PyTorch: 20; like PyTorch, every step begins with an evaluation); and both
 * tolerances are 0, as stopping is the caller's business ({@code minimize --tolerance}, {@code train}'s iterations;
 * PyTorch: 1e-7 and 1e-9, which stop Rosenbrock at ‖∇f‖ ≈ 4e-4). State: 2·m·n floats of history, and d, g: O(mn).
 * Defaults η = 1, m = {@code history-size} = 100.
 */
public final class Lbfgs extends AbstractClosureOptimizer {
    static final Spec HISTORY_SIZE = new Spec("history-size", 100, Range.COUNT);
    static final Spec MAX_ITER = new Spec("max-iter", 1, Range.COUNT);
    static final Spec TOLERANCE_GRAD = new Spec("tolerance-grad", 0, Range.NON_NEGATIVE);
    static final Spec TOLERANCE_CHANGE = new Spec("tolerance-change", 0, Range.NON_NEGATIVE);
    private static final double C2 = 0.9;

    private final List<NDArray> steps = new ArrayList<>();      // sᵢ, oldest first
    private final List<NDArray> changes = new ArrayList<>();    // yᵢ
    private final List<Double> rho = new ArrayList<>();
    private double gamma = 1;
    private NDArray direction;                                  // d of the last iteration
    private NDArray previousGradient;                           // g where it started
    private double t;
    private long iterations;

    public Lbfgs(Map<String, String> hyperparameters) {
        super("lbfgs", List.of(LEARNING_RATE.withDefault(1), HISTORY_SIZE, MAX_ITER, TOLERANCE_GRAD, TOLERANCE_CHANGE), hyperparameters);
    }

    @Override
    protected double update(Objective o) {
        double tolGrad = hyper("tolerance-grad");
        double tolChange = hyper("tolerance-change");
        int maxIter = count("max-iter");
        double loss = o.evaluate();
        double f = loss;
        NDArray g = o.gradient();
        if (Objective.maxAbs(g) <= tolGrad) {
            return loss;
        }
        int evaluations = 1;
        for (int n = 1; n <= maxIter; n++) {
            iterations++;
            NDArray d;
            if (iterations == 1) {
                forgetHistory();
                d = g.neg();
            } else {
                NDArray y = g.sub(previousGradient);
                NDArray s = o.scaled(t, direction);
                double ys = Objective.dot(y, s);
                if (ys > 1e-10) {
                    if (steps.size() == count("history-size")) {
                        release(steps.remove(0), changes.remove(0));
                        rho.remove(0);
                    }
                    steps.add(keep(s));
                    changes.add(keep(y));
                    rho.add(1 / ys);
                    gamma = ys / Objective.dot(y, y);
                }
                d = twoLoop(o, g);
            }
            release(previousGradient);
            previousGradient = keep(g);
            double previousLoss = f;
            t = (iterations == 1 ? Math.min(1, 1 / Objective.sumAbs(g)) : 1) * learningRate();
            double gtd = Objective.dot(g, d);
            if (gtd > -tolChange) {
                keepDirection(d);
                break;
            }
            NDArray x = o.values();
            StrongWolfe.Result ls = StrongWolfe.search(step -> o.at(x, step, d), new StrongWolfe.Trial(0, f, g, gtd), t,
                    Objective.maxAbs(d), C2, tolChange);
            f = ls.best().loss();
            g = ls.best().gradient();
            t = ls.best().t();
            o.add(t, d);
            keepDirection(d);
            evaluations += ls.evaluations();
            if (n == maxIter || evaluations >= maxIter * 5 / 4 || Objective.maxAbs(g) <= tolGrad
                    || Objective.maxAbs(d) * Math.abs(t) <= tolChange || Math.abs(f - previousLoss) < tolChange) {
                break;
            }
        }
        return loss;
    }

    /** −H·g from the history (PyTorch's loop, collapsed onto one buffer). */
    private NDArray twoLoop(Objective o, NDArray g) {
        int k = steps.size();
        double[] alpha = new double[k];
        NDArray q = g.neg();
        for (int i = k - 1; i >= 0; i--) {
            alpha[i] = Objective.dot(q, steps.get(i)) * rho.get(i);
            o.axpy(q, -alpha[i], changes.get(i));
        }
        NDArray d = q.mul(gamma);
        for (int i = 0; i < k; i++) {
            double beta = Objective.dot(d, changes.get(i)) * rho.get(i);
            o.axpy(d, alpha[i] - beta, steps.get(i));
        }
        return d;
    }

    private void keepDirection(NDArray d) {
        release(direction);
        direction = keep(d);
    }

    private void forgetHistory() {
        steps.forEach(AbstractClosureOptimizer::release);
        changes.forEach(AbstractClosureOptimizer::release);
        steps.clear();
        changes.clear();
        rho.clear();
        gamma = 1;
    }

    @Override
    protected Map<String, NDArray> keptArrays() {
        Map<String, NDArray> kept = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            kept.put("s/" + i, steps.get(i));
            kept.put("y/" + i, changes.get(i));
        }
        if (direction != null) {
            kept.put("d", direction);
            kept.put("g", previousGradient);
        }
        return kept;
    }

    @Override
    protected Map<String, Double> keptNumbers() {
        return iterations == 0 ? Map.of() : Map.of("t", t, "iterations", (double) iterations);
    }

    @Override
    protected void restore(Map<String, NDArray> arrays, Map<String, Double> numbers) {
        for (String key : arrays.keySet()) {
            if (!key.matches("[sy]/\\d+|d|g")) {
                throw unknownState(key, "s/<i>, y/<i>, d, g, t, iterations");
            }
        }
        for (String key : numbers.keySet()) {
            if (!key.equals("t") && !key.equals("iterations")) {
                throw unknownState(key, "s/<i>, y/<i>, d, g, t, iterations");
            }
        }
        forgetHistory();
        release(direction, previousGradient);
        for (int i = 0; arrays.containsKey("s/" + i); i++) {
            NDArray s = arrays.get("s/" + i);
            NDArray y = arrays.get("y/" + i);
            steps.add(s);
            changes.add(y);
            try (NDArray ys = y.dot(s); NDArray yy = y.dot(y)) {   // ρ and γ as they were computed: from the same arrays
                rho.add(1 / Objective.toDouble(ys));
                gamma = Objective.toDouble(ys) / Objective.toDouble(yy);
            }
        }
        direction = arrays.get("d");
        previousGradient = arrays.get("g");
        t = numbers.getOrDefault("t", 0.0);
        iterations = numbers.getOrDefault("iterations", 0.0).longValue();
    }
}
