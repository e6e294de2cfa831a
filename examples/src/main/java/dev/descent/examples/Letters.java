package dev.descent.examples;

import ai.djl.ndarray.NDManager;
import dev.descent.core.AtomicFiles;
import dev.descent.core.Engines;
import dev.descent.data.Dataset;
import dev.descent.data.Datasets;
import dev.descent.data.ImageShape;
import dev.descent.data.TrainTest;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An MNIST-style data set that is not MNIST: the 26 capital letters A-Z drawn in white on black at
 * 28x28 from the JDK's logical fonts (SansSerif, Serif, Monospaced, Dialog; plain or bold; 16-22 pt),
 * each shifted by up to 3 pixels, one random choice per image from {@code seed}. Written as the four IDX
 * files with {@code classes.txt} (A ... Z) and a {@code dataset.properties} that names it, so that
 * {@code ./descent train --data-dir DIR} trains on it as {@code dataset = idx} with 26 classes.
 *
 * <p>Run it: {@code java -cp ... dev.descent.examples.Letters [out-dir] [train-per-letter] [test-per-letter]}
 * (default {@code runs/letters}, 200 and 40: 5,200 training and 1,040 test images).
 */
public final class Letters {
    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final int SIDE = 28;

    private Letters() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "runs/letters");
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int test = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        write(out, train, test, 1);
        System.out.println("wrote " + 26 * train + " training and " + 26 * test + " test images of the letters A-Z to " + out
                + "; train with: ./descent train --data-dir " + out);
    }

    /** Writes the data set into {@code dir}: the four IDX files, {@code classes.txt} and {@code dataset.properties}. */
    public static void write(Path dir, int trainPerLetter, int testPerLetter, long seed) throws IOException {
        try (NDManager manager = Engines.newManager(); TrainTest data = make(manager, trainPerLetter, testPerLetter, seed)) {
            Datasets.writeIdx(data, dir);
        }
        AtomicFiles.writeString(dir.resolve("classes.txt"), String.join("\n", names()) + "\n");
        AtomicFiles.writeString(dir.resolve(DataLoading.DIRECTORY_PROPERTIES),
                "# the 26 letters A-Z at 28x28, made by dev.descent.examples.Letters\nclass-names = classes.txt\n");
    }

    /** Training and test sets, letter by letter in turn (A, B, ..., Z, A, ...); the test set from a different stream of the seed. */
    public static TrainTest make(NDManager manager, int trainPerLetter, int testPerLetter, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Dataset train = set("letters/train", manager, trainPerLetter, random.split());
        try {
            return new TrainTest(train, set("letters/test", manager, testPerLetter, random.split()));
        } catch (RuntimeException e) {
            train.close();
            throw e;
        }
    }

    private static Dataset set(String name, NDManager manager, int perLetter, SplittableRandom random) {
        int n = 26 * perLetter;
        byte[] pixels = new byte[n * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 26;
            System.arraycopy(render((char) ('A' + labels[i]), random), 0, pixels, i * SIDE * SIDE, SIDE * SIDE);
        }
        return Dataset.of(name, names(), ImageShape.MNIST, manager, pixels, labels);
    }

    /** One letter, centred by its font's metrics, then shifted by -3..3 pixels each way: 784 grey bytes, row-major. */
    static byte[] render(char letter, SplittableRandom random) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(FONTS[random.nextInt(FONTS.length)], random.nextBoolean() ? Font.BOLD : Font.PLAIN, 16 + random.nextInt(7)));
            FontMetrics metrics = g.getFontMetrics();
            String text = String.valueOf(letter);
            int x = (SIDE - metrics.stringWidth(text)) / 2 + random.nextInt(-3, 4);
            int y = (SIDE + metrics.getAscent() - metrics.getDescent()) / 2 + random.nextInt(-3, 4);
            g.drawString(text, x, y);
        } finally {
            g.dispose();
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** "A" ... "Z". */
    static List<String> names() {
        List<String> names = new ArrayList<>(26);
        for (char c = 'A'; c <= 'Z'; c++) {
            names.add(String.valueOf(c));
        }
        return names;
    }
}
