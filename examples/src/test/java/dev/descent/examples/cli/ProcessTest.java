package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import dev.descent.examples.train.Checkpoint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-directory contract with real processes, as a user meets it: two trainings on one
 * {@code --out}, Ctrl-C (SIGINT) in the middle of an epoch and {@code --resume}, a user layer
 * compiled outside the tree that trains, evaluates in a new process and resumes, and the shipped
 * regression configs run from the repository root as the README shows them.
 */
class ProcessTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A running {@code descent} process: its output goes to files, so it never blocks on a full pipe. */
    record Run(Process process, Path stdout, Path stderr) {
        int waitFor() throws Exception {
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "still running after 300 s: " + text());
            return process.exitValue();
        }

        String text() throws IOException {
            return Files.readString(stdout) + Files.readString(stderr);
        }
    }

    static Run startWith(Path dir, String classPath, String... args) throws IOException {
        return startIn(null, dir, classPath, args);
    }

    /** In working directory {@code workDir} (null: this process's), output files in {@code dir}. */
    private static Run startIn(Path workDir, Path dir, String classPath, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                "dev.descent.examples.cli.Cli"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir == null ? null : workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new Run(p, out, err);
    }

    static Run start(Path dir, String... args) throws IOException {
        return startWith(dir, System.getProperty("java.class.path"), args);
    }

    private static String[] train(Path dir, Path out, String... more) throws IOException {
        Path[] csv = Synthetic.files(dir);
        List<String> all = new ArrayList<>(List.of("train", "--train-csv", csv[0].toString(), "--test-csv", csv[1].toString(),
                "--hidden-sizes", "64", "--dropout", "0.2", "--optimizer", "momentum", "--learning-rate", "0.01", "--out", out.toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<String> withoutSeconds(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> {
            String[] cells = l.split(",", -1);
            cells[5] = "S"; // seconds differ between runs
            return String.join(",", cells);
        }).toList();
    }

    private static void waitFor(Path file, Run run) throws Exception {
        for (long deadline = System.nanoTime() + 180_000_000_000L; System.nanoTime() < deadline && !Files.exists(file); ) {
            assertTrue(run.process().isAlive(), "ended before " + file + " appeared: " + run.text());
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private static void waitForRows(Path metrics, int rows, Run run) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L; // a busy machine makes an epoch slow, not wrong
        while (System.nanoTime() < deadline) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() > rows) {
                return;
            }
            assertTrue(run.process().isAlive(), "ended before " + metrics + " had " + rows + " rows: " + run.text());
            Thread.sleep(20);
        }
        throw new AssertionError(metrics + " never had " + rows + " rows");
    }

    @Test
    void aSecondTrainingOnTheSameOutIsRefusedAndTheFirstIsUnharmed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Run first = start(dir, train(dir, out, "--batch-size", "1", "--epochs", "20")); // 10,000 updates: alive while the second starts
        waitFor(out.resolve("config.properties"), first);
        Run second = start(dir, train(dir, out, "--batch-size", "10", "--epochs", "1", "--seed", "7"));
        assertEquals(2, second.waitFor(), second.text());
        assertTrue(first.process().isAlive(), "the first run must still be running for this test to mean anything");
        assertTrue(second.text().contains("out " + out + " is in use by another running descent process"), second.text());
        assertEquals(0, first.waitFor(), first.text());
        assertEquals(21, Files.readAllLines(out.resolve("metrics.csv")).size(), "the first run's twenty rows, nothing of the second");
        assertTrue(Files.readString(out.resolve("config.properties")).contains("batch-size = 1\n"));
        assertFalse(Files.readString(out.resolve("config.properties")).contains("seed = 7"));
    }

    @Test
    void ctrlCSavesTheCurrentIterationAndResumeEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Run whole = start(dir, train(dir, dir.resolve("whole"), "--batch-size", "1", "--epochs", "10"));
        assertEquals(0, whole.waitFor(), whole.text());

        Path split = dir.resolve("split");
        Run interrupted = start(dir, train(dir, split, "--batch-size", "1", "--epochs", "10"));
        waitForRows(split.resolve("metrics.csv"), 1, interrupted); // the first epoch is done; Ctrl-C lands in the second
        Thread.sleep(300);
        // A process started with SIGINT ignored (a background job of a non-interactive shell, e.g. `.ci/run &`) passes
        // that on to its children, and a JVM then never sees Ctrl-C; SIGTERM takes the same path in Descent.
        String signal = sigintIgnored() ? "-TERM" : "-INT";
        new ProcessBuilder("kill", signal, Long.toString(interrupted.process().pid())).start().waitFor();
        assertEquals(130, interrupted.waitFor(), interrupted.text());
        String said = interrupted.text();
        assertTrue(said.contains("interrupted at iteration ") && said.contains("continue with: ./descent train --resume " + split), said);
        long iteration = Long.parseLong(said.replaceAll("(?s).*interrupted at iteration (\\d+).*", "$1"));
        assertTrue(iteration >= 500 && iteration < 5000, "after the first epoch's row, before the end: " + iteration);
        assertTrue(Files.exists(split.resolve(Checkpoint.FILE)));

        Run resumed = start(dir, "train", "--resume", split.toString());
        assertEquals(0, resumed.waitFor(), resumed.text());
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(split.resolve("metrics.csv")));
    }

    @Test
    void aUserLayerCompiledOutsideTheTreeTrainsEvaluatesAndResumes(@TempDir Path dir) throws Exception {
        Path classes = UserLayer.compile(dir);
        String cp = System.getProperty("java.class.path") + File.pathSeparator + classes;

        Path out = dir.resolve("run");
        Path[] csv = Synthetic.files(dir);
        Run train = startWith(dir, cp, "train", "--train-csv", csv[0].toString(), "--test-csv", csv[1].toString(), "--model",
                "affine:32, org.example.Scale, relu, affine:10", "--epochs", "2", "--batch-size", "50", "--out", out.toString());
        assertEquals(0, train.waitFor(), train.text());
        String accuracy = train.text().replaceAll("(?s).*test accuracy (0\\.\\d{4}).*", "$1");

        Run evaluate = startWith(dir, cp, "evaluate", "--model", out.toString());
        assertEquals(0, evaluate.waitFor(), evaluate.text());
        assertTrue(Files.readString(evaluate.stdout()).startsWith("test accuracy " + accuracy), evaluate.text());

        Run resume = startWith(dir, cp, "train", "--resume", out.toString(), "--epochs", "3");
        assertEquals(0, resume.waitFor(), resume.text());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size());
        String names = new String(Files.readAllBytes(out.resolve("model.npz")), StandardCharsets.ISO_8859_1);
        assertTrue(names.contains("1.scale.g"), "the parameter is named by position and the layer's class name");
    }

    /** The metrics file's rows as column name → values. */
    private static java.util.Map<String, double[]> columns(Path metrics) throws IOException {
        List<String> lines = Files.readAllLines(metrics);
        String[] header = lines.get(0).split(",");
        java.util.Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            double[] values = new double[lines.size() - 1];
            for (int r = 1; r < lines.size(); r++) {
                values[r - 1] = Double.parseDouble(lines.get(r).split(",")[c]);
            }
            columns.put(header[c], values);
        }
        return columns;
    }

    @Test
    void theRegressionConfigFitsItsSurfaceAndEvaluateAgrees(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = dir.resolve("regression");
        Run train = startIn(root, dir, System.getProperty("java.class.path"), "train", "--config", "examples/configs/regression.properties",
                "--out", out.toString());
        assertEquals(0, train.waitFor(), train.text());
        java.util.Map<String, double[]> m = columns(out.resolve("metrics.csv"));
        assertEquals(List.of("epoch", "iteration", "loss", "train_accuracy", "test_accuracy", "seconds", "train_mse", "test_mse", "test_r2",
                "learning_rate"), List.copyOf(m.keySet()));
        double[] loss = m.get("loss");
        int last = loss.length - 1;
        assertEquals(40, loss.length);
        assertTrue(loss[0] / loss[last] >= 100, "the loss falls at least 100-fold: " + loss[0] + " → " + loss[last]);
        double r2 = m.get("test_r2")[last];
        assertTrue(r2 >= 0.95, "R² on the test split: " + r2);
        assertTrue(Double.isNaN(m.get("test_accuracy")[last]), "no accuracy for regression");

        Run evaluate = startIn(root, dir, System.getProperty("java.class.path"), "evaluate", "--model", out.toString());
        assertEquals(0, evaluate.waitFor(), evaluate.text());
        String[] said = Files.readString(evaluate.stdout()).strip().split("\n");
        assertEquals(m.get("test_mse")[last], Double.parseDouble(said[0].replace("test mse ", "")), 1e-6, evaluate.text());
        assertEquals(r2, Double.parseDouble(said[1].replace("test r2 ", "")), 1e-6, evaluate.text());
    }

    @Test
    void theSingleNeuronLearnsTheLine(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path out = dir.resolve("neuron");
        Run train = startIn(root, dir, System.getProperty("java.class.path"), "train", "--config",
                "examples/configs/single-neuron.properties", "--out", out.toString());
        assertEquals(0, train.waitFor(), train.text());
        java.util.Map<String, double[]> m = columns(out.resolve("metrics.csv"));
        int last = m.get("loss").length - 1;
        // y = 2x − 1 + 0.1·ε: the best the neuron can do is the noise, MSE ≈ 0.01
        assertTrue(m.get("test_mse")[last] < 0.015 && m.get("test_r2")[last] > 0.99, Files.readString(out.resolve("metrics.csv")));
        try (ai.djl.ndarray.NDManager manager = dev.descent.core.Engines.newManager();
                dev.descent.core.Network neuron = dev.descent.core.Network.builder().manager(manager).input(1).spec("affine:1").build()) {
            dev.descent.core.ModelFile.load(neuron, out.resolve("model.npz"));
            assertEquals(2, neuron.parameters().get(0).value().getFloat(0, 0), 0.05, "w");
            assertEquals(-1, neuron.parameters().get(1).value().getFloat(0), 0.05, "b");
        }
    }

    @Test
    void badLossesAndTargetColumnsExit2WithOneLine(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String config = "examples/configs/regression.properties";
        for (List<String> bad : List.of(List.of("--loss", "hinge"), List.of("--loss", "cross-entropy", "--model", "affine:1, softmax"),
                List.of("--target-columns", "4"))) {
            List<String> args = new ArrayList<>(List.of("train", "--config", config, "--out", dir.resolve("x").toString()));
            args.addAll(bad);
            Run run = startIn(root, dir, System.getProperty("java.class.path"), args.toArray(String[]::new));
            assertEquals(2, run.waitFor(), run.text());
            String said = Files.readString(run.stderr()).strip();
            assertEquals(1, said.lines().count(), said);
            assertTrue(said.startsWith("descent: ") && !said.contains("\tat "), said);
            assertTrue(said.contains(bad.get(1).equals("hinge") ? "unknown loss 'hinge'" : bad.get(1).equals("4")
                    ? "target-columns item '4' is out of range: examples/data/regression/train.csv has 3 columns"
                    : "loss = cross-entropy needs targets that are class probabilities"), said);
        }
        assertFalse(Files.exists(dir.resolve("x")), "nothing is written when the configuration is refused");
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do. */
    static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
