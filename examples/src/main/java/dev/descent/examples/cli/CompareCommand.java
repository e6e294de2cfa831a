package dev.descent.examples.cli;

import dev.descent.examples.CompareOptimizers;
import dev.descent.examples.Config;
import dev.descent.examples.Runs;
import dev.descent.examples.train.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent compare}: the book's optimizer comparison. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Compare optimizers (or schedules, or batch sizes): same network, initial weights and data order; a table ranked by "
            + "final loss.",
            "Writes compare.csv (optimizer,iteration,loss) and compare.png. Defaults: the book's experiment."})
final class CompareCommand implements Callable<Integer>, Options.Keyed {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile configFile;

    @Option(names = "--optimizers", paramLabel = "A,B:KEY=V,...", split = ",",
            description = {"optimizers to compare, each with its own settings if wanted, e.g. momentum:learning-rate=0.05,adam",
                "(default: minibatch,momentum,adagrad,adam — the book's four; its SGD uses mini-batches)"})
    List<String> optimizers = CompareOptimizers.DEFAULT_OPTIMIZERS;

    @Option(names = "--lr-schedules", paramLabel = "A,B:KEY=V,...", split = ",",
            description = "compare learning-rate schedules for one optimizer instead, e.g. constant,cosine,onecycle:max-learning-rate=0.01")
    List<String> schedules = List.of();

    @Option(names = "--batch-sizes", paramLabel = "N,M,...", split = ",",
            description = "compare batch sizes for one mini-batch optimizer instead, e.g. 1,32,128,1000")
    List<Integer> batchSizes = List.of();

    @Option(names = "--per-epoch", description = {"give every entry the same passes over the data (epochs, default 3) instead of the same "
            + "updates:", "gd makes 1 update per epoch, sgd one per sample, the others samples / batch-size (seed 004)"})
    boolean perEpoch;

    @Override
    public String configCommand() {
        return Config.COMPARE;
    }

    @Override
    public Map<String, String> defaults() {
        return CompareOptimizers.DEFAULTS;
    }

    @Override
    public Integer call() throws IOException {
        Config config = Options.config(spec, Config.COMPARE, perEpoch ? CompareOptimizers.PER_EPOCH_DEFAULTS : defaults(), configFile.file);
        Path out = Runs.out(config, "compare");
        config.set("out", "");
        CompareOptimizers.Mode mode = new CompareOptimizers.Mode(schedules, batchSizes, perEpoch);
        List<CompareOptimizers.Outcome> outcomes = CompareOptimizers.compare(config, optimizers, mode, out, Progress.forConsole(),
                Options.downloads());
        Options.print(CompareOptimizers.table(outcomes, mode) + "results in " + out + "\n");
        return 0;
    }
}
