package dev.descent.examples.cli;

import dev.descent.examples.Config;
import dev.descent.examples.ConfigException;
import dev.descent.examples.Runs;
import dev.descent.examples.TrainMnist;
import dev.descent.examples.dashboard.DashboardFeed;
import dev.descent.examples.dashboard.DashboardServer;
import dev.descent.examples.dashboard.RunView;
import dev.descent.examples.train.Interrupts;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.RunDirectory;
import dev.descent.examples.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent train}: one configuration, or the continuation of a saved run. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train one configuration on MNIST; writes metrics.csv, config.properties, model.npz, checkpoint.npz, curves.png.",
            "Config keys come from --config FILE and/or --KEY VALUE flags (flags win). Ctrl-C saves a checkpoint; --resume continues."})
final class TrainCommand implements Callable<Integer>, Options.Keyed {
    /** What the network is and what its position means (the data, its order, the batches): a resumed run cannot change them. */
    private static final List<String> ARCHITECTURE = List.of("model", "hidden-sizes", "activation", "batch-norm", "batch-size", "seed",
            "train-size", "validation-split", "dataset", "train-csv", "loss", "target-columns", "image-shape", "classes", "class-names");

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile configFile;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint (flags may raise epochs or iterations)")
    Path resume;

    @Option(names = "--dashboard", paramLabel = "PORT", arity = "0..1", fallbackValue = Options.DASHBOARD_PORT,
            description = "serve a live dashboard while training (default port " + Options.DASHBOARD_PORT + "; 0: any free port)")
    Integer dashboard;

    @Mixin
    Options.Host host;

    @Override
    public String configCommand() {
        return Config.TRAIN;
    }

    @Override
    public Integer call() throws IOException {
        Config config;
        Path out;
        if (resume != null) {
            if (configFile.file != null) {
                throw new ConfigException("--config and --resume do not go together: a resumed run keeps its own " + RunDirectory.CONFIG);
            }
            Path saved = resume.resolve(RunDirectory.CONFIG);
            if (!Files.isRegularFile(saved)) {
                throw new ConfigException("cannot resume " + resume + ": " + saved + " does not exist (not a train run directory)");
            }
            Config before = new Config(Config.TRAIN).load(saved);
            config = new Config(Config.TRAIN).load(saved);
            config.effective().keySet().forEach(config::asDefault); // flags may replace saved values, epochs by iterations too
            Options.flags(spec, config);
            List<String> architecture = new ArrayList<>(ARCHITECTURE); // and the keys of the user layers and loss, which shape the model
            before.pluginKeys().stream().filter(k -> k.owner().startsWith("layer ") || k.owner().startsWith("loss "))
                    .forEach(k -> architecture.add(k.name()));
            for (String key : architecture) {
                if (!before.string(key).equals(config.string(key))) {
                    throw new ConfigException("cannot change " + key + " when resuming (the checkpoint was made with " + key + " = "
                            + (before.has(key) ? before.string(key) : "its default") + "); start a new run instead");
                }
            }
            if (config.given("out") && !Path.of(config.string("out")).equals(resume)) {
                throw new ConfigException("--out and --resume name different directories; a resumed run stays in " + resume);
            }
            out = resume;
        } else {
            config = Options.config(spec, Config.TRAIN, defaults(), configFile.file);
            out = Runs.out(config, "train");
        }
        config.set("out", "").check(); // the directory is not a property of the run
        if (dashboard != null) {
            RunView.requireClassification(config, "--dashboard");
        }
        Options.resumeHint("; continue with: ./descent train --resume " + out);
        Trainer.Result r;
        if (dashboard == null) {
            r = TrainMnist.train(config, out, resume != null, Progress.forConsole(), Options.downloads(), Interrupts.install());
        } else {
            RunView view = RunView.live(out.toString(), config);
            try (DashboardServer server = Options.startDashboard(host.host, dashboard, List.of(view))) {
                r = TrainMnist.train(config, out, resume != null, Progress.forConsole(), Options.downloads(), Interrupts.install(),
                        new DashboardFeed(view));
            }
        }
        Metrics.Row last = r.last();
        if (last != null) {
            String result = last.extra().containsKey("test_r2")
                    ? String.format(Locale.ROOT, "test mse %.6g, r2 %.4f", last.get("test_mse"), last.get("test_r2"))
                    : String.format("test accuracy %.4f", last.testAccuracy());
            Options.print(String.format("%s after %s (%s)%s; results in %s%n", result, count(last.epoch(), "epoch"), count(last.iteration(), "iteration"), r.stopReason() == null ? "" : " — " + r.stopReason(), out)); // the reason names what stopped it
        }
        return 0;
    }

    /** "1 epoch", "2 epochs". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
