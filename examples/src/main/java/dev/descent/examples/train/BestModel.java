package dev.descent.examples.train;

import dev.descent.core.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;

/**
 * {@code best.npz}: the weights of the row where the monitored column was best so far, written
 * atomically when it improves (Keras' {@code ModelCheckpoint(save_best_only=True)}). With
 * {@code restoreBest}, the network takes those weights back when training ends, and
 * {@code model.npz} becomes them too.
 */
public final class BestModel implements Callback {
    public static final String FILE = "best.npz";
    private final Monitor monitor;
    private final Path dir;
    private final boolean restoreBest;
    private final Monitor.Best best;
    private boolean improved;

    public BestModel(Monitor monitor, Path dir, boolean restoreBest) {
        this.monitor = monitor;
        this.dir = dir;
        this.restoreBest = restoreBest;
        this.best = new Monitor.Best(monitor);
    }

    @Override
    public void onEpochEnd(TrainingState s) {
        improved = best.offer(s.lastRow(), 0);
    }

    @Override
    public void onCheckpoint(TrainingState s, SavePoint reason) throws IOException {
        if (reason == SavePoint.EVALUATION && improved) {
            ModelFile.save(s.network(), dir.resolve(FILE));
        }
    }

    @Override
    public void onTrainEnd(TrainingState s) throws IOException {
        if (best.epoch() == 0) {
            return;
        }
        String what = String.format(Locale.ROOT, "%s from epoch %d (%s %.4f)", FILE, best.epoch(), monitor.column(), best.value());
        if (restoreBest) {
            ModelFile.load(s.network(), dir.resolve(FILE));
            ModelFile.save(s.network(), dir.resolve(RunDirectory.MODEL));
            LogManager.getLogger("descent").info("restored the best weights: {}; model.npz holds them", what);
        } else {
            LogManager.getLogger("descent").info("best weights: {}", what);
        }
    }

    /** The epoch whose weights {@code best.npz} holds (0 before any row). */
    public long bestEpoch() {
        return best.epoch();
    }

    @Override
    public Map<String, Double> state() {
        return best.state();
    }

    @Override
    public void restore(Map<String, Double> state) {
        best.restore(state);
    }
}
