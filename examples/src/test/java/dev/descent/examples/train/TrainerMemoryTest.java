package dev.descent.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.Datasets;
import dev.descent.data.TrainTest;
import dev.descent.examples.Synthetic;
import dev.descent.optim.Optimizers;
import dev.descent.optim.schedule.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory stays flat over epochs with every callback a run uses: the live-array count of the network's manager does not grow. */
class TrainerMemoryTest {

    @Test
    void liveArraysStayFlatOverEpochs(@TempDir Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        try (NDManager root = Engines.newManager(); TrainTest data = Datasets.loadCsv(csv[0], csv[1], root);
                Network network = Network.builder().manager(root).spec("affine:32, relu, dropout:0.2, affine:10").build();
                RunDirectory run = RunDirectory.open(dir.resolve("run"), Checkpoint.FILE, false, "")) {
            List<Integer> live = new ArrayList<>();
            Callback counter = new Callback() {
                @Override
                public void onTrainEnd(TrainingState s) {
                    live.add(network.manager().getManagedArrays().size());
                }

                @Override
                public void onEpochEnd(TrainingState s) {
                    live.add(network.manager().getManagedArrays().size());
                }
            };
            var adam = Optimizers.create("adam", Map.of());
            Monitor loss = new Monitor("loss");
            new Trainer(network, adam, data.train(), false).batchSize(50).epochs(6).evaluateOn(data.test(), null)
                    .callbacks(run, new DivergenceStop(null), new Curves(dir.resolve("curves.png")),
                            new LearningRateSchedule(Schedules.create(Map.of("lr-schedule", "cosine"), 0.001, 60, 10)),
                            new EarlyStopping(loss, 100, 0), new BestModel(loss, dir.resolve("run"), false), counter)
                    .fit();
            assertEquals(7, live.size(), live.toString());
            assertTrue(live.subList(1, live.size()).stream().allMatch(n -> n.equals(live.get(1))),
                    "live arrays in the network's manager after each epoch: " + live);
        }
    }
}
