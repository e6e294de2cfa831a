package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model ready to classify single images: the network its {@code config.properties} describes with
 * the weights of {@code model.npz}, its class names (the run's {@code class-names}, a built-in set's, or 0..K−1) and the {@link Preprocessing} for
 * its input shape, as built — 28×28 for every model today; a square input of another side gets that side.
 * Used by {@code predict} and by the dashboard's canvas.
 */
public final class Classifier implements AutoCloseable {
    private final NDManager manager;
    private final Network network;
    private final List<String> classNames;
    private final Preprocessing preprocessing;

    private Classifier(NDManager manager, Network network, List<String> classNames, Preprocessing preprocessing) {
        this.manager = manager;
        this.network = network;
        this.classNames = classNames;
        this.preprocessing = preprocessing;
    }

    /** A run directory or its {@code model.npz}; the architecture from the {@code config.properties} beside it. */
    public static Classifier load(Path model) throws IOException {
        Path file = EvaluateModel.modelFile(model);
        Config config = EvaluateModel.savedConfig(file);
        Classifier c = of(config);
        try {
            ModelFile.load(c.network, file);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The untrained network of {@code config} (weights to be copied in, e.g. from a live run). */
    public static Classifier of(Config config) {
        if (config.has("target-columns")) {
            throw new ConfigException("this model was trained for regression (target-columns = " + config.string("target-columns")
                    + "): it has no classes to predict; evaluate reports its MSE and R²");
        }
        NDManager manager = Engines.newManager();
        try {
            Network network = Models.build(config, manager, DataType.FLOAT32);
            String dataset = config.has("train-csv") ? "mnist" : config.string("dataset");
            return new Classifier(manager, network, DataLoading.classNames(config), Preprocessing.forDataset(dataset, side(network.inputShape())));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The side of a square image input: (side²) or (1, side, side). */
    static int side(Shape input) {
        long pixels = input.size();
        int side = (int) Math.round(Math.sqrt(pixels));
        boolean square = input.dimension() == 1 ? (long) side * side == pixels
                : input.dimension() == 3 && input.get(0) == 1 && input.get(1) == input.get(2);
        if (!square) {
            throw new ConfigException("the model's input " + input + " is not one square grayscale image");
        }
        return side;
    }

    public Network network() {
        return network;
    }

    public List<String> classNames() {
        return classNames;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Copies weights in by parameter (and buffer) name, e.g. a live run's latest epoch; errors as for a model file. */
    public synchronized void setWeights(Map<String, float[]> weights, String source) throws IOException {
        try (NDManager sub = manager.newSubManager()) {
            Map<String, NDArray> arrays = new HashMap<>();
            for (List<Parameter> group : List.of(network.parameters(), network.buffers())) {
                for (Parameter p : group) {
                    float[] values = weights.get(p.name());
                    if (values != null && values.length == p.value().size()) {
                        arrays.put(p.name(), sub.create(values, p.value().getShape()));
                    }
                }
            }
            ModelFile.load(network, arrays, source);
        }
    }

    /** Class probabilities of each preprocessed image (rows of {@code side²} pixels), evaluation mode. */
    public synchronized float[][] probabilities(List<float[]> images) {
        int n = images.size();
        int size = preprocessing.side() * preprocessing.side();
        float[] all = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images.get(i), 0, all, i * size, size);
        }
        long[] shape = new long[network.inputShape().dimension() + 1];
        shape[0] = n;
        System.arraycopy(network.inputShape().getShape(), 0, shape, 1, shape.length - 1);
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(all, new Shape(shape));
            float[] p = network.predict(x).toFloatArray();
            int k = p.length / n;
            float[][] rows = new float[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = Arrays.copyOfRange(p, i * k, (i + 1) * k);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        network.close();
        manager.close();
    }
}
