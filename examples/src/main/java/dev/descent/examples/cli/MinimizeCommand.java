package dev.descent.examples.cli;

import dev.descent.examples.CompareOptimizers;
import dev.descent.examples.ConfigException;
import dev.descent.examples.MinimizeFunction;
import dev.descent.examples.Runs;
import dev.descent.optim.Constraint;
import dev.descent.optim.ExpressionFunction2D;
import dev.descent.optim.Function2D;
import dev.descent.optim.Functions2D;
import dev.descent.optim.GradientMode;
import dev.descent.optim.Minimizer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent minimize}: an optimizer on a named 2-D function or any expression in x0, x1, from one or several starts. */
@Command(name = "minimize", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Run an optimizer (first- or second-order) on a 2-D function (a name or any expression in x0, x1) from one or",
            "several starts; print each path's end point, f, |∇f|, its iterations, evaluations, floats held and what kind of point",
            "it ends at (Hessian eigenvalues). Writes path.csv and path.png (contours, paths, optionally the −∇f field)."})
final class MinimizeCommand implements Callable<Integer> {
    @Option(names = "--function", paramLabel = "NAME|EXPR", defaultValue = "sphere",
            description = "sphere (x0²+x1²), elliptic (x²/20+y²), rosenbrock, saddle (x0²−x1²), doublewell (x0⁴−3x0²+x0+x1²), himmelblau, "
                    + "plateau (1−exp(−x0²−x1²)), or an expression such as \"x0^2 + 2*x1^2\" (default: ${DEFAULT-VALUE})")
    String function;

