package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Parameter;
import java.util.List;

/**
 * Batch normalization per feature (N×D input) or per channel (N×C×H×W input); the mean is taken
 * over the M = N (or N·H·W) values of each feature.
 *
 * <pre>
 *   forward (training):   μ = mean(x), σ² = mean((x − μ)²), x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β
 *                         running μ ← m·running μ + (1 − m)·μ   (same for σ²; m = momentum)
 *   forward (evaluation): x̂ uses the running μ and σ²
 *   backward:             dβ = Σ dy, dγ = Σ dy·x̂, dx̂ = γ·dy
 *                         dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + ε)
 * </pre>
 */
public final class BatchNorm implements Layer {
    private final double momentum;
    private final double epsilon;
    private Parameter gamma;
    private Parameter beta;
    private Parameter runningMean;
    private Parameter runningVar;
    private int[] axes;
    private NDArray xhat;
    private NDArray std;

    public BatchNorm() {
        this(0.9, 1e-7);
    }

    public BatchNorm(double momentum, double epsilon) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("batchnorm: momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        // Per feature for vectors, per channel for images: γ, β broadcast as D or C×1×1.
        if (inputShape.dimension() != 1 && inputShape.dimension() != 3) {
            throw new IllegalArgumentException("batchnorm expects an input of shape (D) or (C,H,W), got " + inputShape);
        }
        Shape paramShape = inputShape.dimension() == 1 ? inputShape : new Shape(inputShape.get(0), 1, 1);
        axes = inputShape.dimension() == 1 ? new int[] {0} : new int[] {0, 2, 3};
        gamma = context.constant("gamma", paramShape, 1);
        beta = context.constant("beta", paramShape, 0);
        runningMean = context.constant("running_mean", paramShape, 0);
        runningVar = context.constant("running_var", paramShape, 1);
        return inputShape;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        NDArray mean;
        NDArray var;
        if (training) {
            mean = mean(x).squeeze(0);
            NDArray xc = x.sub(mean);
            var = mean(xc.square()).squeeze(0);
            runningMean.value().muli(momentum).addi(mean.mul(1 - momentum));
            runningVar.value().muli(momentum).addi(var.mul(1 - momentum));
            std = var.add(epsilon).sqrt();
            xhat = xc.div(std);
        } else {
            std = runningVar.value().add(epsilon);
            std.attach(x.getManager()); // made from a long-lived array; it belongs to this iteration
            std = std.sqrt();
            xhat = x.sub(runningMean.value()).divi(std);
        }
        return xhat.mul(gamma.value()).addi(beta.value());
    }

    @Override
    public NDArray backward(NDArray dout) {
        beta.setGrad(sum(dout).squeeze(0));
        gamma.setGrad(sum(dout.mul(xhat)).squeeze(0));
        NDArray dxhat = dout.mul(gamma.value());
        NDArray meanDxhat = mean(dxhat);
        NDArray meanDxhatXhat = mean(dxhat.mul(xhat));
        return dxhat.sub(meanDxhat).subi(xhat.mul(meanDxhatXhat)).divi(std);
    }

    /** Mean over the reduced axes, keeping them (the engine reduces one axis per call). */
    private NDArray mean(NDArray a) {
        NDArray m = a;
        for (int axis : axes) {
            m = m.mean(new int[] {axis}, true);
        }
        return m;
    }

    private NDArray sum(NDArray a) {
        NDArray s = a;
        for (int axis : axes) {
            s = s.sum(new int[] {axis}, true);
        }
        return s;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Parameter> buffers() {
        return List.of(runningMean, runningVar);
    }

    @Override
    public String name() {
        return "batchnorm";
    }

    @Override
    public String toString() {
        return "batchnorm";
    }
}
