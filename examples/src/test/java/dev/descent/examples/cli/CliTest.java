package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import dev.descent.examples.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of DESIGN.md §5: outputs, exit codes, one-line errors without stack traces. */
class CliTest {
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String stdout() {
        return console.out();
    }

    private String stderr() {
        return console.err();
    }

    private static String[] withData(Path dir, String... args) throws Exception {
        Path[] csv = Synthetic.files(dir);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--train-csv", csv[0].toString(), "--test-csv", csv[1].toString()));
        return all.toArray(String[]::new);
    }

    /** Exit 2, one line on stderr containing {@code expected}, no stack trace. */
    private void assertUsageError(String expected, String... args) {
        console.resetErr();
        assertEquals(2, Cli.run(args), stderr());
        assertTrue(stderr().contains(expected), "expected '" + expected + "' in: " + stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());
        assertFalse(stderr().contains("\tat "), stderr());
    }

    @Test
    void minimizeGivesTheSeedsPoint(@TempDir Path dir) throws Exception {
        int code = Cli.run("minimize", "--function", "sphere", "--optimizer", "gd", "--learning-rate", "0.1", "--steps", "100",
                "--start", "-3,4", "--out", dir.resolve("m").toString());
        assertEquals(0, code, stderr());
        assertTrue(stdout().contains("to (-6.1111e-10, 8.1481e-10)"), stdout());
        assertTrue(Files.exists(dir.resolve("m/path.png")));
        assertEquals(102, Files.readAllLines(dir.resolve("m/path.csv")).size());
    }

