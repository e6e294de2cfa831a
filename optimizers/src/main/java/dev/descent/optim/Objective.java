package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Parameter;
import java.util.List;

/**
 * What a {@link ClosureOptimizer} works on: the parameters as one vector θ — every parameter flattened, in order, as
 * PyTorch's LBFGS sees them — and the closure that evaluates L and ∇L there.
 *
 * <p>Every vector made here (θ, ∇L, a direction) lives in the manager of the gradients, which is the iteration's, never in
 * the parameters' (the network's): an op's result lives in its first operand's manager, so each op below starts from such a
 * vector, and a step leaves nothing behind but the state its optimizer keeps.
 */
public final class Objective {
    private final String optimizer;
    private final List<Parameter> parameters;
    private final ClosureOptimizer.Closure closure;
    private final Runnable counter;
    private final long size;
    private NDManager scratch;

    Objective(String optimizer, List<Parameter> parameters, ClosureOptimizer.Closure closure, Runnable counter) {
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.closure = closure;
        this.counter = counter;
        this.size = parameters.stream().mapToLong(p -> p.value().size()).sum();
    }

    /** n, the number of parameters (elements). */
    public long size() {
        return size;
    }

    public DataType dataType() {
        return parameters.get(0).value().getDataType();
    }

    public ClosureOptimizer.Closure closure() {
        return closure;
    }

    /** L at the current values; every parameter's gradient is then ∇L there. */
    public double evaluate() {
        counter.run();
        double loss = closure.evaluate();
        for (Parameter p : parameters) {
            if (p.grad() == null) {
                throw new IllegalStateException(optimizer + ": the closure set no gradient for " + p.name());
            }
        }
        scratch = parameters.get(0).grad().getManager();
        return loss;
    }

    /** ∇L of the last evaluation, flattened. */
    public NDArray gradient() {
        return flat(parameters.stream().map(Parameter::grad).toList());
    }

    /** A copy of θ. */
    public NDArray values() {
        return flat(parameters.stream().map(p -> scratch().zeros(p.value().getShape(), p.value().getDataType()).addi(p.value())).toList());
    }

    /** θ ← x. */
    public void set(NDArray x) {
        long from = 0;
        for (Parameter p : parameters) {
            long n = p.value().size();
            p.value().set(new NDIndex("..."), x.get(new NDIndex("{}:{}", from, from + n)).reshape(p.value().getShape()));
            from += n;
        }
    }

    /** θ ← θ + t·d. */
    public void add(double t, NDArray d) {
        long from = 0;
        for (Parameter p : parameters) {
            long n = p.value().size();
            p.value().addi(d.get(new NDIndex("{}:{}", from, from + n)).reshape(p.value().getShape()).mul(t));
            from += n;
        }
    }

    /** PyTorch's {@code _directional_evaluate}: L and ∇L at x + t·d, where θ = x before and after. */
    StrongWolfe.Trial at(NDArray x, double t, NDArray d) {
        add(t, d);
        double loss = evaluate();
        NDArray g = gradient();
        set(x);
        return new StrongWolfe.Trial(t, loss, g, dot(g, d));
    }

    /** {@code values} as a vector of the parameters' type, for the dense methods. */
    public NDArray vector(double[] values) {
        NDArray v = scratch().create(values);
        return dataType() == DataType.FLOAT64 ? v : v.toType(dataType(), false);
    }

    /** scale·I, n×n. */
    public NDArray identity(double scale) {
        return scratch().eye((int) size, (int) size, 0, dataType()).muli(scale);
    }

    /** A copy of {@code kept} (state in the network's manager) to compute with. */
    public NDArray local(NDArray kept) {
        return scratch().zeros(kept.getShape(), kept.getDataType()).addi(kept);
    }

    /** a·x as a new vector; {@code x} may be kept state. */
    public NDArray scaled(double a, NDArray x) {
        return scalar(a, x.getDataType()).mul(x);
    }

    /** target ← target + a·x, for {@code target} made here and {@code x} possibly kept state. */
    public void axpy(NDArray target, double a, NDArray x) {
        target.addi(scaled(a, x));
    }

    private NDArray scalar(double a, DataType type) {
        return type == DataType.FLOAT64 ? scratch().create(a) : scratch().create((float) a);
    }

    public static double dot(NDArray a, NDArray b) {
        return toDouble(a.dot(b));
    }

    /** max |vᵢ|. */
    public static double maxAbs(NDArray v) {
        return toDouble(v.abs().max());
    }

    /** Σ |vᵢ|. */
    public static double sumAbs(NDArray v) {
        return toDouble(v.abs().sum());
    }

    public static double[] doubles(NDArray v) {
        return v.getDataType() == DataType.FLOAT64 ? v.toDoubleArray() : v.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** The value of a 0-d array; a conversion it needs is closed at once. */
    static double toDouble(NDArray zeroD) {
        if (zeroD.getDataType() == DataType.FLOAT64) {
            return zeroD.getDouble();
        }
        try (NDArray asDouble = zeroD.toType(DataType.FLOAT64, false)) {
            return asDouble.getDouble();
        }
    }

    private NDManager scratch() {
        if (scratch == null) {
            throw new IllegalStateException(optimizer + ": evaluate the closure before making vectors");
        }
        return scratch;
    }

    /** θ as doubles. */
    public double[] valuesAsDoubles() {
        return doubles(values());
    }

    /** θ ← x, from doubles. */
    public void set(double[] x) {
        set(vector(x));
    }

    private static NDArray flat(List<NDArray> arrays) {
        if (arrays.size() == 1) {
            return arrays.get(0).reshape(-1);
        }
        NDList parts = new NDList();
        arrays.forEach(a -> parts.add(a.reshape(-1)));
        return NDArrays.concat(parts);
    }
}
