package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.Augmentation;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.BestModel;
import dev.descent.examples.train.Callback;
import dev.descent.examples.train.Checkpoint;
import dev.descent.examples.train.EarlyStopping;
import dev.descent.examples.train.LearningRateSchedule;
import dev.descent.examples.train.Monitor;
import dev.descent.examples.train.PlateauReduction;
import dev.descent.examples.train.Curves;
import dev.descent.examples.train.DivergenceStop;
import dev.descent.examples.train.Interrupts;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.ProgressReport;
import dev.descent.examples.train.RunDirectory;
import dev.descent.examples.train.Trainer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.schedule.Schedule;
import dev.descent.optim.schedule.Schedules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Trains one configuration on MNIST — the book's {@code train_neuralnet.py}: build the network and
 * the optimizer the config names, load the data, and hand them to the {@link Trainer} with the
 * callbacks of a run directory (checkpoint, {@code model.npz}, {@code metrics.csv}), progress,
 * divergence and {@code curves.png}.
 *
 * <p>Run it directly: {@code java -cp ... dev.descent.examples.TrainMnist [config.properties]}.
 */
public final class TrainMnist {
    private static final Logger LOG = LogManager.getLogger("descent");

    private TrainMnist() {}

    public static void main(String[] args) throws IOException {
        Config config = new Config(Config.TRAIN);
        if (args.length > 0) {
            config.load(Path.of(args[0]));
        }
        train(config, Runs.defaultOut("train"), false, Progress.forConsole(), DownloadListener.logging(), Interrupts.install());
    }

    /** Trains into {@code out}; with {@code resume}, continues the run there from its checkpoint (or from the start if it has none). */
    public static Trainer.Result train(Config config, Path out, boolean resume, Progress progress, DownloadListener downloads,
            BooleanSupplier interrupted) throws IOException {
        return train(config, out, resume, progress, downloads, interrupted, new Callback[0]);
    }

