package dev.descent.examples.train;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.core.FullBatch;
import dev.descent.core.Network;
import dev.descent.data.Augmentation;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.Sampler;
import dev.descent.optim.ClosureOptimizer;
import dev.descent.optim.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The training loop, once — the book's {@code train_neuralnet.py}:
 * <pre>
 *   for each update:  draw a batch → forward → loss → backward → optimizer step
 *   every epoch (and at the end): evaluate, one metrics row
 * </pre>
 * in epoch mode ({@link #epochs}) or iteration mode ({@link #iterations}, the seeds' {@code iters_num}).
 * The optimizer says how many samples an update takes (all for {@code gd}, whose gradient is then
 * accumulated in chunks of {@code batch-size}; one for {@code sgd}), so there is no case per optimizer;
 * one that evaluates the loss itself (a {@link ClosureOptimizer}: lbfgs, cg, ...) gets the batch's
 * forward-loss-backward as a closure instead of its result.
 * Everything else — metrics file, checkpoints, progress, divergence, learning-rate control, early
 * stopping — is a {@link Callback}.
 *
 * <p>A row holds the training and test accuracy for classification; for regression (a {@link Dataset#table}) the
 * accuracies are NaN and the row adds {@code train_mse, test_mse, test_r2} (and {@code validation_mse}) instead.
 *
 * <p>Determinism: batch k of epoch e is a pure function of (seed, e, k) ({@link Sampler}), and the
 * engine's generator (dropout masks) is seeded from (seed, update) before every update, so a run
 * resumed at any update repeats the uninterrupted one exactly.
 */
public final class Trainer {
    private final Network network;
    private final Optimizer optimizer;
    private final Dataset train;
    private final boolean images;
    private final List<Callback> callbacks = new ArrayList<>();
    private Dataset test;
    private Dataset validation;
    private Augmentation augmentation;
    private boolean evaluate = true;
    private boolean countTrainingSet = true;
    private int batchSize = 100;
    private long seed = 42;
    private long epochs = 1;
    private long iterations = -1;
    private BooleanSupplier interrupted = () -> false;
    private Checkpoint.Saved resumeFrom;

    /** The outcome: every row (of earlier sessions too) and why it stopped early (null: it ran to the end). */
    public record Result(List<Metrics.Row> rows, String stopReason, long iterations) {
        public Metrics.Row last() {
            return rows.isEmpty() ? null : rows.get(rows.size() - 1);
        }
    }

    public Trainer(Network network, Optimizer optimizer, Dataset train, boolean images) {
        this.network = network;
        this.optimizer = optimizer;
        this.train = train;
        this.images = images;
    }

    public Trainer batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Runs {@code epochs} passes over the training set. */
    public Trainer epochs(long epochs) {
        this.epochs = epochs;
        this.iterations = -1;
        return this;
    }

    /** Runs {@code iterations} updates instead of whole epochs; rows every epoch-equivalent and at the end. */
    public Trainer iterations(long iterations) {
        this.iterations = iterations;
        return this;
    }

    /** Distorts every training batch (not the evaluation sets) with draws that are a function of (seed, update). */
    public Trainer augment(Augmentation augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    /** Accuracy on these sets at every row ({@code validation} may be null). */
    public Trainer evaluateOn(Dataset test, Dataset validation) {
        this.test = test;
        this.validation = validation;
        return this;
    }

    /** Without evaluation, rows hold the loss and NaN accuracies (compare, bench). */
    public Trainer evaluate(boolean evaluate) {
        this.evaluate = evaluate;
        return this;
    }

    /**
     * Whether rows count the training set (the book's {@code train_acc}: a forward pass over all of it in evaluation
     * mode after each epoch; fast.properties' published recipe spent 2.5 s on it beside an 11 s epoch); without it
     * their train accuracy is NaN.
     */
    public Trainer trainAccuracy(boolean trainAccuracy) {
        this.countTrainingSet = trainAccuracy;
        return this;
    }

    public Trainer callbacks(Callback... added) {
        callbacks.addAll(List.of(added));
        return this;
    }

    /** Checked after every update; when true, callbacks checkpoint the current update and {@link Interrupted} is thrown. */
    public Trainer interruptedWhen(BooleanSupplier interrupted) {
        this.interrupted = interrupted;
        return this;
    }

    /** Continues from a checkpoint (already loaded into the network and optimizer). */
    public Trainer resumeFrom(Checkpoint.Saved saved) {
        this.resumeFrom = saved;
        return this;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Updates one epoch takes with this optimizer and data. */
    public long iterationsPerEpoch() {
        return sampler().iterationsPerEpoch();
    }

    private Sampler sampler() {
        return train.sampler(optimizer.samplesPerUpdate(batchSize, train.size()), seed, false);
    }

    public Result fit() throws IOException {
        Sampler sampler = sampler();
        long perEpoch = sampler.iterationsPerEpoch();
        long total = iterations >= 0 ? iterations : epochs * perEpoch;
        TrainingState state = new TrainingState(network, optimizer, perEpoch, total, new ArrayList<>());
        state.callbacks = List.copyOf(callbacks);
        if (resumeFrom != null) {
            resumeFrom.restore(state, callbacks);
        }
        for (Callback c : callbacks) {
            c.onTrainBegin(state);
        }
        long augmentKey = new SplittableRandom(seed).split().nextLong(); // the distortions: a function of (seed, update)
        boolean epochBegins = true;
        while (state.iteration < total && state.stopReason() == null) {
            if (epochBegins) {
                callbacks.forEach(c -> c.onEpochBegin(state));
            }
            callbacks.forEach(c -> c.onBatchBegin(state));
            int[] indices = sampler.batch(state.epoch(), state.batchInEpoch());
            long update = state.iteration;
            double loss;
            try (NDManager it = network.manager().newSubManager()) {
                Batch drawn = train.batch(it, indices, images);
                Batch batch = augmentation == null ? drawn
                        : new Batch(augmentation.apply(drawn.x(), train.imageShape(), augmentKey ^ update * 0x9E3779B97F4A7C15L), drawn.t());
                ClosureOptimizer.Closure closure = () -> {
                    Engines.seed(seed * 1_000_003L + update); // dropout masks: a function of (seed, update), at every evaluation
                    return FullBatch.gradient(network, batch.x(), batch.t(), batchSize); // forward, loss, backward
                };
                if (optimizer instanceof ClosureOptimizer second) {
                    loss = second.step(network.parameters(), closure); // evaluates it where its line search needs
                } else {
                    loss = closure.evaluate();
                    optimizer.step(network.parameters());
                }
                callbacks.forEach(c -> c.onUpdate(state));
            }
            Engines.adaptThreads(); // one thread while another process keeps a core busy (results do not depend on it)
            state.iteration++;
            state.lastLoss = loss;
            state.lossSum += loss;
            state.lossCount++;
            callbacks.forEach(c -> c.onBatchEnd(state, loss));

            epochBegins = state.iteration % perEpoch == 0;
            if (epochBegins || state.iteration == total) {
                state.rows.add(row(state));
                state.lossSum = 0;
                state.lossCount = 0;
                callbacks.forEach(c -> c.onEpochEnd(state));
                for (Callback c : callbacks) {
                    c.onCheckpoint(state, Callback.SavePoint.EVALUATION);
                }
                if (interrupted.getAsBoolean()) {
                    throw interrupt(state);
                }
            } else if (interrupted.getAsBoolean()) {
                for (Callback c : callbacks) {
                    c.onCheckpoint(state, Callback.SavePoint.INTERRUPT);
                }
                throw interrupt(state);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(state);
        }
        return new Result(List.copyOf(state.rows), state.stopReason(), state.iteration);
    }

    private Interrupted interrupt(TrainingState state) throws IOException {
        for (Callback c : callbacks) {
            c.onInterrupt(state);
        }
        return new Interrupted(state.iteration);
    }

    private Metrics.Row row(TrainingState state) {
        long epoch = (state.iteration + state.iterationsPerEpoch() - 1) / state.iterationsPerEpoch();
        double trainAccuracy = Double.NaN;
        double testAccuracy = Double.NaN;
        Map<String, Double> extra = new LinkedHashMap<>();
        if (evaluate && !train.classification()) { // regression: no accuracy; its fit right after the six fixed columns
            Evaluation.Fit fit = test == null ? new Evaluation.Fit(Double.NaN, Double.NaN) : fit(network, test);
            extra.put("train_mse", fit(network, train).mse());
            extra.put("test_mse", fit.mse());
            extra.put("test_r2", fit.r2());
        }
        extra.put("learning_rate", optimizer.learningRate()); // the rate of the row's last update
        if (evaluate && !train.classification()) {
            if (validation != null) {
                extra.put("validation_mse", fit(network, validation).mse());
                extra.put("validation_loss", Evaluation.meanLoss(network, validation.images(), validation.targets()));
            }
        } else if (evaluate) {
            trainAccuracy = countTrainingSet ? accuracy(network, train, images) : Double.NaN;
            testAccuracy = test == null ? Double.NaN : accuracy(network, test, images);
            if (validation != null) {
                Batch all = validation.all(images);
                extra.put("validation_accuracy", (double) Evaluation.correct(network, all.x(), all.t()) / validation.size());
                extra.put("validation_loss", Evaluation.meanLoss(network, all.x(), all.t()));
            }
        }
        return new Metrics.Row(epoch, state.iteration, state.meanLossSinceRow(), trainAccuracy, testAccuracy, state.seconds(), extra);
    }

    /** A regression model's MSE and R² on a table (evaluation mode). */
    public static Evaluation.Fit fit(Network network, Dataset set) {
        return Evaluation.regression(network, set.images(), set.targets());
    }

    /** Fraction classified correctly (evaluation mode: no dropout, BatchNorm's running statistics). */
    public static double accuracy(Network network, Dataset set, boolean images) {
        Batch all = set.all(images);
        return (double) Evaluation.correct(network, all.x(), all.t()) / set.size();
    }

    /** Thrown after an interrupt, once the callbacks have checkpointed update {@code iteration}. */
    public static final class Interrupted extends RuntimeException {
        private final long iteration;

        public Interrupted(long iteration) {
            super("interrupted at iteration " + iteration);
            this.iteration = iteration;
        }

        public long iteration() {
            return iteration;
        }
    }
}
