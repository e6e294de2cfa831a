package dev.descent.examples.cli;

import dev.descent.examples.Config;
import dev.descent.examples.EvaluateModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code descent evaluate}: test accuracy and confusion matrix of a saved model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Report test accuracy and the confusion matrix of a trained model (a run directory or its model.npz),",
            "or its test MSE and R² when it was trained for regression (target-columns).",
            "The architecture comes from the config.properties that train wrote beside it; only test data is read."})
final class EvaluateCommand implements Callable<Integer>, Options.Keyed {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR|FILE", required = true, description = "a run directory of train, or its model.npz")
    Path model;

    @Override
    public String configCommand() {
        return Config.EVALUATE;
    }

    @Override
    public Integer call() throws IOException {
        Path file = EvaluateModel.modelFile(model);
        Config trained = EvaluateModel.savedConfig(file);
        Config data = Options.flags(spec, EvaluateModel.dataConfig(trained));
        Options.print(EvaluateModel.format(EvaluateModel.evaluate(file, trained, data, Options.downloads())));
        return 0;
    }
}
