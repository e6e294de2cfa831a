package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * An ordered stack of layers plus a loss. {@link #backward()} is the chain rule over the stack:
 * the loss's dL/dy passed through each layer's {@code backward}, last to first.
 *
 * <p>Parameters (and BatchNorm's running statistics) live in this network's manager, closed with
 * the network. Arrays made by {@code forward}/{@code backward} live in the manager of the input
 * array, so a caller that makes each batch in a per-iteration sub-manager frees them all at once.
 *
 * <p>Around it, each in its own class: {@link Evaluation} (accuracy, loss and confusion in evaluation
 * mode, in chunks), {@link FullBatch} (gd's gradient over all rows in chunks) and {@link ModelFile}
 * (parameters to and from {@code .npz}).
 */
public final class Network implements AutoCloseable {
    private final NDManager manager;
    private final List<Layer> layers;
    private final Loss loss;
    private final DataType dataType;
    private final Shape inputShape;
    private final List<Shape> layerOutputShapes;

    private Network(NDManager manager, List<Layer> layers, Loss loss, DataType dataType, Shape inputShape,
            List<Shape> layerOutputShapes) {
        this.manager = manager;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.dataType = dataType;
        this.inputShape = inputShape;
        this.layerOutputShapes = List.copyOf(layerOutputShapes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The output of the last layer (scores; no softmax), in training or evaluation mode. */
    public NDArray forward(NDArray x, boolean training) {
        NDArray out = checkInput(x);
        for (Layer layer : layers) {
            out = layer.forward(out, training);
        }
        return out;
    }

    /** Evaluation-mode prediction: probabilities when the loss fuses softmax, otherwise the output. */
    public NDArray predict(NDArray x) {
        return loss.predict(forward(x, false));
    }

    /** Training-mode forward pass and loss, kept in the engine as a 0-d array. */
    public NDArray lossArray(NDArray x, NDArray t) {
        return loss.forward(forward(x, true), t.toType(dataType, false));
    }

    public double loss(NDArray x, NDArray t) {
        return scalar(lossArray(x, t));
    }

    /** The value of a 0-d array of either float type: the one host round-trip of an iteration. */
    public static double scalar(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.getDouble() : a.getFloat();
    }

    /** Backpropagation after {@link #lossArray}: sets every parameter's gradient and returns dL/dx. */
    public NDArray backward() {
        return backward(true);
    }

    /**
     * The chain rule over the stack; without {@code inputGradient}, the first layer with parameters (and the
     * parameterless layers before it, such as {@code standardize}) may skip dL/dx, and the sweep stops there.
     */
    private NDArray backward(boolean inputGradient) {
        int first = 0;
        while (!inputGradient && first < layers.size() - 1 && layers.get(first).parameters().isEmpty()) {
            first++;
        }
        NDArray dout = loss.backward();
        for (int i = layers.size() - 1; i >= (inputGradient ? 0 : first); i--) {
            dout = layers.get(i).backward(dout, i > first || inputGradient);
        }
        return inputGradient ? dout : null;
    }

    /** Loss, then backward (parameters' gradients only); returns the loss. The book's {@code gradient(x, t)}. */
    public double gradient(NDArray x, NDArray t) {
        double value = loss(x, t);
        backward(false);
        return value;
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.parameters()));
        return all;
    }

    /** Non-trainable state (BatchNorm running statistics), saved with the parameters. */
    public List<Parameter> buffers() {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.buffers()));
        return all;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss lossFunction() {
        return loss;
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dataType;
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** Shape of one sample of the network's output (batch axis excluded). */
    public Shape outputShape() {
        return layerOutputShapes.get(layerOutputShapes.size() - 1);
    }

    /** Shape of one sample of each layer's output, in layer order (batch axis excluded). */
    public List<Shape> layerOutputShapes() {
        return layerOutputShapes;
    }

    /** The input shape, then one line per layer: its index, spec item or name, output shape (per sample) and parameter count. */
    public String summary() {
        int width = Math.max(24, layers.stream().mapToInt(l -> describe(l).length()).max().orElse(0)); // a long name widens its column
        String row = "%3s  %-" + width + "s %-16s %12s%n";
        StringBuilder s = new StringBuilder(String.format("input %s%n" + row, inputShape, "#", "layer", "output", "parameters"));
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            long count = layers.get(i).parameters().stream().mapToLong(p -> p.value().size()).sum();
            total += count;
            s.append(String.format(row, i, describe(layers.get(i)), layerOutputShapes.get(i), String.format("%,d", count)));
        }
        return s.append(String.format("total %,d parameters, loss %s, %s", total, loss, dataType)).toString();
    }

    /** A layer as its spec item when its {@code toString} is one ({@code affine:100}), otherwise its name. */
    private static String describe(Layer layer) {
        String text = layer.toString();
        String name = layer.name();
        return text.equals(name) || text.startsWith(name + ":") ? text : name;
    }

    @Override
    public void close() {
        manager.close();
    }

    private NDArray checkInput(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() < 1 || !s.slice(1).equals(inputShape)) {
            throw new IllegalArgumentException("network input has shape " + s + " but the network expects (N, "
                    + inputShape.toString().replaceAll("[()]", "") + ")");
        }
        return x.toType(dataType, false);
    }

    /** Builds a network; layers come from {@link #add} or a text {@link #spec}. */
    public static final class Builder {
        /** Non-blank, no '.' (it separates the parts of a parameter name), no '/' (optimizer state and checkpoints use it), no whitespace. */
        private static final Pattern LAYER_NAME = Pattern.compile("[^./\\s]+");
        private final List<Layer> layers = new ArrayList<>();
        private Shape inputShape = new Shape(784);
        private Loss loss = new SoftmaxCrossEntropy();
        private WeightInit weightInit = WeightInit.std(0.01);
        private DataType dataType = DataType.FLOAT32;
        private long seed = 42;
        private NDManager parent;

        public Builder input(long... shape) {
            this.inputShape = new Shape(shape);
            return this;
        }

        public Builder add(Layer layer) {
            layers.add(layer);
            return this;
        }

        /** Appends the layers of a spec such as {@code "affine:100, relu, affine:10"}. */
        public Builder spec(String spec) {
            layers.addAll(Layers.parse(spec));
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder weightInit(WeightInit weightInit) {
            this.weightInit = weightInit;
            return this;
        }

        public Builder dataType(DataType dataType) {
            if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
                throw new IllegalArgumentException("network data type must be FLOAT32 or FLOAT64, got " + dataType);
            }
            this.dataType = dataType;
            return this;
        }

        /** Seed of the initial weights. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Parent of the network's manager (default: a new top-level manager). */
        public Builder manager(NDManager parent) {
            this.parent = parent;
            return this;
        }

        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a network needs at least one layer");
            }
            NDManager manager = parent == null ? Engines.newManager() : parent.newSubManager();
            try {
                LayerContext context = new LayerContext(manager, dataType, weightInit, new SplittableRandom(seed));
                Shape shape = inputShape;
                List<Shape> shapes = new ArrayList<>();
                for (int i = 0; i < layers.size(); i++) {
                    Layer layer = layers.get(i);
                    context.prefix(i + "." + checkedName(i, layer) + ".");
                    try {
                        shape = layer.build(shape, context);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("layer " + i + " (" + describe(layer) + ") cannot take input of shape "
                                + shape + ": " + e.getMessage(), e);
                    }
                    shapes.add(shape);
                }
                return new Network(manager, layers, loss, dataType, inputShape, shapes);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        private static String checkedName(int index, Layer layer) {
            String name = layer.name();
            if (name == null || !LAYER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("layer " + index + " (" + layer.getClass().getName() + ") is named '" + name
                        + "': a layer name must be non-blank, without '.', '/' or whitespace (override Layer.name())");
            }
            return name;
        }
    }
}
