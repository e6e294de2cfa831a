package dev.descent.examples;

import dev.descent.core.AtomicFiles;
import dev.descent.core.KeySpec;
import dev.descent.core.Layers;
import dev.descent.core.Losses;
import dev.descent.data.Augmentation;
import dev.descent.data.ImageShape;
import dev.descent.data.TableCsv;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.schedule.ScheduleKey;
import dev.descent.optim.schedule.Schedules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration of one command: the keys of DESIGN.md §5 from one table ({@link #KEYS}), from
 * defaults, a properties file and flags (flags win). {@link #check()} validates every value once,
 * before anything is written, and refuses a key the user gave that does not apply — to the command,
 * or to the chosen model — instead of recording it; {@link #effective()} is what took effect.
 *
 * <p>Besides the table, a plugin named in the config — a user optimizer ({@code optimizer = com.example.Lion}),
 * a user schedule, a user layer in the {@code model} spec, a user loss — brings its own keys ({@link #pluginKeys()}): once it is named they are accepted from
 * files and flags, checked by the plugin, listed in {@code --help} and recorded after the table's keys.
 */
public final class Config {
    public static final String TRAIN = "train";
    public static final String COMPARE = "compare";
    public static final String GRADCHECK = "gradcheck";
    public static final String EVALUATE = "evaluate";

    private static final Set<String> ALL = Set.of(TRAIN, COMPARE, GRADCHECK, EVALUATE);
    private static final Set<String> TRAINING = Set.of(TRAIN, COMPARE);
    private static final Set<String> MODEL = Set.of(TRAIN, COMPARE, GRADCHECK);
    /** Keys that shape the plain MLP only; with {@code model = cnn} or a layer spec they do not apply. */
    private static final List<String> MLP_ONLY = List.of("hidden-sizes", "activation", "dropout", "batch-norm");
    /** The optimizer's hyperparameters; the optimizer validates them (and refuses those it does not take). */
    public static final List<String> OPTIMIZER_KEYS = List.of("learning-rate", "momentum", "beta1", "beta2", "epsilon", "decay-rate",
            "weight-decay", "clip-norm", "history-size", "max-iter");

    /** How a key's value is read and checked. */
    enum Kind { TEXT, INTEGER, POSITIVE, NATURAL, NUMBER_0_1, NUMBER, BOOLEAN, INTEGERS, OPTIMIZER_VALUE, SCHEDULE_VALUE }

    /** The learning-rate schedule's keys (the schedule validates them and says which it takes). */
    public static final List<String> SCHEDULE_KEYS = Schedules.KEYS.stream().map(ScheduleKey::key).toList();
    private static final List<String> PLATEAU_KEYS = List.of("plateau-factor", "plateau-cooldown");

    /** One key: its default ("" = unset), what it means, its kind and the commands that take it. */
    public record Key(String name, String fallback, String help, Kind kind, Set<String> commands) {}

    /** A key that a plugin named in the config declares, e.g. a user optimizer's {@code interp}. */
    public record PluginKey(String owner, String name, String fallback, String range, String help) {
        /** The line {@code --help} shows for it. */
        public String description() {
            return owner + ": " + (help.isEmpty() ? "its own key" : help) + (range.isEmpty() ? "" : " in " + range)
                    + (fallback.isEmpty() ? "" : " (default: " + fallback + ")");
        }
    }

    /** Every key, in the README's order. */
    public static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        key("model", "mlp", "mlp, cnn, or a layer spec such as \"affine:100, relu, affine:10\"", Kind.TEXT, MODEL);
        key("hidden-sizes", "512,256", "mlp: hidden layer widths, comma-separated", Kind.INTEGERS, MODEL);
        key("activation", "relu", "mlp: activation of the hidden layers: relu, sigmoid, tanh, leakyrelu, step", Kind.TEXT, MODEL);
        key("weight-init", "he", "initial weights: std:<value> (the book's std:0.01), xavier, he", Kind.TEXT, MODEL);
        key("dropout", "0.2", "mlp: dropout ratio after each hidden layer (0 = none)", Kind.NUMBER_0_1, TRAINING);
        key("batch-norm", "false", "mlp: batch normalization before each hidden activation", Kind.BOOLEAN, MODEL);
        key("loss", Losses.DEFAULT, "softmax-cross-entropy (on scores, softmax fused), cross-entropy (on probabilities: mlp ends in "
                + "softmax, a layer spec must end in softmax or sigmoid), mse (½·Σ(y−t)² per sample, batch mean), mse-mean ((1/N)·Σ‖t−y‖²), "
                + "or a user loss's class name", Kind.TEXT, MODEL);
        key("optimizer", "adam", "gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw; lbfgs, cg (full batch, "
                + "line search); newton, bfgs, lm (at most 1000 parameters); or a user optimizer", Kind.TEXT, Set.of(TRAIN));
        key("learning-rate", "", "step size (default: adam, adamw 0.001; lbfgs, cg, bfgs, newton, lm 1: the line search's first trial; "
                + "the others 0.01)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("momentum", "", "momentum, nesterov: velocity decay μ (default: 0.9)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("beta1", "", "adam, adamw: first-moment decay (default: 0.9)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("beta2", "", "adam, adamw: second-moment decay (default: 0.999)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("epsilon", "", "the small constant in the denominator (default: adagrad, rmsprop 1e-7; adam, adamw 1e-8)",
                Kind.OPTIMIZER_VALUE, TRAINING);
        key("decay-rate", "", "rmsprop: decay ρ of the squared-gradient average (default: 0.99)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("weight-decay", "", "L2 weight decay λ (adamw: decoupled; default: 0)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("clip-norm", "", "clip gradients to this global L2 norm (default: no clipping)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("history-size", "", "lbfgs: pairs (s, y) kept, m (default: 100)", Kind.OPTIMIZER_VALUE, TRAINING);
        key("max-iter", "", "lbfgs: iterations per update, each with its line search (default: 1; PyTorch: 20)", Kind.OPTIMIZER_VALUE,
                TRAINING);
        key("epochs", "10", "passes over the training set", Kind.POSITIVE, TRAINING);
        key("iterations", "", "run this many updates instead of epochs (the book's iters_num loop)", Kind.POSITIVE, TRAINING);
        key("batch-size", "100", "samples per update (gd: chunk size of its full-batch gradient)", Kind.POSITIVE, TRAINING);
        key("seed", "42", "seed of initial weights, shuffling and dropout", Kind.INTEGER, MODEL);
        key("dataset", "mnist", "mnist, fashion-mnist, or idx (your own four IDX files in data-dir, any image size)", Kind.TEXT, ALL);
        key("data-dir", "", "directory holding the four IDX files (mnist, fashion-mnist: authoritative, verified, missing files are "
                + "fetched into it; idx: used as they are; a dataset.properties there makes it dataset = idx)", Kind.TEXT, ALL);
        key("train-csv", "", "training set as CSV (label, then the pixels 0-255 of one image); needs test-csv", Kind.TEXT, MODEL);
        key("test-csv", "", "test set as CSV", Kind.TEXT, ALL);
        key("target-columns", "", "regression: the CSV files are tables of real numbers and these columns the targets, the others "
                + "the features: numbers from 1, ranges a-b, last, last:k, or header names (e.g. last, 3,4)", Kind.TEXT,
                Set.of(TRAIN, GRADCHECK, EVALUATE));
        key("image-shape", "", "ROWSxCOLUMNS or ROWSxCOLUMNSxCHANNELS of the images (default: from the IDX header, or the square a CSV "
                + "row makes)", Kind.TEXT, ALL);
        key("classes", "", "number of classes K, labels 0..K-1 (default: from class-names, else the largest label + 1; mnist: 10)",
                Kind.POSITIVE, ALL);
        key("class-names", "", "text file naming the classes, one per line (default: the digits, Fashion-MNIST's, or the numbers)",
                Kind.TEXT, ALL);
        key("validation-split", "0", "fraction of the training set held out for validation accuracy and loss", Kind.NUMBER_0_1,
                Set.of(TRAIN));
        key("train-size", "", "train on the first N training images only (the test set stays whole; default: all)", Kind.POSITIVE,
                TRAINING);
        for (ScheduleKey k : Schedules.KEYS) {
            key(k.key(), k.key().equals("lr-schedule") ? k.fallback() : "", k.help() + (k.key().equals("lr-schedule")
                    ? ": " + String.join(", ", Schedules.names()) + ", or a user schedule's class name"
                    : " (" + k.range() + (k.fallback().isEmpty() ? "" : "; default: " + k.fallback()) + ")"), Kind.SCHEDULE_VALUE, TRAINING);
        }
        key("plateau-patience", "", "cut the learning rate when the monitor has not improved for this many epochs (default: off)",
                Kind.NATURAL, Set.of(TRAIN));
        key("plateau-factor", "0.1", "plateau: the factor of each cut", Kind.NUMBER, Set.of(TRAIN));
        key("plateau-cooldown", "0", "plateau: epochs after a cut before counting again", Kind.NATURAL, Set.of(TRAIN));
        key("early-stopping-patience", "", "stop when the monitor has not improved for this many epochs (default: off)",
                Kind.POSITIVE, Set.of(TRAIN));
        key("monitor", "", "what plateau, early stopping and best.npz watch: loss, train_accuracy, validation_loss, validation_accuracy"
                + " (default: validation_loss with a validation split, else loss; train_accuracy needs train-accuracy = true)", Kind.TEXT,
                Set.of(TRAIN));
        key("min-delta", "0", "plateau, early stopping: the least change that counts as an improvement", Kind.NUMBER, Set.of(TRAIN));
        key("restore-best", "false", "end the run with the weights of the best epoch (best.npz) in model.npz", Kind.BOOLEAN, Set.of(TRAIN));
        key("augment", "", "distort training batches: shift:PIXELS, rotate:DEGREES, scale:FRACTION, elastic:ALPHA:SIGMA (Simard's "
                + "elastic distortion, e.g. elastic:34:4), comma-separated (default: none)", Kind.TEXT, Set.of(TRAIN));
        key("train-accuracy", "true", "count the training set after each epoch (the book's train_acc, a forward pass over all of "
                + "it); false leaves train_accuracy NaN and saves that time", Kind.BOOLEAN, Set.of(TRAIN));
        key("standardize", "false", "feed (x - mean)/std to the network: true (mean and std of the training set's pixels, recorded "
                + "here as MEAN:STD), MEAN:STD, or false", Kind.TEXT, Set.of(TRAIN));
        key("out", "", "output directory (default runs/<command>-<timestamp>)", Kind.TEXT, TRAINING);
    }

    private static void key(String name, String fallback, String help, Kind kind, Set<String> commands) {
        KEYS.put(name, new Key(name, fallback, help, kind, commands));
    }

    /** The keys {@code command} takes, in table order. */
    public static List<Key> keysOf(String command) {
        return KEYS.values().stream().filter(k -> k.commands().contains(command)).toList();
    }

    private final String command;
    private final Map<String, String> values = new TreeMap<>();
    /** Keys the user gave (file or flag), as opposed to defaults; where each came from, for errors. */
    private final Map<String, String> given = new LinkedHashMap<>();

    /** The defaults of the table, then {@code overrides} (the command's own defaults, e.g. compare's net). */
    public Config(String command, Map<String, String> overrides) {
        if (!ALL.contains(command)) {
            throw new IllegalArgumentException("no config for command " + command);
        }
        this.command = command;
        keysOf(command).forEach(k -> {
            if (!k.fallback().isEmpty()) {
                values.put(k.name(), k.fallback());
            }
        });
        values.putAll(overrides);
    }

    public Config(String command) {
        this(command, Map.of());
    }

    public String command() {
        return command;
    }

    /** Reads a properties file over the current values; its keys count as given. */
    public Config load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        return apply(properties(file, "config file"), file.toString());
    }

    /** Reads one of the shipped configs ({@code examples/configs/NAME}, also inside the jar). */
    public Config loadShipped(String name) {
        try (InputStream in = Config.class.getResourceAsStream("/configs/" + name)) {
            if (in == null) {
                throw new ConfigException("no shipped config " + name + " on the class path");
            }
            return apply(properties(new InputStreamReader(in, StandardCharsets.UTF_8), "configs/" + name, "shipped config"), "configs/" + name);
        } catch (IOException e) {
            throw new ConfigException("cannot read shipped config " + name + ": " + e.getMessage());
        }
    }

    private Config apply(Map<String, String> read, String source) {
        for (boolean table : List.of(true, false)) { // the table's keys first: they name the plugins whose keys follow
            read.forEach((k, v) -> {
                if (KEYS.containsKey(k) == table) {
                    set(k, v, source);
                }
            });
        }
        return this;
    }

    /** The keys and trimmed values of a properties file, sorted by key; {@code what} names the file in the error. */
    static Map<String, String> properties(Path file, String what) {
        try (Reader r = Files.newBufferedReader(file)) {
            return properties(r, file.toString(), what);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> properties(Reader reader, String source, String what) throws IOException {
        Properties p = new Properties();
        try {
            p.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cannot read " + what + " " + source + ": " + e.getMessage());
        }
        Map<String, String> sorted = new TreeMap<>();
        p.forEach((k, v) -> sorted.put(k.toString(), v.toString().trim()));
        return sorted;
    }

    /** A given value (a flag, or a test); an empty value unsets the key. */
    public Config set(String key, String value) {
        return set(key, value, "--" + key);
    }

    private Config set(String key, String value, String source) {
        Key k = KEYS.get(key);
        if (k == null) {
            List<PluginKey> plugins = pluginKeysOrNone();
            if (plugins.stream().noneMatch(pk -> pk.name().equals(key))) {
                throw unknownKey(source, key, plugins);
            }
        } else if (!k.commands().contains(command)) {
            throw new ConfigException(source + ": key '" + key + "' does not apply to " + command + "; its keys: "
                    + String.join(", ", keysOf(command).stream().map(Key::name).toList()));
        }
        if (value == null || value.isEmpty()) {
            values.remove(key);
            given.remove(key);
        } else {
            values.put(key, value);
            given.put(key, source);
        }
        if (value != null && !value.isEmpty()) { // given data replaces other data that was only a default
            List<String> others = key.endsWith("-csv") ? List.of("dataset", "data-dir")
                    : key.equals("dataset") || key.equals("data-dir") ? List.of("train-csv", "test-csv") : List.of();
            others.stream().filter(o -> !given.containsKey(o)).forEach(values::remove);
        }
        if (key.equals("epochs") || key.equals("iterations")) { // the later one given replaces the other's default
            String other = key.equals("epochs") ? "iterations" : "epochs";
            if (!given.containsKey(other)) {
                values.remove(other);
            }
        }
        return this;
    }

    private ConfigException unknownKey(String source, String key, List<PluginKey> plugins) {
        Map<String, List<String>> byOwner = new LinkedHashMap<>();
        plugins.forEach(pk -> byOwner.computeIfAbsent(pk.owner(), o -> new ArrayList<>()).add(pk.name()));
        StringBuilder owners = new StringBuilder();
        byOwner.forEach((owner, names) -> owners.append("; ").append(owner).append(" takes ").append(String.join(", ", names)));
        return new ConfigException(source + ": unknown key '" + key + "'; valid keys for " + command + ": "
                + String.join(", ", keysOf(command).stream().map(Key::name).toList()) + owners
                + (plugins.isEmpty() ? " (a user plugin's own keys apply once it is named, e.g. optimizer = com.example.Lion)" : ""));
    }

    /**
     * The keys of the plugins this config names that are not in the table: the optimizer's (from
     * {@link Optimizer#keys()}, else its {@link Optimizer#hyperparameters()}), the lr-schedule's, and those of the
     * user layers in the {@code model} spec and of the user loss ({@link dev.descent.core.SpecProvider#keys()}).
     * Naming a plugin that cannot be made is the plugin's {@link IllegalArgumentException}.
     */
    public List<PluginKey> pluginKeys() {
        List<PluginKey> keys = new ArrayList<>();
        if (has("optimizer") && KEYS.get("optimizer").commands().contains(command)) {
            String optimizer = string("optimizer");
            Optimizer o = Optimizers.create(optimizer, Map.of());
            List<Hyperparameters.Spec> specs = o.keys();
            if (specs.isEmpty()) {
                o.hyperparameters().forEach((k, v) -> keys.add(new PluginKey("optimizer " + optimizer, k, v, "", "")));
            }
            specs.forEach(sp -> keys.add(new PluginKey("optimizer " + optimizer, sp.key(), Hyperparameters.format(sp.fallback()),
                    sp.range().toString(), "")));
        }
        String name = string("lr-schedule");
        if (KEYS.get("lr-schedule").commands().contains(command) && (Schedules.names().contains(name) || name.contains("."))) {
            Schedules.keys(name).forEach(k -> keys.add(new PluginKey("lr-schedule " + name, k.key(), k.fallback(), k.range(), k.help())));
        }
        if (KEYS.get("model").commands().contains(command)) {
            Layers.keys(string("model")).forEach((layer, specs) -> specs.forEach(k -> keys.add(pluginKey("layer " + layer, k))));
            Losses.keys(string("loss")).forEach(k -> keys.add(pluginKey("loss " + string("loss").split(":")[0].trim(), k)));
        }
        keys.removeIf(k -> KEYS.containsKey(k.name()));
        return keys;
    }

    private static PluginKey pluginKey(String owner, KeySpec k) {
        return new PluginKey(owner, k.key(), Hyperparameters.format(k.fallback()), k.range(), k.help());
    }

    /** {@link #pluginKeys()}, or none while a named plugin cannot be made ({@link #check()} says why). */
    private List<PluginKey> pluginKeysOrNone() {
        try {
            return pluginKeys();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Forgets that {@code key} was given (its value stays): a saved config read back for resuming. */
    public Config asDefault(String key) {
        given.remove(key);
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean given(String key) {
        return given.containsKey(key);
    }

    public String string(String key) {
        return values.getOrDefault(key, "");
    }

    /**
     * Validates every value and every combination, once, before anything is written: each
     * failure names the key (and where it came from) and the valid choices.
     */
    public Config check() {
        List<PluginKey> plugins = pluginKeys(); // a named plugin that cannot be made fails here, naming it
        for (String key : values.keySet()) {
            if (KEYS.containsKey(key)) {
                parse(KEYS.get(key), values.get(key));
            } else if (plugins.stream().noneMatch(pk -> pk.name().equals(key))) { // its plugin was replaced after it was given
                throw unknownKey(given.getOrDefault(key, key), key, plugins);
            }
        }
        if (plugins.stream().anyMatch(pk -> pk.owner().startsWith("optimizer ") && has(pk.name()))) {
            Optimizers.create(string("optimizer"), hyperparameters()); // the plugin checks its values before anything is written
        }
        if (!layerKeys().isEmpty()) {
            Layers.parse(string("model"), layerKeys()); // the layers check theirs (made only, nothing allocated)
        }
        if (!lossKeys().isEmpty()) {
            Losses.create(string("loss"), lossKeys());
        }
        boolean mlp = string("model").equals("mlp");
        for (String key : MLP_ONLY) {
            if (!mlp && given(key)) {
                throw new ConfigException(given.get(key) + ": " + key + " applies only to model = mlp (model is '" + string("model") + "')");
            }
        }
        String schedule = string("lr-schedule");
        if (has("lr-schedule") && !Schedules.names().contains(schedule) && !schedule.contains(".")) {
            throw new ConfigException("lr-schedule = '" + schedule + "' is not valid; valid: " + String.join(", ", Schedules.names()));
        }
        for (String key : given.keySet()) {
            if (SCHEDULE_KEYS.contains(key) && !applies(key)) {
                throw new ConfigException(given.get(key) + ": " + key + " does not apply to lr-schedule = " + schedule + "; it takes "
                        + String.join(", ", Schedules.keys(schedule).stream().map(ScheduleKey::key).toList()));
            }
            if ((PLATEAU_KEYS.contains(key) || key.equals("min-delta")) && !applies(key)) {
                throw new ConfigException(given.get(key) + ": " + key + " applies only with "
                        + (key.equals("min-delta") ? "plateau-patience or early-stopping-patience" : "plateau-patience"));
            }
        }
        if (has("plateau-patience") && (!schedule.equals("constant") || has("warmup-epochs"))) {
            throw new ConfigException("plateau-patience needs lr-schedule = constant (a schedule would override every cut; lr-schedule is "
                    + schedule + ")");
        }
        if (has("augment")) {
            try {
                Augmentation.parse(string("augment"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(given.getOrDefault("augment", "augment") + ": " + e.getMessage());
            }
        }
        if (!string("standardize").matches("true|false")) {
            Models.standardization(this); // MEAN:STD, checked
        }
        if (given("epochs") && given("iterations")) {
            throw new ConfigException("epochs and iterations both given (" + given.get("epochs") + ", " + given.get("iterations")
                    + "); a run counts either epochs or iterations — give one");
        }
        boolean csv = has("train-csv") || has("test-csv");
        if (csv && given("dataset")) {
            throw new ConfigException("dataset and " + (has("train-csv") ? "train-csv" : "test-csv") + " both given; the data comes from one of them");
        }
        if (csv && has("data-dir")) {
            throw new ConfigException("data-dir applies to dataset = mnist, fashion-mnist or idx, not to CSV files");
        }
        if (has("image-shape")) {
            try {
                ImageShape.parse(string("image-shape"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("image-shape: " + e.getMessage());
            }
        }
        if (has("classes") && integer("classes") > 256) {
            throw new ConfigException("classes = " + string("classes") + " is too large; labels are bytes, so at most 256");
        }
        if (!command.equals(EVALUATE) && has("train-csv") != has("test-csv")) {
            throw new ConfigException("train-csv and test-csv go together; set both");
        }
        if (command.equals(EVALUATE) && has("train-csv")) {
            throw new ConfigException("evaluate reads only test data; give test-csv");
        }
        if (has("target-columns")) {
            if (!csv) {
                throw new ConfigException(source("target-columns") + ": target-columns applies to CSV tables (train-csv and test-csv), not to "
                        + "dataset = " + string("dataset"));
            }
            if (has("augment")) {
                throw new ConfigException(source("augment") + ": augment distorts images; it does not apply to a regression table "
                        + "(target-columns)");
            }
            if (given("train-accuracy")) {
                throw new ConfigException(source("train-accuracy") + ": train-accuracy counts classes; a regression table (target-columns) "
                        + "reports train_mse");
            }
            for (String key : List.of("image-shape", "classes", "class-names")) {
                if (has(key)) {
                    throw new ConfigException(source(key) + ": " + key + " describes images and their classes; it does not apply to a "
                            + "regression table (target-columns)");
                }
            }
            try {
                TableCsv.count(string("target-columns"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source("target-columns") + ": " + e.getMessage());
            }
        }
        return this;
    }

    private static void parse(Key k, String v) {
        switch (k.kind()) {
            case INTEGER -> integer(k.name(), v, Long.MIN_VALUE);
            case NATURAL -> integer(k.name(), v, 0);
            case NUMBER -> number(k.name(), v);
            case POSITIVE -> integer(k.name(), v, 1);
            case NUMBER_0_1 -> {
                double d = number(k.name(), v);
                if (!(d >= 0 && d < 1)) {
                    throw new ConfigException(k.name() + " = " + v + " is outside [0, 1)");
                }
            }
            case BOOLEAN -> bool(k.name(), v);
            case INTEGERS -> positiveIntegers(k.name(), v);
            default -> { } // TEXT: checked where it is used (model spec, names); OPTIMIZER_VALUE, SCHEDULE_VALUE: by their owner
        }
    }

    /** Whether {@code key} took effect: it belongs to the command and, for MLP-only keys, the model is the MLP. */
    public boolean applies(String key) {
        if (!KEYS.containsKey(key)) {
            return pluginKeysOrNone().stream().anyMatch(pk -> pk.name().equals(key));
        }
        if (SCHEDULE_KEYS.contains(key) && !key.equals("lr-schedule") && KEYS.get(key).commands().contains(command)) {
            return scheduleTakes(key) || (key.equals("min-learning-rate") && has("plateau-patience"));
        }
        if (PLATEAU_KEYS.contains(key)) {
            return has("plateau-patience");
        }
        if (key.equals("min-delta")) {
            return has("plateau-patience") || has("early-stopping-patience");
        }
        return KEYS.get(key).commands().contains(command) && (!MLP_ONLY.contains(key) || string("model").equals("mlp"))
                && !(key.equals("data-dir") && (has("train-csv") || has("test-csv")))
                && !(key.equals("dataset") && (has("train-csv") || has("test-csv")))
                && !(key.equals("target-columns") && !(has("train-csv") || has("test-csv")))
                && !(key.equals("train-accuracy") && has("target-columns"));
    }

    private boolean scheduleTakes(String key) {
        String schedule = string("lr-schedule");
        try {
            return Schedules.keys(schedule.isEmpty() ? "constant" : schedule).stream().anyMatch(k -> k.key().equals(key));
        } catch (IllegalArgumentException e) {
            return false; // an unknown schedule: check() names it
        }
    }

    /** The schedule keys that are set (lr-schedule included): what {@code Schedules.create} reads. */
    public Map<String, String> scheduleKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String k : SCHEDULE_KEYS) {
            if (has(k) && (k.equals("lr-schedule") || scheduleTakes(k))) {
                keys.put(k, string(k));
            }
        }
        keys.putAll(givenPluginKeys("lr-schedule "));
        return keys;
    }

    /** The keys that took effect and their values, in table order: what {@code config.properties} records. */
    public Map<String, String> effective() {
        Map<String, String> e = new LinkedHashMap<>();
        for (String k : KEYS.keySet()) {
            if (values.containsKey(k) && applies(k)) {
                e.put(k, values.get(k));
            }
        }
        e.putAll(givenPluginKeys(""));
        return e;
    }

    public long longValue(String key) {
        return integer(key, string(key), Long.MIN_VALUE);
    }

    public int integer(String key) {
        long v = integer(key, string(key), Integer.MIN_VALUE);
        if (v > Integer.MAX_VALUE) {
            throw new ConfigException(key + " = " + v + " is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    public double number(String key) {
        return number(key, string(key));
    }

    public boolean bool(String key) {
        return bool(key, string(key));
    }

    public int[] integers(String key) {
        return positiveIntegers(key, string(key));
    }

    /** The optimizer's hyperparameters: the optimizer keys that are set. */
    public Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        for (String k : OPTIMIZER_KEYS) {
            if (has(k)) {
                h.put(k, string(k));
            }
        }
        h.putAll(givenPluginKeys("optimizer "));
        return h;
    }

    /** The values given for the keys of the user layers in the {@code model} spec: what {@link Layers#parse(String, Map)} takes. */
    public Map<String, String> layerKeys() {
        return givenPluginKeys("layer ");
    }

    /** The values given for the user loss's keys: what {@link Losses#create(String, Map)} takes. */
    public Map<String, String> lossKeys() {
        return givenPluginKeys("loss ");
    }

    /** The plugin keys that are set, of the plugins whose owner starts with {@code owner}, in the plugin's order. */
    private Map<String, String> givenPluginKeys(String owner) {
        Map<String, String> set = new LinkedHashMap<>();
        for (PluginKey pk : pluginKeysOrNone()) {
            if (pk.owner().startsWith(owner) && has(pk.name())) {
                set.put(pk.name(), string(pk.name()));
            }
        }
        return set;
    }

    /** The effective configuration as a properties text, with {@code notes} as comments. */
    public String text(Map<String, String> notes) {
        StringBuilder s = new StringBuilder("# effective configuration of this run (flags over config file over defaults)\n");
        effective().forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
        notes.forEach((k, v) -> s.append("# ").append(k).append(" = ").append(v).append('\n'));
        return s.toString();
    }

    public void write(Path file, Map<String, String> notes) throws IOException {
        AtomicFiles.writeString(file, text(notes));
    }

    private static long integer(String key, String v, long min) {
        try {
            long i = Long.parseLong(v.trim());
            if (i < min) {
                throw new ConfigException(key + " = " + v + " must be an integer >= " + min);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + v + "' is not an integer" + (min > Long.MIN_VALUE ? " (expected >= " + min + ")" : ""));
        }
    }

    private static double number(String key, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + v + "' is not a number");
        }
    }

    private static boolean bool(String key, String v) {
        String b = v.trim().toLowerCase(Locale.ROOT);
        if (b.equals("true") || b.equals("false")) {
            return Boolean.parseBoolean(b);
        }
        throw new ConfigException(key + " = '" + v + "' must be true or false");
    }

    private static int[] positiveIntegers(String key, String v) {
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

    /** Where a key's value came from (a file or a flag), for messages; "default" when it was not given. */
    private String source(String key) {
        return given.getOrDefault(key, "default");
    }

    /** Keys given by the user, for messages. */
    public Set<String> givenKeys() {
        return new LinkedHashSet<>(given.keySet());
    }

    @Override
    public String toString() {
        return command + " " + new ArrayList<>(effective().entrySet());
    }
}
