package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of DESIGN.md §5: outputs, exit codes, one-line errors without stack traces. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String[] withData(Path dir, String... args) throws Exception {
        Config c = Synthetic.config(dir);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--train-csv", c.string("train-csv"), "--test-csv", c.string("test-csv")));
        return all.toArray(String[]::new);
    }

    @Test
    void minimizeGivesTheSeedsPoint(@TempDir Path dir) throws Exception {
        int code = Cli.run("minimize", "--function", "sphere", "--optimizer", "gd", "--learning-rate", "0.1", "--steps", "100",
                "--start", "-3,4", "--out", dir.toString());
        assertEquals(0, code, stderr());
        assertTrue(stdout().contains("to (-6.1111e-10, 8.1481e-10)"), stdout());
        assertTrue(Files.exists(dir.resolve("path.png")));
        assertEquals(102, Files.readAllLines(dir.resolve("path.csv")).size());
    }

    @Test
    void trainWritesTheContractFiles(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int code = Cli.run(withData(dir, "train", "--hidden-sizes", "32", "--epochs", "1", "--batch-size", "50", "--out", run.toString()));
        assertEquals(0, code, stderr());
        for (String f : List.of("metrics.csv", "config.properties", "model.npz", "curves.png")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        assertTrue(stdout().contains("test accuracy"), stdout());

        out.reset();
        assertEquals(0, Cli.run(withData(dir, "evaluate", "--model", run.resolve("model.npz").toString())), stderr());
        assertTrue(stdout().startsWith("test accuracy 0.") && stdout().contains("confusion matrix"), stdout());
        assertEquals(10 + 4, stdout().split("\n").length, stdout());
    }

    @Test
    void compareRanksOptimizers(@TempDir Path dir) throws Exception {
        int code = Cli.run(withData(dir, "compare", "--optimizers", "sgd,adam", "--iterations", "40", "--hidden-sizes", "20",
                "--out", dir.resolve("cmp").toString()));
        assertEquals(0, code, stderr());
        List<String> csv = Files.readAllLines(dir.resolve("cmp/compare.csv"));
        assertEquals("optimizer,iteration,loss", csv.get(0));
        assertEquals(1 + 2 * 40, csv.size());
        assertTrue(stdout().contains("1  adam"), "adam beats sgd at its default lr 0.01:\n" + stdout());
        assertTrue(Files.exists(dir.resolve("cmp/compare.png")));
    }

    @Test
    void gradcheckPassesOnTheBooksTwoLayerNet(@TempDir Path dir) throws Exception {
        int code = Cli.run(withData(dir, "gradcheck", "--hidden-sizes", "10", "--max-elements", "200"));
        assertEquals(0, code, stdout() + stderr());
        assertTrue(stdout().contains("gradient check passed") && stdout().contains("0.affine.W"), stdout());
    }

    @Test
    void unknownKeyIsAUsageErrorListingTheValidKeys(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "optimizer = adam\nlearning-rat = 0.1\n");
        assertEquals(2, Cli.run("train", "--config", config.toString()));
        assertTrue(stderr().contains("unknown key 'learning-rat'; valid keys: model,"), stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());
    }

    @Test
    void unknownFlagAndBadValuesExit2(@TempDir Path dir) throws Exception {
        assertEquals(2, Cli.run("train", "--learning-rat", "0.1"));
        assertTrue(stderr().contains("--learning-rat"), stderr());
        err.reset();
        assertEquals(2, Cli.run(withData(dir, "train", "--optimizer", "adamm", "--out", dir.resolve("x").toString())));
        assertTrue(stderr().contains("unknown optimizer 'adamm'; valid: gd, sgd, minibatch"), stderr());
        err.reset();
        assertEquals(2, Cli.run(withData(dir, "train", "--optimizer", "adam", "--beta1", "1.5", "--out", dir.resolve("y").toString())));
        assertTrue(stderr().contains("beta1 = 1.5 is outside [0, 1)"), stderr());
        err.reset();
        assertEquals(2, Cli.run(withData(dir, "train", "--epochs", "many", "--out", dir.resolve("z").toString())));
        assertTrue(stderr().contains("epochs = 'many' is not an integer"), stderr());
        err.reset();
        assertEquals(2, Cli.run("bogus"));
        assertFalse(stderr().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void missingOrCorruptDataExits1WithTheDatasetMessage(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 4, 0, 0, 0, 1});
        assertEquals(1, Cli.run("train", "--data-dir", data.toString(), "--out", dir.resolve("run").toString()));
        assertTrue(stderr().contains("train-images-idx3-ubyte"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void aFreshRunNeverOverwritesASavedOneAndResumeGuardsItsCheckpoint(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run(withData(dir, "train", "--hidden-sizes", "16", "--epochs", "1", "--batch-size", "50", "--out", run.toString())));
        String saved = Files.readString(run.resolve("metrics.csv"));
        err.reset();
        assertEquals(2, Cli.run(withData(dir, "train", "--hidden-sizes", "16", "--epochs", "1", "--out", run.toString())));
        assertTrue(stderr().contains("already holds a run") && stderr().contains("--resume"), stderr());
        assertEquals(saved, Files.readString(run.resolve("metrics.csv")), "nothing already saved is lost");

        err.reset();
        assertEquals(2, Cli.run("train", "--resume", run.toString(), "--hidden-sizes", "64"));
        assertTrue(stderr().contains("cannot change hidden-sizes when resuming"), stderr());

        Files.write(run.resolve(Checkpoint.FILE), new byte[] {1, 2, 3});
        err.reset();
        assertEquals(1, Cli.run("train", "--resume", run.toString(), "--epochs", "2"));
        assertTrue(stderr().contains(run.resolve(Checkpoint.FILE).toString()) && stderr().contains("not a readable checkpoint"), stderr());
        assertEquals(saved, Files.readString(run.resolve("metrics.csv")));
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        assertEquals(2, Cli.run("frobnicate"));
        assertTrue(stderr().contains("unknown command 'frobnicate'; valid: train, compare, gradcheck, minimize, evaluate"), stderr());
    }

    private static void assertFalse(boolean condition, String message) {
        assertTrue(!condition, message);
    }
}
