package dev.descent.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.examples.ConfigException;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plateau reduction and early stopping on scripted metric sequences: the exact epoch of each cut and of the stop. */
class SteeringCallbacksTest {

    /** Feeds {@code losses} as one row per epoch; returns the learning rate after each epoch, and stops when asked. */
    private static List<Double> run(double[] losses, Optimizer optimizer, Callback... callbacks) {
        TrainingState s = new TrainingState(null, optimizer, 10, 10L * losses.length, new ArrayList<>());
        List<Double> rates = new ArrayList<>();
        for (int e = 0; e < losses.length && s.stopReason() == null; e++) {
            s.iteration += 10;
            s.rows.add(new Metrics.Row(e + 1, s.iteration, losses[e], Double.NaN, Double.NaN, 0, Map.of()));
            for (Callback c : callbacks) {
                c.onEpochEnd(s);
            }
            rates.add(optimizer.learningRate());
        }
        return rates;
    }

    private static Optimizer sgd() {
        return Optimizers.create("minibatch", Map.of("learning-rate", "0.1"));
    }

    @Test
    void plateauCutsAfterPatienceThenWaitsOutItsCooldown() {
        // best at epoch 2 (0.8); epochs 3-5 do not improve by more than 0.01 → patience 2 is exceeded at epoch 5.
        double[] losses = {1.0, 0.8, 0.795, 0.81, 0.80, 0.79, 0.80, 0.80, 0.80, 0.80, 0.80};
        List<Double> rates = run(losses, sgd(), new PlateauReduction(new Monitor("loss"), 0.5, 2, 0.01, 1, 0.02));
        List<Double> expected = List.of(0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), rates.get(i), 1e-15, "epoch " + (i + 1) + ": " + rates);
        }
    }

    @Test
    void plateauNeverGoesBelowItsMinimum() {
        double[] losses = {1, 1, 1, 1, 1, 1, 1, 1};
        List<Double> rates = run(losses, sgd(), new PlateauReduction(new Monitor("loss"), 0.1, 0, 0, 0, 0.005));
        assertEquals(List.of(0.1, 0.010000000000000002, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005), rates);
    }

    @Test
    void earlyStoppingStopsAtTheExactEpoch() {
        double[] losses = {1.0, 0.9, 0.85, 0.86, 0.851, 0.9, 0.7, 0.6};
        Optimizer o = sgd();
        EarlyStopping stop = new EarlyStopping(new Monitor("loss"), 3, 0.0);
        TrainingState s = new TrainingState(null, o, 10, 80, new ArrayList<>());
        long stoppedAfter = 0;
        for (int e = 0; e < losses.length && s.stopReason() == null; e++) {
            s.rows.add(new Metrics.Row(e + 1, 10L * (e + 1), losses[e], Double.NaN, Double.NaN, 0, Map.of()));
            stop.onEpochEnd(s);
            stoppedAfter = e + 1;
        }
        assertEquals(6, stoppedAfter, "epochs 4, 5, 6 do not improve on epoch 3's 0.85");
        assertEquals("early stopping: loss has not improved for 3 epochs (best 0.8500 at epoch 3)", s.stopReason());
    }

    @Test
    void earlyStoppingWithPatienceOneSaysOneEpoch() {
        EarlyStopping stop = new EarlyStopping(new Monitor("loss"), 1, 0.0);
        TrainingState s = new TrainingState(null, sgd(), 10, 30, new ArrayList<>());
        for (double loss : new double[] {0.5, 0.6}) {
            s.rows.add(new Metrics.Row(s.rows.size() + 1, 10L * (s.rows.size() + 1), loss, Double.NaN, Double.NaN, 0, Map.of()));
            stop.onEpochEnd(s);
        }
        assertEquals("early stopping: loss has not improved for 1 epoch (best 0.5000 at epoch 1)", s.stopReason());
    }

    @Test
    void earlyStoppingContinuesExactlyAfterAResume() {
        double[] losses = {1.0, 0.9, 0.95, 0.96, 0.97, 0.5};
        EarlyStopping first = new EarlyStopping(new Monitor("validation_accuracy"), 3, 0.0);
        TrainingState s = new TrainingState(null, sgd(), 10, 60, new ArrayList<>());
        for (int e = 0; e < 3; e++) { // accuracy: higher is better; 1.0 at epoch 1 is never beaten
            s.rows.add(new Metrics.Row(e + 1, 10L * (e + 1), 0, 0, 0, 0, Map.of("validation_accuracy", losses[e])));
            first.onEpochEnd(s);
        }
        EarlyStopping resumed = new EarlyStopping(new Monitor("validation_accuracy"), 3, 0.0);
        resumed.restore(first.state());
        assertNull(s.stopReason());
        s.rows.add(new Metrics.Row(4, 40, 0, 0, 0, 0, Map.of("validation_accuracy", losses[3])));
        resumed.onEpochEnd(s);
        assertEquals("early stopping: validation_accuracy has not improved for 3 epochs (best 1.0000 at epoch 1)", s.stopReason());
    }

    @Test
    void theTestSetIsNeverMonitoredAndValidationMetricsNeedAValidationSet() {
        assertEquals("monitor = 'test_accuracy' is not valid; valid: loss, train_accuracy, validation_loss, validation_accuracy "
                + "(never the test set)", assertThrows(ConfigException.class, () -> Monitor.of("test_accuracy", true)).getMessage());
        assertEquals("monitor = validation_loss needs a validation set; set validation-split > 0 or monitor loss",
                assertThrows(ConfigException.class, () -> Monitor.of("validation_loss", false)).getMessage());
        assertEquals("loss", Monitor.of("", false).column());
        assertEquals("validation_loss", Monitor.of("", true).column());
    }
}
