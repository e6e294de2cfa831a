package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import java.util.List;

/**
 * Average pooling over size×size windows with a stride, per channel, no padding.
 *
 * <pre>
 *   forward:  y[n, c, oh, ow] = mean over the window of x,   OH = (H − size)/stride + 1
 *   backward: dL/dx[window position] += dL/dy / size², for each of the size² offsets
 * </pre>
 */
public final class AveragePooling implements Layer {
    private final int size;
    private final int stride;
    private Shape inputShape;

    public AveragePooling(int size, int stride) {
        if (size <= 0 || stride <= 0) {
            throw new IllegalArgumentException("avgpool: size and stride must be > 0, got avgpool:" + size + ":" + stride);
        }
        this.size = size;
        this.stride = stride;
    }

    /** {@code avgpool:<size>[:<stride>=size]}. */
    public static AveragePooling fromSpec(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new IllegalArgumentException("avgpool takes avgpool:<size>[:<stride>], e.g. avgpool:2, got " + args.size() + " argument(s)");
        }
        int size = SpecArgs.intArg("avgpool", args, 0, null);
        return new AveragePooling(size, SpecArgs.intArg("avgpool", args, 1, size));
    }

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        return Pooling.outputShape("avgpool", inputShape, size, stride);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        inputShape = x.getShape();
        NDArray sum = null;
        for (NDIndex at : Windows.windows(inputShape, size, stride)) {
            sum = sum == null ? x.get(at).duplicate() : sum.addi(x.get(at));
        }
        return sum.divi(size * size);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dx = dout.getManager().zeros(inputShape, dout.getDataType());
        NDArray share = dout.div(size * size);
        for (NDIndex at : Windows.windows(inputShape, size, stride)) {
            dx.set(at, dx.get(at).addi(share));
        }
        return dx;
    }

    @Override
    public String name() {
        return "avgpool";
    }

    @Override
    public String toString() {
        return "avgpool:" + size + ":" + stride;
    }
}
