package dev.descent.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * The gradient of a network's loss with respect to every parameter element (and optionally the
 * input), by central differences with h = 1e-4 — the seeds' {@code numerical_gradient}, slow and
 * simple, the reference that backprop is checked against. Needs a FLOAT64 network.
 *
 * <p>The loss is evaluated in training mode; the engine is reseeded with {@code seed} before every
 * evaluation so that dropout draws the same mask each time.
 */
public final class NumericalGradient {
    private NumericalGradient() {}

    /** Central differences of {@code f} with respect to every element of {@code array}, perturbed in place and restored. */
    public static double[] ofArray(NDArray array, DoubleSupplier f) {
        return ofArray(array, f, IntStream.range(0, Math.toIntExact(array.size())).toArray());
    }

    /** The same at the given flat (row-major) element indices only; result i belongs to {@code elements[i]}. */
    public static double[] ofArray(NDArray array, DoubleSupplier f, int[] elements) {
        return ofArray(array, f, elements, NumericalDiff.H);
    }

    /** The same with step {@code h}. */
    public static double[] ofArray(NDArray array, DoubleSupplier f, int[] elements, double h) {
        Shape shape = array.getShape();
        double[] values = array.toDoubleArray();
        double[] grad = new double[elements.length];
        for (int k = 0; k < elements.length; k++) {
            int i = elements[k];
            NDIndex at = new NDIndex(unravel(i, shape));
            array.set(at, values[i] + h);
            double plus = f.getAsDouble();
            array.set(at, values[i] - h);
            double minus = f.getAsDouble();
            array.set(at, values[i]);
            grad[k] = (plus - minus) / (2 * h);
        }
        return grad;
    }

    /** One training-mode loss evaluation; its arrays are freed at once. */
    public static double loss(Network network, NDArray x, NDArray t, long seed) {
        try (NDManager sub = x.getManager().newSubManager()) {
            Engines.seed(seed);
            return network.loss(x.get(sub, new NDIndex("...")), t.get(sub, new NDIndex("...")));
        }
    }

    private static long[] unravel(long flat, Shape shape) {
        long[] index = new long[shape.dimension()];
        for (int d = shape.dimension() - 1; d >= 0; d--) {
            index[d] = flat % shape.get(d);
            flat /= shape.get(d);
        }
        return index;
    }
}
