package dev.descent.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Plots;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesTest {
    /** Updates 1..count with loss = the update's number and learning rate = 1/number, 100 updates per epoch. */
    private static TrainingState feed(Curves curves, int count) {
        Optimizer optimizer = Optimizers.create("minibatch", Map.of("learning-rate", "0.1"));
        TrainingState s = new TrainingState(null, optimizer, 100, count, new ArrayList<>());
        for (int i = 1; i <= count; i++) {
            optimizer.setLearningRate(1.0 / i);
            s.iteration = i;
            curves.onBatchEnd(s, i);
        }
        return s;
    }

    @Test
    void everyUpdateHasItsOwnPointUntilTheBinsRunOut() {
        Curves curves = new Curves(Path.of("unused.png"));
        feed(curves, 235);
        Plots.Updates u = curves.updates(100);
        assertEquals(235, u.loss().length);
        assertEquals(1, u.updatesPerBin());
        assertEquals(1.0, u.loss()[0]);
        assertEquals(235.0, u.loss()[234]);
        assertEquals(0.0, u.epoch()[0], "update 1's loss is measured before any update");
        assertEquals(2.34, u.epoch()[234], 1e-12);
        assertEquals(1.0 / 235, u.learningRate()[234]);
    }

    @Test
    void neighboursMergeSoTheBinsStayBoundedAndHoldTheMeanOfEqualRuns() {
        Curves curves = new Curves(Path.of("unused.png"));
        feed(curves, 5001);
        Plots.Updates u = curves.updates(100);
        // 2,048 single updates merge into pairs at update 2,049, pairs into fours at 4,097: 1,250 bins of four, then update 5,001 alone.
        assertEquals(4, u.updatesPerBin());
        assertEquals(1251, u.loss().length);
        assertEquals(2.5, u.loss()[0], 1e-9, "mean of updates 1-4");
        assertEquals(0.0, u.epoch()[0], "where the bin's first update starts, in epochs");
        assertEquals(1.0, u.learningRate()[0], "the rate of the bin's first update");
        assertEquals(49.96, u.epoch()[1249], 1e-9);
        assertEquals(1.0 / 4997, u.learningRate()[1249], 1e-12);
        assertEquals(4998.5, u.loss()[1249], 1e-9, "mean of updates 4,997-5,000");
        assertEquals(5001.0, u.loss()[1250], 1e-9);
        assertEquals(50.0, u.epoch()[1250], 1e-9);
    }

    @Test
    void theBinsSavedAndRestoredContinueAsIfNeverStopped() {
        Curves whole = new Curves(Path.of("unused.png"));
        feed(whole, 6000);
        Curves first = new Curves(Path.of("unused.png"));
        TrainingState s = feed(first, 4099); // mid-bin, after two merges
        Curves resumed = new Curves(Path.of("unused.png"));
        resumed.restoreArrays(first.arrays());
        Optimizer optimizer = s.optimizer();
        for (int i = 4100; i <= 6000; i++) {
            optimizer.setLearningRate(1.0 / i);
            s.iteration = i;
            resumed.onBatchEnd(s, i);
        }
        Plots.Updates a = whole.updates(100);
        Plots.Updates b = resumed.updates(100);
        assertEquals(a.updatesPerBin(), b.updatesPerBin());
        assertArrayEquals(a.loss(), b.loss());
        assertArrayEquals(a.epoch(), b.epoch());
        assertArrayEquals(a.learningRate(), b.learningRate());
    }

    @Test
    void aDivergedUpdateIsLeftOutOfTheLine() {
        Curves curves = new Curves(Path.of("unused.png"));
        TrainingState s = feed(curves, 3);
        s.iteration = 4;
        curves.onBatchEnd(s, Double.NaN);
        assertArrayEquals(new double[] {1, 2, 3}, curves.updates(100).loss());
    }

    @Test
    void aOneEpochRunDrawsTheUpdatesLineBesideItsSingleRow(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        Curves curves = new Curves(png);
        TrainingState s = feed(curves, 100);
        s.rows.add(new Metrics.Row(1, 100, 50.5, Double.NaN, 0.9, 1.0, Map.of("learning_rate", 0.01)));
        curves.onTrainEnd(s);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(3 * 800, image.getWidth(), "loss, accuracy and learning-rate panels");
        // The loss panel's plot area holds the smoothed line's colour in many columns, not just one point's.
        int columns = 0;
        for (int x = 0; x < 800; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (near(image.getRGB(x, y), 160, 180, 215)) {
                    columns++;
                    break;
                }
            }
        }
        assertTrue(columns > 200, "columns with the update line: " + columns);
        assertTrue(Files.size(png) > 0);
    }

    private static boolean near(int rgb, int r, int g, int b) {
        return Math.abs(((rgb >> 16) & 255) - r) < 12 && Math.abs(((rgb >> 8) & 255) - g) < 12 && Math.abs((rgb & 255) - b) < 12;
    }
}
