package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DownloadListener;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on small synthetic data: outputs, resume, divergence, every optimizer. */
class TrainMnistTest {

    private static TrainMnist.Result train(Config config, Path out, boolean resume) throws Exception {
        return TrainMnist.train(config, out, resume, new Progress.LogLines(), DownloadListener.silent());
    }

    @Test
    void writesMetricsConfigModelAndCurves(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        TrainMnist.Result r = train(Synthetic.config(dir), out, false);
        assertEquals("epoch,iteration,loss,train_accuracy,test_accuracy,seconds", Files.readAllLines(out.resolve("metrics.csv")).get(0));
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
    void resumedRunGivesTheSameMetricsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        // Adam (state to restore) and dropout (random masks to repeat).
        Config config = Synthetic.config(dir).set("optimizer", "adam").set("dropout", "0.3").set("epochs", "3");
        TrainMnist.Result whole = train(config, dir.resolve("whole"), false);

        Config first = Synthetic.config(dir).set("optimizer", "adam").set("dropout", "0.3").set("epochs", "1");
        train(first, dir.resolve("split"), false);
        TrainMnist.Result resumed = train(new Config().load(dir.resolve("split/config.properties")).set("epochs", "3"),
                dir.resolve("split"), true);

        assertEquals(3, resumed.rows().size());
        for (int i = 0; i < 3; i++) {
            Metrics.Row a = whole.rows().get(i);
            Metrics.Row b = resumed.rows().get(i);
            assertEquals(a.iteration(), b.iteration());
            assertEquals(a.loss(), b.loss(), 1e-6, "loss of epoch " + (i + 1));
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 0, "train accuracy of epoch " + (i + 1));
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0, "test accuracy of epoch " + (i + 1));
        }
        assertEquals(Files.readAllLines(dir.resolve("whole/metrics.csv")).stream().map(TrainMnistTest::withoutSeconds).toList(),
                Files.readAllLines(dir.resolve("split/metrics.csv")).stream().map(TrainMnistTest::withoutSeconds).toList());
    }

    private static String withoutSeconds(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }

    @Test
    void divergenceStopsWithTheIterationAndKeepsTheCheckpoint(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "sgd").set("learning-rate", "1e30").set("weight-init", "std:1");
        DivergenceException e = assertThrows(DivergenceException.class, () -> train(config, dir.resolve("run"), false));
        assertTrue(e.getMessage().matches(".*at iteration \\d+ \\(epoch 1\\); try a smaller learning-rate.*"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("run/model.npz")), "no epoch finished, so no checkpoint to keep");
    }

    @Test
    void everyOptimizerNameTrainsWithoutACaseInTheLoop(@TempDir Path dir) throws Exception {
        for (String name : Optimizers.names()) {
            if (name.contains(".")) {
                continue;
            }
            Config config = Synthetic.config(dir).set("optimizer", name).set("epochs", name.equals("sgd") ? "1" : "2")
                    .set("iterations", name.equals("gd") ? "10" : "");
            if (List.of("sgd", "minibatch", "momentum", "nesterov").contains(name)) {
                config.set("learning-rate", "0.1");
            }
            TrainMnist.Result r = train(config, dir.resolve(name), false);
            double first = r.rows().get(0).loss();
            double last = r.last().loss();
            assertTrue(r.last().trainAccuracy() > 0.5 || last < first, name + ": loss " + first + " -> " + last);
            assertTrue(Double.isFinite(last), name);
        }
    }
}
