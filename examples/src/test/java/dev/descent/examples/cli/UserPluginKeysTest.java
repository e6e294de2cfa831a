package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user optimizer's own key ({@link com.example.Lion}'s {@code interp}) through a config file and a flag, in
 * {@code --help} and in {@code config.properties}, in real processes; and the bad inputs around it, one line, exit 2.
 */
class UserPluginKeysTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String LION = "com.example.Lion";

    record Result(int exit, String stdout, String stderr) {}

    static Result descent(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Cli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "still running after 120 s");
        String stderr = Files.readString(err).lines().filter(l -> !l.contains("Warning: AutoNonVariableTypeMode")).reduce("", (a, b) -> a + b + "\n");
        return new Result(p.exitValue(), Files.readString(out), stderr);
    }

    private static String[] train(Path dir, String... more) throws Exception {
        Path[] csv = Synthetic.files(dir);
        List<String> all = new ArrayList<>(List.of("train", "--train-csv", csv[0].toString(), "--test-csv", csv[1].toString(),
                "--hidden-sizes", "20", "--iterations", "10"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    static void assertUsageError(Result r, String expected) {
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains(expected), "expected '" + expected + "' in: " + r.stderr());
        assertEquals(1, r.stderr().strip().split("\n").length, r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void aUserOptimizersKeyIsTakenFromAFileAndAFlagAndRecorded(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("lion.properties"), "optimizer = " + LION + "\ninterp = 0.5\n");
        Result fromFile = descent(dir, train(dir, "--config", config.toString(), "--out", dir.resolve("file").toString()));
        assertEquals(0, fromFile.exit(), fromFile.stderr());
        List<String> recorded = Files.readAllLines(dir.resolve("file/config.properties"));
        assertTrue(recorded.contains("interp = 0.5"), recorded.toString());
        assertTrue(recorded.contains("# optimizer hyperparameters = {learning-rate=0.0001, interp=0.5, beta2=0.99, weight-decay=0, clip-norm=0}"),
                "Lion made with the given interp: " + recorded);

        Result fromFlag = descent(dir, train(dir, "--optimizer", LION, "--interp", "0.25", "--out", dir.resolve("flag").toString()));
        assertEquals(0, fromFlag.exit(), fromFlag.stderr());
        assertTrue(Files.readAllLines(dir.resolve("flag/config.properties")).contains("interp = 0.25"));

        Result flagOverFile = descent(dir, train(dir, "--config", config.toString(), "--interp", "0.75", "--out", dir.resolve("both").toString()));
        assertEquals(0, flagOverFile.exit(), flagOverFile.stderr());
        assertTrue(Files.readAllLines(dir.resolve("both/config.properties")).contains("interp = 0.75"));

        Result resumed = descent(dir, "train", "--resume", dir.resolve("flag").toString(), "--iterations", "20");
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(Files.readAllLines(dir.resolve("flag/config.properties")).contains("interp = 0.25"), "a resumed run keeps it");
    }

    @Test
    void helpListsTheNamedOptimizersKeysWithDefaultAndRange(@TempDir Path dir) throws Exception {
        Result help = descent(dir, "train", "--optimizer", LION, "--help");
        assertEquals(0, help.exit(), help.stderr());
        String text = help.stdout().replaceAll("\\s+", " ");
        assertTrue(text.contains("--interp=VALUE optimizer com.example.Lion: its own key in [0, 1) (default: 0.9)"), help.stdout());
        assertFalse(descent(dir, "train", "--help").stdout().contains("--interp"), "without Lion named there is no interp");
    }

    @Test
    void aUserSchedulesKeyIsTakenListedAndRecorded(@TempDir Path dir) throws Exception {
        String schedule = "com.example.InverseTimeSchedule";
        Result run = descent(dir, train(dir, "--lr-schedule", schedule, "--decay-updates", "5", "--out", dir.resolve("run").toString()));
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(Files.readAllLines(dir.resolve("run/config.properties")).contains("decay-updates = 5"));
        List<String> metrics = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertTrue(metrics.get(1).endsWith(",0.000555556") && metrics.get(2).endsWith(",0.000357143"),
                "the rates of the 5th and 10th updates, 0.001·5/(5 + 4) and 0.001·5/(5 + 9): " + metrics);

        String help = descent(dir, "train", "--lr-schedule", schedule, "--help").stdout().replaceAll("\\s+", " ");
        assertTrue(help.contains("--decay-updates=VALUE lr-schedule " + schedule + ": updates after which the rate is halved in whole updates"
                + " ≥ 1 (default: 100)"), help);
        assertUsageError(descent(dir, train(dir, "--lr-schedule", schedule, "--decay-updates", "0")),
                "inverse-time: decay-updates = 0 is not whole updates ≥ 1");
        assertUsageError(descent(dir, train(dir, "--lr-schedule", "cosine", "--decay-updates", "5")),
                "--decay-updates: unknown key 'decay-updates'; valid keys for train: model,");
    }

    @Test
    void badUserKeysAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        assertUsageError(descent(dir, train(dir, "--interp", "0.5")), "--interp: unknown key 'interp'; valid keys for train: model,");
        Path config = Files.writeString(dir.resolve("lion.properties"), "optimizer = " + LION + "\ninterp = 0.5\n");
        assertUsageError(descent(dir, train(dir, "--config", config.toString(), "--optimizer", "adam")),
                config + ": unknown key 'interp'; valid keys for train: model,");
        assertUsageError(descent(dir, train(dir, "--optimizer", LION, "--beta1", "0.8")),
                "lion: unknown hyperparameter 'beta1'; valid: learning-rate, interp, beta2, weight-decay, clip-norm");
        assertUsageError(descent(dir, train(dir, "--optimizer", LION, "--interp", "1.5")), "lion: interp = 1.5 is outside [0, 1)");
        assertUsageError(descent(dir, train(dir, "--optimizer", "com.example.NotAnOptimizer")),
                "optimizer class com.example.NotAnOptimizer implements neither dev.descent.optim.Optimizer nor");
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written by a refused run (they run in dir, without --out)");
    }
}
