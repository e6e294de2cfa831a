package dev.descent.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Layer;
import dev.descent.core.Loss;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import dev.descent.core.layer.Affine;
import dev.descent.core.layer.AveragePooling;
import dev.descent.core.layer.Convolution;
import dev.descent.core.layer.Dropout;
import dev.descent.core.layer.Flatten;
import dev.descent.core.layer.Identity;
import dev.descent.core.layer.LeakyReLU;
import dev.descent.core.layer.MaxPooling;
import dev.descent.core.layer.ReLU;
import dev.descent.core.layer.Sigmoid;
import dev.descent.core.layer.Softmax;
import dev.descent.core.layer.Tanh;
import dev.descent.core.loss.CrossEntropy;
import dev.descent.core.loss.MeanSquaredError;
import dev.descent.core.loss.MseMean;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.List;

/**
 * The central differences of {@link NumericalGradient#ofArray} for the W and b of an {@link Affine} layer,
 * many elements per engine call. Nudging Wᵢⱼ by d moves only column j of the layer's output, by d·xᵢ
 * (bⱼ: by d), so the 2K outputs for K elements nudged by +h and by −h are the unnudged output plus
 * one column each, and the rest of the network sees them as one batch of 2K·N rows:
 *
 * <pre>
 *   A = x·W + b                              the layer's own forward, once (x: the earlier layers' output)
 *   Aₖ = A + dₖ · x[:, iₖ] ⊗ e(jₖ)              k = 1 … 2K,  dₖ = (Wᵢⱼ ± h) − Wᵢⱼ as the element-wise loop sets it
 *   Lₖ = loss(later layers(Aₖ))              one pass for all 2K copies; the loss per copy
 *   ∂L/∂Wᵢⱼ ≈ (L₊ − L₋) / 2h
 * </pre>
 *
 * Why: the element-wise loop costs two whole forward passes per element (TwoLayerNet on 3 images: 79,520
 * passes, ~25 engine ops and a 784×50 matrix product each); this costs ~15 ops per 2K copies. The values
 * are the same central differences summed in another order: each Lₖ equals the element-wise loss to a few
 * units in the last place, so the gradients agree to a few ulp(L)/2h (~1e-12 for L ≈ 2.3).
 *
 * <p>It applies when every later layer treats each sample on its own and draws nothing at random (the
 * built-in activations, Flatten, Affine, Convolution, pooling, Dropout with ratio 0; not BatchNorm, whose
 * training-mode statistics would mix the copies, nor user layers) and the loss is one of the built-in
 * batch means. {@link #of} returns null otherwise, and also when the per-copy loss of the unnudged output
 * does not reproduce {@link Network#loss}: callers then use the element-wise loop.
 */
final class BatchedCentralDifferences {
    /** Elements of the largest per-chunk array (2K · N · widest later layer): 2¹⁸ doubles, 2 MB, stays in cache. */
    static final long CHUNK_BUDGET = 1L << 18;
    private static final int MAX_COPIES = 2048;
    private final Network network;
    private final NDArray x;
    private final NDArray t;
    private final long seed;
    private final int layer;
    private final boolean weight;
    /** Per-sample size of the widest output from this layer on; known after the first {@link #tail}. */
    private long widest = 1;

    private BatchedCentralDifferences(Network network, NDArray x, NDArray t, long seed, int layer, boolean weight) {
        this.network = network;
        this.x = x;
        this.t = t;
        this.seed = seed;
        this.layer = layer;
        this.weight = weight;
    }

