package dev.descent.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.examples.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code minimize}, {@code train} and {@code compare} with seed 003's methods: what they print, and one-line refusals. */
class SecondOrderCliTest {
    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private String stdout() {
        return console.out();
    }

    private String stderr() {
        return console.err();
    }

    /** Exit 2, one line on stderr containing {@code expected}, no stack trace, nothing written. */
    private void assertUsageError(String expected, Path outDir, String... args) {
        console.resetErr();
        assertEquals(2, Cli.run(args), stderr());
        assertTrue(stderr().contains(expected), "expected '" + expected + "' in: " + stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());
        assertFalse(stderr().contains("\tat "), stderr());
        assertFalse(Files.exists(outDir.resolve("path.csv")), "nothing written for " + String.join(" ", args));
    }

    @Test
    void minimizeRosenbrockWithEveryMethodPrintsIterationsEvaluationsFloatsAndTheKindOfEndPoint(@TempDir Path dir) throws Exception {
        String[][] runs = {
            {"lbfgs", "38 iterations (‖∇f‖ ≤ 1e-8); evaluations: f 47, ∇f 47, ∇²f 0; 148 floats held; end: minimum"},
            {"bfgs", "41 iterations (‖∇f‖ ≤ 1e-8); evaluations: f 49, ∇f 49, ∇²f 0; 8 floats held; end: minimum"},
            {"newton", "22 iterations (‖∇f‖ ≤ 1e-8); evaluations: f 29, ∇f 29, ∇²f 22; 8 floats held; end: minimum"},
            {"cg", "50 iterations (‖∇f‖ ≤ 1e-8)"},
            {"lm", "14 iterations (‖∇f‖ ≤ 1e-8)"},
            {"gd", "43605 iterations (‖∇f‖ ≤ 1e-8); evaluations: f 43606, ∇f 43606, ∇²f 0; 4 floats held; end: minimum"},
        };
        for (String[] run : runs) {
            console.resetOut();
            List<String> args = new ArrayList<>(List.of("minimize", "--function", "rosenbrock", "--optimizer", run[0], "--start", "-1.2,1",
                    "--tolerance", "1e-8", "--steps", "100000", "--out", dir.resolve(run[0]).toString()));
            if (run[0].equals("gd")) {
                args.addAll(List.of("--learning-rate", "0.001"));
            }
            assertEquals(0, Cli.run(args.toArray(String[]::new)), stderr());
            assertTrue(stdout().contains("to (1.0000, 1.0000)"), stdout());
            assertTrue(stdout().contains("\n  " + run[1]), run[0] + ":\n" + stdout());
            assertTrue(stdout().contains("end: minimum (Hessian eigenvalues 0.39936, 1001.6)"), stdout());
            assertTrue(Files.size(dir.resolve(run[0]).resolve("path.png")) > 20_000);
        }
    }

