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
 * 2-D convolution (cross-correlation, as every framework computes it) of an N×C×H×W batch with
 * F filters of C×k×k, stride s and zero padding p.
 *
 * <pre>
 *   forward:  y = conv(x, W; s, p) + b                 y: N×F×OH×OW,  OH = (H + 2p − k)/s + 1
 *             (= W·im2col(x) + b, "Deep Learning from Scratch" §7.4)
 *   backward: dL/dW = Σₙ dy·colsᵀ (cols = im2col(x): N × (C·k·k) × (OH·OW))
 *                   = conv(xᵀ, dyᵀ; padding p, dilation s)ᵀ, its first k×k   (ᵀ: axes 0 and 1 swapped:
 *                     the batch becomes the channels the convolution sums over)
 *             dL/db = Σ_{n,oh,ow} dy
 *             dL/dx = col2im(Wᵀ·dy) = conv(dy↑s, flip(Wᵀ); padding k − 1), cropped by p on each side
 *                     (dy↑s: dy with s − 1 zeros between neighbours; flip: each k×k kernel turned by 180°)
 * </pre>
 *
 * Weights start He-initialized (fan-in C·k·k) unless an initializer is given: convolutions are
 * followed by ReLU, and the network's default {@code std:0.01} leaves a deep stack untrainable.
 *
 * <p>All three products are the engine's convolution op, whose results do not depend on the thread
 * count (the engine's own backward kernel does not qualify: its weight gradient sums the batch in an
 * order that does, and runs would then differ with the machine's load). Per batch of 256 of
 * fast.properties' second convolution (24 → 32 channels, 3×3, 12×12, 2 threads), against im2col with
 * matrix products: forward 3.0 ms against 7.1 ms, dL/dW 3.4 ms against 8.0 ms, dL/dx 3.1 ms against 12.4 ms.
 */
public final class Convolution implements Layer {
    private static final NDIndex ALL = new NDIndex("...");
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final WeightInit init;
    private Parameter weight;
    private Parameter bias;
    private NDArray x;

    public Convolution(int filters, int kernel, int stride, int padding) {
        this(filters, kernel, stride, padding, WeightInit.HE);
    }

    public Convolution(int filters, int kernel, int stride, int padding, WeightInit init) {
        if (filters <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("conv: filters, kernel and stride must be > 0 and padding >= 0, got conv:"
                    + filters + ":" + kernel + ":" + stride + ":" + padding);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.init = init;
    }

    /** {@code conv:<filters>:<kernel>[:<stride>=1[:<padding>=0]]}. */
    public static Convolution fromSpec(List<String> args) {
        if (args.size() < 2 || args.size() > 4) {
            throw new IllegalArgumentException("conv takes conv:<filters>:<kernel>[:<stride>[:<padding>]], e.g. conv:30:5, got "
                    + args.size() + " argument(s)");
        }
        return new Convolution(SpecArgs.intArg("conv", args, 0, null), SpecArgs.intArg("conv", args, 1, null),
                SpecArgs.intArg("conv", args, 2, 1), SpecArgs.intArg("conv", args, 3, 0));
    }

    @Override
    public Shape build(Shape inputShape, LayerContext context) {
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException("convolution expects input (C,H,W), got " + inputShape);
        }
        long c = inputShape.get(0);
        long h = inputShape.get(1) + 2L * padding;
        long w = inputShape.get(2) + 2L * padding;
        if (kernel > h || kernel > w) {
            throw new IllegalArgumentException("convolution kernel " + kernel + "×" + kernel + " is larger than the padded input "
                    + h + "×" + w + " (input " + inputShape + ", padding " + padding + ")");
        }
        long fanIn = c * kernel * kernel;
        weight = context.weights("W", new Shape(filters, c, kernel, kernel), fanIn, init);
        bias = context.constant("b", new Shape(filters), 0);
        return new Shape(filters, Windows.outputSize(inputShape.get(1), kernel, stride, padding),
                Windows.outputSize(inputShape.get(2), kernel, stride, padding));
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        this.x = training ? x : null;
        // The weight seen through an array of the batch's manager: every op below lands there, not in the network's.
        NDArray w = weight.value().get(x.getManager(), ALL);
        NDArray b = bias.value().get(x.getManager(), ALL);
        return x.getNDArrayInternal().convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    @Override
    public NDArray backward(NDArray dout) {
        return backward(dout, true);
    }

    @Override
    public NDArray backward(NDArray dout, boolean inputGradient) {
        Shape os = dout.getShape();
        NDArray dw = x.getNDArrayInternal().convolution(x.transpose(1, 0, 2, 3), dout.transpose(1, 0, 2, 3), null,
                new Shape(1, 1), new Shape(padding, padding), new Shape(stride, stride), 1).singletonOrThrow();
        weight.setGrad(dw.get(":, :, :{}, :{}", kernel, kernel).transpose(1, 0, 2, 3));
        bias.setGrad(dout.sum(new int[] {0, 2, 3}));
        if (!inputGradient) {
            return null;
        }
        Shape xs = x.getShape();
        NDArray spread = dout;
        if (stride > 1) { // s − 1 zeros between neighbours, and the rows and columns the forward windows never reached
            long rows = (os.get(2) - 1) * stride + 1 + (xs.get(2) + 2L * padding - kernel) % stride;
            long columns = (os.get(3) - 1) * stride + 1 + (xs.get(3) + 2L * padding - kernel) % stride;
            spread = dout.getManager().zeros(new Shape(os.get(0), filters, rows, columns), dout.getDataType());
            spread.set(new NDIndex(":, :, 0:{}:{}, 0:{}:{}", rows, stride, columns, stride), dout);
        }
        NDArray turned = weight.value().get(dout.getManager(), ALL).transpose(1, 0, 2, 3).flip(2, 3);
        NDArray dx = spread.getNDArrayInternal().convolution(spread, turned, null, new Shape(1, 1),
                new Shape(kernel - 1, kernel - 1), new Shape(1, 1), 1).singletonOrThrow();
        return padding == 0 ? dx : dx.get(":, :, {}:{}, {}:{}", padding, padding + xs.get(2), padding, padding + xs.get(3));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String name() {
        return "conv";
    }

    @Override
    public String toString() {
        return "conv:" + filters + ":" + kernel + ":" + stride + ":" + padding;
    }
}
