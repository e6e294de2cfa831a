package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.autodiff.ExpressionException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's standard form, min f s.t. gᵢ ≤ 0, hⱼ = 0, by the log barrier and by projected gradient descent, on problems
 * solved by hand (KKT: ∇f + Σλᵢ∇gᵢ + Σνⱼ∇hⱼ = 0, λᵢ ≥ 0, λᵢgᵢ = 0).
 */
class ConstrainedMinimizeTest {
    private static final List<String> XY = List.of("x0", "x1");
    private static final Function2D SPHERE = Functions2D.resolve("sphere", GradientMode.REVERSE);

    private static List<Constraint> constraints(String... texts) {
        return Arrays.stream(texts).map(t -> Constraint.parse(t, XY)).toList();
    }

    private static double[] barrier(Function2D f, List<Constraint> cs, double... start) {
        Minimizer.Path p = Barrier.run(() -> Optimizers.create("newton", Map.of()), f, cs, start,
                new Minimizer.Settings(100, 100_000, 1e-9, false, false, false));
        assertEquals("tolerance", p.stop());
        return p.last();
    }

    private static double[] projected(Function2D f, List<Constraint> cs, double... start) {
        Minimizer.Path p = Minimizer.run(Optimizers.create("gd", Map.of("learning-rate", "0.1")), f, start,
                new Minimizer.Settings(1000, 100_000, 1e-9, false, false, false), new Projection(cs)::apply);
        assertEquals("tolerance", p.stop());
        return p.last();
    }

    @Test
    void aConstraintIsGAtMostZeroAndKnowsWhetherItIsLinear() {
        Constraint c = Constraint.parse("x0 + x1 >= 1", XY);           // g = 1 − x0 − x1
        assertFalse(c.equality());
        assertArrayEquals(new double[] {-1, -1}, c.normal(), 0);
        assertEquals(1, c.offset(), 0);
        assertEquals(-2, c.value(new double[] {1, 2}), 0);
        Constraint e = Constraint.parse("2*x0 = x1 - 3", XY);          // h = 2·x0 − x1 + 3
        assertTrue(e.equality());
        assertArrayEquals(new double[] {2, -1}, e.normal(), 0);
        assertEquals(3, e.offset(), 0);
        Constraint disc = Constraint.parse("x0^2 + x1^2 <= 4", XY);
        assertFalse(disc.linear());
        assertArrayEquals(new double[][] {{2, 0}, {0, 2}}, disc.hessian(new double[] {0.3, -0.2}));
    }

