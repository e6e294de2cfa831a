package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.grad.NumericalDiff;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.Trainer;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' remaining lessons as programs: their numbers, on small synthetic data where they train. */
class LessonsTest {

    @Test
    void directionalDerivativePeaksAtRootFiveAlongTheGradient(@TempDir Path dir) throws Exception {
        DirectionalDerivative.Result r = DirectionalDerivative.run(36, dir);
        assertArrayEquals(new double[] {2, 1}, r.gradient(), 1e-9);
        assertEquals(36, r.directions().size());
        DirectionalDerivative.Direction along = r.special().get(0);
        assertEquals(Math.toDegrees(Math.atan2(1, 2)), along.degrees(), 1e-9);   // 26.565°
        assertEquals(Math.sqrt(5), along.derivative(), 1e-6);
        assertEquals(-Math.sqrt(5), r.special().get(1).derivative(), 1e-6);       // 206.565°
        assertEquals(0, r.special().get(2).derivative(), 1e-6);                     // across ∇f
        assertEquals(0, r.special().get(3).derivative(), 1e-6);
        assertEquals(30, r.largestSampled().degrees(), 0);                          // the nearest of the 36 to 26.57°
        assertEquals(Math.sqrt(5) * Math.cos(Math.toRadians(30 - along.degrees())), r.largestSampled().derivative(), 1e-6);
        for (DirectionalDerivative.Direction d : r.directions()) {
            assertEquals(d.dot(), d.derivative(), 1e-6, d.degrees() + "°");
        }
        assertTrue(r.text().contains("   26.57  ( 0.894,  0.447)     2.2360680"), r.text());
        assertTrue(Files.size(dir.resolve("directional.png")) > 10_000);
    }

