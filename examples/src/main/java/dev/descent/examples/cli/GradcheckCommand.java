package dev.descent.examples.cli;

import dev.descent.core.grad.GradientCheck;
import dev.descent.examples.CheckGradients;
import dev.descent.examples.Config;
import dev.descent.examples.ConfigException;
import dev.descent.examples.Models;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent gradcheck}: backprop against central differences; writes nothing. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Check backprop against central differences in FLOAT64, per parameter, on real images; writes nothing.",
            "Exit 1 if any element fails (absolute error > 1e-8 and relative error > 1e-6). Default: the book's 784-50-10."})
final class GradcheckCommand implements Callable<Integer>, Options.Keyed {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile configFile;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3", description = "training images to check on (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--max-elements", paramLabel = "N", defaultValue = "0",
            description = "check at most N random elements per parameter (0 = all; default: ${DEFAULT-VALUE}, cnn: 300)")
    int maxElements;

    @Override
    public String configCommand() {
        return Config.GRADCHECK;
    }

    @Override
    public Map<String, String> defaults() {
        return CheckGradients.DEFAULTS;
    }

    @Override
    public Integer call() {
        Config config = Options.config(spec, Config.GRADCHECK, defaults(), configFile.file).check();
        if (samples < 1) {
            throw new ConfigException("--samples must be >= 1, got " + samples);
        }
        if (maxElements < 0) {
            throw new ConfigException("--max-elements must be >= 0, got " + maxElements);
        }
        int max = maxElements == 0 && !config.string("model").equals("mlp") ? 300 : maxElements;
        GradientCheck.Report report = CheckGradients.check(config, samples, max, Options.downloads());
        Options.print("model " + Models.spec(config) + ", " + samples + " samples, FLOAT64\n" + report.table());
        Options.print(report.passed() ? "gradient check passed\n" : "gradient check FAILED\n");
        return report.passed() ? 0 : 1;
    }
}
