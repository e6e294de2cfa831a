package dev.descent.examples.train;

import java.nio.file.Path;
import java.util.Locale;

/** Stops a run whose loss became NaN or infinite, naming the update and suggesting a smaller learning rate. */
public final class DivergenceStop implements Callback {
    private final Path out;

    /** @param out where the last good checkpoint is, or null when the run keeps none */
    public DivergenceStop(Path out) {
        this.out = out;
    }

    @Override
    public void onBatchEnd(TrainingState s, double loss) {
        if (!Double.isFinite(loss)) {
            throw new DivergenceException(String.format(Locale.ROOT,
                    "training diverged: the loss became %s at iteration %d (epoch %d); try a smaller learning-rate (now %s)%s",
                    loss, s.iteration(), (s.iteration() - 1) / s.iterationsPerEpoch() + 1,
                    s.optimizer().hyperparameters().get("learning-rate"),
                    out == null || s.rows().isEmpty() ? "" : "; the last good checkpoint is in " + out));
        }
    }
}
