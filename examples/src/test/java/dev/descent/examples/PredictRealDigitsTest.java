package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.descent.core.Engines;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.DownloadListener;
import dev.descent.data.TrainTest;
import dev.descent.examples.train.Progress;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default model on MNIST test digits re-rendered the way users draw them: 200×150 pictures, the digit scaled 2-4.5×
 * (bilinear) at a random place, dark ink on a light colour (every fifth light on dark), every fourth saved as JPEG, then
 * read back through {@code predict}'s path. Real data and a real training run (the default model, one epoch instead of
 * ten to keep it near half a minute), so it runs only when asked: {@code -Ddescent.mnist=true}.
 */
@EnabledIfSystemProperty(named = "descent.mnist", matches = "true")
class PredictRealDigitsTest {
    private static final int N = 1000;

    @Test
    void reRenderedTestDigitsAreClassifiedAsTheOriginals(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainMnist.train(new Config(Config.TRAIN).set("epochs", "1"), run, false, new Progress.LogLines(), DownloadListener.silent(), () -> false);
        float[] pixels;
        int[] labels;
        try (NDManager manager = Engines.newManager(); TrainTest mnist = Datasets.load("mnist", null, manager, DownloadListener.silent())) {
            Dataset test = mnist.test();
            pixels = test.images().get(new NDIndex("0:{}", N)).toFloatArray();
            labels = Arrays.copyOf(test.labels(), N);
        }
        SplittableRandom random = new SplittableRandom(7);
        try (Classifier classifier = Classifier.load(run)) {
            List<float[]> originals = new ArrayList<>();
            List<float[]> rendered = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                float[] digit = Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784);
                originals.add(digit);
                Path file = dir.resolve(i + (i % 4 == 3 ? ".jpg" : ".png"));
                ImageIO.write(render(digit, random, i % 5 == 4), i % 4 == 3 ? "jpg" : "png", file.toFile());
                rendered.add(PredictImages.read(file, classifier).get(0).pixels());
            }
            double original = accuracy(classifier.probabilities(originals), labels);
            double reRendered = accuracy(classifier.probabilities(rendered), labels);
            System.out.printf("default model (1 epoch) on %d MNIST test digits: as stored %.4f, re-rendered 200x150 %.4f%n", N, original,
                    reRendered);
            // 0.963 as stored and 0.964 re-rendered here (seed 42): the gate allows a point of loss, none more.
            assertTrue(reRendered >= 0.95 && reRendered >= original - 0.01, "re-rendered " + reRendered + ", as stored " + original);
        }
    }

    /** The digit ({@code v} in [0, 1], 1 = ink) as a 200×150 RGB picture, scaled and placed at random. */
    private static BufferedImage render(float[] digit, SplittableRandom random, boolean lightOnDark) {
        Color paper = new Color(200 + random.nextInt(56), 200 + random.nextInt(56), 200 + random.nextInt(56));
        Color ink = new Color(random.nextInt(80), random.nextInt(80), random.nextInt(80));
        if (lightOnDark) {
            Color swap = paper;
            paper = ink;
            ink = swap;
        }
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 784; i++) {
            float v = digit[i];
            int r = Math.round(paper.getRed() * (1 - v) + ink.getRed() * v);
            int g = Math.round(paper.getGreen() * (1 - v) + ink.getGreen() * v);
            int b = Math.round(paper.getBlue() * (1 - v) + ink.getBlue() * v);
            small.setRGB(i % 28, i / 28, r << 16 | g << 8 | b);
        }
        BufferedImage big = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, 200, 150);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int size = (int) Math.round(28 * (2 + 2.5 * random.nextDouble()));
        g.drawImage(small, random.nextInt(200 - size + 1), random.nextInt(150 - size + 1), size, size, null);
        g.dispose();
        return big;
    }

    private static double accuracy(float[][] probabilities, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += PredictImages.top(probabilities[i], 1)[0] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}
