package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Preprocessing;
import dev.descent.examples.Synthetic;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict}: output, {@code --save-input}, and one-line errors naming the file. */
class PredictCliTest {
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    /** A small model trained on the synthetic CSVs (its predictions mean little: the format and the errors are tested). */
    private Path model(Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        Path run = dir.resolve("run");
        assertEquals(0, Cli.run("train", "--hidden-sizes", "16", "--epochs", "1", "--batch-size", "50", "--train-csv", csv[0].toString(),
                "--test-csv", csv[1].toString(), "--out", run.toString()), console.err());
        console.reset();
        return run;
    }

    private static Path png(Path dir, String name, Color paper, Color ink) throws Exception {
        BufferedImage image = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, 120, 90);
        g.setColor(ink);
        g.fillRect(50, 20, 12, 50);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** Exit {@code code}, one line on stderr containing {@code expected}, no stack trace, nothing on stdout. */
    private void assertError(int code, String expected, String... args) {
        console.reset();
        String stderr;
        int got = Cli.run(args);
        stderr = console.err();
        assertEquals(code, got, stderr);
        assertTrue(stderr.contains(expected), "expected '" + expected + "' in: " + stderr);
        assertEquals(1, stderr.strip().split("\n").length, stderr);
        assertFalse(stderr.contains("\tat "), stderr);
        assertEquals("", console.out());
    }

    @Test
    void printsTopThreeAndSavesWhatTheModelSaw(@TempDir Path dir) throws Exception {
        Path run = model(dir);
        Path bar = png(dir, "bar.png", Color.WHITE, Color.BLACK);
        Path csv = dir.resolve("rows.csv");
        Files.writeString(csv, "7," + "0,".repeat(300) + "200," + "0,".repeat(482) + "0\n");
        assertEquals(0, Cli.run("predict", "--model", run.toString(), "--save-input", dir.resolve("seen").toString(), bar.toString(),
                csv.toString()), console.err());
        String[] lines = console.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith(bar + ":"), lines[0]);
        assertTrue(lines[1].startsWith(csv + " row 1 (label 7):"), lines[1]);
        for (String line : lines) {
            Matcher m = Pattern.compile("  (\\d) +(\\d+\\.\\d)%").matcher(line);
            double previous = 101;
            int shown = 0;
            while (m.find()) {
                double p = Double.parseDouble(m.group(2));
                assertTrue(p <= previous, line);
                previous = p;
                shown++;
            }
            assertEquals(3, shown, line);
        }
        // the saved 28×28 input is the preprocessing's output, ink white on black
        BufferedImage seen = ImageIO.read(dir.resolve("seen/bar.png").toFile());
        assertEquals(28, seen.getWidth());
        float[] expected = Preprocessing.forDataset("mnist", 28).apply(ImageIO.read(bar.toFile()), "bar");
        int[] want = new int[784];
        int[] got = new int[784];
        for (int i = 0; i < 784; i++) {
            want[i] = Math.round(255 * expected[i]);
            got[i] = seen.getRaster().getSample(i % 28, i / 28, 0);
        }
        assertArrayEquals(want, got);
        assertTrue(Files.exists(dir.resolve("seen/rows-row1.png")));
        // the same bar white on black is the same input: the same probabilities
        console.reset();
        Path inverted = png(dir, "inverted.png", Color.BLACK, Color.WHITE);
        assertEquals(0, Cli.run("predict", "--model", run.resolve("model.npz").toString(), inverted.toString()));
        assertEquals(lines[0].substring(lines[0].indexOf(':')), console.out().strip().substring(
                console.out().strip().indexOf(':')));
    }

    @Test
    void badInputsAreOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path run = model(dir);
        String m = run.toString();
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertError(1, text + ": not an image", "predict", "--model", m, text.toString());
        Path bomb = Files.write(dir.resolve("bomb.png"), Synthetic.pngClaiming(30_000, 30_000));
        assertError(1, bomb + ": 30000x30000 pixels, over the 48-megapixel limit; scale it down", "predict", "--model", m, bomb.toString());
        Path blank = png(dir, "blank.png", Color.WHITE, new Color(252, 252, 252));
        assertError(1, blank + ": blank image", "predict", "--model", m, blank.toString());
        assertError(1, dir.resolve("absent.png") + ": no such file", "predict", "--model", m, dir.resolve("absent.png").toString());
        assertError(1, dir + ": a directory; give image files", "predict", "--model", m, dir.toString());
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "0,".repeat(300) + "200," + "0,".repeat(482) + "0\n" + "0,".repeat(700) + "0\n");
        assertError(1, narrow + " row 2: 701 values", "predict", "--model", m, narrow.toString());
        Path noConfig = Files.createDirectories(dir.resolve("bare"));
        Files.copy(run.resolve("model.npz"), noConfig.resolve("model.npz"));
        assertError(2, "config.properties", "predict", "--model", noConfig.toString(), png(dir, "ok.png", Color.WHITE, Color.BLACK).toString());
        assertError(2, "holds no model.npz", "predict", "--model", dir.toString(), text.toString());
    }
}
