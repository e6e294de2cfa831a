package dev.descent.examples;

import dev.descent.examples.cli.Cli;
import dev.descent.examples.train.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.example.Swish;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.grad.GradientCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Add your own layer or optimizer": the classes printed there (layer, optimizer, loss) are these test
 * sources, word for word, and a config file that names them trains without any change to Descent.
 */
class ExtensionExampleTest {

    @Test
    void readmeShowsTheseExactSources() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String file : List.of("Swish.java", "SignSgd.java", "Huber.java")) {
            String source = Files.readString(Path.of("src/test/java/com/example", file));
            assertTrue(readme.contains(source), "README.md must contain " + file + " exactly as in examples/src/test/java/com/example");
        }
    }

    @Test
    void readmeShowsTheTrainFromCodeExample() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(Path.of("src/main/java/dev/descent/examples/TrainFromCode.java"));
        String body = source.substring(source.indexOf("        try (NDManager root"), source.indexOf("    }\n}"));
        String unindented = body.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l).collect(Collectors.joining("\n"));
        assertTrue(readme.contains(unindented), "README.md must show TrainFromCode's main body:\n" + unindented);
    }

    @Test
    void aConfigFileNamingThemTrains(@TempDir Path dir) throws Exception {
        Config data = Synthetic.config(dir);
        Path config = dir.resolve("my.properties");
        Files.writeString(config, String.join("\n",
                "model = affine:32, com.example.Swish, affine:10",
                "optimizer = com.example.SignSgd",
                "learning-rate = 0.003",
                "epochs = 2",
                "batch-size = 50",
                "train-csv = " + data.string("train-csv"),
                "test-csv = " + data.string("test-csv"),
                "out = " + dir.resolve("run")));
        assertEquals(0, Cli.run("train", "--config", config.toString()));
        List<Metrics.Row> rows = Metrics.read(dir.resolve("run/metrics.csv"));
        assertTrue(rows.get(1).testAccuracy() > 0.8, "test accuracy " + rows.get(1).testAccuracy());
    }

    @Test
    void swishBackwardPassesTheGradientCheck() {
        try (NDManager m = Engines.newManager();
                Network net = Network.builder().input(5).add(new dev.descent.core.layer.Affine(4)).add(new Swish())
                        .add(new dev.descent.core.layer.Affine(3)).dataType(DataType.FLOAT64).build()) {
            var x = m.randomUniform(-2f, 2f, new ai.djl.ndarray.types.Shape(3, 5), DataType.FLOAT64);
            var t = m.create(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
            GradientCheck.Report report = GradientCheck.run(net, x, t, true, 1);
            assertTrue(report.passed(), report.table());
        }
    }

    @Test
    void theUserLossGivesItsHandComputedValues() {
        try (ai.djl.ndarray.NDManager m = dev.descent.core.Engines.newManager()) {
            dev.descent.core.Loss huber = dev.descent.core.Losses.create("com.example.Huber:1");
            // y = (0, 3), t = (0.5, 0), δ = 1: r = (−0.5, 3); h = ½·0.25 = 0.125 and 1·(3 − 0.5) = 2.5; L = 2.625/2
            assertEquals(1.3125, huber.forward(m.create(new double[][] {{0}, {3}}), m.create(new double[][] {{0.5}, {0}})).getDouble(), 1e-12);
            // dL/dy = clip(r, −1, 1)/2 = (−0.25, 0.5)
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {-0.25, 0.5}, huber.backward().toDoubleArray(), 1e-12);
        }
    }
}
