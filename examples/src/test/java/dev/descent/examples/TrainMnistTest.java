package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DownloadListener;
import dev.descent.examples.train.Checkpoint;
import dev.descent.examples.train.DivergenceException;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.Trainer;
import dev.descent.optim.Optimizers;
import java.util.Map;
import java.util.TreeMap;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import java.io.InputStream;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on small synthetic data: outputs, resume from any update, divergence, every optimizer. */
class TrainMnistTest {

    private static Trainer.Result train(Config config, Path out, boolean resume) throws Exception {
        return train(config, out, resume, () -> false);
    }

    private static Trainer.Result train(Config config, Path out, boolean resume, BooleanSupplier interrupted) throws Exception {
        return TrainMnist.train(config, out, resume, new Progress.LogLines(), DownloadListener.silent(), interrupted);
    }

    /** Interrupts once {@code updates} updates have run (counted by the trainer's checks, one per update). */
    private static BooleanSupplier after(int updates) {
        int[] checks = {0};
        return () -> ++checks[0] >= updates;
    }

    private static List<String> withoutSeconds(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> {
            String[] cells = l.split(",", -1);
            cells[5] = "S"; // seconds differ between runs
            return String.join(",", cells);
        }).toList();
    }

    @Test
    void writesMetricsConfigModelCheckpointAndCurves(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        Trainer.Result r = train(Synthetic.config(dir), out, false);
        assertEquals("epoch,iteration,loss,train_accuracy,test_accuracy,seconds,learning_rate",
                Files.readAllLines(out.resolve("metrics.csv")).get(0));
        assertEquals(2, r.rows().size());
        assertEquals(10, r.rows().get(0).iteration()); // 500 samples / batch 50
        assertEquals(20, r.last().iteration());
        assertTrue(r.last().testAccuracy() > 0.9, "test accuracy " + r.last().testAccuracy());
        assertTrue(r.last().loss() < r.rows().get(0).loss());
        for (String f : List.of("config.properties", "model.npz", "curves.png", Checkpoint.FILE)) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<Metrics.Row> read = Metrics.read(out.resolve("metrics.csv"));
        assertEquals(2, read.size());
        assertEquals(r.last().testAccuracy(), read.get(1).testAccuracy(), 1e-6);
    }

    @Test
    void withoutTrainAccuracyTheColumnIsNaNAndEverythingElseTheSame(@TempDir Path dir) throws Exception {
        Trainer.Result counted = train(Synthetic.config(dir), dir.resolve("counted"), false);
        Trainer.Result skipped = train(Synthetic.config(dir).set("train-accuracy", "false"), dir.resolve("skipped"), false);
        assertTrue(counted.last().trainAccuracy() > 0.9, "train accuracy " + counted.last().trainAccuracy());
        List<String> a = withoutSeconds(dir.resolve("counted/metrics.csv"));
        List<String> b = withoutSeconds(dir.resolve("skipped/metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 1; i < a.size(); i++) { // the same loss, test accuracy and learning rate; train accuracy not counted
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals("NaN", y[3], b.get(i));
            x[3] = "NaN";
            assertEquals(String.join(",", x), String.join(",", y));
        }
        assertTrue(Files.size(dir.resolve("skipped/curves.png")) > 0);
    }

    @Test
    void configPropertiesRecordsOnlyWhatTookEffect(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        train(Synthetic.config(dir).set("model", "affine:16, relu, affine:10").set("hidden-sizes", "").set("dropout", ""), out, false);
        String saved = Files.readString(out.resolve("config.properties"));
        assertTrue(saved.contains("model = affine:16, relu, affine:10"), saved);
        for (String absent : List.of("hidden-sizes", "dropout", "activation", "batch-norm", "iterations", "dataset", "data-dir", "out")) {
            assertFalse(saved.contains("\n" + absent + " ="), absent + " did not take effect:\n" + saved);
        }
        assertTrue(saved.contains("epochs = 2") && saved.contains("batch-size = 50"), saved);
    }

    @Test
    void resumedAtAnEpochBoundaryEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        // Adam (state to restore) and dropout (random masks to repeat).
        Config config = Synthetic.config(dir).set("optimizer", "adam").set("dropout", "0.3").set("epochs", "3");
        train(config, dir.resolve("whole"), false);

        train(Synthetic.config(dir).set("optimizer", "adam").set("dropout", "0.3").set("epochs", "1"), dir.resolve("split"), false);
        Config saved = new Config(Config.TRAIN).load(dir.resolve("split/config.properties"));
        Trainer.Result resumed = train(saved.set("epochs", "3"), dir.resolve("split"), true);

        assertEquals(3, resumed.rows().size());
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(dir.resolve("split/metrics.csv")));
    }

    @Test
    void interruptedMidEpochAndResumedEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "momentum").set("dropout", "0.3").set("epochs", "2");
        train(config, dir.resolve("whole"), false);

        Path split = dir.resolve("split");
        Trainer.Interrupted stop = assertThrows(Trainer.Interrupted.class, () -> train(config, split, false, after(7)));
        assertEquals(7, stop.iteration());
        assertTrue(Files.exists(split.resolve(Checkpoint.FILE)), "the interrupt saved a checkpoint");
        assertEquals(1, Files.readAllLines(split.resolve("metrics.csv")).size(), "no epoch finished: the header only");

        Trainer.Result resumed = train(new Config(Config.TRAIN).load(split.resolve("config.properties")), split, true);
        assertEquals(2, resumed.rows().size());
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(split.resolve("metrics.csv")));
    }

    @Test
    void interruptedAtAnEpochsEndAndResumedItDrawsTheUninterruptedRunsCurves(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "adam").set("epochs", "3");
        train(config, dir.resolve("a/run"), false);

        Path split = dir.resolve("b/run"); // the same directory name: the name is in the titles
        Trainer.Interrupted stop = assertThrows(Trainer.Interrupted.class, () -> train(config, split, false, after(10)));
        assertEquals(10, stop.iteration(), "500 rows, batch 50: the end of epoch 1");
        assertTrue(Files.exists(split.resolve("curves.png")), "an interrupt right after an evaluation draws the curves too");
        train(new Config(Config.TRAIN).load(split.resolve("config.properties")), split, true);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/run/curves.png")), Files.readAllBytes(split.resolve("curves.png")),
                "the checkpoint carries the per-update line, so the resumed run draws all of it");
    }

    @Test
    void augmentedAndStandardizedRunsResumeMidEpochToTheUninterruptedMetrics(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "adam").set("epochs", "2").set("augment", "shift:2, rotate:10, elastic:34:4")
                .set("standardize", "true");
        train(config, dir.resolve("whole"), false);
        String stats = new Config(Config.TRAIN).load(dir.resolve("whole/config.properties")).string("standardize");
        assertTrue(stats.matches("0\\.\\d+:0\\.\\d+"), "the training set's mean and std are recorded: " + stats);
        assertTrue(Files.size(dir.resolve("whole/augment.png")) > 1000, "augment.png shows the distortions");

        Path split = dir.resolve("split");
        assertThrows(Trainer.Interrupted.class, () -> train(config.set("standardize", "true"), split, false, after(7)));
        train(new Config(Config.TRAIN).load(split.resolve("config.properties")), split, true);
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(split.resolve("metrics.csv")));

        train(Synthetic.config(dir).set("optimizer", "adam").set("epochs", "2").set("standardize", stats), dir.resolve("plain"), false);
        assertNotEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(dir.resolve("plain/metrics.csv")),
                "augmentation changes the training");
    }

    @Test
    void iterationsModeResumedFromTheMiddleOfAnEpochEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        // 25 updates of 10 per epoch: rows at 10, 20 and 25; interrupted at 13, then at 23 (after the 20 row).
        Config config = Synthetic.config(dir).set("optimizer", "adam").set("dropout", "0.2").set("iterations", "25").set("epochs", "");
        train(config, dir.resolve("whole"), false);

        Path split = dir.resolve("split");
        assertThrows(Trainer.Interrupted.class, () -> train(config, split, false, after(13)));
        Config saved = new Config(Config.TRAIN).load(split.resolve("config.properties"));
        assertThrows(Trainer.Interrupted.class, () -> train(saved, split, true, after(10)));
        Trainer.Result resumed = train(saved, split, true);
        assertEquals(List.of(10L, 20L, 25L), resumed.rows().stream().map(Metrics.Row::iteration).toList());
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(split.resolve("metrics.csv")));
    }

    @Test
    void resumedInTheMiddleOfACosineAndOfAOneCycleScheduleEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        for (String schedule : List.of("cosine", "onecycle")) {
            Config config = Synthetic.config(dir).set("optimizer", "adam").set("epochs", "3").set("lr-schedule", schedule)
                    .set(schedule.equals("cosine") ? "warmup-epochs" : "max-learning-rate", schedule.equals("cosine") ? "0.5" : "0.01");
            if (schedule.equals("onecycle")) {
                config.set("cycle-momentum", "true");
            }
            Path whole = dir.resolve(schedule + "-whole");
            Trainer.Result r = train(config, whole, false);
            List<Double> rates = r.rows().stream().map(row -> row.get("learning_rate")).toList();
            assertTrue(rates.get(0) > rates.get(2), schedule + " anneals: " + rates);

            Path split = dir.resolve(schedule + "-split");
            assertThrows(Trainer.Interrupted.class, () -> train(config, split, false, after(14)));
            train(new Config(Config.TRAIN).load(split.resolve("config.properties")), split, true);
            assertEquals(withoutSeconds(whole.resolve("metrics.csv")), withoutSeconds(split.resolve("metrics.csv")), schedule);
        }
    }

    @Test
    void restoreBestPutsTheBestEpochsWeightsBackBitForBit(@TempDir Path dir) throws Exception {
        // A learning rate that makes the loss rise after a few epochs, so the best epoch is not the last.
        Config config = Synthetic.config(dir).set("optimizer", "sgd").set("learning-rate", "0.05").set("epochs", "6")
                .set("validation-split", "0.2").set("restore-best", "true").set("monitor", "validation_accuracy");
        Trainer.Result r = train(config, dir.resolve("run"), false);
        int best = 0;
        for (int i = 1; i < r.rows().size(); i++) {
            if (r.rows().get(i).get("validation_accuracy") > r.rows().get(best).get("validation_accuracy")) {
                best = i;
            }
        }
        // The same run stopped after the best epoch has exactly those weights in its model.npz.
        train(Synthetic.config(dir).set("optimizer", "sgd").set("learning-rate", "0.05").set("epochs", Integer.toString(best + 1))
                .set("validation-split", "0.2"), dir.resolve("short"), false);
        assertEquals(arrays(dir.resolve("short/model.npz")), arrays(dir.resolve("run/best.npz")), "best.npz is epoch " + (best + 1) + "'s model");
        assertEquals(arrays(dir.resolve("run/best.npz")), arrays(dir.resolve("run/model.npz")));
        assertEquals(List.of("learning_rate", "validation_accuracy", "validation_loss"), List.copyOf(r.last().extra().keySet()));
    }

    /** Every array of an .npz file, by name, as its exact float bits. */
    private static Map<String, List<Integer>> arrays(Path npz) throws Exception {
        Map<String, List<Integer>> all = new TreeMap<>();
        try (NDManager m = Engines.newManager(); InputStream in = Files.newInputStream(npz)) {
            for (NDArray a : NDList.decode(m, in)) {
                float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
                List<Integer> bits = new ArrayList<>();
                for (float v : values) {
                    bits.add(Float.floatToRawIntBits(v));
                }
                all.put(a.getName(), bits);
            }
        }
        assertTrue(all.size() >= 4, npz + " holds " + all.keySet());
        return all;
    }

    @Test
    void aRowIsNeverWrittenWithoutItsCheckpoint(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        train(Synthetic.config(dir).set("epochs", "1"), out, false);
        // A metrics file that went further than its checkpoint (a crash between the two, in an older version) ...
        Files.writeString(out.resolve("metrics.csv"), Files.readString(out.resolve("metrics.csv")) + "2,20,0.1,0.9,0.9,1.000\n");
        Trainer.Result r = train(new Config(Config.TRAIN).load(out.resolve("config.properties")).set("epochs", "2"), out, true);
        // ... is rewritten from the checkpoint's rows: no duplicated or orphaned row.
        assertEquals(List.of(10L, 20L), r.rows().stream().map(Metrics.Row::iteration).toList());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void aRunThatFailsBeforeItsFirstCheckpointLeavesNoDirectory(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "sgd").set("learning-rate", "1e30").set("weight-init", "std:1");
        DivergenceException e = assertThrows(DivergenceException.class, () -> train(config, dir.resolve("run"), false));
        assertTrue(e.getMessage().matches(".*at iteration \\d+ \\(epoch 1\\); try a smaller learning-rate \\(now [0-9.E]+\\)"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("run")), "nothing to resume: the directory this run made is gone");
        Trainer.Result again = train(Synthetic.config(dir).set("epochs", "1"), dir.resolve("run"), false);
        assertEquals(1, again.rows().size());
    }

    @Test
    void aDirectoryThatExistedAndHasNoCheckpointCanBeResumedFromTheStartOrReused(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("mine"));
        Config diverging = Synthetic.config(dir).set("optimizer", "sgd").set("learning-rate", "1e30").set("weight-init", "std:1");
        assertThrows(DivergenceException.class, () -> train(diverging, out, false));
        assertTrue(Files.exists(out.resolve("config.properties")) && Files.notExists(out.resolve(Checkpoint.FILE)));
        Config saved = new Config(Config.TRAIN).load(out.resolve("config.properties")).set("learning-rate", "0.1").set("epochs", "1");
        assertEquals(1, train(saved, out, true).rows().size(), "resumed from the start");
        Files.delete(out.resolve(Checkpoint.FILE));
        assertEquals(1, train(Synthetic.config(dir).set("epochs", "1"), out, false).rows().size(), "or reused by a fresh run");
    }

    @Test
    void divergenceAfterACheckpointKeepsIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        train(Synthetic.config(dir).set("optimizer", "sgd").set("epochs", "1"), out, false);
        byte[] checkpoint = Files.readAllBytes(out.resolve(Checkpoint.FILE));
        Config diverging = new Config(Config.TRAIN).load(out.resolve("config.properties")).set("epochs", "2").set("learning-rate", "1e30");
        DivergenceException e = assertThrows(DivergenceException.class, () -> train(diverging, out, true));
        assertTrue(e.getMessage().endsWith("the last good checkpoint is in " + out), e.getMessage());
        assertEquals(checkpoint.length, Files.readAllBytes(out.resolve(Checkpoint.FILE)).length);
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void everyOptimizerNameTrainsWithoutACaseInTheLoop(@TempDir Path dir) throws Exception {
        for (String name : Optimizers.names()) {
            if (name.contains(".")) {
                continue;
            }
            Config config = Synthetic.config(dir).set("optimizer", name);
            if (List.of("newton", "bfgs", "lm").contains(name)) { // an n×n matrix of this net's 25,450 parameters: refused, saying so
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(config, dir.resolve(name), false));
                assertTrue(e.getMessage().startsWith(name + " keeps an n×n "), e.getMessage());
                continue;
            }
            if (name.equals("gd")) {
                config.set("epochs", "").set("iterations", "10");
            } else if (name.equals("sgd")) {
                config.set("epochs", "1");
            }
            if (List.of("sgd", "minibatch", "momentum", "nesterov").contains(name)) {
                config.set("learning-rate", "0.1");
            }
            Trainer.Result r = train(config, dir.resolve(name), false);
            double first = r.rows().get(0).loss();
            double last = r.last().loss();
            assertTrue(r.last().trainAccuracy() > 0.5 || last < first, name + ": loss " + first + " -> " + last);
            assertTrue(Double.isFinite(last), name);
            assertNull(r.stopReason());
        }
    }
}
