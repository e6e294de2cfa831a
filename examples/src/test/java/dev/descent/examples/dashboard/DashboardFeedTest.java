package dev.descent.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.descent.core.Parameter;
import dev.descent.data.DownloadListener;
import dev.descent.examples.Classifier;
import dev.descent.examples.Config;
import dev.descent.examples.Synthetic;
import dev.descent.examples.TrainMnist;
import dev.descent.examples.train.Progress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed's layer statistics against the update rule they measure. */
class DashboardFeedTest {

    /**
     * Plain mini-batch descent moves w by exactly η·∇L, so for the last update (sampled: 10 updates an epoch, fewer than 50)
     * ratio · ‖w_final‖ = ‖Δw‖ = η · ‖∇L‖, with w_final the weights saved in model.npz.
     */
    @Test
    void updateRatioTimesTheFinalWeightsNormIsTheLearningRateTimesTheGradientNorm(@TempDir Path dir) throws Exception {
        Config config = Synthetic.config(dir).set("optimizer", "minibatch").set("learning-rate", "0.1").set("epochs", "1");
        RunView view = RunView.live("run", config);
        Path out = dir.resolve("run");
        TrainMnist.train(config, out, false, new Progress.LogLines(), DownloadListener.silent(), () -> false, new DashboardFeed(view));
        String json = view.update(0, 0).json();
        String stats = json.substring(json.indexOf("\"stats\":[[") + 10, json.indexOf("]],\"model\""));
        String[] rows = stats.split("\\],\\[");
        assertEquals(10, rows.length);
        double[] last = Arrays.stream(rows[rows.length - 1].split(",")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(10, last[0], 0);
        try (Classifier saved = Classifier.load(out)) {
            List<Parameter> parameters = saved.network().parameters();
            int n = parameters.size();
            assertEquals(1 + 2 * n, last.length);
            for (int i = 0; i < n; i++) {
                double norm = parameters.get(i).value().norm().getFloat();
                assertEquals(0.1 * last[1 + i], last[1 + n + i] * norm, 1e-4 * 0.1 * last[1 + i], parameters.get(i).name());
            }
        }
    }
}
