package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Layer;
import dev.descent.core.Loss;
import dev.descent.core.Layers;
import dev.descent.core.Losses;
import dev.descent.core.Network;
import dev.descent.core.init.WeightInit;
import dev.descent.core.layer.Sigmoid;
import dev.descent.core.layer.Softmax;
import dev.descent.core.loss.CrossEntropy;
import dev.descent.data.Dataset;
import dev.descent.data.ImageShape;
import dev.descent.data.TableCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code model} and {@code loss} keys made into a network: the MLP of the config, the book's SimpleConvNet, or a
 * layer spec, with its loss. The input layer takes the data's images ({@code image-shape}) and the MLP's and
 * SimpleConvNet's last layer has one output per class ({@code classes}); without those keys, MNIST's 28x28 and 10.
 * With {@code target-columns} (regression) the input is the table's features and the MLP's output has one unit
 * per target column instead. With {@code loss = cross-entropy} (on probabilities) the MLP ends in {@code softmax};
 * a layer spec must end in softmax or sigmoid itself.
 */
public final class Models {
    /** The book's SimpleConvNet (chapter 7), for MNIST's ten classes. */
    public static final String SIMPLE_CONV_NET = simpleConvNet(Dataset.CLASSES);
    private static final List<String> ACTIVATIONS = List.of("relu", "sigmoid", "tanh", "leakyrelu", "step");

    private Models() {}

    /** The layer spec the config describes, behind a {@code standardize} layer when the config asks for one. */
    public static String spec(Config config) {
        double[] standardization = standardization(config);
        String layers = layers(config);
        return standardization == null ? layers : "standardize:" + standardization[0] + ":" + standardization[1] + ", " + layers;
    }

    /**
     * The {@code standardize} key's mean and std, or null for {@code false}; {@code true} must have been resolved
     * from the training set first ({@link #standardize}).
     */
    public static double[] standardization(Config config) {
        String value = config.has("standardize") ? config.string("standardize") : "false";
        if (value.equals("false")) {
            return null;
        }
        if (value.equals("true")) {
            throw new IllegalStateException("standardize = true: the training set's statistics were not computed");
        }
        String[] parts = value.split(":");
        try {
            double mean = Double.parseDouble(parts[0].trim());
            double std = Double.parseDouble(parts[1].trim());
            if (parts.length == 2 && Double.isFinite(mean) && std > 0 && Double.isFinite(std)) {
                return new double[] {mean, std};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // below
        }
        throw new ConfigException("standardize = '" + value + "' is not valid; valid: true, false, or MEAN:STD with STD > 0 (e.g. 0.1307:0.3081)");
    }

    /** Resolves {@code standardize = true} into the mean and std of the training set's pixels (recorded in config.properties). */
    public static Config standardize(Config config, Dataset train) {
        if (config.has("standardize") && config.string("standardize").equals("true")) {
            double mean;
            double std;
            try (NDManager scratch = train.images().getManager().newSubManager()) {
                NDArray x = train.images().get(scratch, new NDIndex(":")); // a view in scratch: the temporaries follow it there
                mean = x.mean().getFloat();
                NDArray centred = x.sub((float) mean);
                std = Math.sqrt(centred.muli(centred).mean().getFloat());
            }
            config.set("standardize", String.format(Locale.ROOT, "%.6g:%.6g", mean, std));
        }
        return config;
    }

    private static String layers(Config config) {
        String model = config.string("model");
        if (model.equals("cnn")) {
            return simpleConvNet(outputs(config));
        }
        if (!model.equals("mlp")) {
            return model;
        }
        String activation = config.string("activation");
        if (!ACTIVATIONS.contains(activation)) {
            throw new ConfigException("activation = '" + activation + "' is not valid; valid: " + String.join(", ", ACTIVATIONS));
        }
        double dropout = config.has("dropout") ? config.number("dropout") : 0;
        boolean batchNorm = config.bool("batch-norm");
        List<String> items = new ArrayList<>();
        for (int width : config.integers("hidden-sizes")) {
            items.add("affine:" + width);
            if (batchNorm) {
                items.add("batchnorm");
            }
            items.add(activation);
            if (dropout > 0) {
                items.add("dropout:" + dropout);
            }
        }
        items.add("affine:" + outputs(config));
        if (config.string("loss").equals("cross-entropy")) {
            items.add("softmax");
        }
        return String.join(", ", items);
    }

    /** The model's output units: one per target column for regression, else one per class. */
    private static int outputs(Config config) {
        return config.has("target-columns") ? TableCsv.count(config.string("target-columns")) : classes(config);
    }

    private static String simpleConvNet(int classes) {
        return "conv:30:5:1:0, relu, maxpool:2:2, affine:100, relu, affine:" + classes;
    }

    /** The images the model takes: {@code image-shape}, or MNIST's 28x28. */
    public static ImageShape imageShape(Config config) {
        return config.has("image-shape") ? ImageShape.parse(config.string("image-shape")) : ImageShape.MNIST;
    }

    /** The classes the model tells apart, its number of outputs: {@code classes}, or MNIST's 10. */
    public static int classes(Config config) {
        return config.has("classes") ? config.integer("classes") : Dataset.CLASSES;
    }

    /** Networks other than the plain MLP take images as N×C×H×W (an affine layer flattens them); a regression table is N×F. */
    public static boolean takesImages(Config config) {
        return !config.string("model").equals("mlp") && !config.has("target-columns");
    }

    /** The loss the config names. */
    public static Loss loss(Config config) {
        try {
            return Losses.create(config.string("loss"), config.lossKeys());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().startsWith("unknown loss") ? e.getMessage()
                    : "loss = '" + config.string("loss") + "': " + e.getMessage());
        }
    }