    @Test
    void malformedConstraintsNameTheColumn() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Constraint.parse("x0 + x1 >= 1 +* 2", XY));
        assertEquals(15, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("constraint 'x0 + x1 >= 1 +* 2': "), e.getMessage());
        assertEquals(6, assertThrows(ExpressionException.class, () -> Constraint.parse("x0 ^ >= 1", XY)).column()); // the missing exponent
        assertTrue(assertThrows(ExpressionException.class, () -> Constraint.parse("x0 + x1", XY)).getMessage().contains("no comparison"));
        assertEquals(9, assertThrows(ExpressionException.class, () -> Constraint.parse("0 <= x0 <= 1", XY)).column());
        assertEquals(4, assertThrows(ExpressionException.class, () -> Constraint.parse("x0 < 1", XY)).column());
        assertTrue(assertThrows(ExpressionException.class, () -> Constraint.parse("x2 <= 1", XY)).getMessage().contains("x2"));
    }

    @Test
    void projectionIsClosedForm() {
        Projection halfPlane = new Projection(constraints("x0 + x1 >= 1"));
        assertArrayEquals(new double[] {0.5, 0.5}, halfPlane.apply(new double[] {0, 0}), 1e-15);
        assertArrayEquals(new double[] {2, 3}, halfPlane.apply(new double[] {2, 3}), 0);        // inside: unchanged
        assertArrayEquals(new double[] {2.5, -1.5}, halfPlane.apply(new double[] {2, -2}), 1e-15);
        Projection wedge = new Projection(constraints("x0 + x1 >= 1", "x0 - x1 >= 1"));        // vertex (1, 0)
        assertArrayEquals(new double[] {1, 0}, wedge.apply(new double[] {-1, 0}), 1e-15);
        assertArrayEquals(new double[] {1.5, -0.5}, wedge.apply(new double[] {1, -1}), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Projection(constraints("x0 >= 1", "x0 <= 0")));
        assertEquals("the constraints 'x0 >= 1', 'x0 <= 0' are infeasible: no point satisfies them all", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Projection(constraints("x0 + x1 = 1", "x0 + x1 = 2")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Projection(constraints("x0^2 <= 1")))
                .getMessage().contains("not linear"));
    }

    /** min x0² + x1² s.t. x0 + x1 ≥ 1: (0.5, 0.5), λ = 1. */
    @Test
    void oneActiveConstraintBothWays() {
        List<Constraint> cs = constraints("x0 + x1 >= 1");
        assertArrayEquals(new double[] {0.5, 0.5}, barrier(SPHERE, cs, 2, 2), 1e-6);
        assertArrayEquals(new double[] {0.5, 0.5}, projected(SPHERE, cs, -3, 4), 1e-6);
        assertArrayEquals(new double[] {0.5, 0.5}, projected(SPHERE, cs, 3, 0.5), 1e-6);
    }

    /** x0 ≤ 3 does not bind: the unconstrained minimum (0, 0); the barrier's pull μ/(3 − x0) vanishes with μ. */
    @Test
    void anInactiveConstraintEndsAtTheUnconstrainedMinimum() {
        List<Constraint> cs = constraints("x0 <= 3");
        assertArrayEquals(new double[] {0, 0}, barrier(SPHERE, cs, 2, -1), 1e-6);
        assertArrayEquals(new double[] {0, 0}, projected(SPHERE, cs, 2, -1), 1e-6);
    }

    /** x0 + x1 ≥ 1 and x0 − x1 ≥ 1 both bind at the vertex (1, 0): ∇f = (2, 0) = λ1·(1, 1) + λ2·(1, −1), λ1 = λ2 = 1. */
    @Test
    void twoActiveConstraintsMeetAtAVertex() {
        List<Constraint> cs = constraints("x0 + x1 >= 1", "x0 - x1 >= 1");
        assertArrayEquals(new double[] {1, 0}, barrier(SPHERE, cs, 3, 0.5), 1e-6);
        assertArrayEquals(new double[] {1, 0}, projected(SPHERE, cs, -2, 3), 1e-6);
    }

    /** x0 + 2·x1 = 5: the foot of the perpendicular from the origin, (1, 2); the barrier's quadratic penalty leaves h ≈ −ν·μ. */
    @Test
    void anEqualityBothWays() {
        List<Constraint> cs = constraints("x0 + 2*x1 = 5");
        assertArrayEquals(new double[] {1, 2}, barrier(SPHERE, cs, 0, 0), 1e-6);
        assertArrayEquals(new double[] {1, 2}, projected(SPHERE, cs, 0, 0), 1e-6);
    }

    /** A nonlinear constraint by the barrier: min (x0 − 2)² + (x1 − 2)² in the unit disc ends at (1/√2, 1/√2). */
    @Test
    void aNonlinearConstraintByTheBarrier() {
        Function2D f = Functions2D.resolve("(x0 - 2)^2 + (x1 - 2)^2", GradientMode.REVERSE);
        double r = Math.sqrt(0.5);
        assertArrayEquals(new double[] {r, r}, barrier(f, constraints("x0^2 + x1^2 <= 1"), 0, 0), 1e-6);
    }

    @Test
    void theBarrierRefusesAStartThatIsNotStrictlyInside() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> barrier(SPHERE, constraints("x0 + x1 >= 1"), -3, 4));
        assertEquals("the barrier method needs a strictly feasible start: at (-3, 4) the constraint 'x0 + x1 >= 1' is on its boundary "
                + "(it must hold strictly); give a --start inside the feasible region, e.g. --start -2.965,4.035", e.getMessage());
        // P(−3, 4) = (−3, 4) itself; 1% of ‖(−3, 4)‖ = 0.05 along the inward normal (1, 1)/√2: (−3 + 0.05/√2, 4 + 0.05/√2)
        assertArrayEquals(new double[] {-3 + 0.05 / Math.sqrt(2), 4 + 0.05 / Math.sqrt(2)},
                new Projection(constraints("x0 + x1 >= 1")).interior(new double[] {-3, 4}), 1e-15);
        double[] vertex = new Projection(constraints("x0 + x1 >= 1", "x0 - x1 >= 1")).interior(new double[] {-1, 0}); // P = (1, 0)
        assertArrayEquals(new double[] {1.01, 0}, vertex, 1e-15);            // along the bisector (1, 0), by 1% of max(1, ‖(1, 0)‖)
        assertEquals(null, new Projection(constraints("x0 >= 1", "x0 <= 1")).interior(new double[] {0, 0}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> barrier(SPHERE, constraints("x0 >= 1", "x0 <= 1"), 1, 0)).getMessage()
                .endsWith("give a --start inside the feasible region — there is none: these inequalities leave no interior"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> barrier(SPHERE, constraints("x0^2 + x1^2 >= 1"), 0, 0)).getMessage()
                .endsWith("give a --start inside the feasible region"));
    }
}
