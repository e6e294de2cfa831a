package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Evaluation;
import dev.descent.core.FullBatch;
import dev.descent.core.ModelFile;
import dev.descent.core.Network;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.DownloadListener;
import dev.descent.data.Sampler;
import dev.descent.data.TrainTest;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;

/**
 * Trains one configuration on MNIST — the book's {@code train_neuralnet.py}, read top to bottom:
 * draw a batch → forward → loss → backward → optimizer step, and once per epoch evaluate, log one
 * line, append one {@code metrics.csv} row and write a checkpoint.
 *
 * <p>The optimizer says how many samples one update takes (all for {@code gd}, one for {@code sgd},
 * {@code batch-size} for the rest), so there is no case per optimizer. With {@code iterations} set
 * the loop runs that many updates (the seeds' {@code iters_num}) and evaluates every
 * epoch-equivalent; otherwise it runs {@code epochs} passes.
 *
 * <p>Run it directly: {@code java -cp ... dev.descent.examples.TrainMnist [config.properties]}.
 */
public final class TrainMnist {

    public record Result(Path out, List<Metrics.Row> rows) {
        public Metrics.Row last() {
            return rows.get(rows.size() - 1);
        }
    }

    private TrainMnist() {}

    public static void main(String[] args) throws IOException {
        Config config = new Config();
        if (args.length > 0) {
            config.load(Path.of(args[0]));
        }
        train(config, Cli.defaultOut("train"), false, Progress.forConsole(), DownloadListener.logging());
    }

    /** Trains into {@code out}; with {@code resume}, continues the run whose checkpoint is there. */
    public static Result train(Config config, Path out, boolean resume, Progress progress, DownloadListener downloads)
            throws IOException {
        long seed = config.integer("seed", 0);
        int batchSize = config.integer("batch-size", 1);
        Optimizer optimizer = Optimizers.create(config.string("optimizer"), config.hyperparameters());
        double validationSplit = config.number("validation-split", 0, 1);
        boolean images = Models.takesImages(config);
        if (!config.has("iterations")) {
            config.integer("epochs", 1); // every key is checked before anything is written
        }
        Models.spec(config);
        prepareOut(out, resume, "metrics.csv");

        try (NDManager root = Engines.newManager();
                TrainTest data = DataLoading.load(config, root, downloads);
                Network network = Models.build(config, root, DataType.FLOAT32)) {
            Dataset train = data.train();
            Dataset validation = null;
            if (validationSplit > 0) {
                Dataset[] parts = train.split(validationSplit, seed);
                train = parts[0];
                validation = parts[1];
            }
            Sampler sampler = train.sampler(optimizer.samplesPerUpdate(batchSize, train.size()), seed, false);
            long perEpoch = sampler.iterationsPerEpoch();
            long total = config.has("iterations") ? config.integer("iterations", 1) : config.integer("epochs", 1) * perEpoch;
            long epochs = (total + perEpoch - 1) / perEpoch;

            Checkpoint.Position start = new Checkpoint.Position(0, 0);
            if (resume) {
                start = Checkpoint.load(out, network, optimizer);
                if (start.iteration() >= total) {
                    LogManager.getLogger("descent").info("{} already ran {} iterations ({} epochs); nothing to do (raise --epochs or --iterations)",
                            out, start.iteration(), start.epoch());
                }
            }
            config.write(out.resolve("config.properties"), Map.of("layers", Models.spec(config),
                    "optimizer hyperparameters", optimizer.hyperparameters().toString()));
            List<Metrics.Row> rows = new ArrayList<>(resume ? Metrics.read(out.resolve("metrics.csv")) : List.of());
            long startedAt = System.nanoTime();
            double secondsBefore = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seconds();

            try (Metrics metrics = Metrics.open(out.resolve("metrics.csv"), resume, validation != null)) {
                long iteration = start.iteration();
                for (long epoch = start.epoch(); iteration < total; epoch++) {
                    // Dropout masks are a function of (seed, epoch), so a resumed run repeats them exactly.
                    Engines.seed(seed * 1_000_003L + epoch);
                    long steps = Math.min(perEpoch, total - iteration);
                    progress.start(String.format("epoch %d/%d", epoch + 1, epochs), steps);
                    double lossSum = 0;
                    for (long i = 0; i < steps; i++) {
                        int[] indices = sampler.batch(epoch, i);
                        try (NDManager it = network.manager().newSubManager()) {
                            Batch batch = train.batch(it, indices, images);
                            double loss = FullBatch.gradient(network, batch.x(), batch.t(), batchSize); // forward, loss, backward
                            if (!Double.isFinite(loss)) {
                                throw new DivergenceException(String.format(Locale.ROOT,
                                        "training diverged: the loss became %s at iteration %d (epoch %d); try a smaller "
                                                + "learning-rate (now %s)%s", loss, iteration + 1, epoch + 1,
                                        optimizer.hyperparameters().get("learning-rate"),
                                        rows.isEmpty() ? "" : "; the last good checkpoint is in " + out));
                            }
                            optimizer.step(network.parameters());
                            lossSum += loss;
                        }
                        iteration++;
                        progress.advance(i + 1, lossSum / (i + 1));
                    }

                    Metrics.Row row = new Metrics.Row(epoch + 1, iteration, lossSum / steps,
                            accuracy(network, train, images), accuracy(network, data.test(), images),
                            secondsBefore + (System.nanoTime() - startedAt) / 1e9,
                            validation == null ? Double.NaN : accuracy(network, validation, images));
                    metrics.write(row);
                    rows.add(row);
                    ModelFile.save(network, out.resolve("model.npz"));
                    Checkpoint.save(out, network, optimizer, new Checkpoint.Position(epoch + 1, iteration));
                    progress.finish(String.format(Locale.ROOT, "epoch %d/%d  iteration %d  loss %.4f  train %.4f  test %.4f%s  %.1fs",
                            row.epoch(), epochs, row.iteration(), row.loss(), row.trainAccuracy(), row.testAccuracy(),
                            validation == null ? "" : String.format(Locale.ROOT, "  validation %.4f", row.validationAccuracy()),
                            row.seconds()));
                }
            }
            Plots.curves(rows, out.resolve("curves.png"));
            return new Result(out, rows);
        }
    }

    /**
     * Makes {@code out}; a fresh run never writes over an earlier one (that would lose what it saved):
     * a directory that already holds {@code marker} is refused unless the run resumes it.
     */
    static void prepareOut(Path out, boolean resume, String marker) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ConfigException("out " + out + " exists and is not a directory");
        }
        if (!resume && Files.exists(out.resolve(marker))) {
            throw new ConfigException("out " + out + " already holds a run (" + marker + "); choose another --out, or continue it with --resume "
                    + out);
        }
        Files.createDirectories(out);
    }

    /** Fraction classified correctly, in the network's evaluation chunks (evaluation mode: no dropout, running BatchNorm statistics). */
    public static double accuracy(Network network, Dataset set, boolean images) {
        Batch all = set.all(images);
        return (double) Evaluation.correct(network, all.x(), all.t()) / set.size();
    }
}