    /** The network for image data of the config's {@code image-shape} and {@code classes} (MNIST's without them). */
    public static Network build(Config config, NDManager parent, DataType dataType) {
        return build(config, parent, dataType, null);
    }

    /**
     * The network for {@code data} (null: the config's image shape and classes): a regression table gives the input width,
     * and the model's output and the loss are checked against its targets before anything trains.
     */
    public static Network build(Config config, NDManager parent, DataType dataType, Dataset data) {
        Network network = network(config, parent, dataType, data != null && !data.classification() ? data.features() : 0);
        try {
            checkFit(config, network, data);
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static Network network(Config config, NDManager parent, DataType dataType, long tableFeatures) {
        WeightInit init;
        try {
            init = WeightInit.parse(config.string("weight-init"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Network.Builder builder = Network.builder().manager(parent).weightInit(init).dataType(dataType)
                .seed(config.longValue("seed"));
        ImageShape shape = imageShape(config);
        builder = tableFeatures > 0 ? builder.input(tableFeatures) : takesImages(config) ? builder.input(shape.chw()) : builder.input(shape.features());
        builder.loss(loss(config));
        try {
            Layers.parse(spec(config), config.layerKeys()).forEach(builder::add);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model = '" + config.string("model") + "': " + e.getMessage());
        } catch (ArithmeticException e) { // a weight matrix past 2^31 elements
            throw new ConfigException("model = '" + config.string("model") + "' (" + spec(config) + ") is too large: a layer would have more "
                    + "than 2^31 weights");
        }
    }

    /**
     * The loss/model/data combinations that cannot train: one line each, naming the keys. A classifier's output width
     * must be {@code classes}; a regression model's ({@code target-columns}) the number of target columns of {@code data}.
     */
    private static void checkFit(Config config, Network network, Dataset data) {
        long outputs = network.outputShape().size();
        if (!config.has("target-columns") && outputs != classes(config)) {
            throw new ConfigException("model = '" + config.string("model") + "' gives " + outputs + " outputs for " + imageShape(config)
                    + " images, but the data has " + classes(config) + " classes; end it with affine:" + classes(config));
        }
        Loss loss = network.lossFunction();
        String name = config.string("loss");
        List<Layer> layers = network.layers();
        Layer last = layers.get(layers.size() - 1);
        if (loss instanceof CrossEntropy && !(last instanceof Softmax || last instanceof Sigmoid)) {
            throw new ConfigException("loss = cross-entropy takes probabilities, but the model ends in " + last.name() + ": end the layer "
                    + "spec in softmax (model = mlp adds it), or use loss = softmax-cross-entropy on scores");
        }
        if (data == null) {
            return;
        }
        NDArray t = data.targets();
        long targets = t.getShape().get(1);
        if (outputs != targets) {
            throw new ConfigException("model = '" + config.string("model") + "' outputs " + outputs + " values per sample but "
                    + (data.classification() ? "the data has " + targets + " classes" : "target-columns = " + config.string("target-columns")
                    + " selects " + targets + " target column(s) of " + data.name()));
        }
        if (loss.takesDistributions()) {
            try (NDManager sub = t.getManager().newSubManager()) {
                NDArray rows = t.get(sub, new NDIndex("..."));
                NDArray off = rows.sum(new int[] {1}).subi(1).abs().maximum(rows.min(new int[] {1}).neg());
                long row = off.argMax().getLong();
                if (off.getFloat(row) > 1e-4) {
                    throw new ConfigException("loss = " + name + " needs targets that are class probabilities (one-hot: each value >= 0, each "
                            + "row summing to 1), but data row " + (row + 1) + " of " + data.name() + " is not; for real-valued targets use "
                            + "loss = mse or mse-mean");
                }
            }
        }
    }
}
