package dev.descent.examples;

import dev.descent.core.grad.GradientCheck;
import dev.descent.data.DownloadListener;
import dev.descent.optim.Functions2D;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code ./descent} command line: parses options and dispatches to the example programs.
 * Exit codes: 0 success; 1 data or runtime failure; 2 usage or configuration error.
 */
@Command(name = "descent", mixinStandardHelpOptions = true, abbreviateSynopsis = true, version = "descent 0.1.0",
        description = "Train and understand neural networks on MNIST, with pluggable optimizers.",
        subcommands = {Cli.Train.class, Cli.Compare.class, Cli.GradCheck.class, Cli.Minimize.class, Cli.Evaluate.class,
            Bench.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    static boolean verbose;
    private static final List<String> DATA_KEYS = List.of("dataset", "data-dir", "train-csv", "test-csv");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; one of: train, compare, gradcheck, minimize, evaluate, bench");
    }

    /** {@code --verbose}, on every command; read early from the raw arguments (see {@link #run}). */
    static final class VerboseOption {
        @Option(names = "--verbose", description = "stack traces on errors")
        boolean on;
    }

    /** {@code --config FILE}, on the commands that take config keys. */
    static final class ConfigFileOption {
        @Option(names = "--config", paramLabel = "FILE", description = "properties file with config keys (flags override it)")
        Path file;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Cli());
        for (String command : List.of("train", "compare", "gradcheck", "evaluate")) {
            addConfigOptions(cli.getSubcommands().get(command).getCommandSpec(), command);
        }
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine() == cli && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                err.println("descent: unknown command '" + u.getUnmatched().get(0) + "'; valid: "
                        + String.join(", ", cli.getSubcommands().keySet()) + " (see 'descent --help')");
                return 2;
            }
            err.println("descent: " + e.getMessage().replace('\n', ' ') + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            boolean usage = e instanceof ConfigException || e instanceof IllegalArgumentException;
            c.getErr().println("descent: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (verbose) {
                e.printStackTrace(c.getErr());
            }
            return usage ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** One {@code --key VALUE} option per config key, with its default in the help. */
    private static void addConfigOptions(CommandSpec spec, String command) {
        Map<String, String> defaults = switch (command) {
            case "compare" -> CompareOptimizers.DEFAULTS;
            case "gradcheck" -> CheckGradients.DEFAULTS;
            default -> Map.of();
        };
        Config.KEYS.forEach((key, v) -> {
            if (command.equals("evaluate") && !DATA_KEYS.contains(key)) {
                return; // the model comes from the config.properties beside model.npz; only the data can change
            }
            String fallback = defaults.getOrDefault(key, v[0]);
            spec.addOption(OptionSpec.builder("--" + key).paramLabel("VALUE").type(String.class)
                    .description(v[1] + (fallback.isEmpty() ? "" : " (default: " + fallback + ")")).build());
        });
    }

    /** Defaults, then {@code --config FILE}, then the {@code --key VALUE} flags. */
    static Config config(CommandSpec spec, Map<String, String> defaults, Path file) {
        Config config = new Config(defaults);
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + " does not exist");
            }
            config.load(file);
        }
        return flags(spec, config);
    }

    static Config flags(CommandSpec spec, Config config) {
        for (String key : Config.KEYS.keySet()) {
            OptionSpec o = spec.findOption("--" + key);
            if (o != null && o.getValue() instanceof String value) { // evaluate's --model is a file, not the key
                config.set(key, value);
            }
        }
        return config;
    }

    public static Path defaultOut(String command) {
        return Path.of("runs", command + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    static Path out(Config config, String command) {
        return config.has("out") ? Path.of(config.string("out")) : defaultOut(command);
    }

    /** A download bar on a terminal (stderr), log lines otherwise. */
    static DownloadListener downloads() {
        if (System.console() == null) {
            return DownloadListener.logging();
        }
        return new DownloadListener() {
            @Override
            public void progress(String source, long bytes, long total) {
                String done = total > 0 ? String.format("%3d%% of %,d bytes", 100 * bytes / total, total) : String.format("%,d bytes", bytes);
                System.err.printf("\rdownloading %s: %s ", source, done);
            }

            @Override
            public void finished(String source, long bytes) {
                System.err.printf("\r\033[Kdownloaded %s (%,d bytes)%n", source, bytes);
            }
        };
    }

    static void print(String s) {
        System.out.print(s);
        System.out.flush();
    }

    static Map<String, String> keyValues(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = {"Train one configuration on MNIST; writes metrics.csv, config.properties, model.npz, curves.png.",
                "Config keys come from --config FILE and/or --KEY VALUE flags (flags win)."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigFileOption configFile;

        @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint")
        Path resume;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws IOException {
            Config config;
            Path out;
            if (resume != null) {
                Path saved = resume.resolve("config.properties");
                if (!Files.isRegularFile(saved)) {
                    throw new ConfigException("cannot resume: " + saved + " does not exist");
                }
                Config before = new Config().load(saved);
                config = flags(spec, new Config().load(saved));
                for (String key : List.of("model", "hidden-sizes", "activation", "batch-norm")) {
                    if (!before.string(key).equals(config.string(key))) {
                        throw new ConfigException("cannot change " + key + " when resuming (the checkpoint holds a "
                                + before.string(key) + " network); start a new run instead");
                    }
                }
                out = resume;
            } else {
                config = config(spec, Map.of(), configFile.file);
                out = out(config, "train");
            }
            TrainMnist.Result r = TrainMnist.train(config, out, resume != null, Progress.forConsole(), downloads());
            if (!r.rows().isEmpty()) {
                Metrics.Row last = r.last();
                print(String.format("test accuracy %.4f after %d epochs (%d iterations); results in %s%n",
                        last.testAccuracy(), last.epoch(), last.iteration(), out));
            }
            return 0;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = {"Compare optimizers: same network, initial weights and batch order; a table ranked by final loss.",
                "Writes compare.csv (optimizer,iteration,loss) and compare.png. Defaults: the book's experiment."})
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigFileOption configFile;

        @Option(names = "--optimizers", paramLabel = "A,B,C", split = ",", description = "optimizers to compare (default: minibatch,momentum,adagrad,adam — the book's four; its SGD uses mini-batches)")
        List<String> optimizers = CompareOptimizers.DEFAULT_OPTIMIZERS;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws IOException {
            Config config = config(spec, CompareOptimizers.DEFAULTS, configFile.file);
            Path out = out(config, "compare");
            List<CompareOptimizers.Outcome> outcomes = CompareOptimizers.compare(config, optimizers, out, Progress.forConsole(), downloads());
            print(CompareOptimizers.table(outcomes) + "results in " + out + "\n");
            return 0;
        }
    }

    @Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = {"Check backprop against central differences in FLOAT64, per parameter, on real images.",
                "Exit 1 if any element fails (absolute error > 1e-8 and relative error > 1e-6). Default: the book's 784-50-10."})
    static final class GradCheck implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConfigFileOption configFile;

        @Option(names = "--samples", paramLabel = "N", defaultValue = "3", description = "training images to check on (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(names = "--max-elements", paramLabel = "N", defaultValue = "0",
                description = "check at most N random elements per parameter (0 = all; default: ${DEFAULT-VALUE}, cnn: 300)")
        int maxElements;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() {
            Config config = config(spec, CheckGradients.DEFAULTS, configFile.file);
            if (samples < 1) {
                throw new ConfigException("--samples must be >= 1, got " + samples);
            }
            int max = maxElements == 0 && !config.string("model").equals("mlp") ? 300 : maxElements;
            GradientCheck.Report report = CheckGradients.check(config, samples, max, downloads());
            print("model " + Models.spec(config) + ", " + samples + " samples, FLOAT64\n" + report.table());
            print(report.passed() ? "gradient check passed\n" : "gradient check FAILED\n");
            return report.passed() ? 0 : 1;
        }
    }

    @Command(name = "minimize", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = {"Run an optimizer on a 2-D function; print the final point and value.",
                "Writes path.csv and path.png (contours and the path)."})
    static final class Minimize implements Callable<Integer> {
        @Option(names = "--function", paramLabel = "NAME", defaultValue = "sphere",
                description = "sphere (x0²+x1²), elliptic (x²/20+y²), rosenbrock (default: ${DEFAULT-VALUE})")
        String function;

        @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "gd", description = "any optimizer name (default: ${DEFAULT-VALUE})")
        String optimizer;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "updates (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--start", paramLabel = "X,Y", defaultValue = "-3,4", description = "start point (default: ${DEFAULT-VALUE})")
        String start;

        @Option(names = "--gradient", paramLabel = "KIND", defaultValue = "numerical",
                description = "numerical (central differences, as the seeds) or analytic (default: ${DEFAULT-VALUE})")
        String gradient;

        @Option(names = "--learning-rate", paramLabel = "VALUE", description = "step size (default: the optimizer's)")
        String learningRate;

        @Option(names = "--momentum", paramLabel = "VALUE", description = "momentum, nesterov: μ (default: 0.9)")
        String momentum;

        @Option(names = "--beta1", paramLabel = "VALUE", description = "adam, adamw: first-moment decay (default: 0.9)")
        String beta1;

        @Option(names = "--beta2", paramLabel = "VALUE", description = "adam, adamw: second-moment decay (default: 0.999)")
        String beta2;

        @Option(names = "--epsilon", paramLabel = "VALUE", description = "adagrad, rmsprop: 1e-7; adam, adamw: 1e-8 (the defaults)")
        String epsilon;

        @Option(names = "--decay-rate", paramLabel = "VALUE", description = "rmsprop: ρ (default: 0.99)")
        String decayRate;

        @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: runs/minimize-<timestamp>)")
        Path out;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws IOException {
            if (!Functions2D.names().contains(function)) {
                throw new ConfigException("function = '" + function + "' is not valid; valid: " + String.join(", ", Functions2D.names()));
            }
            if (!gradient.equals("numerical") && !gradient.equals("analytic")) {
                throw new ConfigException("gradient = '" + gradient + "' is not valid; valid: numerical, analytic");
            }
            if (steps < 0) {
                throw new ConfigException("steps = " + steps + " must be >= 0");
            }
            double[] point;
            try {
                point = Arrays.stream(start.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new ConfigException("start = '" + start + "' must be two numbers, e.g. -3,4");
            }
            if (point.length != 2) {
                throw new ConfigException("start = '" + start + "' must be two numbers, e.g. -3,4");
            }
            Map<String, String> h = new LinkedHashMap<>();
            String[][] given = {{"learning-rate", learningRate}, {"momentum", momentum}, {"beta1", beta1}, {"beta2", beta2},
                {"epsilon", epsilon}, {"decay-rate", decayRate}};
            for (String[] kv : given) {
                if (kv[1] != null) {
                    h.put(kv[0], kv[1]);
                }
            }
            Path dir = out != null ? out : defaultOut("minimize");
            Minimizer.Path path = MinimizeFunction.minimize(Optimizers.create(optimizer, h), Functions2D.byName(function), point, steps,
                    gradient.equals("numerical"), dir);
            print(MinimizeFunction.describe(path) + "\nresults in " + dir + "\n");
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
            description = {"Report test accuracy and the confusion matrix of a trained model.npz.",
                "The architecture comes from the config.properties that train wrote beside it."})
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "FILE", required = true, description = "a model.npz written by train")
        Path model;

        @Mixin
        VerboseOption verbose;

        @Override
        public Integer call() throws IOException {
            Path saved = model.toAbsolutePath().getParent().resolve("config.properties");
            if (!Files.isRegularFile(model)) {
                throw new ConfigException("model file " + model + " does not exist");
            }
            if (!Files.isRegularFile(saved)) {
                throw new ConfigException("evaluate needs the config.properties that train wrote beside " + model + "; not found: " + saved);
            }
            Config config = flags(spec, new Config().load(saved));
            print(EvaluateModel.format(EvaluateModel.evaluate(model, config, downloads())));
            return 0;
        }
    }
}
