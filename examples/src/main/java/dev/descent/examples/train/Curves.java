package dev.descent.examples.train;

import dev.descent.examples.Plots;
import java.io.IOException;
import java.nio.file.Path;

/** {@code curves.png} when the run ends or is interrupted: loss and accuracies per row. */
public final class Curves implements Callback {
    private final Path file;

    public Curves(Path file) {
        this.file = file;
    }

    @Override
    public void onCheckpoint(TrainingState state, SavePoint reason) throws IOException {
        if (reason == SavePoint.INTERRUPT) {
            Plots.curves(state.rows(), file);
        }
    }

    @Override
    public void onTrainEnd(TrainingState state) throws IOException {
        Plots.curves(state.rows(), file);
    }
}
