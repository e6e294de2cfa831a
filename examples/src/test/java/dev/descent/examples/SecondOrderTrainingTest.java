package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Callback;
import dev.descent.examples.train.Checkpoint;
import dev.descent.examples.train.Metrics;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.Trainer;
import dev.descent.examples.train.TrainingState;
import dev.descent.optim.ClosureOptimizer;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lbfgs and cg train a network through the Trainer's closure: full batch, checkpointed, in flat memory. */
class SecondOrderTrainingTest {

    private static Trainer.Result train(Config config, Path out, boolean resume, BooleanSupplier interrupted) throws Exception {
        return TrainMnist.train(config, out, resume, new Progress.LogLines(), DownloadListener.silent(), interrupted);
    }

    private static Config updates(Path dir, String optimizer, int iterations) throws Exception {
        return Synthetic.config(dir).set("optimizer", optimizer).set("epochs", "").set("iterations", Integer.toString(iterations));
    }

    @Test
    void lbfgsAndCgLowerTheLossOfASmallNetworkInAFewFullBatchUpdates(@TempDir Path dir) throws Exception {
        for (String name : List.of("lbfgs", "cg")) {
            Trainer.Result r = train(updates(dir, name, 6), dir.resolve(name), false, () -> false);
            assertEquals(6, r.rows().size(), "one update is one epoch: every sample, in chunks of batch-size");
            double first = r.rows().get(0).loss();
            double last = r.last().loss();
            assertTrue(last < first / 2, name + ": loss " + first + " -> " + last);
            for (int i = 1; i < r.rows().size(); i++) {
                assertTrue(r.rows().get(i).loss() <= r.rows().get(i - 1).loss(), name + ": a line search never goes uphill, row " + i);
            }
            assertTrue(r.last().testAccuracy() > 0.8, name + ": test accuracy " + r.last().testAccuracy());
        }
    }

    @Test
    void theNetworksManagerHoldsTheSameArraysAfterEveryUpdateOnceTheHistoryIsFull(@TempDir Path dir) throws Exception {
        Config config = updates(dir, "lbfgs", 10).set("history-size", "2").check();
        List<Integer> counts = new ArrayList<>();
        try (NDManager root = Engines.newManager(); TrainTest data = DataLoading.load(config, root, DownloadListener.silent());
                Network network = Models.build(config, root, DataType.FLOAT32)) {
            ClosureOptimizer lbfgs = (ClosureOptimizer) Optimizers.create("lbfgs", config.hyperparameters());
            Callback counter = new Callback() {
                @Override
                public void onBatchEnd(TrainingState s, double loss) {
                    counts.add(network.manager().getManagedArrays().size());
                }
            };
            new Trainer(network, lbfgs, data.train(), false).batchSize(50).seed(42).iterations(10).evaluate(false).callbacks(counter).fit();
            assertTrue(lbfgs.evaluations() >= 11, "a start and at least one trial per update: " + lbfgs.evaluations());
        }
        // the parameters, then d and g from update 1, one pair (s, y) more at 2 and 3; then the oldest pair makes way
        assertEquals(counts.get(3), counts.get(counts.size() - 1), "arrays after each update: " + counts);
        assertEquals(counts.get(0) + 4, (int) counts.get(3), "arrays after each update: " + counts);
    }

    @Test
    void aResumedLbfgsRunContinuesItsHistoryAndEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
        Config config = updates(dir, "lbfgs", 5).set("history-size", "3");
        train(config, dir.resolve("whole"), false, () -> false);

        Path split = dir.resolve("split");
        int[] checks = {0};
        Trainer.Interrupted stop = assertThrows(Trainer.Interrupted.class, () -> train(config, split, false, () -> ++checks[0] >= 4));
        assertEquals(4, stop.iteration());
        try (NDManager m = Engines.newManager()) {
            List<String> names = new ArrayList<>();
            ai.djl.ndarray.NDList.decode(m, Files.newInputStream(split.resolve(Checkpoint.FILE))).forEach(a -> names.add(a.getName()));
            for (String kept : List.of("optimizer/s/0", "optimizer/y/2", "optimizer/d", "optimizer/g", "optimizer/t", "optimizer/step")) {
                assertTrue(names.contains(kept), kept + " in " + names);
            }
        }
        train(new Config(Config.TRAIN).load(split.resolve("config.properties")), split, true, () -> false);
        assertEquals(withoutSeconds(dir.resolve("whole/metrics.csv")), withoutSeconds(split.resolve("metrics.csv")));
        assertEquals(5, Metrics.read(split.resolve("metrics.csv")).size());
    }

    @Test
    void newtonBfgsAndLmRefuseANetworkOfTwentyFiveThousandParametersBeforeTheFirstUpdate(@TempDir Path dir) throws Exception {
        for (String name : List.of("newton", "bfgs", "lm")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> train(updates(dir, name, 2), dir.resolve(name), false, () -> false));
            assertTrue(e.getMessage().startsWith(name + " keeps an n×n "), e.getMessage());
            assertTrue(e.getMessage().contains("n = 25,450 parameters"), e.getMessage());
            assertTrue(!Files.exists(dir.resolve(name)) || !Files.exists(dir.resolve(name).resolve(Checkpoint.FILE)), name);
        }
    }

    private static List<String> withoutSeconds(Path metrics) throws Exception {
        return Files.readAllLines(metrics).stream().map(l -> {
            String[] cells = l.split(",", -1);
            cells[5] = "S";
            return String.join(",", cells);
        }).toList();
    }
}
