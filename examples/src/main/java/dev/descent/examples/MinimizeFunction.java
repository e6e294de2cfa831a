package dev.descent.examples;

import dev.descent.optim.Function2D;
import dev.descent.optim.Functions2D;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizer;
import dev.descent.examples.train.RunDirectory;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The seeds' {@code gradient_descent(f, init_x, lr, step_num)} for any optimizer on a 2-D function:
 * the book's figure of SGD, Momentum, AdaGrad and Adam on x²/20 + y², or GD on x0² + x1².
 */
public final class MinimizeFunction {
    private MinimizeFunction() {}

    public static void main(String[] args) throws IOException {
        Minimizer.Path path = minimize(dev.descent.optim.Optimizers.create("gd", java.util.Map.of("learning-rate", "0.1")),
                Functions2D.SPHERE, new double[] {-3, 4}, 100, true, Runs.defaultOut("minimize"));
        System.out.println(describe(path));
    }

    public static Minimizer.Path minimize(Optimizer optimizer, Function2D f, double[] start, int steps, boolean numerical, Path out)
            throws IOException {
        Minimizer.Path path = Minimizer.run(optimizer, f, start, steps, numerical);
        try (RunDirectory run = RunDirectory.open(out, "path.csv", false, "choose another --out");
                Writer w = Files.newBufferedWriter(out.resolve("path.csv"));
                CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").setHeader("step", "x0", "x1", "value").get())) {
            for (int i = 0; i < path.points().length; i++) {
                p.printRecord(i, path.points()[i][0], path.points()[i][1], path.values()[i]);
            }
        }
        Plots.path(f, path.points(), optimizer.name() + " on " + f.name(), out.resolve("path.png"));
        return path;
    }

    public static String describe(Minimizer.Path path) {
        double[] last = path.last();
        return String.format(Locale.ROOT, "%s on %s: %d steps from (%s, %s) to (%.5g, %.5g), f = %.5g",
                path.optimizer(), path.function(), path.points().length - 1,
                fmt(path.points()[0][0]), fmt(path.points()[0][1]), last[0], last[1], path.finalValue());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
