package dev.descent.optim;

import dev.descent.core.Parameter;
import java.util.List;

/**
 * An optimizer that evaluates the loss itself, at points of its choosing: PyTorch's {@code optimizer.step(closure)}.
 * Seed 003's 1.5th-order methods (quasi-Newton {@code bfgs} and {@code lbfgs}, conjugate gradient {@code cg},
 * Levenberg–Marquardt {@code lm}) and its second-order one ({@code newton}) need the loss and gradient at the trial
 * points of a line search, or more than a gradient (a Hessian, residuals), so they take a {@link Closure} instead of
 * a gradient computed before the step. A loop asks once whether an optimizer has this capability and has no case per
 * name; the nine first-order optimizers do not have it and are unchanged.
 */
public interface ClosureOptimizer extends Optimizer {

    /** Forward, loss and backward at the parameters' current values: sets every parameter's gradient, returns the loss. */
    @FunctionalInterface
    interface Closure {
        double evaluate();

        /**
         * ∇²L at the current values, over the parameters flattened in order (n×n), where the caller can compute it
         * exactly (automatic differentiation); null when it cannot, and a method that needs one takes differences
         * of the gradient instead.
         */
        default double[][] hessian() {
            return null;
        }

        /**
         * L written as Σ rᵢ², where the caller knows it as one; null, or an {@link IllegalArgumentException} saying
         * why, when L is not a sum of squares.
         */
        default SumOfSquares sumOfSquares() {
            return null;
        }
    }

    /** L = Σ rᵢ(θ)²: the residuals r and their Jacobian ∂rᵢ/∂θⱼ at the parameters' current values. */
    interface SumOfSquares {
        double[] residuals();

        double[][] jacobian();
    }

    /**
     * One update: evaluates {@code closure} at the current values first, then wherever the method needs, and leaves
     * the parameters at the new point. Returns the loss at the point it started from, as PyTorch's step does.
     */
    double step(List<Parameter> parameters, Closure closure);

    /** Evaluations of the closure (or of the residuals) over every step so far: PyTorch's {@code func_evals}. */
    long evaluations();

    /**
     * Floats a step builds besides the state it keeps (see {@link #exportState}) and the parameters and their
     * gradient, for a problem of {@code n} parameters: Newton's n×n Hessian; 0 for most methods.
     */
    default long workingFloats(long n) {
        return 0;
    }

    /** A closure optimizer does not step from a gradient alone. */
    @Override
    default void step(List<Parameter> parameters) {
        throw new UnsupportedOperationException(name() + " evaluates the loss at points of its choosing: call step(parameters, closure)");
    }

    /** The whole training set, as {@code gd} (in chunks of batch-size): a line search compares values of one function. */
    @Override
    default long samplesPerUpdate(long batchSize, long datasetSize) {
        return datasetSize;
    }
}