    @Test
    void trainWritesTheContractFilesAndEvaluateTakesTheRunDirectoryOrTheModel(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int code = Cli.run(withData(dir, "train", "--hidden-sizes", "32", "--epochs", "1", "--batch-size", "50", "--out", run.toString()));
        assertEquals(0, code, stderr());
        for (String f : List.of("metrics.csv", "config.properties", "model.npz", "checkpoint.npz", "curves.png")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        String accuracy = stdout().replaceAll("(?s).*test accuracy (0\\.\\d{4}).*", "$1");
        assertTrue(stdout().matches("(?s).*test accuracy 0\\.\\d{4} after 1 epoch \\(\\d+ iterations\\); results in .*"), stdout());

        for (String model : List.of(run.toString(), run.resolve("model.npz").toString())) {
            console.resetOut();
            assertEquals(0, Cli.run("evaluate", "--model", model), stderr());
            assertTrue(stdout().startsWith("test accuracy " + accuracy) && stdout().contains("confusion matrix"), stdout());
            assertEquals(10 + 4, stdout().split("\n").length, stdout());
        }
        // Only test data: a test CSV alone is enough.
        console.resetOut();
        assertEquals(0, Cli.run("evaluate", "--model", run.toString(), "--test-csv", Synthetic.files(dir)[1].toString()), stderr());
        assertTrue(stdout().startsWith("test accuracy " + accuracy), stdout());
    }

    @Test
    void compareRanksOptimizersEachWithItsOwnSettings(@TempDir Path dir) throws Exception {
        int code = Cli.run(withData(dir, "compare", "--optimizers", "sgd,momentum:learning-rate=0.05:momentum=0.5,adam", "--iterations", "40",
                "--hidden-sizes", "20", "--out", dir.resolve("cmp").toString()));
        assertEquals(0, code, stderr());
        List<String> csv = Files.readAllLines(dir.resolve("cmp/compare.csv"));
        assertEquals("optimizer,iteration,loss", csv.get(0));
        assertEquals(1 + 3 * 40, csv.size());
        assertTrue(csv.get(41).startsWith("momentum:learning-rate=0.05:momentum=0.5,1,"), csv.get(41));
        assertTrue(stdout().indexOf("  adam") < stdout().indexOf("  sgd "), "adam ranks above sgd at its default lr 0.01:\n" + stdout());
        assertTrue(Files.exists(dir.resolve("cmp/compare.png")));
    }

    @Test
    void compareComparesSchedulesForOneOptimizer(@TempDir Path dir) throws Exception {
        int code = Cli.run(withData(dir, "compare", "--optimizers", "adam", "--lr-schedules", "constant,cosine,onecycle:max-learning-rate=0.01",
                "--iterations", "30", "--hidden-sizes", "20", "--out", dir.resolve("cmp").toString()));
        assertEquals(0, code, stderr());
        List<String> csv = Files.readAllLines(dir.resolve("cmp/compare.csv"));
        assertEquals(1 + 3 * 30, csv.size());
        // Same weights, same first batch: the first update's loss is the same whatever the schedule.
        assertEquals(csv.get(1).replace("constant,", ""), csv.get(31).replace("cosine,", ""));
        assertTrue(csv.get(61).startsWith("onecycle:max-learning-rate=0.01,1,"), csv.get(61));
        assertUsageError("--lr-schedules compares schedules for one optimizer; --optimizers names 2",
                withData(dir, "compare", "--optimizers", "adam,sgd", "--lr-schedules", "cosine", "--out", dir.resolve("x").toString()));
        assertUsageError("onecycle", withData(dir, "compare", "--optimizers", "adam", "--lr-schedules", "onecycle",
                "--out", dir.resolve("x").toString()));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void scheduleKeysThatDoNotApplyAreRefused(@TempDir Path dir) throws Exception {
        assertUsageError("lr-gamma does not apply to lr-schedule = cosine; it takes lr-schedule, warmup-epochs",
                withData(dir, "train", "--lr-schedule", "cosine", "--lr-gamma", "0.5"));
        assertUsageError("plateau-patience needs lr-schedule = constant", withData(dir, "train", "--lr-schedule", "cosine",
                "--plateau-patience", "2"));
        assertUsageError("lr-schedule = 'cosin' is not valid; valid: constant, step", withData(dir, "train", "--lr-schedule", "cosin"));
        assertUsageError("monitor = validation_loss needs a validation set", withData(dir, "train", "--early-stopping-patience", "2",
                "--monitor", "validation_loss", "--out", dir.resolve("x").toString()));
        assertUsageError("max-learning-rate", withData(dir, "train", "--lr-schedule", "onecycle", "--out", dir.resolve("x").toString()));
        assertUsageError("monitor = train_accuracy needs train-accuracy = true (it is not counted)", withData(dir, "train",
                "--train-accuracy", "false", "--monitor", "train_accuracy", "--out", dir.resolve("x").toString()));
        assertUsageError("train-accuracy = 'no' must be true or false", withData(dir, "train", "--train-accuracy", "no",
                "--out", dir.resolve("x").toString()));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void keysThatDoNotApplyAreRefusedNotRecorded(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x");
        assertUsageError("dropout applies only to model = mlp (model is 'cnn')", withData(dir, "train", "--model", "cnn", "--dropout", "0.5",
                "--out", x.toString()));
        assertUsageError("hidden-sizes applies only to model = mlp", withData(dir, "train", "--model", "cnn", "--hidden-sizes", "7"));
        assertUsageError("epochs and iterations both given", withData(dir, "train", "--epochs", "1", "--iterations", "100"));
        assertUsageError("'--optimizer'", withData(dir, "compare", "--optimizer", "sgd"));
        assertUsageError("keys given for the whole comparison (momentum) must suit every optimizer",
                withData(dir, "compare", "--momentum", "0.5", "--out", x.toString()));
        assertUsageError("'--out'", withData(dir, "gradcheck", "--out", x.toString()));
        assertUsageError("data-dir applies to dataset", withData(dir, "train", "--data-dir", dir.toString()));
        assertUsageError("cannot resume " + x, "train", "--resume", x.toString());
        assertFalse(Files.exists(x), "nothing is written when the configuration is refused");
    }

    @Test
    void eachCommandsHelpListsOnlyItsKeys() {
        assertEquals(0, Cli.run("gradcheck", "--help"));
        assertTrue(stdout().contains("--hidden-sizes") && stdout().contains("--max-elements"), stdout());
        for (String absent : List.of("--optimizer", "--learning-rate", "--epochs", "--dropout", "--out", "--validation-split")) {
            assertFalse(stdout().contains(absent), absent + " in gradcheck --help:\n" + stdout());
        }
        console.resetOut();
        assertEquals(0, Cli.run("evaluate", "--help"));
        assertFalse(stdout().contains("--hidden-sizes") || stdout().contains("--train-csv"), stdout());
        assertTrue(stdout().contains("--test-csv"), stdout());
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
        assertUsageError(config + ": unknown key 'learning-rat'; valid keys for train: model,", "train", "--config", config.toString());
    }

    @Test
    void unknownFlagAndBadValuesExit2(@TempDir Path dir) throws Exception {
        assertUsageError("--learning-rat", "train", "--learning-rat", "0.1");
        assertUsageError("unknown optimizer 'adamm'; valid: gd, sgd, minibatch",
                withData(dir, "train", "--optimizer", "adamm", "--out", dir.resolve("x").toString()));
        assertUsageError("beta1 = 1.5 is outside [0, 1)", withData(dir, "train", "--optimizer", "adam", "--beta1", "1.5"));
        assertUsageError("epochs = 'many' is not an integer", withData(dir, "train", "--epochs", "many"));
        assertUsageError("unknown command 'bogus'", "bogus");
        assertUsageError("unknown command 'bogus'", "--verbose", "bogus");
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void verboseGoesBeforeOrAfterTheCommand(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 4, 0, 0, 0, 1});
        for (List<String> args : List.of(List.of("--verbose", "train"), List.of("train", "--verbose"))) {
            console.resetErr();
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("--data-dir", data.toString(), "--out", dir.resolve("run").toString()));
            assertEquals(1, Cli.run(all.toArray(String[]::new)));
            assertTrue(stderr().contains("\tat "), "--verbose prints the trace: " + stderr());
        }
    }

    @Test
    void missingOrCorruptDataExits1WithTheDatasetMessage(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.write(data.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 4, 0, 0, 0, 1});
        assertEquals(1, Cli.run("train", "--data-dir", data.toString(), "--out", dir.resolve("run").toString()));
        assertTrue(stderr().contains("train-images-idx3-ubyte"), stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());
        assertFalse(Files.exists(dir.resolve("run")), "the data is checked before the run directory is made");
    }

