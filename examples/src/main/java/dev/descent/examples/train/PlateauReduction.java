package dev.descent.examples.train;

import dev.descent.optim.schedule.ReduceLrOnPlateau;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.logging.log4j.LogManager;

/** Keras' {@code ReduceLROnPlateau} as a callback: after each row, the {@link ReduceLrOnPlateau} rule may cut the rate. */
public final class PlateauReduction implements Callback {
    private final Monitor monitor;
    private final ReduceLrOnPlateau rule;

    public PlateauReduction(Monitor monitor, double factor, int patience, double minDelta, int cooldown, double minLearningRate) {
        this.monitor = monitor;
        this.rule = new ReduceLrOnPlateau(monitor.higherIsBetter() ? ReduceLrOnPlateau.Mode.MAX : ReduceLrOnPlateau.Mode.MIN, factor,
                patience, minDelta, cooldown, minLearningRate);
    }

    @Override
    public void onEpochEnd(TrainingState s) {
        OptionalDouble cut = rule.observe(monitor.of(s.lastRow()), s.optimizer().learningRate());
        if (cut.isPresent()) {
            LogManager.getLogger("descent").info("{} has not improved: learning rate {} -> {} from epoch {} on", monitor.column(),
                    s.optimizer().learningRate(), cut.getAsDouble(), s.lastRow().epoch() + 1);
            s.optimizer().setLearningRate(cut.getAsDouble());
        }
    }

    @Override
    public Map<String, Double> state() {
        return rule.exportState();
    }

    @Override
    public void restore(Map<String, Double> state) {
        rule.importState(state);
    }
}
