package dev.descent.examples.train;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.data.Datasets;
import dev.descent.data.TrainTest;
import dev.descent.examples.Bench;
import dev.descent.examples.Synthetic;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A process of its own for {@link UserOptimizerMemoryTest}: trains 784-100-10 with the optimizer named
 * in {@code args[0]} for {@code args[1]} updates of 100 samples and prints the live arrays of the
 * network's manager every 100 updates and the peak resident set size, e.g. {@code live 6 6 6 peak-mb 410}.
 */
public final class OptimizerMemoryProbe {
    private OptimizerMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("descent-probe");
        Path[] csv = Synthetic.files(dir);
        try (NDManager root = Engines.newManager(); TrainTest data = Datasets.loadCsv(csv[0], csv[1], root);
                Network network = Network.builder().manager(root).spec("affine:100, relu, affine:10").build()) {
            List<Integer> live = new ArrayList<>();
            Callback counter = new Callback() {
                @Override
                public void onBatchEnd(TrainingState s, double loss) {
                    if (s.iteration() % 100 == 0) {
                        live.add(network.manager().getManagedArrays().size());
                    }
                }
            };
            new Trainer(network, Optimizers.create(args[0], Map.of()), data.train(), false).batchSize(100)
                    .iterations(Long.parseLong(args[1])).evaluate(false).callbacks(counter).fit();
            StringBuilder line = new StringBuilder("live");
            live.forEach(n -> line.append(' ').append(n));
            System.out.println(line.append(" peak-mb ").append(Bench.peakRssMegabytes()));
        }
    }
}
