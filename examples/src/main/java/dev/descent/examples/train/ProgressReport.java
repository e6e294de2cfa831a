package dev.descent.examples.train;

import java.util.Locale;

/** Progress of a training run: a bar during each epoch (on a terminal) and one log line per row. */
public final class ProgressReport implements Callback {
    private final Progress progress;

    public ProgressReport(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void onEpochBegin(TrainingState s) {
        long first = s.epoch() * s.iterationsPerEpoch();
        progress.start(String.format("epoch %d/%d", s.epoch() + 1, s.epochs()),
                Math.min(s.iterationsPerEpoch(), s.totalIterations() - first));
        if (s.iteration() > first) { // resumed in the middle of the epoch
            progress.advance(s.iteration() - first, s.meanLossSinceRow());
        }
    }

    @Override
    public void onBatchEnd(TrainingState s, double loss) {
        long first = (s.iteration() - 1) / s.iterationsPerEpoch() * s.iterationsPerEpoch();
        progress.advance(s.iteration() - first, s.meanLossSinceRow());
    }

    @Override
    public void onEpochEnd(TrainingState s) {
        progress.finish(line(s.lastRow(), s.epochs()));
    }

    @Override
    public void onCheckpoint(TrainingState s, SavePoint reason) {
        if (reason == SavePoint.INTERRUPT) {
            progress.finish(String.format(Locale.ROOT, "interrupted in epoch %d/%d at iteration %d; checkpoint saved", s.epoch() + 1,
                    s.epochs(), s.iteration()));
        }
    }

    /** The log line of one row: epoch, iteration, loss, accuracies, the added columns, seconds. */
    public static String line(Metrics.Row r, long epochs) {
        boolean regression = r.extra().containsKey("test_r2"); // no accuracies; losses far below 0.0001 are common
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, regression ? "epoch %d/%d  iteration %d  loss %.4g"
                : "epoch %d/%d  iteration %d  loss %.4f", r.epoch(), epochs, r.iteration(), r.loss()));
        if (!regression) { // train accuracy: unless the run does not count it (train-accuracy = false)
            s.append(Double.isNaN(r.trainAccuracy()) ? "" : String.format(Locale.ROOT, "  train %.4f", r.trainAccuracy()))
                    .append(String.format(Locale.ROOT, "  test %.4f", r.testAccuracy()));
        }
        r.extra().forEach((k, v) -> s.append(String.format(Locale.ROOT, k.equals("learning_rate") ? "  lr %.3g" : k.endsWith("mse") ? "  %s %.4g" : "  %s %.4f",
                k.equals("learning_rate") ? v : k.replace("validation_", "validation ").replace('_', ' '), v)));
        return s.append(String.format(Locale.ROOT, "  %.1fs", r.seconds())).toString();
    }
}