    @Test
    void minimizeClassifiesSaddlesAndMaximaAndClimbsWithMaximize(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run("minimize", "--function", "saddle", "--learning-rate", "0.1", "--start", "1,0", "--start", "1,0.001",
                "--out", dir.resolve("s").toString()), stderr());
        String[] lines = stdout().split("\n");
        assertTrue(lines[1].endsWith("end: saddle (Hessian eigenvalues -2, 2)"), stdout());
        assertTrue(lines[3].contains("end: not stationary"), stdout());
        console.resetOut();
        assertEquals(0, Cli.run("minimize", "--function", "himmelblau", "--maximize", "--optimizer", "newton", "--start", "0,0",
                "--tolerance", "1e-10", "--out", dir.resolve("h").toString()), stderr());
        assertTrue(stdout().contains("to (-0.27084, -0.92304), f = 181.62"), stdout());
        assertTrue(stdout().contains("end: maximum (Hessian eigenvalues -45.605, -16.066)"), stdout());
    }

    @Test
    void badInputIsOneLineAndExit2(@TempDir Path dir) {
        Path o = dir.resolve("o");
        String outDir = o.toString();
        assertUsageError("unknown optimizer 'lbgfs'; valid: gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, newton, bfgs, "
                + "lbfgs, cg, lm", o, "minimize", "--optimizer", "lbgfs", "--out", outDir);
        assertUsageError("tolerance = 0 must be > 0", o, "minimize", "--tolerance", "0", "--out", outDir);
        assertUsageError("tolerance = -1e-8 must be > 0", o, "minimize", "--tolerance", "-1e-8", "--out", outDir);
        assertUsageError("lm needs the loss as a sum of squares Σ rᵢ²: saddle is not a sum of squares: the term x1^2 is subtracted", o,
                "minimize", "--function", "saddle", "--optimizer", "lm", "--start", "1,1", "--out", outDir);
        assertUsageError("lm needs the loss as a sum of squares Σ rᵢ²: maximizing, the optimizer sees −f", o,
                "minimize", "--function", "rosenbrock", "--optimizer", "lm", "--maximize", "--out", outDir);
        assertUsageError("newton: the Hessian is singular at every point so far (3 points", o,
                "minimize", "--function", "x0 + x1", "--optimizer", "newton", "--out", outDir);
        assertUsageError("hessian = 'exact' is not valid; valid: ad, differences", o, "minimize", "--hessian", "exact", "--out", outDir);
        assertUsageError("cg: c2 = 0 is outside (0, 1)", o, "minimize", "--optimizer", "cg", "--c2", "0", "--out", outDir);
    }

    /**
     * The stopping table on the book's x²/20 + y² from (−7, 2) with its figure 6-8 learning rates. sgd's count in closed form:
     * x and y shrink by 1 − 0.95/10 and 1 − 0.95·2 each step, so ‖∇f‖ = ‖(0.7·0.905ᵏ, 4·(−0.9)ᵏ)‖; newton is exact on a quadratic.
     */
    @Test
    void theStoppingTableCountsIterationsToTheTolerance(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run("minimize", "--function", "elliptic", "--start", "-7,2", "--tolerance", "1e-6", "--steps", "1000", "--optimizers",
                "sgd:learning-rate=0.95,momentum:learning-rate=0.1,adagrad:learning-rate=1.5,adam:learning-rate=0.3,gd:learning-rate=0.01,newton",
                "--out", dir.toString()), stderr());
        int sgd = 0;
        while (Math.hypot(0.7 * Math.pow(0.905, sgd), 4 * Math.pow(0.9, sgd)) > 1e-6) {
            sgd++;
        }
        assertEquals(145, sgd);
        List<String> rows = stdout().lines().toList();
        assertTrue(rows.get(0).startsWith("optimizer                    start        iterations to ‖∇f‖ ≤ 1e-6"), rows.get(0));
        String[][] expected = {{"sgd:learning-rate=0.95", "" + sgd}, {"momentum:learning-rate=0.1", "263"}, {"adagrad:learning-rate=1.5", "106"},
            {"adam:learning-rate=0.3", "236"}, {"gd:learning-rate=0.01", "not reached in 1000"}, {"newton", "1"}};
        for (int i = 0; i < expected.length; i++) {
            List<String> cells = List.of(rows.get(i + 1).split("\\s{2,}"));
            assertEquals(List.of(expected[i][0], "(-7, 2)", expected[i][1]), cells.subList(0, 3), rows.get(i + 1));
        }
        assertTrue(Files.size(dir.resolve("path.png")) > 20_000);
        Path o = dir.resolve("bad");
        assertUsageError("--optimizers prints the iterations each takes to --tolerance: give one, e.g. --tolerance 1e-6", o,
                "minimize", "--optimizers", "sgd,adam", "--out", o.toString());
        assertUsageError("optimizers entry 'adam:learning-rate': 'learning-rate' is not key=value", o,
                "minimize", "--optimizers", "sgd,adam:learning-rate", "--tolerance", "1e-6", "--out", o.toString());
    }

    /** Seed 003's standard form: min x0² + x1² s.t. x0 + x1 ≥ 1 ends at (0.5, 0.5) by both methods; the region is shaded. */
    @Test
    void minimizeSubjectToAConstraintByBarrierAndByProjection(@TempDir Path dir) throws Exception {
        assertEquals(0, Cli.run("minimize", "--function", "sphere", "--constraint", "x0 + x1 >= 1", "--start", "2,2", "--start", "3,-1",
                "--learning-rate", "0.1", "--steps", "500", "--out", dir.toString()), stderr());
        List<String> lines = stdout().lines().toList();
        assertEquals("barrier(newton) on sphere: 60 steps from (2, 2) to (0.50000, 0.50000), f = 0.50000", lines.get(0));
        assertTrue(lines.get(1).startsWith("  x = (0.500000000, 0.500000000); 60 iterations (duality gap m·μ ≤ 1e-9)"), lines.get(1));
        assertEquals("projected gd on sphere: 7 steps from (2, 2) to (0.50000, 0.50000), f = 0.50000", lines.get(2));
        assertTrue(lines.get(3).startsWith("  x = (0.500000000, 0.500000000); 7 iterations (‖x − P(x − ∇f)‖ ≤ 1e-9)"), lines.get(3));
        assertTrue(lines.get(7).startsWith("  x = (0.500000000, 0.500000000); 101 iterations"), lines.get(7));
        List<String> csv = Files.readAllLines(dir.resolve("path.csv"));
        String[] last = csv.get(csv.size() - 1).split(",");
        assertEquals("4", last[0]);
        assertEquals(0.5, Double.parseDouble(last[2]), 1e-6);
        assertEquals(0.5, Double.parseDouble(last[3]), 1e-6);
        assertTrue(Files.size(dir.resolve("path.png")) > 20_000);
    }

    @Test
    void badConstraintsAreOneLineRefusals(@TempDir Path dir) {
        String outDir = dir.resolve("run").toString();
        Path o = dir.resolve("run");
        assertUsageError("the constraints 'x0 >= 1', 'x0 <= 0' are infeasible: no point satisfies them all", o,
                "minimize", "--constraint", "x0 >= 1", "--constraint", "x0 <= 0", "--start", "0.5,0", "--out", outDir);
        assertUsageError("constraint 'x0 + x1 >= 1 +* 2': unexpected '*' at column 15", o,
                "minimize", "--constraint", "x0 + x1 >= 1 +* 2", "--out", outDir);
        assertUsageError("constraint 'x0 + x1' has no comparison", o, "minimize", "--constraint", "x0 + x1", "--out", outDir);
        assertUsageError("the barrier method needs a strictly feasible start: at (-3, 4) the constraint 'x0 + x1 >= 1' is on its boundary", o,
                "minimize", "--constraint", "x0 + x1 >= 1", "--out", outDir);
        assertUsageError("at (0, 0) the constraint 'x0^2 + x1^2 >= 1' is violated", o,
                "minimize", "--constraint", "x0^2 + x1^2 >= 1", "--method", "barrier", "--start", "0,0", "--out", outDir);
        assertUsageError("constraint 'x0^2 <= 1' is not linear: projected gradient descent projects onto linear constraints in closed form only", o,
                "minimize", "--constraint", "x0^2 <= 1", "--method", "projected", "--start", "0,0", "--out", outDir);
        assertUsageError("method = 'interior' is not valid; valid: barrier, projected, both", o,
                "minimize", "--constraint", "x0 >= 1", "--method", "interior", "--out", outDir);
        assertUsageError("method = 'barrier' applies only with --constraint", o, "minimize", "--method", "barrier", "--out", outDir);
    }

    @Test
    void trainAndCompareTakeTheClosureOptimizersByName(@TempDir Path dir) throws Exception {
        Path[] csv = Synthetic.files(dir);
        String[] data = {"--train-csv", csv[0].toString(), "--test-csv", csv[1].toString(), "--hidden-sizes", "32", "--dropout", "0",
            "--batch-size", "50"};
        List<String> train = new ArrayList<>(List.of("train", "--optimizer", "lbfgs", "--history-size", "5", "--max-iter", "2",
                "--iterations", "2", "--out", dir.resolve("t").toString()));
        train.addAll(List.of(data));
        assertEquals(0, Cli.run(train.toArray(String[]::new)), stderr());
        assertTrue(stdout().contains("after 2 epochs (2 iterations)"), stdout());
        String config = Files.readString(dir.resolve("t/config.properties"));
        assertTrue(config.contains("history-size = 5") && config.contains("max-iter = 2"), config);

        List<String> compare = new ArrayList<>(List.of("compare", "--optimizers", "lbfgs,cg,adam", "--iterations", "3",
                "--out", dir.resolve("c").toString()));
        compare.addAll(List.of(data).subList(0, 6));
        assertEquals(0, Cli.run(compare.toArray(String[]::new)), stderr());
        assertEquals(1 + 3 * 3, Files.readAllLines(dir.resolve("c/compare.csv")).size());
        assertTrue(stdout().contains("lbfgs") && stdout().contains("cg"), stdout());

        List<String> newton = new ArrayList<>(List.of("train", "--optimizer", "newton", "--iterations", "2", "--out", dir.resolve("n").toString()));
        newton.addAll(List.of(data));
        console.resetErr();
        assertEquals(2, Cli.run(newton.toArray(String[]::new)), stderr());
        assertTrue(stderr().startsWith("descent: newton keeps an n×n Hessian: n = 25,450 parameters would take 647,702,500 floats (2.6 GB)"),
                stderr());
        assertEquals(1, stderr().strip().split("\n").length, stderr());

        List<String> adam = new ArrayList<>(List.of("train", "--optimizer", "adam", "--history-size", "5", "--out", dir.resolve("a").toString()));
        adam.addAll(List.of(data));
        console.resetErr();
        assertEquals(2, Cli.run(adam.toArray(String[]::new)), stderr());
        assertTrue(stderr().contains("adam: unknown hyperparameter 'history-size'"), stderr());
    }
}
