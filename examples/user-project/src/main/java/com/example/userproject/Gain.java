package com.example.userproject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Parameter;
import java.util.List;

/**
 * A user layer with a parameter: a learned gain and bias per feature.
 * <pre>
 *   y = a·x + c;   dL/da = Σ_batch dL/dy·x,   dL/dc = Σ_batch dL/dy,   dL/dx = dL/dy·a
 * </pre>
 */
public final class Gain implements Layer {
    private Parameter a;
    private Parameter c;
    private NDArray x;

    @Override
    public Shape build(Shape input, LayerContext context) {
        a = context.constant("a", input, 1.0);
        c = context.constant("c", input, 0.0);
        return input;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        this.x = x;
        return x.mul(a.value()).add(c.value());
    }

    @Override
    public NDArray backward(NDArray dout) {
        a.setGrad(dout.mul(x).sum(new int[] {0}));
        c.setGrad(dout.sum(new int[] {0}));
        return dout.mul(a.value());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(a, c);
    }
}
