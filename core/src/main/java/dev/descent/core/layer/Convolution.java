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
 * F filters of C×k×k, stride s and zero padding p, written as im2col and one matrix product.
 *
 * <pre>
 *   forward:  cols = im2col(x)                      N × (C·k·k) × (OH·OW),  OH = (H + 2p − k)/s + 1
 *             y = W·cols + b                        W: F × (C·k·k), b: F;  y reshaped to N×F×OH×OW
 *   backward: dL/dW = Σₙ dy·colsᵀ,  dL/db = Σ_{n,oh,ow} dy,  dL/dx = col2im(Wᵀ·dy)
 * </pre>
 *
 * Weights start He-initialized (fan-in C·k·k) unless an initializer is given: convolutions are
 * followed by ReLU, and the network's default {@code std:0.01} leaves a deep stack untrainable.
 *
 * <p>Why im2col rather than the engine's convolution op: forward + backward of SimpleConvNet's layer
 * (batch 100, 1×28×28, 30 filters 5×5, FLOAT32, medians; {@code ConvolutionBenchmark}) took 5.7 ms
 * (1.9 + 3.8) here on 2 threads and 9.6 ms on 1, against 16.5 ms (1.5 + 15.0) and 28.2 ms for the engine op
 * with its backward written as two more convolutions (a dilated one for dW, one over the zero-inserted dy
 * for dx; DJL's PyTorch engine has no deconvolution). The engine op only wins the forward pass, by 0.4 ms.
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
    private Shape inputShape;
    private NDArray cols;

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
        return new Shape(filters, Im2Col.outputSize(inputShape.get(1), kernel, stride, padding),
                Im2Col.outputSize(inputShape.get(2), kernel, stride, padding));
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        inputShape = x.getShape();
        NDArray windows = Im2Col.im2col(x, kernel, stride, padding);
        Shape ws = windows.getShape();
        cols = windows.reshape(ws.get(0), -1, ws.get(3) * ws.get(4));
        // The weight seen through an array of the batch's manager: every op below lands there, not in the network's.
        NDArray w = weight.value().get(x.getManager(), ALL).reshape(filters, -1);
        NDArray b = bias.value().get(x.getManager(), ALL).reshape(filters, 1);
        return w.matMul(cols).addi(b).reshape(ws.get(0), filters, ws.get(3), ws.get(4));
    }

    @Override
    public NDArray backward(NDArray dout) {
        return backward(dout, true);
    }

    @Override
    public NDArray backward(NDArray dout, boolean inputGradient) {
        Shape os = dout.getShape();
        NDArray dy = dout.reshape(os.get(0), filters, -1);
        weight.setGrad(dy.matMul(cols.transpose(0, 2, 1)).sum(new int[] {0}).reshape(weight.value().getShape()));
        bias.setGrad(dy.sum(new int[] {0, 2}));
        if (!inputGradient) {
            return null;
        }
        NDArray w = weight.value().get(dout.getManager(), ALL).reshape(filters, -1);
        NDArray dcols = w.transpose().matMul(dy).reshape(os.get(0), inputShape.get(1), kernel * kernel, os.get(2), os.get(3));
        return Im2Col.col2im(dcols, inputShape, kernel, stride, padding);
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