    /** As above, with more callbacks (the dashboard's feed), which must not steer the run. */
    public static Trainer.Result train(Config config, Path out, boolean resume, Progress progress, DownloadListener downloads,
            BooleanSupplier interrupted, Callback... watchers) throws IOException {
        // Everything is checked before anything is written: keys, optimizer, model, data.
        config.check();
        long seed = config.longValue("seed");
        Optimizer optimizer = optimizer(config);
        double validationSplit = config.number("validation-split");
        boolean images = Models.takesImages(config);
        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                Network network = Models.build(Models.standardize(config, data.train()), root, DataType.FLOAT32, data.train());
                RunDirectory run = RunDirectory.open(out, Checkpoint.FILE, resume,
                        "choose another --out, or continue it with --resume " + out)) {
            Dataset train = data.train();
            Dataset validation = null;
            if (validationSplit > 0) {
                Dataset[] parts = train.split(validationSplit, seed);
                train = parts[0];
                validation = parts[1];
            }
            Trainer trainer = new Trainer(network, optimizer, train, images)
                    .batchSize(config.integer("batch-size")).seed(seed).augment(augmentation(config))
                    .evaluateOn(data.test(), validation).trainAccuracy(config.bool("train-accuracy"))
                    .callbacks(run, new ProgressReport(progress), new DivergenceStop(out), new Curves(run.resolve("curves.png")))
                    .callbacks(watchers)
                    .interruptedWhen(interrupted);
            long total = length(config, trainer);
            trainer.callbacks(control(config, optimizer, total, trainer.iterationsPerEpoch(), validation != null, out));
            if (resume && run.hasCheckpoint()) {
                Checkpoint.Saved saved = run.loadCheckpoint(network, optimizer);
                trainer.resumeFrom(saved);
                if (saved.iteration() >= total) {
                    LOG.info("{} already ran {} iterations; nothing to do (raise --epochs or --iterations)", out, saved.iteration());
                } else {
                    LOG.info("resuming {} at iteration {} of {}", out, saved.iteration(), total);
                }
            }
            if (config.has("augment") && !(resume && run.hasCheckpoint())) {
                ShowAugmentation.write(run.resolve("augment.png"), data.train(), augmentation(config), seed); // what was asked for
            }
            run.writeConfig(config.text(Map.of("layers", Models.spec(config), "optimizer hyperparameters",
                    optimizer.hyperparameters().toString())));
            LOG.info("{}", network.summary());
            if (interrupted instanceof Interrupts live) {
                live.training(true);
            }
            try {
                return trainer.fit();
            } finally {
                if (interrupted instanceof Interrupts live) {
                    live.training(false);
                }
            }
        }
    }

    /**
     * The callbacks that steer a run from its config: the learning-rate schedule, plateau reduction,
     * early stopping, and best.npz (always; {@code restore-best} puts it into model.npz at the end).
     */
    static Callback[] control(Config config, Optimizer optimizer, long total, long perEpoch, boolean validation, Path out) {
        List<Callback> control = new ArrayList<>();
        LearningRateSchedule schedule = schedule(config, optimizer, total, perEpoch);
        if (!config.has("plateau-patience")) { // a plateau cuts a constant rate, which must then stay cut
            control.add(schedule); // also a constant one: a resumed run takes a changed learning-rate
        }
        boolean watching = config.has("plateau-patience") || config.has("early-stopping-patience");
        if (config.has("target-columns") && config.string("monitor").endsWith("accuracy")) {
            throw new ConfigException("monitor = " + config.string("monitor") + " does not exist for regression (target-columns); monitor loss"
                    + " or validation_loss");
        }
        if (config.string("monitor").equals("train_accuracy") && !config.bool("train-accuracy")) {
            throw new ConfigException("monitor = train_accuracy needs train-accuracy = true (it is not counted); monitor loss, or"
                    + " validation_accuracy with validation-split > 0");
        }
        Monitor monitor = Monitor.of(config.string("monitor"), validation);
        if (watching && !validation && !config.has("monitor")) {
            LOG.info("no validation set (validation-split = 0): plateau and early stopping monitor the training loss");
        }
        double minDelta = config.number("min-delta");
        if (minDelta < 0) {
            throw new ConfigException("min-delta = " + config.string("min-delta") + " must be >= 0");
        }
        if (config.has("plateau-patience")) {
            try {
                control.add(new PlateauReduction(monitor, config.number("plateau-factor"), config.integer("plateau-patience"), minDelta,
                        config.integer("plateau-cooldown"), config.has("min-learning-rate") ? config.number("min-learning-rate") : 0));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage().replace("plateau: factor", "plateau-factor"));
            }
        }
        if (config.has("early-stopping-patience")) {
            control.add(new EarlyStopping(monitor, config.integer("early-stopping-patience"), minDelta));
        }
        control.add(new BestModel(monitor, out, config.bool("restore-best")));
        return control.toArray(Callback[]::new);
    }

    /** The run's length in updates ({@code iterations}, or {@code epochs} × updates per epoch), set on the trainer. */
    static long length(Config config, Trainer trainer) {
        if (config.has("iterations")) {
            trainer.iterations(config.longValue("iterations"));
            return config.longValue("iterations");
        }
        trainer.epochs(config.longValue("epochs"));
        return config.longValue("epochs") * trainer.iterationsPerEpoch();
    }

    /** The config's learning-rate schedule over {@code total} updates; one the optimizer cannot follow fails here. */
    static LearningRateSchedule schedule(Config config, Optimizer optimizer, long total, long perEpoch) {
        try {
            Schedule schedule = Schedules.create(config.scheduleKeys(), optimizer.learningRate(), total, perEpoch);
            schedule.apply(optimizer, 0); // an optimizer the schedule cannot drive (momentum cycling) fails now, before any writing
            return new LearningRateSchedule(schedule);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The {@code augment} key's distortions, or null (checked by {@link Config#check}). */
    static Augmentation augmentation(Config config) {
        return config.has("augment") ? Augmentation.parse(config.string("augment")) : null;
    }

    static Optimizer optimizer(Config config) {
        try {
            return Optimizers.create(config.string("optimizer"), config.hyperparameters());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
