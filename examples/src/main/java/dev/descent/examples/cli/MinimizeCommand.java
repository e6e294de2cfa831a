package dev.descent.examples.cli;

import dev.descent.examples.ConfigException;
import dev.descent.examples.MinimizeFunction;
import dev.descent.examples.Runs;
import dev.descent.optim.Functions2D;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent minimize}: an optimizer on a 2-D function. */
@Command(name = "minimize", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Run an optimizer on a 2-D function; print the final point and value.",
            "Writes path.csv and path.png (contours and the path)."})
final class MinimizeCommand implements Callable<Integer> {
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
        Path dir = out != null ? out : Runs.defaultOut("minimize");
        Minimizer.Path path = MinimizeFunction.minimize(Optimizers.create(optimizer, h), Functions2D.byName(function), point, steps,
                gradient.equals("numerical"), dir);
        Options.print(MinimizeFunction.describe(path) + "\nresults in " + dir + "\n");
        return 0;
    }
}