    @Test
    void aFreshRunNeverOverwritesASavedOneAndResumeGuardsItsCheckpoint(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run(withData(dir, "train", "--hidden-sizes", "16", "--epochs", "1", "--batch-size", "50", "--out", run.toString())));
        String saved = Files.readString(run.resolve("metrics.csv"));
        assertUsageError("already holds a run (checkpoint.npz); choose another --out, or continue it with --resume " + run,
                withData(dir, "train", "--hidden-sizes", "16", "--epochs", "1", "--out", run.toString()));
        assertEquals(saved, Files.readString(run.resolve("metrics.csv")), "nothing already saved is lost");

        assertUsageError("cannot change hidden-sizes when resuming", "train", "--resume", run.toString(), "--hidden-sizes", "64");

        Files.write(run.resolve(Checkpoint.FILE), new byte[] {1, 2, 3});
        console.resetErr();
        assertEquals(1, Cli.run("train", "--resume", run.toString(), "--epochs", "2"));
        assertTrue(stderr().contains(run.resolve(Checkpoint.FILE).toString()) && stderr().contains("not a readable checkpoint"), stderr());
        assertEquals(saved, Files.readString(run.resolve("metrics.csv")));
    }

    /** Exit 1 (bad data), one line on stderr containing every part, no stack trace, and no run directory made. */
    private void assertDataError(Path out, String[] args, String... parts) {
        console.resetErr();
        assertEquals(1, Cli.run(args), stderr());
        for (String part : parts) {
            assertTrue(stderr().contains(part), "expected '" + part + "' in: " + stderr());
        }
        assertEquals(1, stderr().strip().split("\n").length, stderr());
        assertFalse(Files.exists(out), "the data is checked before the run directory is made");
    }

    @Test
    void dataThatDoesNotFitItsShapeOrClassesIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x");
        Path[] csv = Synthetic.files(dir);
        assertDataError(x, withData(dir, "train", "--classes", "7", "--out", x.toString()),
                csv[0].toString(), "row 9, column 1: label 7 is outside 0-6 (classes = 7)");
        Path names = Files.writeString(dir.resolve("names.txt"), "zero\none\ntwo\n");
        assertDataError(x, withData(dir, "train", "--class-names", names.toString(), "--out", x.toString()),
                csv[0].toString(), "label 3 is outside 0-2 (3 class names)");
        assertDataError(x, withData(dir, "train", "--image-shape", "30x30", "--out", x.toString()),
                csv[0].toString(), "row 2", "784 pixel values, but image-shape 30x30 takes 900");

        Path idx = Files.createDirectories(dir.resolve("idx"));
        assertUsageError("dataset = idx needs data-dir", "train", "--dataset", "idx");
        assertUsageError("image-shape: '28' is not an image shape", "train", "--image-shape", "28");
        assertUsageError("image-shape = 32x32 does not fit dataset = mnist, whose images are 28x28", "train", "--image-shape", "32x32");
        assertUsageError("classes = 26 does not fit dataset = mnist, which has 10", "train", "--classes", "26");
        assertUsageError("model = 'affine:10' gives 10 outputs for 28x28 images, but the data has 12 classes; end it with affine:12",
                withData(dir, "train", "--model", "affine:10", "--classes", "12", "--out", x.toString()));
        assertFalse(Files.exists(x));
        assertDataError(x, new String[] {"train", "--dataset", "idx", "--data-dir", idx.toString(), "--out", x.toString()},
                idx.toString(), "no train-images-idx3-ubyte");
        Files.writeString(idx.resolve("dataset.properties"), "colour = yes\n");
        assertUsageError("dataset.properties: unknown key 'colour'; valid keys: image-shape, classes, class-names",
                "train", "--data-dir", idx.toString(), "--out", x.toString());
        assertFalse(Files.exists(x));
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        assertUsageError("unknown command 'frobnicate'; valid: train, compare, gradcheck, minimize, evaluate", "frobnicate");
    }

    /** A regression table x0, x1, y = x0 − 2·x1 + 0.5, 60 rows on a grid (train and test the same file; target: last unless given). */
    private static Path table(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x0,x1,y\n");
        for (int i = 0; i < 60; i++) {
            double x0 = (i % 10) / 5.0 - 1;
            double x1 = (i / 10) / 3.0 - 1;
            csv.append(x0).append(',').append(x1).append(',').append(x0 - 2 * x1 + 0.5).append('\n');
        }
        return Files.writeString(dir.resolve("table.csv"), csv.toString());
    }

    private static String[] withTable(Path dir, String... args) throws Exception {
        Path table = table(dir);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--train-csv", table.toString(), "--test-csv", table.toString()));
        if (!all.contains("--target-columns")) {
            all.addAll(List.of("--target-columns", "last"));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void gradcheckPassesWithEveryLossIncludingAUsersByClassName(@TempDir Path dir) throws Exception {
        for (String loss : List.of("softmax-cross-entropy", "cross-entropy", "mse", "mse-mean", "com.example.Huber:0.05")) {
            console.resetOut();
            assertEquals(0, Cli.run(withData(dir, "gradcheck", "--hidden-sizes", "8", "--loss", loss)), loss + ": " + stdout() + stderr());
            assertTrue(stdout().contains("gradient check passed"), loss + ": " + stdout());
            assertEquals(loss.equals("cross-entropy"), stdout().contains("affine:8, relu, affine:10, softmax,"), "mlp ends in softmax: " + stdout());
        }
        for (String loss : List.of("mse", "mse-mean", "com.example.Huber:0.05")) {
            console.resetOut();
            assertEquals(0, Cli.run(withTable(dir, "gradcheck", "--model", "affine:6, tanh, affine:1, identity", "--loss", loss)),
                    loss + ": " + stdout() + stderr());
            assertTrue(stdout().contains("gradient check passed") && stdout().contains("0.affine.W                     12"), stdout());
        }
    }

    @Test
    void badLossesAndTargetsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x");
        assertUsageError("unknown loss 'hinge'; valid: softmax-cross-entropy, cross-entropy, mse, mse-mean", withData(dir, "train", "--loss",
                "hinge", "--out", x.toString()));
        assertUsageError("loss = 'mse:2': mse takes no arguments", withData(dir, "gradcheck", "--loss", "mse:2"));
        assertUsageError("loss = 'java.lang.String': loss class java.lang.String implements neither dev.descent.core.Loss",
                withData(dir, "gradcheck", "--loss", "java.lang.String"));
        assertUsageError("loss = cross-entropy takes probabilities, but the model ends in affine: end the layer spec in softmax",
                withData(dir, "train", "--loss", "cross-entropy", "--model", "affine:10", "--out", x.toString()));
        assertUsageError("loss = cross-entropy needs targets that are class probabilities (one-hot: each value >= 0, each row summing to 1), "
                + "but data row ", withTable(dir, "train", "--loss", "cross-entropy", "--model", "affine:1, softmax", "--out", x.toString()));
        assertUsageError("loss = softmax-cross-entropy needs targets that are class probabilities",
                withTable(dir, "train", "--model", "affine:1", "--out", x.toString()));
        assertUsageError("target-columns item '4' is out of range: " + table(dir) + " has 3 columns; valid: columns 1-3",
                withTable(dir, "train", "--loss", "mse", "--target-columns", "4", "--out", x.toString()));
        assertUsageError("target-columns item 'z' names no column of " + table(dir) + " (3 columns: x0, x1, y)",
                withTable(dir, "train", "--loss", "mse", "--target-columns", "z", "--out", x.toString()));
        assertUsageError("--target-columns: target-columns item '0': columns are numbered from 1",
                withTable(dir, "train", "--loss", "mse", "--target-columns", "0", "--out", x.toString()));
        assertUsageError("target-columns applies to CSV tables (train-csv and test-csv), not to dataset = mnist",
                "train", "--target-columns", "last", "--out", x.toString());
        assertUsageError("model = 'affine:3' outputs 3 values per sample but target-columns = last selects 1 target column(s) of table.csv",
                withTable(dir, "train", "--loss", "mse", "--model", "affine:3", "--out", x.toString()));
        assertUsageError("--augment: augment distorts images; it does not apply to a regression table",
                withTable(dir, "train", "--loss", "mse", "--augment", "shift:2", "--out", x.toString()));
        assertUsageError("monitor = train_accuracy does not exist for regression", withTable(dir, "train", "--loss", "mse",
                "--early-stopping-patience", "2", "--monitor", "train_accuracy", "--out", x.toString()));
        assertUsageError("--train-accuracy: train-accuracy counts classes; a regression table (target-columns) reports train_mse",
                withTable(dir, "train", "--loss", "mse", "--train-accuracy", "false", "--out", x.toString()));
        for (String[] imageKey : List.of(new String[] {"--classes", "3"}, new String[] {"--image-shape", "1x2"},
                new String[] {"--class-names", "names.txt"})) {
            assertUsageError(imageKey[0] + ": " + imageKey[0].substring(2) + " describes images and their classes; it does not apply to a "
                    + "regression table (target-columns)", withTable(dir, "train", "--loss", "mse", imageKey[0], imageKey[1], "--out", x.toString()));
        }
        assertFalse(Files.exists(x), "nothing is written when the configuration is refused");
    }

    @Test
    void aRegressionRunRecordsItsLossAndFitAndEvaluateReportsMseAndR2(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run(withTable(dir, "train", "--loss", "mse", "--hidden-sizes", "16", "--dropout", "0", "--epochs", "2",
                "--batch-size", "10", "--out", run.toString())), stderr());
        assertTrue(stdout().matches("(?s)test mse [0-9.e-]+, r2 -?[0-9.]+ after 2 epochs \\(12 iterations\\); results in .*"), stdout());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("epoch,iteration,loss,train_accuracy,test_accuracy,seconds,train_mse,test_mse,test_r2,learning_rate", metrics.get(0));
        String[] last = metrics.get(2).split(",");
        assertEquals("NaN", last[3]);
        assertEquals("NaN", last[4]);
        String config = Files.readString(run.resolve("config.properties"));
        assertTrue(config.contains("loss = mse\n") && config.contains("target-columns = last\n")
                && config.contains("# layers = affine:16, relu, affine:1\n"), config);
        assertFalse(config.contains("image-shape") || config.contains("classes"), "a table has no image shape or classes to record:\n" + config);
        console.resetOut();
        assertEquals(0, Cli.run("evaluate", "--model", run.toString()), stderr());
        // the same weights on the same rows: the last row's test MSE and R² (written to 6 decimals)
        String[] said = stdout().strip().split("\n");
        assertEquals(Double.parseDouble(last[7]), Double.parseDouble(said[0].replace("test mse ", "")), 1e-6, stdout());
        assertEquals(Double.parseDouble(last[8]), Double.parseDouble(said[1].replace("test r2 ", "")), 1e-4, stdout());
        assertUsageError("this model was trained for regression (target-columns = last): it has no classes to predict",
                "predict", "--model", run.toString(), table(dir).toString());
        assertUsageError("cannot change loss when resuming", "train", "--resume", run.toString(), "--loss", "mse-mean");
        assertUsageError("--dashboard shows classification runs", withTable(dir, "train", "--loss", "mse", "--dashboard", "0", "--out",
                dir.resolve("x").toString()));
    }
}
