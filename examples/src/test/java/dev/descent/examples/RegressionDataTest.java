package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped regression data are what their stated formula and seed give, byte for byte, each row within 5σ of it. */
class RegressionDataTest {

    @Test
    void theGeneratorReproducesTheCommittedFiles(@TempDir Path dir) throws Exception {
        RegressionData.write(dir);
        for (String file : List.of("regression/train.csv", "regression/test.csv", "line/train.csv", "line/test.csv")) {
            assertEquals(Files.readString(Path.of("data", file)), Files.readString(dir.resolve(file)), file);
        }
    }

    @Test
    void everyRowFollowsItsFormulaWithinFiveSigmaOfNoise() throws Exception {
        List<String> surface = Files.readAllLines(Path.of("data/regression/train.csv"));
        assertEquals("x0,x1,y", surface.get(0));
        assertEquals(2001, surface.size());
        for (String row : surface.subList(1, surface.size())) {
            double[] v = java.util.Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray();
            assertTrue(Math.abs(v[0]) < 2 && Math.abs(v[1]) < 2 && Math.abs(v[2] - Math.sin(v[0]) * Math.cos(v[1])) < 5 * 0.02, row);
        }
        List<String> line = Files.readAllLines(Path.of("data/line/test.csv"));
        assertEquals(101, line.size());
        for (String row : line.subList(1, line.size())) {
            double[] v = java.util.Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray();
            assertTrue(Math.abs(v[0]) < 2 && Math.abs(v[1] - (2 * v[0] - 1)) < 5 * 0.1, row);
        }
    }
}
