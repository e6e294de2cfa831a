package dev.descent.examples;

import dev.descent.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/**
 * Writes the regression data sets shipped in {@code examples/data}, each a training and a test CSV table
 * (header, then one row per sample, six decimals), from a stated formula with seeded noise:
 * <pre>
 *   regression/  x0, x1 ~ U(−3, 3);  y = sin(x0)·cos(x1) + 0.05·ε     2,000 training rows, 500 test rows, seed 3
 *   line/        x ~ U(−2, 2);       y = 2·x − 1 + 0.1·ε              200 training rows, 100 test rows, seed 4
 * </pre>
 * ε ~ N(0, 1) by Box–Muller from {@link SplittableRandom}, so the files are the same on every machine.
 * {@code regression.properties} trains seed 003's two-layer net on the first, {@code single-neuron.properties}
 * seed 004's single neuron on the second. Run: {@code RegressionData [dir]} (default {@code examples/data}).
 */
public final class RegressionData {
    private RegressionData() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/data");
        write(dir);
        System.out.println("wrote " + dir.resolve("regression") + " and " + dir.resolve("line"));
    }

    /** Both data sets under {@code dir}. */
    public static void write(Path dir) throws IOException {
        SplittableRandom surface = new SplittableRandom(3);
        DoubleBinaryOperator sinCos = (x0, x1) -> Math.sin(x0) * Math.cos(x1);
        table(dir.resolve("regression/train.csv"), surface, 2000, 2, 2, sinCos, 0.02);
        table(dir.resolve("regression/test.csv"), surface, 500, 2, 2, sinCos, 0.02);
        SplittableRandom line = new SplittableRandom(4);
        DoubleBinaryOperator affine = (x, unused) -> 2 * x - 1;
        table(dir.resolve("line/train.csv"), line, 200, 1, 2, affine, 0.1);
        table(dir.resolve("line/test.csv"), line, 100, 1, 2, affine, 0.1);
    }

    /** {@code rows} samples of {@code inputs} (1 or 2) features uniform in (−range, range) and y = f(x) + noise·ε. */
    private static void table(Path file, SplittableRandom random, int rows, int inputs, double range, DoubleBinaryOperator f, double noise)
            throws IOException {
        StringBuilder s = new StringBuilder(inputs == 1 ? "x,y\n" : "x0,x1,y\n");
        for (int i = 0; i < rows; i++) {
            double x0 = random.nextDouble(-range, range);
            double x1 = inputs == 1 ? 0 : random.nextDouble(-range, range);
            double epsilon = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double y = f.applyAsDouble(x0, x1) + noise * epsilon;
            s.append(inputs == 1 ? String.format(Locale.ROOT, "%.6f,%.6f%n", x0, y) : String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", x0, x1, y));
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, s.toString().replace(System.lineSeparator(), "\n"));
    }
}
