package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * BFGS, the quasi-Newton method (seed 003's "1.5th order"): H approximates the inverse Hessian and is corrected after
 * every step by how the gradient changed, so that H·y = s (the secant equation) — curvature learnt from gradients alone:
 * <pre>
 *   d = −H·g;   θ ← θ + t·d     (t: strong Wolfe, c1 = 1e-4, c2 = 0.9; first trial η, η·min(1, 1/‖g‖₁) while H = I)
 *   s = t·d,  y = ∇L(θ + s) − g,  ρ = 1/yᵀs;   where yᵀs &gt; 1e-10:
 *   H ← (I − ρ·s·yᵀ)·H·(I − ρ·y·sᵀ) + ρ·s·sᵀ       (H = yᵀs/yᵀy·I before the first correction, Nocedal &amp; Wright 6.20)
 * </pre>
 * State: H, n² floats, so at most {@value AbstractClosureOptimizer#DENSE_LIMIT} parameters ({@code lbfgs} keeps m pairs
 * instead). Default η = 1.
 */
public final class Bfgs extends AbstractClosureOptimizer {
    private static final double C2 = 0.9;
    private NDArray inverse; // H; null while it is still I

    public Bfgs(Map<String, String> hyperparameters) {
        super("bfgs", List.of(LEARNING_RATE.withDefault(1)), hyperparameters);
    }

    @Override
    protected double update(Objective o) {
        requireDense(o.size(), "inverse-Hessian approximation");
        double loss = o.evaluate();
        NDArray g = o.gradient();
        NDArray d = inverse == null ? g.neg() : g.matMul(inverse).neg(); // gᵀH = (H·g)ᵀ: H is symmetric
        double gtd = Objective.dot(g, d);
        if (gtd == 0) {
            return loss; // g = 0
        }
        if (!(gtd < 0)) { // rounding has cost H its positive definiteness: start again from I
            release(inverse);
            inverse = null;
            d = g.neg();
            gtd = Objective.dot(g, d);
        }
        double t = (inverse == null ? Math.min(1, 1 / Objective.sumAbs(g)) : 1) * learningRate();
        NDArray x = o.values();
        NDArray direction = d;
        StrongWolfe.Result ls = StrongWolfe.search(step -> o.at(x, step, direction), new StrongWolfe.Trial(0, loss, g, gtd), t,
                Objective.maxAbs(d), C2, 0);
        t = ls.best().t();
        o.add(t, d);

        NDArray s = d.mul(t);
        NDArray y = ls.best().gradient().sub(g);
        double ys = Objective.dot(y, s);
        if (ys > 1e-10) {
            if (inverse == null) {
                inverse = keep(o.identity(ys / Objective.dot(y, y)));
            }
            NDArray hy = y.matMul(inverse);
            double rho = 1 / ys;
            double yhy = Objective.dot(y, hy);
            // H − ρ·(s·(Hy)ᵀ + Hy·sᵀ) + (ρ²·yᵀHy + ρ)·s·sᵀ: the product above, multiplied out
            inverse.subi(outer(s, hy).addi(outer(hy, s)).muli(rho));
            inverse.addi(outer(s, s).muli(rho * rho * yhy + rho));
        }
        return loss;
    }

    private static NDArray outer(NDArray a, NDArray b) {
        return a.reshape(-1, 1).matMul(b.reshape(1, -1));
    }

    @Override
    protected Map<String, NDArray> keptArrays() {
        return inverse == null ? Map.of() : Map.of("h", inverse);
    }

    @Override
    protected Map<String, Double> keptNumbers() {
        return Map.of();
    }

    @Override
    protected void restore(Map<String, NDArray> arrays, Map<String, Double> numbers) {
        for (String key : arrays.keySet()) {
            if (!key.equals("h")) {
                throw unknownState(key, "h");
            }
        }
        if (!numbers.isEmpty()) {
            throw unknownState(numbers.keySet().iterator().next(), "h");
        }
        release(inverse);
        inverse = arrays.get("h");
    }
}
