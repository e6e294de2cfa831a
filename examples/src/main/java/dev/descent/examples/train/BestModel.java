package dev.descent.examples.train;

import dev.descent.core.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    private double best;
    private long bestEpoch;
    private boolean improved;

    public BestModel(Monitor monitor, Path dir, boolean restoreBest) {
        this.monitor = monitor;
        this.dir = dir;
        this.restoreBest = restoreBest;
        this.best = monitor.worst();
    }

    @Override
    public void onEpochEnd(TrainingState s) {
        double value = monitor.of(s.lastRow());
        improved = monitor.improves(value, best, 0);
        if (improved) {
            best = value;
            bestEpoch = s.lastRow().epoch();
        }
    }

    @Override
    public void onCheckpoint(TrainingState s, SavePoint reason) throws IOException {
        if (reason == SavePoint.EVALUATION && improved) {
            ModelFile.save(s.network(), dir.resolve(FILE));
        }
    }

    @Override
    public void onTrainEnd(TrainingState s) throws IOException {
        if (bestEpoch == 0) {
            return;
        }
        String what = String.format(Locale.ROOT, "%s from epoch %d (%s %.4f)", FILE, bestEpoch, monitor.column(), best);
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
        return bestEpoch;
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("best", best);
        m.put("best-epoch", (double) bestEpoch);
        return m;
    }

    @Override
    public void restore(Map<String, Double> state) {
        best = state.getOrDefault("best", monitor.worst());
        bestEpoch = state.getOrDefault("best-epoch", 0.0).longValue();
    }
}