    @Option(names = "--constraint", paramLabel = "EXPR",
            description = "minimize subject to this constraint, e.g. \"x0 + x1 >= 1\" (<=, >=, = of expressions in x0, x1); repeat for "
                    + "several (seed 003's min f s.t. g(x) ≤ 0, h(x) = 0); solved by --method")
    List<String> constraints = new ArrayList<>();

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "both",
            description = "with --constraint: barrier (log-barrier interior point: μ = 1, 0.1, ... down to the tolerance, each barrier "
                    + "problem solved by --inner-optimizer; needs a start strictly inside), projected (--optimizer's steps, each point "
                    + "projected onto the linear constraints in closed form), or both (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--inner-optimizer", paramLabel = "NAME", defaultValue = "newton",
            description = "the barrier method's solver of each barrier problem, --steps at most each; its curvature grows as 1/μ across "
                    + "the boundary, which newton takes in its stride and others crawl through (default: ${DEFAULT-VALUE})")
    String innerOptimizer;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "gd",
            description = "any optimizer name, also newton, bfgs, lbfgs, cg, lm (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--optimizers", paramLabel = "A,B:KEY=V,...", split = ",",
            description = "run each of these instead of --optimizer, each with its own settings if wanted, e.g. "
                    + "sgd:learning-rate=0.95,adam:learning-rate=0.3,lbfgs, and print the stopping table: the iterations each takes to reach "
                    + "--tolerance, or 'not reached in N' (--steps)")
    List<String> optimizers = List.of();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "at most this many updates (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--tolerance", paramLabel = "VALUE", description = "stop once ‖∇f‖ ≤ VALUE (> 0; default: run all steps); with --constraint: "
            + "barrier: once the duality gap (m + e)·μ ≤ VALUE, projected: once ‖x − P(x − ∇f)‖ ≤ VALUE (default there: 1e-9)")
    String tolerance;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "stop once f, ∇f and ∇²f were evaluated N times in all (default: 50 per step)")
    Long maxEvaluations;

    @Option(names = "--maximize", description = "climb instead: the optimizer sees −f (gradient ascent)")
    boolean maximize;

    @Option(names = "--hessian", paramLabel = "KIND", defaultValue = "ad",
            description = "newton's ∇²f: ad (automatic differentiation of the expression) or differences (of the gradient, 2n more "
                    + "evaluations) (default: ${DEFAULT-VALUE})")
    String hessian;

    @Option(names = "--start", paramLabel = "X,Y", description = "a start point; repeat for one path per start (default: -3,4)")
    List<String> starts = new ArrayList<>();

    @Option(names = "--gradient", paramLabel = "KIND", defaultValue = "reverse",
            description = "reverse or forward (automatic differentiation), numerical (central differences, as the seeds), "
                    + "analytic (named functions) (default: ${DEFAULT-VALUE})")
    String gradient;

    @Option(names = "--field", description = "draw the −∇f arrows under the contours")
    boolean field;

    @Option(names = "--learning-rate", paramLabel = "VALUE", description = "step size (default: the optimizer's)")
    String learningRate;

    @Option(names = "--momentum", paramLabel = "VALUE", description = "momentum, nesterov: μ (default: 0.9)")
    String momentum;

    @Option(names = "--beta1", paramLabel = "VALUE", description = "adam, adamw: first-moment decay (default: 0.9)")
    String beta1;

    @Option(names = "--beta2", paramLabel = "VALUE", description = "adam, adamw: second-moment decay (default: 0.999)")
    String beta2;

    @Option(names = "--epsilon", paramLabel = "VALUE", description = "adagrad, rmsprop: 1e-7; adam, adamw: 1e-8 (the defaults)")
    String epsilon;

    @Option(names = "--decay-rate", paramLabel = "VALUE", description = "rmsprop: ρ (default: 0.99)")
    String decayRate;

    @Option(names = "--history-size", paramLabel = "M", description = "lbfgs: pairs (s, y) kept (default: 100)")
    String historySize;

    @Option(names = "--max-iter", paramLabel = "N", description = "lbfgs: iterations per update (default: 1)")
    String maxIter;

    @Option(names = "--c2", paramLabel = "VALUE", description = "cg: curvature condition of the line search, in (0, 1); 1e-9: exact (default: 0.1)")
    String c2;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: runs/minimize-<timestamp>)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (steps < 0) {
            throw new ConfigException("steps = " + steps + " must be >= 0");
        }
        double tol = tolerance == null ? 0 : number("tolerance", tolerance);
        if (tolerance != null && !(tol > 0)) {
            throw new ConfigException("tolerance = " + tolerance + " must be > 0: minimize stops once ‖∇f‖ falls below it");
        }
        if (maxEvaluations != null && maxEvaluations < 1) {
            throw new ConfigException("max-evaluations = " + maxEvaluations + " must be >= 1");
        }
        if (!List.of("ad", "differences").contains(hessian)) {
            throw new ConfigException("hessian = '" + hessian + "' is not valid; valid: ad, differences");
        }
        GradientMode mode = GradientMode.parse(gradient);
        Function2D f = Functions2D.resolve(function, mode);
        List<double[]> points = new ArrayList<>();
        for (String start : starts.isEmpty() ? List.of("-3,4") : starts) {
            points.add(point(start));
        }
        Map<String, String> h = new LinkedHashMap<>();
        String[][] given = {{"learning-rate", learningRate}, {"momentum", momentum}, {"beta1", beta1}, {"beta2", beta2},
            {"epsilon", epsilon}, {"decay-rate", decayRate}, {"history-size", historySize}, {"max-iter", maxIter}, {"c2", c2}};
        for (String[] kv : given) {
            if (kv[1] != null) {
                h.put(kv[0], kv[1]);
            }
        }
        if (optimizers.isEmpty()) {
            Optimizers.create(optimizer, h); // a bad name or value is refused before anything runs
        }
        Supplier<Optimizer> fresh = () -> Optimizers.create(optimizer, h);
        Minimizer.Settings settings = new Minimizer.Settings(steps, maxEvaluations != null ? maxEvaluations
                : Minimizer.Settings.steps(steps).maxEvaluations(), tol, maximize, false, hessian.equals("differences"));
        Path dir = out != null ? out : Runs.defaultOut("minimize");
        if (!optimizers.isEmpty()) {
            return table(f, h, points, settings, dir);
        }
        if (!constraints.isEmpty()) {
            return constrained(f, fresh, points, settings, dir);
        }
        if (!method.equals("both")) {
            throw new ConfigException("method = '" + method + "' applies only with --constraint");
        }
        List<Minimizer.Path> paths = MinimizeFunction.minimize(fresh, f, points, settings, field, dir);
        StringBuilder s = new StringBuilder();
        paths.forEach(p -> s.append(MinimizeFunction.describe(p, f)).append('\n').append(MinimizeFunction.report(p, f, settings)).append('\n'));
        Options.print(s + "results in " + dir + "\n");
        return 0;
    }

    private int table(Function2D f, Map<String, String> shared, List<double[]> points, Minimizer.Settings settings, Path dir) throws IOException {
        if (!constraints.isEmpty() || settings.maximize()) {
            throw new ConfigException("--optimizers takes neither --constraint nor --maximize");
        }
        if (tolerance == null) {
            throw new ConfigException("--optimizers prints the iterations each takes to --tolerance: give one, e.g. --tolerance 1e-6");
        }
        Map<String, Supplier<Optimizer>> entries = new LinkedHashMap<>();
        CompareOptimizers.optimizers(optimizers, shared).keySet()   // each entry refused by name before anything runs
                .forEach(e -> entries.put(e, () -> CompareOptimizers.optimizers(List.of(e), shared).get(e)));
        List<Minimizer.Path> paths = MinimizeFunction.minimize(entries, f, points, settings, field, dir);
        Options.print(MinimizeFunction.table(paths, f, settings) + "results in " + dir + "\n");
        return 0;
    }

    private int constrained(Function2D f, Supplier<Optimizer> projected, List<double[]> points, Minimizer.Settings given, Path dir)
            throws IOException {
        if (!List.of("barrier", "projected", "both").contains(method)) {
            throw new ConfigException("method = '" + method + "' is not valid; valid: barrier, projected, both");
        }
        if (maximize) {
            throw new ConfigException("--maximize and --constraint together are not supported: write the constraint for −f instead");
        }
        List<String> variables = f instanceof ExpressionFunction2D e ? e.expression().variables() : List.of("x0", "x1");
        List<Constraint> parsed = constraints.stream().map(c -> Constraint.parse(c, variables)).toList();
        Optimizers.create(innerOptimizer, Map.of());
        Supplier<Optimizer> inner = () -> Optimizers.create(innerOptimizer, Map.of());
        Minimizer.Settings settings = given.tolerance() > 0 ? given : new Minimizer.Settings(given.steps(), given.maxEvaluations(), 1e-9, false,
                given.numerical(), given.hessianByDifferences());
        List<Minimizer.Path> paths = MinimizeFunction.minimize(method.equals("barrier") ? null : projected, method.equals("projected") ? null : inner,
                f, parsed, points, settings, field, dir);
        StringBuilder s = new StringBuilder();
        paths.forEach(p -> s.append(MinimizeFunction.describe(p)).append('\n').append(MinimizeFunction.report(p, parsed, settings)).append('\n'));
        Options.print(s + "results in " + dir + "\n");
        return 0;
    }

    private static double number(String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " = '" + text + "' is not a number");
        }
    }

    private static double[] point(String start) {
        try {
            double[] p = Arrays.stream(start.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (p.length == 2) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ConfigException("start = '" + start + "' must be two numbers, e.g. -3,4");
    }
}
