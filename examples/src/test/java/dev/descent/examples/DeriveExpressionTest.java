package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.autodiff.ExpressionException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The work behind {@code ./descent derive}: the report, the Jacobian, the h-sweep, and their errors. */
class DeriveExpressionTest {

    @Test
    void reportsTheSeedExampleFourWays() {
        DeriveExpression.Report r = DeriveExpression.derive("x*y + sin(x)", DeriveExpression.parseAt("x=2, y=3"));
        assertEquals(6.909297426825682, r.value(), 1e-15);
        DeriveExpression.Partial dx = r.partials().get(0);
        assertEquals("x", dx.variable());
        assertEquals(2.5838531634528574, dx.forward(), 1e-15);
        assertEquals(2.5838531634528574, dx.reverse(), 1e-15);
        assertEquals(2.5838531634528574, dx.symbolic(), 1e-15);
        assertEquals("y + cos(x)", dx.symbolicText());
        assertEquals(dx.reverse(), dx.central(), 1e-8);                // h = 1e-4: off by h²·|cos 2|/6 ≈ 7e-10
        assertEquals(Math.abs(dx.central() - dx.reverse()), dx.centralError(), 0);
        assertEquals(2, r.partials().get(1).reverse(), 1e-15);
        String text = r.text();
        assertTrue(text.contains("  a = x·y    = 6"), text);
        assertTrue(text.contains("∂f/∂y = x"), text);
        assertTrue(text.contains("h = 1e-4, as the seeds do"), text);
    }

    @Test
    void atMustNameEveryVariableAndNothingElse() {
        ExpressionException missing = assertThrows(ExpressionException.class,
                () -> DeriveExpression.derive("x*y + sin(x)", DeriveExpression.parseAt("x=2")));
        assertEquals("--at gives no value for y; the variables of x*y + sin(x) are x, y", missing.getMessage());
        ExpressionException extra = assertThrows(ExpressionException.class,
                () -> DeriveExpression.derive("x^2", DeriveExpression.parseAt("x=2, y=1")));
        assertEquals("--at names y, which is not a variable of x^2 (x)", extra.getMessage());
        assertEquals("--at 'x=2, y': expected name=value pairs such as x=2,y=3",
                assertThrows(ExpressionException.class, () -> DeriveExpression.parseAt("x=2, y")).getMessage());
        assertEquals("--at gives x twice", assertThrows(ExpressionException.class, () -> DeriveExpression.parseAt("x=1,x=2")).getMessage());
        assertEquals(Math.PI / 4, DeriveExpression.parseAt("x = pi/4").get("x"), 0);
        assertEquals("log(-1) is undefined at x=-1 (column 5)",
                assertThrows(ExpressionException.class, () -> DeriveExpression.derive("1 + log(x)", Map.of("x", -1.0))).getMessage());
    }

    @Test
    void jacobianReportsPassesOfBothModes() {
        DeriveExpression.JacobianReport r = DeriveExpression.jacobian("x*y, x + y, sin(x)", Map.of("x", 2.0, "y", 3.0));
        assertEquals(2, r.forward().passes());
        assertEquals(3, r.reverse().passes());
        assertArrayEquals(new double[] {3, 2}, r.reverse().matrix()[0], 0);
        assertArrayEquals(new double[] {Math.cos(2), 0}, r.forward().matrix()[2], 0);
        assertEquals(0, r.largestDifference(), 1e-12);
        assertTrue(r.forwardMicros() > 0 && r.reverseMicros() > 0);
        assertTrue(r.text().contains("forward mode: 2 passes (one per input)"), r.text());
        assertTrue(r.text().contains("reverse mode: 3 passes (one per output)"), r.text());
    }

    @Test
    void hSweepWritesTheTableAndThePlot(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        DifferenceSweep.Result r = DifferenceSweep.run("x*y + sin(x)", Map.of("x", 2.0, "y", 3.0), "x", out);
        assertEquals(16, r.rows().size());
        assertEquals(1e-1, r.rows().get(0).h(), 0);
        assertEquals(1e-16, r.rows().get(15).h(), 0);
        assertEquals(0, r.tiny(), 0);                                  // seed 000: h = 1e-50 gives 0
        DifferenceSweep.Row seeds = r.rows().get(3);
        assertEquals(1e-4, seeds.h(), 0);
        assertTrue(seeds.centralError() < 1e-9 && seeds.forwardError() > 1e-5, seeds.toString());
        List<String> csv = Files.readAllLines(out.resolve("h-sweep.csv"));
        assertEquals("h,forward_difference,central_difference,forward_error,central_error", csv.get(0));
        assertEquals(17, csv.size());
        assertTrue(Files.size(out.resolve("h-sweep.png")) > 10_000);
        assertEquals("--h-sweep w is not a variable of x*y + sin(x) (x, y)", assertThrows(ExpressionException.class,
                () -> DifferenceSweep.run("x*y + sin(x)", Map.of("x", 2.0, "y", 3.0), "w", dir.resolve("other"))).getMessage());
    }

    @Test
    void theAutoDiffExamplePrintsTheSeedsNumbers() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            AutoDiff.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("z = a + b  = 6.909297426825682"), text);
        assertTrue(text.contains("ż = ∂z/∂x = 2.5838531634528574"), text);
        assertTrue(text.contains("reverse mode, one sweep: ∂z/∂x = 2.5838531634528574, ∂z/∂y = 2"), text);
        assertTrue(text.contains("symbolic: ∂z/∂x = y + cos(x) = 2.5838531634528574"), text);
        assertTrue(text.contains("symbolic -2.3993994969959727, forward -2.3993994969959727, reverse -2.3993994969959727"), text);
    }
}
