package dev.descent.examples.cli;

import dev.descent.examples.ConfigException;
import dev.descent.examples.DeriveExpression;
import dev.descent.examples.DifferenceSweep;
import dev.descent.examples.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent derive}: one expression differentiated four ways, side by side (seed 001). */
@Command(name = "derive", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Differentiate an expression at a point by forward mode, reverse mode, symbolic rules and central differences.",
            "Prints the graph as seed 001 decomposes it (a = x·y, b = sin x, z = a + b), the value and each partial."})
final class DeriveCommand implements Callable<Integer> {
    @Option(names = "--expr", paramLabel = "EXPR", required = true,
            description = "an expression, e.g. \"x*y + sin(x)\"; with --jacobian several, comma-separated")
    String expression;

    @Option(names = "--at", paramLabel = "X=V,...", required = true, description = "the point, e.g. x=2,y=3")
    String at;

    @Option(names = "--jacobian", description = "the Jacobian of several outputs by forward and reverse mode, with pass counts and times")
    boolean jacobian;

    @Option(names = "--h-sweep", description = "write h-sweep.csv and h-sweep.png: difference error against h from 1e-1 to 1e-16")
    boolean sweep;

    @Option(names = "--variable", paramLabel = "NAME", description = "--h-sweep: the variable to differentiate by (default: the first)")
    String variable;

    @Option(names = "--out", paramLabel = "DIR", description = "--h-sweep: output directory (default: runs/derive-<timestamp>)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (jacobian && sweep) {
            throw new ConfigException("--jacobian and --h-sweep do not go together; run them one at a time");
        }
        if (!sweep && (out != null || variable != null)) {
            throw new ConfigException((out != null ? "--out" : "--variable") + " applies only with --h-sweep");
        }
        Map<String, Double> point = DeriveExpression.parseAt(at);
        if (jacobian) {
            Options.print(DeriveExpression.jacobian(expression, point).text());
        } else if (sweep) {
            Path dir = out != null ? out : Runs.defaultOut("derive");
            Options.print(DifferenceSweep.run(expression, point, variable, dir).text() + "results in " + dir + "\n");
        } else {
            Options.print(DeriveExpression.derive(expression, point).text());
        }
        return 0;
    }
}
