package dev.descent.core.ext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Parameter;
import java.util.List;

/**
 * A user-written layer with a parameter and neither {@code name()} nor {@code toString()}: y = g ⊙ x per
 * feature, dL/dg = Σₙ x ⊙ dL/dy, dL/dx = g ⊙ dL/dy. Its parameter is named {@code i.scale.g}.
 */
public final class Scale implements Layer {
    private Parameter g;
    private NDArray x;

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        g = context.weights("g", inputShape, 1);
        return inputShape;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        this.x = x;
        return x.mul(g.value());
    }

    @Override
    public NDArray backward(NDArray dout) {
        g.setGrad(x.mul(dout).sum(new int[] {0}));
        return dout.mul(g.value());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(g);
    }
}
