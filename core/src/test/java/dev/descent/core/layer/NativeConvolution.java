package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.Parameter;
import dev.descent.core.init.WeightInit;
import java.util.List;

/**
 * The contender that {@link ConvolutionBenchmark} measured against {@link Convolution}: the forward
 * pass is the engine's own convolution op, the backward is written from its definition as two more
 * convolutions (DJL's PyTorch engine has no deconvolution op).
 *
 * <pre>
 *   forward:  y = conv(x, W, b; stride s, padding p)
 *   backward: dL/dW = conv(xᵀ, dyᵀ; dilation s) cropped to k×k, axes 0 and 1 swapped (ᵀ) before and after
 *             dL/dx = conv(zero-insert(dy, s) padded by k−1−p, flip(Wᵀ))
 *             dL/db = Σ dy
 * </pre>
 * Needs padding &lt; kernel.
 */
final class NativeConvolution implements Layer {
    private static final NDIndex ALL = new NDIndex("...");
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private Parameter weight;
    private Parameter bias;
    private NDArray x;

    NativeConvolution(int filters, int kernel, int stride, int padding) {
        if (padding >= kernel) {
            throw new IllegalArgumentException("padding must be < kernel");
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Shape build(Shape in, LayerContext context) {
        long c = in.get(0);
        weight = context.weights("W", new Shape(filters, c, kernel, kernel), c * kernel * kernel, WeightInit.HE);
        bias = context.constant("b", new Shape(filters), 0);
        return new Shape(filters, Im2Col.outputSize(in.get(1), kernel, stride, padding), Im2Col.outputSize(in.get(2), kernel, stride, padding));
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        this.x = x;
        NDArray w = weight.value().get(x.getManager(), ALL);
        NDArray b = bias.value().get(x.getManager(), ALL);
        return x.getNDArrayInternal().convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    @Override
    public NDArray backward(NDArray dout) {
        Shape xs = x.getShape();
        Shape os = dout.getShape();
        bias.setGrad(dout.sum(new int[] {0, 2, 3}));
        NDArray dwT = x.getNDArrayInternal().convolution(x.transpose(1, 0, 2, 3), dout.transpose(1, 0, 2, 3), null,
                new Shape(1, 1), new Shape(padding, padding), new Shape(stride, stride), 1).singletonOrThrow();
        weight.setGrad(dwT.get(":, :, :{}, :{}", kernel, kernel).transpose(1, 0, 2, 3));
        int q = kernel - 1 - padding;
        long rh = (xs.get(2) + 2L * padding - kernel) % stride;
        long rw = (xs.get(3) + 2L * padding - kernel) % stride;
        long spanH = (os.get(2) - 1) * stride + 1;
        long spanW = (os.get(3) - 1) * stride + 1;
        NDArray up = dout.getManager().zeros(new Shape(os.get(0), filters, spanH + 2L * q + rh, spanW + 2L * q + rw), dout.getDataType());
        up.set(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", q, q + spanH, stride, q, q + spanW, stride), dout);
        NDArray wT = weight.value().get(dout.getManager(), ALL).transpose(1, 0, 2, 3).flip(2, 3);
        return up.getNDArrayInternal().convolution(up, wT, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
