package dev.descent.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * The Euclidean projection P(x) = argmin{‖y − x‖ : aᵢ·y + bᵢ ≤ 0, aⱼ·y + bⱼ = 0} onto linear constraints in the plane,
 * in closed form. The set is a convex polygon (possibly unbounded, a segment or a point), so P(x) is x itself, or the
 * foot of the perpendicular on one boundary line, y = x − (a·x + b)/‖a‖²·a, or a vertex where two boundary lines
 * cross (a 2×2 solve). P(x) is the nearest feasible one of these candidates; none feasible means the set is empty.
 * Feasible here allows 1e-9·(1 + ‖a‖·‖y‖ + |b|) of rounding.
 */
public final class Projection {
    private final List<Constraint> constraints;

    /** The projection onto {@code constraints}, all linear; an empty set is an {@link IllegalArgumentException} naming them. */
    public Projection(List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (!c.linear()) {
                throw new IllegalArgumentException("constraint '" + c + "' is not linear: projected gradient descent projects onto "
                        + "linear constraints in closed form only; use the barrier method for it");
            }
        }
        this.constraints = List.copyOf(constraints);
        if (!constraints.isEmpty() && project(new double[] {0, 0}) == null) {
            throw new IllegalArgumentException("the constraints " + String.join(", ", constraints.stream().map(c -> "'" + c + "'").toList())
                    + " are infeasible: no point satisfies them all");
        }
    }

    /** P(x). */
    public double[] apply(double[] x) {
        return project(x);
    }

    /**
     * A point strictly inside the inequalities near x, for a barrier method's start: P(x) moved off the boundaries it lies
     * on along the sum of their inward unit normals, by 1% of max(1, ‖P(x)‖), halved until strictly inside; null when
     * there is none (the inequalities leave no interior, as x0 ≥ 1 and x0 ≤ 1 do). Equalities are left out.
     */
    public double[] interior(double[] x) {
        double[] p = project(x);
        double[] d = {0, 0};
        for (Constraint c : constraints) {
            if (!c.equality() && c.value(p) > -1e-12) {
                double n = Math.hypot(c.normal()[0], c.normal()[1]);
                d[0] -= c.normal()[0] / n;
                d[1] -= c.normal()[1] / n;
            }
        }
        double length = Math.hypot(d[0], d[1]);
        double step = 0.01 * Math.max(1, Math.hypot(p[0], p[1])) / Math.max(length, 1e-300);
        for (int k = 0; k < 60; k++, step /= 2) {
            double[] y = {p[0] + step * d[0], p[1] + step * d[1]};
            if (constraints.stream().allMatch(c -> c.equality() || c.value(y) < 0)) {
                return y;
            }
        }
        return null;
    }

    private double[] project(double[] x) {
        List<double[]> candidates = new ArrayList<>(List.of(x.clone()));
        for (int i = 0; i < constraints.size(); i++) {
            Constraint c = constraints.get(i);
            double[] a = c.normal();
            double t = (a[0] * x[0] + a[1] * x[1] + c.offset()) / (a[0] * a[0] + a[1] * a[1]);
            candidates.add(new double[] {x[0] - t * a[0], x[1] - t * a[1]});
            for (int j = i + 1; j < constraints.size(); j++) {
                double[] n = constraints.get(j).normal();
                double det = a[0] * n[1] - a[1] * n[0];
                if (Math.abs(det) > 1e-12 * Math.hypot(a[0], a[1]) * Math.hypot(n[0], n[1])) { // not parallel: they cross
                    double b1 = -c.offset();
                    double b2 = -constraints.get(j).offset();
                    candidates.add(new double[] {(b1 * n[1] - a[1] * b2) / det, (a[0] * b2 - b1 * n[0]) / det});
                }
            }
        }
        double[] best = null;
        double nearest = Double.POSITIVE_INFINITY;
        for (double[] y : candidates) {
            double d = Math.hypot(y[0] - x[0], y[1] - x[1]);
            if (feasible(y) && d < nearest) {
                best = y;
                nearest = d;
            }
        }
        return best;
    }

    private boolean feasible(double[] y) {
        for (Constraint c : constraints) {
            double[] a = c.normal();
            double slack = 1e-9 * (1 + Math.hypot(a[0], a[1]) * Math.hypot(y[0], y[1]) + Math.abs(c.offset()));
            if (c.violation(y) > slack) {
                return false;
            }
        }
        return true;
    }
}
