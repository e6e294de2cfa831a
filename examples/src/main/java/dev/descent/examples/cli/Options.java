package dev.descent.examples.cli;

import dev.descent.examples.Config;
import dev.descent.data.DownloadListener;
import dev.descent.examples.dashboard.DashboardServer;
import dev.descent.examples.dashboard.RunView;
import dev.descent.examples.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** What the commands share: {@code --verbose}, {@code --config}, the config keys as options, console output. */
final class Options {
    static final String DASHBOARD_PORT = "8765";
    private static String resumeHint = "";

    private Options() {}

    /** A command that takes config keys as options. */
    interface Keyed {
        /** The command whose keys it takes ({@link Config#keysOf}). */
        String configCommand();

        /** Its own defaults over the table's. */
        default Map<String, String> defaults() {
            return Map.of();
        }
    }

    /** {@code --verbose}, before or after the command; read early from the raw arguments by {@link Cli#run}. */
    static final class Verbose {
        @Option(names = "--verbose", description = "stack traces on errors", scope = ScopeType.INHERIT)
        boolean on;
    }

    /** {@code --host}, where the dashboard listens. */
    static final class Host {
        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only)")
        String host;
    }

    /** Starts the dashboard and says where it is. */
    static DashboardServer startDashboard(String host, int port, List<RunView> runs) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--dashboard port " + port + " is not in 0-65535");
        }
        DashboardServer server = DashboardServer.start(host, port, runs);
        System.err.println("dashboard: " + server.uri());
        return server;
    }

    /** {@code --config FILE}, on the commands that take config keys. */
    static final class ConfigFile {
        @Option(names = "--config", paramLabel = "FILE", description = "properties file with config keys (flags override it)")
        Path file;
    }

    /**
     * One {@code --key VALUE} option per key of {@code command}, with its default in the help, then one per
     * key of the plugins that {@code args} name ({@link #pluginKeys}).
     */
    static void addKeys(CommandSpec spec, String command, Map<String, String> defaults, String[] args) {
        for (Config.Key k : Config.keysOf(command)) {
            String fallback = defaults.getOrDefault(k.name(), k.fallback());
            spec.addOption(OptionSpec.builder("--" + k.name()).paramLabel("VALUE").type(String.class).userObject(k.name())
                    .description(k.help() + (fallback.isEmpty() ? "" : " (default: " + fallback + ")")).build());
        }
        for (Config.PluginKey k : pluginKeys(command, defaults, args)) {
            if (spec.findOption("--" + k.name()) == null) {
                spec.addOption(OptionSpec.builder("--" + k.name()).paramLabel("VALUE").type(String.class).userObject(k.name())
                        .description(k.description()).build());
            }
        }
    }

    /**
     * The keys of the plugins named in the raw arguments — {@code --optimizer}, {@code --lr-schedule}, {@code --model}, {@code --loss}, or in the
     * {@code --config FILE} or {@code --resume DIR}'s config — so that their options exist before parsing.
     * None while that config cannot be read or a plugin not made: the parse that follows says why.
     */
    private static List<Config.PluginKey> pluginKeys(String command, Map<String, String> defaults, String[] args) {
        try {
            Config c = new Config(command, defaults);
            for (int i = 0; i < args.length; i++) {
                String file = flag(args, i, "config");
                String run = flag(args, i, "resume");
                if (file != null) {
                    c.load(Path.of(file));
                } else if (run != null) {
                    c.load(Path.of(run).resolve(RunDirectory.CONFIG));
                }
            }
            for (int i = 0; i < args.length; i++) {
                for (String key : List.of("optimizer", "lr-schedule", "model", "loss")) {
                    String value = flag(args, i, key);
                    if (value != null) {
                        c.set(key, value);
                    }
                }
            }
            return c.pluginKeys();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The value {@code args[i]} gives {@code key} as {@code --key VALUE} or {@code --key=VALUE}, or null. */
    private static String flag(String[] args, int i, String key) {
        if (args[i].equals("--" + key)) {
            return i + 1 < args.length ? args[i + 1] : null;
        }
        return args[i].startsWith("--" + key + "=") ? args[i].substring(key.length() + 3) : null;
    }

    /** The flags given on the command line (the table's keys, then plugins' keys) over {@code config}. */
    static Config flags(CommandSpec spec, Config config) {
        for (OptionSpec o : spec.options()) {
            if (o.userObject() instanceof String key && o.getValue() instanceof String value) {
                config.set(key, value);
            }
        }
        return config;
    }

    /** Defaults, then {@code --config FILE}, then the flags. */
    static Config config(CommandSpec spec, String command, Map<String, String> defaults, Path file) {
        Config config = new Config(command, defaults);
        if (file != null) {
            config.load(file);
        }
        return flags(spec, config);
    }

    static void print(String s) {
        System.out.print(s);
        System.out.flush();
    }

    /** What an interrupted command prints after "the checkpoint is saved". */
    static String resumeHint() {
        return resumeHint;
    }

    static void resumeHint(String hint) {
        resumeHint = hint;
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
}
