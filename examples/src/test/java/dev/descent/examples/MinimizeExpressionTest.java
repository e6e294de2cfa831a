package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.optim.Function2D;
import dev.descent.optim.Functions2D;
import dev.descent.optim.GradientMode;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000's figure through {@code MinimizeFunction}: x0² + 2·x1², gd 0.1, 40 steps from three starts, with the −∇f field. */
class MinimizeExpressionTest {

    @Test
    void severalStartsInOnePicture(@TempDir Path dir) throws Exception {
        Function2D f = Functions2D.resolve("x0^2 + 2*x1^2", GradientMode.REVERSE);
        List<double[]> starts = List.of(new double[] {-3, 4}, new double[] {3, -3}, new double[] {-2, -3.5});
        List<Minimizer.Path> paths = MinimizeFunction.minimize(() -> Optimizers.create("gd", Map.of("learning-rate", "0.1")), f, starts,
                40, true, dir);
        assertEquals(3, paths.size());
        assertEquals(-3 * Math.pow(0.8, 40), paths.get(0).last()[0], 1e-16);
        assertEquals(4 * Math.pow(0.6, 40), paths.get(0).last()[1], 1e-21);
        List<String> csv = Files.readAllLines(dir.resolve("path.csv"));
        assertEquals("path,step,x0,x1,value", csv.get(0));
        assertEquals(1 + 3 * 41, csv.size());
        assertTrue(csv.get(42).startsWith("2,0,3.0,-3.0,"), csv.get(42));
        assertTrue(Files.size(dir.resolve("path.png")) > 20_000);
        String line = MinimizeFunction.describe(paths.get(0), f);
        assertEquals("gd on x0^2 + 2*x1^2: 40 steps from (-3, 4) to (-0.00039877, 5.3470e-09), f = 1.5902e-07, ‖∇f‖ = 0.00079754", line);
        assertThrows(IllegalArgumentException.class, () -> MinimizeFunction.minimize(() -> Optimizers.create("gd", Map.of()), f, List.of(), 1,
                false, dir.resolve("none")));
    }
}
