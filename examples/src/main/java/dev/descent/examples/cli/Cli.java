package dev.descent.examples.cli;

import dev.descent.data.DataException;
import dev.descent.examples.Config;
import dev.descent.examples.ConfigException;
import dev.descent.examples.train.DivergenceException;
import dev.descent.examples.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ./descent} command line: one file per command in this package; each parses its options
 * and dispatches to an example program. This class holds the error policy — exit 0 success; 1 data
 * or runtime failure (one line; {@code --verbose} adds the trace); 2 usage or configuration error;
 * 130 interrupted (the checkpoint is saved).
 */
@Command(name = "descent", mixinStandardHelpOptions = true, abbreviateSynopsis = true, version = "descent 0.1.0",
        description = "Train and understand neural networks on MNIST, with pluggable optimizers.",
        subcommands = {TrainCommand.class, CompareCommand.class, GradcheckCommand.class, MinimizeCommand.class, EvaluateCommand.class, PredictCommand.class, DashboardCommand.class,
            DeriveCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    Options.Verbose verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; one of: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(c -> !c.equals("help")).toList()));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        boolean verbose = List.of(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Cli());
        cli.getSubcommands().values().forEach(c -> {
            if (c.getCommand() instanceof Options.Keyed k) {
                Options.addKeys(c.getCommandSpec(), k.configCommand(), k.defaults(), args);
            }
        });
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine() == cli && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                err.println("descent: unknown command '" + u.getUnmatched().get(0) + "'; valid: "
                        + String.join(", ", cli.getSubcommands().keySet()) + " (see 'descent --help')");
                return 2;
            }
            if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getCommand() instanceof Options.Keyed k
                    && !u.getUnmatched().isEmpty() && u.getUnmatched().get(0).startsWith("--")
                    && !Config.KEYS.containsKey(u.getUnmatched().get(0).substring(2).replaceFirst("=.*", ""))) {
                try { // a key neither the table nor a named plugin has: the config's own message, listing the valid ones
                    new Config(k.configCommand(), k.defaults()).set(u.getUnmatched().get(0).substring(2).replaceFirst("=.*", ""), "");
                } catch (ConfigException c) {
                    err.println("descent: " + c.getMessage());
                    return 2;
                }
            }
            err.println("descent: " + e.getMessage().replace('\n', ' ') + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            PrintWriter err = c.getErr();
            if (e instanceof Trainer.Interrupted i) {
                err.println("descent: interrupted at iteration " + i.iteration() + "; the checkpoint is saved" + Options.resumeHint());
                return 130;
            }
            boolean usage = e instanceof ConfigException || e instanceof IllegalArgumentException;
            boolean expected = usage || e instanceof DivergenceException || e instanceof IOException || e instanceof DataException;
            err.println("descent: " + message(e) + (expected || verbose ? "" : " (--verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(err);
            }
            return usage ? 2 : 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // thrown outside picocli's handler (e.g. while printing)
            System.err.println("descent: " + message(e));
            return 1;
        }
    }

    /** One line saying what went wrong, whatever was thrown. */
    static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); try a smaller model or batch-size, or more heap with DESCENT_JAVA_OPTS=-Xmx...";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }
}
