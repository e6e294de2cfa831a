package dev.descent.examples.train;

import dev.descent.examples.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code curves.png} when the run ends or is interrupted: loss and accuracies per row, and the training loss and learning
 * rate of every update, so that a run of one epoch draws curves too. The updates are kept in at most {@value #BINS} bins
 * of equal size: when the bins run out, neighbours merge (a bin then holds the mean loss of twice as many updates), so
 * memory stays flat however long the run. The bins go into the checkpoint, so a resumed run draws the whole line.
 */
public final class Curves implements Callback {
    static final int BINS = 2048;
    private final Path file;
    private double[] epoch = new double[BINS]; // where the bin's first update starts, in epochs
    private double[] loss = new double[BINS]; // mean training loss of the bin's updates
    private double[] rate = new double[BINS]; // learning rate of the bin's first update
    private int bins;
    private long perBin = 1;
    private long inLast;

    public Curves(Path file) {
        this.file = file;
    }

    @Override
    public void onBatchEnd(TrainingState state, double batchLoss) {
        if (!Double.isFinite(batchLoss)) { // a diverged update: the rows say so; the line keeps its scale
            return;
        }
        double at = (double) (state.iteration() - 1) / state.iterationsPerEpoch(); // a batch's loss is measured before its update
        if (bins == 0 || inLast == perBin) {
            if (bins == BINS) { // all full: merge neighbours, each bin now holds twice as many updates
                for (int i = 0; i < BINS / 2; i++) {
                    loss[i] = (loss[2 * i] + loss[2 * i + 1]) / 2;
                    epoch[i] = epoch[2 * i];
                    rate[i] = rate[2 * i];
                }
                bins = BINS / 2;
                perBin *= 2;
            }
            epoch[bins] = at;
            rate[bins] = state.optimizer().learningRate();
            loss[bins++] = 0;
            inLast = 0;
        }
        inLast++;
        loss[bins - 1] += (batchLoss - loss[bins - 1]) / inLast;
    }

    @Override
    public void onInterrupt(TrainingState state) throws IOException {
        Plots.curves(state.rows(), updates(state.iterationsPerEpoch()), file);
    }

    @Override
    public void onTrainEnd(TrainingState state) throws IOException {
        Plots.curves(state.rows(), updates(state.iterationsPerEpoch()), file);
    }

    @Override
    public Map<String, double[]> arrays() {
        return bins == 0 ? Map.of() : Map.of("epoch", Arrays.copyOf(epoch, bins), "loss", Arrays.copyOf(loss, bins),
                "rate", Arrays.copyOf(rate, bins), "bins", new double[] {perBin, inLast});
    }

    @Override
    public void restoreArrays(Map<String, double[]> arrays) {
        if (arrays.containsKey("bins")) {
            bins = arrays.get("loss").length;
            epoch = Arrays.copyOf(arrays.get("epoch"), BINS);
            loss = Arrays.copyOf(arrays.get("loss"), BINS);
            rate = Arrays.copyOf(arrays.get("rate"), BINS);
            perBin = (long) arrays.get("bins")[0];
            inLast = (long) arrays.get("bins")[1];
        }
    }

    /** The bins so far (the last one possibly partial). */
    Plots.Updates updates(long iterationsPerEpoch) {
        return new Plots.Updates(Arrays.copyOf(epoch, bins), Arrays.copyOf(loss, bins), Arrays.copyOf(rate, bins), perBin,
                iterationsPerEpoch);
    }
}
