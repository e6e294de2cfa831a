package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.init.WeightInit;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.LearningRateSchedule;
import dev.descent.examples.train.Progress;
import dev.descent.examples.train.ProgressReport;
import dev.descent.examples.train.Trainer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import dev.descent.optim.schedule.Schedules;
import java.io.IOException;
import java.util.Map;

/** The README's "Training from your own code": the {@link Trainer} with two callbacks, no run directory. */
public final class TrainFromCode {
    private TrainFromCode() {}

    public static void main(String[] args) throws IOException {
        try (NDManager root = Engines.newManager();
                TrainTest data = Datasets.load("mnist", null, root, DownloadListener.logging());
                Network net = Network.builder().manager(root).input(784).weightInit(WeightInit.parse("he"))
                        .spec("affine:100, relu, affine:10").build()) {
            Optimizer adam = Optimizers.create("adam", Map.of("learning-rate", "0.001"));
            Trainer.Result r = new Trainer(net, adam, data.train(), false)
                    .batchSize(100).seed(42).epochs(5).evaluateOn(data.test(), null)
                    .callbacks(new ProgressReport(Progress.forConsole()),
                            new LearningRateSchedule(Schedules.create(Map.of("lr-schedule", "cosine"), 0.001, 3000, 600)))
                    .fit();
            System.out.println(r.last().testAccuracy());
        }
    }
}
