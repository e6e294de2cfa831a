package dev.descent.optim;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import dev.descent.core.grad.NumericalDiff;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs an optimizer on a 2-D function, the seeds' {@code gradient_descent(f, init_x, lr, step_num)}
 * for any optimizer: the point is a 2-element FLOAT64 {@link Parameter}, updated by the very
 * {@link Optimizer} implementations that train networks, and every point on the way is recorded.
 */
public final class Minimizer {
    private static final Logger LOG = LogManager.getLogger(Minimizer.class);

    /** The walk: {@code steps + 1} points (the start first) and f at each. */
    public record Path(String optimizer, String function, double[][] points, double[] values) {
        public double[] last() {
            return points[points.length - 1].clone();
        }

        public double finalValue() {
            return values[values.length - 1];
        }
    }

    private Minimizer() {}

    /**
     * {@code steps} updates of {@code optimizer} on {@code f} from {@code start}, with the analytic
     * gradient or central differences ({@link NumericalDiff#gradient}). The point and the
     * optimizer's state live in a manager of this run, freed at its end: pass a fresh optimizer.
     */
    public static Path run(Optimizer optimizer, Function2D f, double[] start, int steps, boolean numerical) {
        if (start.length != 2) {
            throw new IllegalArgumentException("minimize: a start point has 2 coordinates, got " + start.length);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("minimize: steps = " + steps + " is negative");
        }
        double[][] points = new double[steps + 1][];
        double[] values = new double[steps + 1];
        points[0] = start.clone();
        values[0] = f.value(points[0]);
        try (NDManager manager = Engines.newManager()) {
            Parameter point = new Parameter("point", manager.create(start.clone()));
            List<Parameter> parameters = List.of(point);
            for (int i = 1; i <= steps; i++) {
                try (NDManager iteration = manager.newSubManager()) {
                    double[] at = points[i - 1].clone();
                    double[] grad = numerical ? NumericalDiff.gradient(f::value, at) : f.gradient(at);
                    point.setGrad(iteration.create(grad));
                    optimizer.step(parameters);
                }
                points[i] = point.value().toDoubleArray();
                values[i] = f.value(points[i]);
            }
        }
        LOG.debug("{} on {} from ({}, {}): {} steps to ({}, {}), f = {}", optimizer.name(), f.name(),
                start[0], start[1], steps, points[steps][0], points[steps][1], values[steps]);
        return new Path(optimizer.name(), f.name(), points, values);
    }
}
