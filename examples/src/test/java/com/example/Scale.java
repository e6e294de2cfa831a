package com.example;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.KeySpec;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Layers;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * A user layer with a key of its own, scale-init = g₀ ({@code model = affine:32, com.example.Scale, relu, affine:10} and
 * {@code scale-init = 0.5}, or {@code com.example.Scale:0.5} in the spec): a learned gain per feature that starts at g₀,
 * <pre>
 *   y = g ⊙ x,  dL/dg = Σₙ dL/dy ⊙ x,  dL/dx = g ⊙ dL/dy
 * </pre>
 */
public final class Scale implements Layers.LayerProvider {
    public static final KeySpec SCALE_INIT = new KeySpec("scale-init", 1, "(0, ∞)", g -> g > 0 && g < Double.POSITIVE_INFINITY,
            "the gain every feature starts at");

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<KeySpec> keys() {
        return List.of(SCALE_INIT);
    }

    @Override
    public Layer create(List<String> arguments) {
        return create(arguments, Map.of());
    }

    @Override
    public Layer create(List<String> arguments, Map<String, String> keys) {
        double init = SCALE_INIT.number(name(), arguments, 0, keys);
        return new Layer() {
            private Parameter g;
            private NDArray x;

            @Override
            public Shape build(Shape input, LayerContext context) {
                g = context.constant("g", input, init);
                return input;
            }

            @Override
            public NDArray forward(NDArray x, boolean training) {
                this.x = x;
                return x.mul(g.value());
            }

            @Override
            public NDArray backward(NDArray dout) {
                g.setGrad(dout.mul(x).sum(new int[] {0}));
                return dout.mul(g.value());
            }

            @Override
            public List<Parameter> parameters() {
                return List.of(g);
            }

            @Override
            public String name() {
                return "scale";
            }

            @Override
            public String toString() {
                return "scale:" + init;
            }
        };
    }
}