    @Test
    void updatesPerEpochAreSamplesOverBatchSize() throws Exception {
        // Seed 004: 1000 samples, batch 10: GD 1 update per epoch, SGD 1000, mini-batch 100; 3 epochs → 300.
        try (NDManager m = Engines.newManager()) {
            int[] labels = new int[1000];
            Dataset set = Dataset.of("seed-004", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), m, new byte[1000 * 784], labels);
            Map<String, Long> expected = Map.of("gd", 1L, "sgd", 1000L, "minibatch", 100L, "adam", 100L);
            expected.forEach((name, perEpoch) -> {
                Trainer t = new Trainer(null, Optimizers.create(name, Map.of()), set, false).batchSize(10);
                assertEquals(perEpoch, t.iterationsPerEpoch(), name);
            });
            assertEquals(300, 3 * new Trainer(null, Optimizers.create("minibatch", Map.of()), set, false).batchSize(10).iterationsPerEpoch());
            assertEquals(8, new Trainer(null, Optimizers.create("minibatch", Map.of()), set, false).batchSize(128).iterationsPerEpoch());
        }
    }

    @Test
    void accuracysDerivativeIsExactlyZeroWhenNothingFlipsAndTheLosssIsNot(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("hidden-sizes", "8").set("optimizer", "minibatch").set("learning-rate", "0.1").check();
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, DownloadListener.silent());
                Network net = Models.build(config, root, DataType.FLOAT64)) {
            new Trainer(net, TrainMnist.optimizer(config), data.train(), false).batchSize(50).epochs(2).evaluate(false).fit();
            Batch batch = data.train().slice(root, 0, 100, false);
            NDArray x = batch.x().toType(DataType.FLOAT64, false);
            NDArray t = batch.t().toType(DataType.FLOAT64, false);
            NDArray w = net.parameters().get(2).value(); // the output layer's weights
            NDIndex at = new NDIndex(3, 4);
            double value = w.getDouble(3, 4);
            double h = NumericalDiff.H;
            long[] predicted = net.forward(x, false).argMax(-1).toLongArray();
            w.set(at, value + h);
            double[] plus = LossVersusAccuracy.accuracyAndLoss(net, x, t);
            assertArrayEquals(predicted, net.forward(x, false).argMax(-1).toLongArray(), "+h flips no prediction");
            w.set(at, value - h);
            double[] minus = LossVersusAccuracy.accuracyAndLoss(net, x, t);
            assertArrayEquals(predicted, net.forward(x, false).argMax(-1).toLongArray(), "-h flips no prediction");
            w.set(at, value);
            assertEquals(0.0, (plus[0] - minus[0]) / (2 * h), "accuracy: exactly 0");
            double slope = (plus[1] - minus[1]) / (2 * h);
            assertNotEquals(0.0, slope, "the loss's derivative is not 0");
            net.gradient(x, t);
            assertEquals(net.parameters().get(2).grad().getDouble(3, 4), slope, 1e-7, "and it is the gradient backprop gives");
        }
    }

    @Test
    void overEveryWeightAccuracyIsFlatAndMovesInStepsOfOnePercent(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("hidden-sizes", "4").set("epochs", "1");
        config.set("optimizer", "minibatch").set("learning-rate", "0.1");
        LossVersusAccuracy.Result r = LossVersusAccuracy.run(config, dir.resolve("out"), DownloadListener.silent());
        assertEquals(784 * 4 + 4 + 4 * 10 + 10, r.weights());
        assertTrue(r.accuracyNonZero() <= r.weights() / 100, r.text());
        assertTrue(r.lossNonZero() > r.weights() * 9 / 10, r.text());             // synthetic pixels are never blank
        assertEquals(r.weights() - r.lossNonZero(), r.unreached(), "a zero loss derivative only where backprop's is 0 too");
        for (double slope : r.accuracySlopes()) {
            assertEquals(0, Math.IEEEremainder(slope, 50), 1e-6, "a jump of k/100 over 2h: " + slope);
        }
        for (double a : r.sweep().accuracy()) {
            assertEquals(Math.round(a * 100) / 100.0, a, 1e-12);
        }
        assertTrue(Files.size(dir.resolve("out/accuracy-vs-loss.png")) > 10_000);
    }

    @Test
    void aStepActivationFreezesTheLayersBeforeItWhileSigmoidTrainsThem(@TempDir Path dir) throws Exception {
        Config config = new Config(Config.TRAIN, StepActivation.DEFAULTS);
        Path[] csv = Synthetic.files(dir);
        config.set("train-csv", csv[0].toString()).set("test-csv", csv[1].toString()).set("hidden-sizes", "8").set("epochs", "2")
                .set("batch-size", "50");
        List<StepActivation.Run> runs = StepActivation.run(config, dir.resolve("out"), new Progress.LogLines(), DownloadListener.silent());
        StepActivation.Run sigmoid = runs.get(0);
        StepActivation.Run step = runs.get(1);
        assertEquals("step", step.activation());
        assertEquals(0.0, step.moved().get("0.affine.W"), "the weights before a step never move");
        assertEquals(0.0, step.moved().get("0.affine.b"));
        assertTrue(step.moved().get("2.affine.W") > 0, "the output layer still learns");
        assertTrue(sigmoid.moved().get("0.affine.W") > 0);
        assertEquals(3, step.rows().size());
        assertTrue(StepActivation.table(runs).contains("0.affine.W"), StepActivation.table(runs));
        assertTrue(Files.size(dir.resolve("out/step-vs-sigmoid.png")) > 10_000);
    }

    @Test
    void overfittingRunsThreeTrainRunsOnTheFirstImagesAndDrawsThem(@TempDir Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        Overfitting.ConfigSource source = () -> new Config(Config.TRAIN).set("train-csv", csv[0].toString()).set("test-csv", csv[1].toString())
                .set("hidden-sizes", "16,16").set("dropout", "0").set("optimizer", "minibatch").set("learning-rate", "0.1")
                .set("batch-size", "25").set("epochs", "3").set("train-size", "50");
        List<Overfitting.Run> runs = Overfitting.run(source, dir.resolve("out"), new Progress.LogLines(), DownloadListener.silent());
        assertEquals(List.of("none", "dropout", "weight-decay"), runs.stream().map(Overfitting.Run::name).toList());
        for (Overfitting.Run r : runs) {
            assertEquals(List.of(2L, 4L, 6L), r.rows().stream().map(row -> row.iteration()).toList(), "50 images, batch 25: 2 updates per epoch");
            String saved = Files.readString(dir.resolve("out").resolve(r.name()).resolve("config.properties"));
            assertTrue(saved.contains("train-size = 50"), saved);
        }
        assertTrue(Files.readString(dir.resolve("out/dropout/config.properties")).contains("dropout = 0.2"));
        assertTrue(Files.readString(dir.resolve("out/weight-decay/config.properties")).contains("weight-decay = 0.1"));
        assertTrue(Files.size(dir.resolve("out/overfit.png")) > 10_000);
        assertTrue(Overfitting.table(runs).startsWith("regularisation"), Overfitting.table(runs));
    }

    @Test
    void overfittingRefusesAConfigThatDoesNotCountTheTrainingSetBeforeTraining(@TempDir Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> Overfitting.run(() -> new Config(Config.TRAIN)
                .set("train-csv", csv[0].toString()).set("test-csv", csv[1].toString()).set("train-accuracy", "false"),
                dir.resolve("out"), new Progress.LogLines(), DownloadListener.silent()));
        assertEquals("the overfitting lesson compares train and test accuracy: it needs classification data (no target-columns) and "
                + "train-accuracy = true; the config sets train-accuracy = false", e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing trained, nothing written");
    }

    @Test
    void theOverfitConfigIsTheBooksExperiment() throws Exception {
        Config c = new Config(Config.TRAIN).load(Path.of("configs", "overfit.properties")).check();
        assertEquals(300, c.integer("train-size"));
        assertEquals(6, c.integers("hidden-sizes").length);
        assertEquals(200, c.integer("epochs"));
    }

    /** Seed 003's constraints as a program: both methods end at the hand-computed (0.5, 0.5); the central path's closed form. */
    @Test
    void constrainedMinimumByBarrierAndProjection(@TempDir Path dir) throws Exception {
        String text = ConstrainedMinimize.run(dir);
        assertEquals(4, text.lines().filter(l -> l.startsWith("  x = (0.500000000, 0.500000000); ")).count(), text);
        assertTrue(text.contains("  μ = 1e-02   x0 = x1 = 0.5049509757"), text);   // (1 + √1.04)/4
        assertTrue(Files.size(dir.resolve("path.png")) > 20_000);
    }
}
