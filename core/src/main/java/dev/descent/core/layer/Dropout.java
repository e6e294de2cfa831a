package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Layer;
import dev.descent.core.Scalars;

/**
 * Inverted dropout: in training each unit is kept with probability 1 − p and scaled by 1/(1 − p),
 * so evaluation needs no rescaling. The mask comes from the engine's seeded generator.
 *
 * <pre>
 *   forward (training):   m = [u ≥ p] / (1 − p), u ~ U(0,1);  y = x · m
 *   forward (evaluation): y = x
 *   backward:             dL/dx = dL/dy · m
 * </pre>
 */
public final class Dropout implements Layer {
    private final double ratio;
    private NDArray mask;

    public Dropout(double ratio) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("dropout: ratio must be in [0, 1), got " + ratio);
        }
        this.ratio = ratio;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (!training || ratio == 0) {
            mask = null;
            return x;
        }
        NDArray u = x.getManager().randomUniform(0f, 1f, x.getShape(), x.getDataType());
        mask = u.gte(Scalars.of(ratio, u)).toType(x.getDataType(), false).muli(Scalars.of(1 / (1 - ratio), x));
        return x.mul(mask);
    }

    @Override
    public NDArray backward(NDArray dout) {
        return mask == null ? dout : dout.mul(mask);
    }

    @Override
    public String name() {
        return "dropout";
    }

    @Override
    public String toString() {
        return "dropout:" + ratio;
    }
}
