package dev.descent.optim;

import static dev.descent.optim.Hyperparameters.LEARNING_RATE;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Gradient descent, the seeds' rule, in its three samplings ({@code gd}, {@code sgd}, {@code minibatch}):
 * <pre>
 *   w ← w − η·∇L
 * </pre>
 * The three differ only in how many samples ∇L is averaged over, never in the update:
 * {@code gd} the whole training set (the loop accumulates it over chunks of batch-size, see
 * {@code Network.gradient(x, t, chunk)}), {@code sgd} exactly one sample drawn at random,
 * {@code minibatch} batch-size samples. Default η = 0.01 (the book's SGD).
 */
public final class GradientDescent extends AbstractOptimizer {

    /** How many samples one update takes. */
    public enum Sampling {
        FULL("gd"), ONE("sgd"), BATCH("minibatch");

        private final String optimizerName;

        Sampling(String optimizerName) {
            this.optimizerName = optimizerName;
        }

        public String optimizerName() {
            return optimizerName;
        }
    }

    private final Sampling sampling;

    public GradientDescent(Sampling sampling, Map<String, String> hyperparameters) {
        super(sampling.optimizerName(), List.of(LEARNING_RATE.withDefault(0.01)), hyperparameters);
        this.sampling = sampling;
    }

    public Sampling sampling() {
        return sampling;
    }

    @Override
    public long samplesPerUpdate(long batchSize, long datasetSize) {
        return switch (sampling) {
            case FULL -> datasetSize;
            case ONE -> 1;
            case BATCH -> batchSize;
        };
    }

    @Override
    protected void update(Parameter p, NDArray g, long t) {
        p.value().subi(g.mul(scalar(learningRate(), g)));
    }
}
