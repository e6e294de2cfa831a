package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.core.ModelFile;
import dev.descent.examples.train.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user layer's and a user loss's own keys ({@link com.example.Scale}'s {@code scale-init}, {@link com.example.Huber}'s
 * {@code huber-delta}) through a config file and flags, in {@code --help}, in {@code config.properties} and on resume, in
 * real processes on the shipped line data (y = 2x − 1 + noise); and the bad inputs around them, one line, exit 2.
 */
class UserLayerLossKeysTest {
    private static final String SCALE = "com.example.Scale";
    private static final String HUBER = "com.example.Huber";

    private static String[] train(Path dir, String... more) {
        List<String> all = new ArrayList<>(List.of("train", "--train-csv", Path.of("data/line/train.csv").toAbsolutePath().toString(),
                "--test-csv", Path.of("data/line/test.csv").toAbsolutePath().toString(), "--target-columns", "last", "--epochs", "2"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The mean of the Scale layer's gains g (layer 0) in a run's model.npz. */
    private static double gain(Path run) throws Exception {
        try (NDManager m = Engines.newManager()) {
            return ModelFile.read(run.resolve("model.npz"), m, "model").get("0.scale.g").mean().getFloat();
        }
    }

    @Test
    void aUserLayersAndLossesKeysAreTakenFromAFileAndFlagsAndRecorded(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("keys.properties"), "model = " + SCALE + ", affine:1\nloss = " + HUBER
                + "\nscale-init = 0.5\nhuber-delta = 0.001\n");
        var fromFile = UserPluginKeysTest.descent(dir, train(dir, "--config", config.toString(), "--out", dir.resolve("file").toString()));
        assertEquals(0, fromFile.exit(), fromFile.stderr());
        List<String> recorded = Files.readAllLines(dir.resolve("file/config.properties"));
        assertTrue(recorded.containsAll(List.of("scale-init = 0.5", "huber-delta = 0.001")), recorded.toString());
        // 4 Adam updates of at most ~η = 0.001 each from g₀ = 0.5 (the default would start at 1)
        assertEquals(0.5, gain(dir.resolve("file")), 0.01);
        // h(r) ≤ δ·|r| and |r| < 10 here, so with δ = 0.001 the loss is below 0.01 (with the default δ = 1 it is ½r², about 1)
        for (Metrics.Row row : Metrics.read(dir.resolve("file/metrics.csv"))) {
            assertTrue(row.loss() > 0 && row.loss() < 0.01, "loss " + row.loss());
        }

        var fromFlags = UserPluginKeysTest.descent(dir, train(dir, "--config", config.toString(), "--scale-init", "2", "--huber-delta", "0.5",
                "--out", dir.resolve("flags").toString()));
        assertEquals(0, fromFlags.exit(), fromFlags.stderr());
        assertTrue(Files.readAllLines(dir.resolve("flags/config.properties")).containsAll(List.of("scale-init = 2", "huber-delta = 0.5")));
        assertEquals(2, gain(dir.resolve("flags")), 0.01);

        var resumed = UserPluginKeysTest.descent(dir, "train", "--resume", dir.resolve("flags").toString(), "--epochs", "3");
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(Files.readAllLines(dir.resolve("flags/config.properties")).containsAll(List.of("scale-init = 2", "huber-delta = 0.5")),
                "a resumed run keeps them");
        assertEquals(3, Metrics.read(dir.resolve("flags/metrics.csv")).size(), "epochs 1-2, then the resumed 3rd");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, "train", "--resume", dir.resolve("flags").toString(), "--epochs",
                "4", "--huber-delta", "0.1"), "cannot change huber-delta when resuming (the checkpoint was made with huber-delta = 0.5)");

        var positional = UserPluginKeysTest.descent(dir, train(dir, "--model", SCALE + ":0.25, affine:1", "--loss", HUBER + ":0.001",
                "--out", dir.resolve("positional").toString()));
        assertEquals(0, positional.exit(), positional.stderr());
        assertEquals(0.25, gain(dir.resolve("positional")), 0.01);
    }

    @Test
    void helpListsTheNamedLayersAndLossesKeys(@TempDir Path dir) throws Exception {
        String help = UserPluginKeysTest.descent(dir, "train", "--model", "affine:32, " + SCALE + ", relu, affine:10", "--loss", HUBER,
                "--help").stdout().replaceAll("\\s+", " ");
        assertTrue(help.contains("--scale-init=VALUE layer " + SCALE + ": the gain every feature starts at in (0, ∞) (default: 1)"), help);
        assertTrue(help.contains("--huber-delta=VALUE loss " + HUBER + ": where the loss turns from square to linear in (0, ∞) (default: 1)"),
                help);
        Path config = Files.writeString(dir.resolve("keys.properties"), "model = " + SCALE + ", affine:1\n");
        assertTrue(UserPluginKeysTest.descent(dir, "train", "--config", config.toString(), "--help").stdout().contains("--scale-init"),
                "a layer named in the config file");
        String plain = UserPluginKeysTest.descent(dir, "train", "--help").stdout();
        assertFalse(plain.contains("--scale-init") || plain.contains("--huber-delta"), "neither named: neither key");
    }

    @Test
    void badLayerAndLossKeysAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        String model = SCALE + ", affine:1";
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--scale-init", "0.5")),
                "--scale-init: unknown key 'scale-init'; valid keys for train: model,");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--model", model, "--scale-init", "0")),
                "scale: scale-init = 0 is outside (0, ∞)");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--loss", HUBER, "--huber-delta", "-1")),
                "huber: huber-delta = -1 is outside (0, ∞)");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--loss", HUBER, "--huber-delta", "wide")),
                "huber: huber-delta = 'wide' is not a number");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--loss", HUBER + ":0.5", "--huber-delta", "0.1")),
                "huber: argument 1 '0.5' and huber-delta = 0.1 both given; give one");
        Path config = Files.writeString(dir.resolve("keys.properties"), "model = " + model + "\nscale-init = 0.5\n");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--config", config.toString(), "--model", "affine:1")),
                config + ": unknown key 'scale-init'; valid keys for train: model,");
        UserPluginKeysTest.assertUsageError(UserPluginKeysTest.descent(dir, train(dir, "--model", model, "--huber-delta", "0.1")),
                "--huber-delta: unknown key 'huber-delta'; valid keys for train: model,");
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written by a refused run (they run in dir, without --out)");
    }
}
