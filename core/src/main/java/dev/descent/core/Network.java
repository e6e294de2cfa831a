package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.init.WeightInit;
import dev.descent.core.loss.SoftmaxCrossEntropy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * An ordered stack of layers plus a loss. {@link #backward()} is the chain rule over the stack:
 * the loss's dL/dy passed through each layer's {@code backward}, last to first.
 *
 * <p>Parameters (and BatchNorm's running statistics) live in this network's manager, closed with
 * the network. Arrays made by {@code forward}/{@code backward} live in the manager of the input
 * array, so a caller that makes each batch in a per-iteration sub-manager frees them all at once.
 */
public final class Network implements AutoCloseable {
    /** Elements of the largest layer output per evaluation chunk: 2²¹, 8 MB in FLOAT32 (see {@link #evaluationChunk}). */
    private static final long EVALUATION_BUDGET = 1L << 21;
    private final NDManager manager;
    private final List<Layer> layers;
    private final Loss loss;
    private final DataType dataType;
    private final Shape inputShape;
    private final Shape outputShape;
    private final int evaluationChunk;

    private Network(NDManager manager, List<Layer> layers, Loss loss, DataType dataType, Shape inputShape, Shape outputShape,
            long largestActivation) {
        this.manager = manager;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.dataType = dataType;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.evaluationChunk = (int) Math.max(1, Math.min(1000, EVALUATION_BUDGET / largestActivation));
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

    /** The chain rule over the stack; without {@code inputGradient} the first layer may skip dL/dx (returns null then). */
    private NDArray backward(boolean inputGradient) {
        NDArray dout = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            dout = layers.get(i).backward(dout, i > 0 || inputGradient);
        }
        return dout;
    }

    /** Loss, then backward (parameters' gradients only); returns the loss. The book's {@code gradient(x, t)}. */
    public double gradient(NDArray x, NDArray t) {
        double value = loss(x, t);
        backward(false);
        return value;
    }

    /**
     * Full-batch gradient computed over chunks of {@code chunk} rows, so memory stays bounded: each
     * parameter's gradient becomes Σ (chunk rows / N) · gradient of the chunk, the mean over all N rows.
     * Returns the mean loss. Each chunk's arrays are freed as soon as its gradient is accumulated.
     */
    public double gradient(NDArray x, NDArray t, int chunk) {
        long n = x.getShape().get(0);
        if (n <= chunk) {
            return gradient(x, t);
        }
        List<Parameter> params = parameters();
        NDArray[] sums = new NDArray[params.size()];
        double lossSum = 0;
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            double weight = (double) (to - from) / n;
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, to);
                lossSum += weight * gradient(x.get(sub, rows), t.get(sub, rows));
                for (int i = 0; i < sums.length; i++) {
                    NDArray g = params.get(i).grad().mul(weight);
                    if (sums[i] == null) {
                        g.attach(x.getManager()); // outlives the chunk
                        sums[i] = g;
                    } else {
                        sums[i].addi(g);
                    }
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            params.get(i).setGrad(sums[i]);
        }
        return lossSum;
    }

    /** Fraction of rows whose highest output matches the label (one-hot rows or integer labels). */
    public double accuracy(NDArray x, NDArray t) {
        return (double) correct(x, t, evaluationChunk) / x.getShape().get(0);
    }

    /**
     * Rows per chunk when evaluating many samples: as many as keep the largest layer output near 2²¹
     * elements, at most 1000. Why: chunks of 1000 images made SimpleConvNet's activations 69 MB, past the
     * cache, and evaluating the test set took 1.4 s against 0.45 s in chunks of 100-250 here; the MLPs
     * take the full 1000.
     */
    public int evaluationChunk() {
        return evaluationChunk;
    }

    /** Number of correctly classified rows, evaluated in chunks of {@code chunk} rows (evaluation mode). */
    public long correct(NDArray x, NDArray t, int chunk) {
        long n = x.getShape().get(0);
        if (t.getShape().get(0) != n) {
            throw new IllegalArgumentException("accuracy: " + n + " inputs but " + t.getShape().get(0) + " labels");
        }
        long correct = 0;
        for (long from = 0; from < n; from += chunk) {
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, Math.min(n, from + chunk));
                NDArray predicted = forward(x.get(sub, rows), false).argMax(-1);
                NDArray labels = t.get(sub, rows);
                if (labels.getShape().dimension() > 1) {
                    labels = labels.argMax(-1);
                }
                correct += predicted.eq(labels.toType(predicted.getDataType(), false)).sum().getLong();
            }
        }
        return correct;
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

    public Shape outputShape() {
        return outputShape;
    }

    /** Every parameter and buffer, each array named by its parameter name (the arrays themselves, not copies). */
    public NDList namedArrays() {
        NDList list = new NDList();
        for (Parameter p : parametersAndBuffers()) {
            p.value().setName(p.name());
            list.add(p.value());
        }
        return list;
    }

    /** Writes every parameter and buffer, by name, to a numpy-readable {@code .npz} (temporary file, then rename). */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp"); // renamed into place once complete
        try (OutputStream out = Files.newOutputStream(tmp)) {
            namedArrays().encode(out, NDList.Encoding.NPZ);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads parameters and buffers saved by {@link #save}; names and shapes must match this network. */
    public void load(Path file) throws IOException {
        try (NDManager sub = manager.newSubManager(); InputStream in = Files.newInputStream(file)) {
            NDList list;
            try {
                list = NDList.decode(sub, in);
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a readable .npz model file (" + e.getMessage() + ")", e);
            }
            Map<String, NDArray> loaded = new HashMap<>();
            for (NDArray a : list) {
                loaded.put(a.getName(), a);
            }
            load(loaded, file.toString());
        }
    }

    /** Copies arrays named as in {@link #namedArrays} into this network; {@code source} names them in errors. */
    public void load(Map<String, NDArray> arrays, String source) throws IOException {
        for (Parameter p : parametersAndBuffers()) {
            NDArray a = arrays.get(p.name());
            if (a == null) {
                throw new IOException(source + ": has no array '" + p.name() + "'; was it saved from a different model?");
            }
            if (!a.getShape().equals(p.value().getShape())) {
                throw new IOException(source + ": array '" + p.name() + "' has shape " + a.getShape()
                        + " but this network expects " + p.value().getShape());
            }
            p.value().set(new NDIndex("..."), a.toType(dataType, false)); // not copyTo: libtorch warns on it
        }
    }

    /** One line per layer with its output shape and parameter count. */
    public String summary() {
        StringBuilder s = new StringBuilder("input " + inputShape + "\n");
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            long count = layers.get(i).parameters().stream().mapToLong(p -> p.value().size()).sum();
            total += count;
            s.append(String.format("%3d %-20s %,10d parameters%n", i, layers.get(i), count));
        }
        return s.append(String.format("total %,d parameters, loss %s, %s", total, loss, dataType)).toString();
    }

    @Override
    public void close() {
        manager.close();
    }

    private List<Parameter> parametersAndBuffers() {
        List<Parameter> all = parameters();
        all.addAll(buffers());
        return all;
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
                long largest = shape.size();
                for (int i = 0; i < layers.size(); i++) {
                    Layer layer = layers.get(i);
                    context.prefix(i + "." + checkedName(i, layer) + ".");
                    try {
                        shape = layer.build(shape, context);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("layer " + i + " (" + layer + ") cannot take input of shape "
                                + shape + ": " + e.getMessage(), e);
                    }
                    largest = Math.max(largest, shape.size());
                }
                return new Network(manager, layers, loss, dataType, inputShape, shape, largest);
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
