package dev.descent.examples.dashboard;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Parameter;
import dev.descent.examples.train.Callback;
import dev.descent.examples.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's view of a training run, as a callback. The training thread only publishes: each update's loss (an
 * append), {@value #SAMPLES_PER_EPOCH} times an epoch each parameter's gradient norm ‖∇L‖ and update:parameter ratio
 * ‖w<sub>t+1</sub> − w<sub>t</sub>‖ / ‖w<sub>t+1</sub>‖ (DL4J's health signal: about 1e-3 is healthy; after the
 * update, so biases that start at 0 have a finite ratio), and at each
 * evaluation the row and a copy of the weights. Everything the page asks for is computed by the server on its own copy.
 */
public final class DashboardFeed implements Callback {
    /** Samples of the layer statistics per epoch. */
    private static final int SAMPLES_PER_EPOCH = 50;
    private final RunView view;
    private long every = 1;
    private NDManager before;
    private List<NDArray> previous;

    public DashboardFeed(RunView view) {
        this.view = view;
    }

    @Override
    public void onTrainBegin(TrainingState state) {
        every = Math.max(1, state.iterationsPerEpoch() / SAMPLES_PER_EPOCH);
    }

    @Override
    public void onBatchBegin(TrainingState state) {
        if (state.iteration() % every == 0) {
            before = state.network().manager().newSubManager();
            previous = new ArrayList<>();
            for (Parameter p : state.network().parameters()) {
                NDArray copy = p.value().duplicate();
                copy.attach(before);
                previous.add(copy);
            }
        }
    }

    @Override
    public void onUpdate(TrainingState state) {
        if (before == null) {
            return;
        }
        List<Parameter> parameters = state.network().parameters();
        int n = parameters.size();
        double[] row = new double[1 + 2 * n];
        row[0] = state.iteration() + 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Parameter p = parameters.get(i);
            names.add(p.name());
            NDArray w = previous.get(i);
            row[1 + i] = p.grad() == null ? Double.NaN : p.grad().norm().getFloat(); // in the batch's manager
            NDArray step = w.sub(p.value()); // w_t − w_t+1, in this callback's manager (as is everything made from it)
            row[1 + n + i] = step.norm().getFloat() / w.sub(step).norm().getFloat();
        }
        before.close();
        before = null;
        view.addStats(names, row);
    }

    @Override
    public void onBatchEnd(TrainingState state, double loss) {
        view.addLoss(state.iteration(), loss);
    }

    @Override
    public void onCheckpoint(TrainingState state, SavePoint reason) {
        if (reason == SavePoint.EVALUATION) { // after every onEpochEnd: the row is final
            view.addRow(state.lastRow());
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (List<Parameter> group : List.of(state.network().parameters(), state.network().buffers())) {
                group.forEach(p -> weights.put(p.name(), p.value().toFloatArray()));
            }
            view.publishWeights(weights);
        }
    }

    @Override
    public void onTrainEnd(TrainingState state) {
        view.finish();
    }
}
