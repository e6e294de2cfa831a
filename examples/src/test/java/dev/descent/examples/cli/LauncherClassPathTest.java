package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./descent} launcher with a user's classes: {@code --classpath} before or after the command and
 * {@code DESCENT_CLASSPATH}, with the launcher's JVM settings kept. The launcher runs from a copy in a temporary
 * root marked as built, so it never runs Maven; Descent itself (module directories in a reactor build, not the
 * packaged {@code examples/target/lib}) comes in through {@code DESCENT_CLASSPATH}, the user's layer through
 * {@code --classpath}.
 */
class LauncherClassPathTest {
    private Path launcher;
    private String modules;

    private record Result(int exit, String text) {}

    @BeforeEach
    void launcherRoot(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("descent-root/examples/target")).getParent().getParent();
        launcher = Files.copy(Path.of("..", "descent"), root.resolve("descent"));
        assertTrue(launcher.toFile().setExecutable(true));
        Files.createFile(root.resolve("examples/target/.descent-built")); // built: the launcher runs, never Maven
        modules = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")) // Descent and its libraries; never the tests' own classes
                .collect(Collectors.joining(File.pathSeparator));
    }

    private Result descent(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("DESCENT_CLASSPATH", modules);
        b.environment().putAll(env);
        Process p = b.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "still running: " + text);
        return new Result(p.exitValue(), text);
    }

    @Test
    void aUserLayerOnTheClassPathTrainsEvaluatesAndResumes(@TempDir Path dir) throws Exception {
        Path classes = UserLayer.compile(dir);
        Path out = dir.resolve("run");
        Path[] csv = Synthetic.files(dir);
        Result train = descent(dir, Map.of(), "--classpath", classes.toString(), "train", "--train-csv", csv[0].toString(),
                "--test-csv", csv[1].toString(), "--model", "affine:32, org.example.Scale, relu, affine:10", "--epochs", "1",
                "--batch-size", "50", "--out", out.toString());
        assertEquals(0, train.exit(), train.text());
        String accuracy = train.text().replaceAll("(?s).*test accuracy (0\\.\\d{4}).*", "$1");

        Result evaluate = descent(dir, Map.of(), "evaluate", "--model", out.toString(), "--classpath=" + classes);
        assertEquals(0, evaluate.exit(), evaluate.text());
        assertTrue(evaluate.text().contains("test accuracy " + accuracy), evaluate.text());

        Result resume = descent(dir, Map.of("DESCENT_CLASSPATH", modules + File.pathSeparator + classes), "train", "--resume",
                out.toString(), "--epochs", "2");
        assertEquals(0, resume.exit(), resume.text());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());
        assertTrue(new String(Files.readAllBytes(out.resolve("model.npz")), StandardCharsets.ISO_8859_1).contains("1.scale.g"));
    }

    @Test
    void aMissingClassSaysWhereDescentLookedAndTheJvmSettingsStay(@TempDir Path dir) throws Exception {
        Path classes = UserLayer.compile(dir);
        Path[] csv = Synthetic.files(dir);
        Result missing = descent(dir, Map.of(), "train", "--classpath", classes.toString(), "--train-csv", csv[0].toString(),
                "--test-csv", csv[1].toString(), "--model", "affine:32, org.example.Scal, affine:10");
        assertEquals(2, missing.exit(), missing.text());
        assertTrue(missing.text().contains("unknown layer 'org.example.Scal': no such class on the class path (looked in Descent's jars and "
                + modules + File.pathSeparator + classes + ")"), missing.text());

        Result noSuchEntry = descent(dir, Map.of(), "--classpath", dir.resolve("nowhere").toString(), "--help");
        assertEquals(2, noSuchEntry.exit(), noSuchEntry.text());
        assertEquals("descent: class path entry '" + dir.resolve("nowhere") + "' (from --classpath or DESCENT_CLASSPATH) does not exist",
                noSuchEntry.text().strip());

        Result flags = descent(dir, Map.of("DESCENT_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--classpath", classes.toString(), "--help");
        assertEquals(0, flags.exit(), flags.text());
        assertTrue(flags.text().contains("-XX:TieredStopAtLevel=1") && flags.text().contains("-XX:+UseSerialGC"), flags.text());
    }
}
