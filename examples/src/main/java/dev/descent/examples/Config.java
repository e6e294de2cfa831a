package dev.descent.examples;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The configuration of a run: the keys of DESIGN.md §5, from a properties file and/or flags
 * (flags win), with the defaults of the default training job. Every getter validates its value and
 * fails with a {@link ConfigException} naming the key and the valid choices.
 */
public final class Config {

    /** Every key with its default ("" = unset) and what it means; the order is the README's. */
    public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("model", "mlp", "mlp, cnn, or a layer spec such as \"affine:100, relu, affine:10\"");
        key("hidden-sizes", "512,256", "hidden layer widths of the mlp, comma-separated");
        key("activation", "relu", "activation of the mlp's hidden layers: relu, sigmoid, tanh, leakyrelu");
        key("weight-init", "he", "initial weights: std:<value> (the book's std:0.01), xavier, he");
        key("dropout", "0.2", "dropout ratio after each hidden layer of the mlp (0 = none)");
        key("batch-norm", "false", "batch normalization before each hidden activation of the mlp");
        key("optimizer", "adam", "gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, or a user optimizer");
        key("learning-rate", "", "step size (default: adam, adamw 0.001; the others 0.01)");
        key("momentum", "", "momentum, nesterov: velocity decay μ (default: 0.9)");
        key("beta1", "", "adam, adamw: first-moment decay (default: 0.9)");
        key("beta2", "", "adam, adamw: second-moment decay (default: 0.999)");
        key("epsilon", "", "the small constant in the denominator (default: adagrad, rmsprop 1e-7; adam, adamw 1e-8)");
        key("decay-rate", "", "rmsprop: decay ρ of the squared-gradient average (default: 0.99)");
        key("weight-decay", "", "L2 weight decay λ (adamw: decoupled)");
        key("clip-norm", "", "clip gradients to this global L2 norm (default: no clipping)");
        key("epochs", "10", "passes over the training set");
        key("iterations", "", "run this many updates instead of epochs (the book's iters_num loop)");
        key("batch-size", "100", "samples per update (gd: chunk size of its full-batch gradient)");
        key("seed", "42", "seed of initial weights, shuffling and dropout");
        key("dataset", "mnist", "mnist or fashion-mnist");
        key("data-dir", "", "directory holding the four IDX files (authoritative; missing files are fetched into it)");
        key("train-csv", "", "training set as CSV (label, 784 pixels 0-255); needs test-csv");
        key("test-csv", "", "test set as CSV");
        key("validation-split", "0", "fraction of the training set held out for validation accuracy");
        key("out", "", "output directory (default runs/<command>-<timestamp>)");
    }

    private static void key(String name, String fallback, String help) {
        KEYS.put(name, new String[] {fallback, help});
    }

    private final Map<String, String> values = new TreeMap<>();

    /** Starts from the defaults; {@code overrides} are command-specific defaults (e.g. compare's net). */
    public Config(Map<String, String> overrides) {
        KEYS.forEach((k, v) -> {
            if (!v[0].isEmpty()) {
                values.put(k, v[0]);
            }
        });
        overrides.forEach(this::set);
    }

    public Config() {
        this(Map.of());
    }

    /** Reads a properties file over the current values. */
    public Config load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            try {
                set(k, p.getProperty(k).trim());
            } catch (ConfigException e) {
                throw new ConfigException(file + ": " + e.getMessage());
            }
        }
        return this;
    }

    public Config set(String key, String value) {
        if (!KEYS.containsKey(key)) {
            throw new ConfigException("unknown key '" + key + "'; valid keys: " + String.join(", ", KEYS.keySet()));
        }
        if (value == null || value.isEmpty()) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key) {
        return values.getOrDefault(key, "");
    }

    public int integer(String key, int min) {
        String v = string(key);
        try {
            int i = Integer.parseInt(v);
            if (i < min) {
                throw new ConfigException(key + " = " + v + " must be an integer >= " + min);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + v + "' is not an integer (expected an integer >= " + min + ")");
        }
    }

    public double number(String key, double min, double maxExclusive) {
        String v = string(key);
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d < maxExclusive)) {
                throw new ConfigException(key + " = " + v + " is outside [" + min + ", " + maxExclusive + ")");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + v + "' is not a number");
        }
    }

    public boolean bool(String key) {
        String v = string(key).toLowerCase(java.util.Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(key + " = '" + string(key) + "' must be true or false");
    }

    public String choice(String key, List<String> valid) {
        String v = string(key);
        if (!valid.contains(v)) {
            throw new ConfigException(key + " = '" + v + "' is not valid; valid: " + String.join(", ", valid));
        }
        return v;
    }

    public int[] integers(String key) {
        String v = string(key);
        try {
            int[] out = Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int i : out) {
                if (i <= 0) {
                    throw new NumberFormatException();
                }
            }
            return out;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + v + "' must be positive integers separated by commas, e.g. 256,128");
        }
    }

    /** The optimizer's hyperparameters: the optimizer-related keys that are set. */
    public Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        for (String k : List.of("learning-rate", "momentum", "beta1", "beta2", "epsilon", "decay-rate", "weight-decay", "clip-norm")) {
            if (has(k)) {
                h.put(k, string(k));
            }
        }
        return h;
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Writes the effective configuration, one key per line, in the README's order. */
    public void write(Path file, Map<String, String> extra) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("# effective configuration of this run (flags over config file over defaults)\n");
            for (String k : KEYS.keySet()) {
                if (values.containsKey(k)) {
                    w.write(k + " = " + values.get(k) + "\n");
                }
            }
            for (Map.Entry<String, String> e : extra.entrySet()) {
                w.write("# " + e.getKey() + " = " + e.getValue() + "\n");
            }
        }
    }
}
