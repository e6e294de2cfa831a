package dev.descent.core.ext;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;
import dev.descent.core.Layers;
import java.util.List;

/**
 * A user-written layer, outside Descent's own packages: y = x², dL/dx = 2x · dL/dy.
 * Found by its class name, and as "square" through its provider's services entry.
 */
public final class Square implements Layer {
    private NDArray x;

    @Override
    public NDArray forward(NDArray x, boolean training) {
        this.x = x;
        return x.square();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.mul(x).muli(2);
    }

    /** Registered in META-INF/services/dev.descent.core.Layers$LayerProvider. */
    public static final class Provider implements Layers.LayerProvider {
        @Override
        public String name() {
            return "square";
        }

        @Override
        public Layer create(List<String> arguments) {
            return new Square();
        }
    }
}
