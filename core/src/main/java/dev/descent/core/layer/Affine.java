package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Parameter;
import java.util.List;

/**
 * Fully connected layer (Keras: Dense; PyTorch: Linear). Inputs of any shape are flattened per sample.
 *
 * <pre>
 *   forward:  y = x·W + b                         x: N×D, W: D×M, b: M
 *   backward: dL/dx = dL/dy·Wᵀ,  dL/dW = xᵀ·dL/dy,  dL/db = Σₙ dL/dy
 * </pre>
 */
public final class Affine implements Layer {
    private final int outputs;
    private Parameter weight;
    private Parameter bias;
    private Shape inputShape;
    private NDArray x;

    public Affine(int outputs) {
        if (outputs <= 0) {
            throw new IllegalArgumentException("affine: output size must be > 0, got " + outputs);
        }
        this.outputs = outputs;
    }

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        long fanIn = inputShape.size();
        weight = context.weights("W", new Shape(fanIn, outputs), fanIn);
        bias = context.constant("b", new Shape(outputs), 0);
        return new Shape(outputs);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        inputShape = x.getShape();
        this.x = inputShape.dimension() == 2 ? x : x.reshape(inputShape.get(0), -1);
        return this.x.matMul(weight.value()).addi(bias.value());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return backward(dout, true);
    }

    @Override
    public NDArray backward(NDArray dout, boolean inputGradient) {
        weight.setGrad(x.transpose().matMul(dout));
        bias.setGrad(dout.sum(new int[] {0}));
        if (!inputGradient) {
            return null;
        }
        try (NDArray wT = weight.value().transpose()) { // a view, closed so it stays out of the network's manager
            return dout.matMul(wT).reshape(inputShape);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String name() {
        return "affine";
    }

    @Override
    public String toString() {
        return "affine:" + outputs;
    }
}