    /** The batched differences for parameter {@code p}, or null when they do not apply (see the class comment). */
    static BatchedCentralDifferences of(Network network, NDArray x, NDArray t, long seed, Parameter p) {
        if (network.dataType() != DataType.FLOAT64 || !(knownLoss(network.lossFunction()))) {
            return null;
        }
        List<Layer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            List<Parameter> params = layers.get(l).parameters();
            if (!params.contains(p)) {
                continue;
            }
            if (!(layers.get(l) instanceof Affine) || !layers.subList(l + 1, layers.size()).stream().allMatch(BatchedCentralDifferences::perSample)) {
                return null;
            }
            BatchedCentralDifferences batched = new BatchedCentralDifferences(network, x, t, seed, l, params.get(0) == p);
            return batched.reproducesTheLoss() ? batched : null;
        }
        return null;
    }

    /** A layer that maps each sample on its own, deterministically, in training mode. */
    static boolean perSample(Layer layer) {
        return layer instanceof ReLU || layer instanceof Sigmoid || layer instanceof Tanh || layer instanceof LeakyReLU
                || layer instanceof Identity || layer instanceof Softmax || layer instanceof Flatten || layer instanceof Affine || layer instanceof Convolution
                || layer instanceof MaxPooling || layer instanceof AveragePooling
                || (layer instanceof Dropout && layer.toString().equals("dropout:0.0"));
    }

    private static boolean knownLoss(Loss loss) {
        return loss instanceof SoftmaxCrossEntropy || loss instanceof MeanSquaredError || loss instanceof CrossEntropy
                || loss instanceof MseMean;
    }

    /** The per-copy loss of the unnudged output against {@link Network#loss}: the guard against a loss or layer that changed. */
    private boolean reproducesTheLoss() {
        double expected = NumericalGradient.loss(network, x, t, seed);
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray[] inputAndOutput = prefix(sub);
            Shape a = inputAndOutput[1].getShape();
            double actual = lossPerCopy(tail(inputAndOutput[1].reshape(new Shape(1).addAll(a))), sub)[0];
            return Math.abs(actual - expected) <= 1e-13 * Math.max(1, Math.abs(expected));
        }
    }

    /** Central differences at the given flat (row-major) indices of the parameter, step h; result k belongs to elements[k]. */
    double[] gradient(int[] elements, double h) {
        double[][] losses = losses(elements, h);
        double[] grad = new double[elements.length];
        for (int k = 0; k < grad.length; k++) {
            grad[k] = (losses[0][k] - losses[1][k]) / (2 * h);
        }
        return grad;
    }

    /** The losses with each element nudged by +h ([0][k]) and by −h ([1][k]), one element at a time. */
    double[][] losses(int[] elements, double h) {
        double[][] losses = new double[2][elements.length];
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray[] inputAndOutput = prefix(sub);
            NDArray in = inputAndOutput[0];
            NDArray a = inputAndOutput[1];
            int n = Math.toIntExact(a.getShape().get(0));
            int outputs = Math.toIntExact(a.getShape().get(1));
            double[] inputs = in.toDoubleArray();
            int fanIn = Math.toIntExact(in.size() / n);
            double[] values = network.layers().get(layer).parameters().get(weight ? 0 : 1).value().toDoubleArray();
            int chunk = chunk(n);
            for (int from = 0; from < elements.length; from += chunk) {
                int k = Math.min(chunk, elements.length - from);
                // copy c < k: element from + c nudged by +h; copy k + c: the same element by −h
                double[] column = new double[2 * k * n];
                double[] oneHot = new double[2 * k * outputs];
                for (int c = 0; c < 2 * k; c++) {
                    int e = elements[from + c % k];
                    double d = (c < k ? values[e] + h : values[e] - h) - values[e];
                    for (int s = 0; s < n; s++) {
                        column[c * n + s] = weight ? d * inputs[s * fanIn + e / outputs] : d;
                    }
                    oneHot[c * outputs + (weight ? e % outputs : e)] = 1;
                }
                try (NDManager copies = sub.newSubManager()) {
                    NDArray delta = copies.create(column, new Shape(2L * k, n, 1)).mul(copies.create(oneHot, new Shape(2L * k, 1, outputs)));
                    double[] perCopy = lossPerCopy(tail(delta.addi(a)), copies);
                    System.arraycopy(perCopy, 0, losses[0], from, k);
                    System.arraycopy(perCopy, k, losses[1], from, k);
                }
            }
        }
        return losses;
    }

    /** Copies per chunk: 2K · N · (widest output from this layer on, per sample) within {@link #CHUNK_BUDGET}. */
    private int chunk(int n) {
        return (int) Math.max(1, Math.min(MAX_COPIES / 2, CHUNK_BUDGET / (2 * n * widest)));
    }

    /** The earlier layers' output (this layer's input) and this layer's output, as the element-wise loss computes them. */
    private NDArray[] prefix(NDManager sub) {
        Engines.seed(seed); // the earlier layers may draw dropout masks: the same ones as every element-wise evaluation
        NDArray out = x.get(sub, new NDIndex("...")).toType(network.dataType(), false);
        List<Layer> layers = network.layers();
        for (int l = 0; l < layer; l++) {
            out = layers.get(l).forward(out, true);
        }
        return new NDArray[] {out, layers.get(layer).forward(out, true)};
    }

    /** Copies × N × M outputs of this layer through the later layers as one batch; the result keeps the copies axis first. */
    private NDArray tail(NDArray copies) {
        Shape s = copies.getShape();
        NDArray out = copies.reshape(s.get(0) * s.get(1), s.get(2));
        long rows = out.getShape().get(0);
        widest = Math.max(widest, s.get(2));
        List<Layer> layers = network.layers();
        for (int l = layer + 1; l < layers.size(); l++) {
            out = layers.get(l).forward(out, true);
            widest = Math.max(widest, out.size() / rows);
        }
        return out.reshape(new Shape(s.get(0)).addAll(t.getShape()));
    }

    /** Each copy's loss: the built-in losses' forward formulas with the sum taken per copy. */
    private double[] lossPerCopy(NDArray y, NDManager sub) {
        NDArray target = t.get(sub, new NDIndex("...")).toType(network.dataType(), false);
        int[] axes = new int[target.getShape().dimension()];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = d + 1;
        }
        long n = target.getShape().dimension() == 1 ? 1 : target.getShape().get(0);
        Loss loss = network.lossFunction();
        NDArray perCopy;
        if (loss instanceof SoftmaxCrossEntropy) {
            perCopy = target.mul(y.logSoftmax(-1)).sum(axes).muli(-1.0 / n);
        } else if (loss instanceof CrossEntropy) {
            perCopy = target.mul(y.add(CrossEntropy.DELTA).log()).sum(axes).muli(-1.0 / n);
        } else if (loss instanceof MseMean) {
            perCopy = y.sub(target).square().sum(axes).muli(1.0 / n);
        } else {
            perCopy = y.sub(target).square().sum(axes).muli(0.5 / n);
        }
        return perCopy.toDoubleArray();
    }
}
