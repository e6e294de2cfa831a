package dev.descent.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Network;
import dev.descent.core.init.WeightInit;
import dev.descent.data.Dataset;
import dev.descent.data.ImageShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code model} key made into a network: the MLP of the config, the book's SimpleConvNet, or a layer spec.
 * The input layer takes the data's images ({@code image-shape}) and the MLP's and SimpleConvNet's last layer
 * has one output per class ({@code classes}); without those keys, MNIST's 28x28 and 10.
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
            NDArray x = train.images();
            double mean = x.mean().getFloat();
            double std;
            try (NDArray centred = x.sub((float) mean)) {
                std = Math.sqrt(centred.muli(centred).mean().getFloat());
            }
            config.set("standardize", String.format(Locale.ROOT, "%.6g:%.6g", mean, std));
        }
        return config;
    }

    private static String layers(Config config) {
        String model = config.string("model");
        if (model.equals("cnn")) {
            return simpleConvNet(classes(config));
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
        items.add("affine:" + classes(config));
        return String.join(", ", items);
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

    /** Networks other than the plain MLP take images as N×C×H×W (an affine layer flattens them). */
    public static boolean takesImages(Config config) {
        return !config.string("model").equals("mlp");
    }

    public static Network build(Config config, NDManager parent, DataType dataType) {
        WeightInit init;
        try {
            init = WeightInit.parse(config.string("weight-init"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Network.Builder builder = Network.builder().manager(parent).weightInit(init).dataType(dataType)
                .seed(config.longValue("seed"));
        ImageShape shape = imageShape(config);
        builder = takesImages(config) ? builder.input(shape.chw()) : builder.input(shape.features());
        Network network;
        try {
            network = builder.spec(spec(config)).build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model = '" + config.string("model") + "': " + e.getMessage());
        } catch (ArithmeticException e) { // a weight matrix past 2^31 elements
            throw new ConfigException("model = '" + config.string("model") + "' (" + spec(config) + ") is too large: a layer would have more "
                    + "than 2^31 weights");
        }
        long outputs = network.outputShape().size();
        if (outputs != classes(config)) {
            network.close();
            throw new ConfigException("model = '" + config.string("model") + "' gives " + outputs + " outputs for " + shape
                    + " images, but the data has " + classes(config) + " classes; end it with affine:" + classes(config));
        }
        return network;
    }
}
