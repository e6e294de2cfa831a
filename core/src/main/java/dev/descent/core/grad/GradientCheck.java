package dev.descent.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Engines;
import dev.descent.core.Network;
import dev.descent.core.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Backprop (a) against central differences (n), per parameter. For each element the absolute
 * error |a − n| and the relative error |a − n| / (|a| + |n|) are computed; an element passes when
 * its absolute error ≤ 1e-8 or its relative error ≤ 1e-6 (the DL4J convention: relative error
 * means nothing for gradients near zero).
 */
public final class GradientCheck {
    public static final double MAX_ABSOLUTE_ERROR = 1e-8;
    public static final double MAX_RELATIVE_ERROR = 1e-6;

    private GradientCheck() {}

    /**
     * The errors of one parameter (or of the input). {@code kinks}: elements that failed with
     * h = 1e-4 and passed with h = 1e-6 — the loss is not differentiable within ±h there (a ReLU
     * or max-pool switch on real data), so the central difference straddles a kink; a wrong backward
     * pass fails with both steps.
     */
    public record Result(String name, int size, double maxAbsoluteError, double maxRelativeError, int failures, int kinks) {
        public Result(String name, int size, double maxAbsoluteError, double maxRelativeError, int failures) {
            this(name, size, maxAbsoluteError, maxRelativeError, failures, 0);
        }

        public boolean passed() {
            return failures == 0;
        }
    }

    /** Step of the second look at an element that failed with {@link NumericalDiff#H}. */
    public static final double KINK_H = 1e-6;

    /** All parameters' results. */
    public record Report(List<Result> results) {
        public boolean passed() {
            return results.stream().allMatch(Result::passed);
        }

        public double maxRelativeError() {
            return results.stream().mapToDouble(Result::maxRelativeError).max().orElse(0);
        }

        /** A fixed-width table, one row per parameter. */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%-24s %8s %12s %12s %8s%n", "parameter", "checked", "max abs err", "max rel err", "result"));
            for (Result r : results) {
                s.append(String.format("%-24s %8d %12.3e %12.3e %8s%s%n", r.name(), r.size(), r.maxAbsoluteError(),
                        r.maxRelativeError(), r.passed() ? "ok" : r.failures() + " FAIL",
                        r.kinks() > 0 ? "  (" + r.kinks() + " at a kink: ok with h = 1e-6)" : ""));
            }
            return s.toString();
        }
    }

    /** Checks every element of every parameter of a FLOAT64 network (and dL/dx when {@code withInput}) on one batch. */
    public static Report run(Network network, NDArray x, NDArray t, boolean withInput, long seed) {
        return run(network, x, t, withInput, seed, 0);
    }

    /**
     * As {@link #run(Network, NDArray, NDArray, boolean, long)}, but an array with more than
     * {@code maxElements} elements (when > 0) is checked at that many elements drawn at random
     * (seeded): the numerical gradient costs two forward passes per element.
     */
    public static Report run(Network network, NDArray x, NDArray t, boolean withInput, long seed, int maxElements) {
        return run(network, x, t, withInput, seed, maxElements, Method.BATCHED);
    }

    /**
     * How the central differences are evaluated. {@code ELEMENTWISE}: the seeds' loop, one element nudged
     * in place and two whole forward passes per element. {@code BATCHED}: for the W and b of an Affine
     * layer followed by per-sample layers, many nudged copies per engine call ({@link BatchedCentralDifferences};
     * the same differences to FLOAT64 rounding, TwoLayerNet's check ~40× faster); other arrays as {@code ELEMENTWISE}.
     */
    public enum Method {
        BATCHED,
        ELEMENTWISE
    }

    /**
     * As {@link #run(Network, NDArray, NDArray, boolean, long, int)}, with the central differences evaluated by {@code method}.
     * The check runs on one intra-op thread (the caller's count is restored after): its ops are small, and
     * a second thread only adds hand-offs (SimpleConvNet's check, 300 elements per array, under foreign load:
     * 0.85-0.92 s on one thread, 1.29-1.71 s on two).
     */
    public static Report run(Network network, NDArray x, NDArray t, boolean withInput, long seed, int maxElements, Method method) {
        int threads = Engines.threads();
        Engines.setThreads(1);
        try {
            return check(network, x, t, withInput, seed, maxElements, method);
        } finally {
            Engines.setThreads(threads);
        }
    }

    private static Report check(Network network, NDArray x, NDArray t, boolean withInput, long seed, int maxElements, Method method) {
        Map<String, double[]> analytic = new LinkedHashMap<>();
        try (NDManager sub = x.getManager().newSubManager()) {
            Engines.seed(seed);
            NDArray xs = x.get(sub, new NDIndex("..."));
            network.lossArray(xs, t.get(sub, new NDIndex("...")));
            NDArray dx = network.backward();
            for (Parameter p : network.parameters()) {
                analytic.put(p.name(), p.grad().toDoubleArray());
            }
            if (withInput) {
                analytic.put("input", dx.toDoubleArray());
            }
        }
        if (network.dataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks need a FLOAT64 network, got " + network.dataType());
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Result> results = new ArrayList<>();
        for (Parameter p : network.parameters()) {
            int[] elements = choose(Math.toIntExact(p.value().size()), maxElements, random);
            BatchedCentralDifferences batched = method == Method.BATCHED ? BatchedCentralDifferences.of(network, x, t, seed, p) : null;
            Differences differences = batched != null ? batched::gradient
                    : (at, h) -> NumericalGradient.ofArray(p.value(), () -> NumericalGradient.loss(network, x, t, seed), at, h);
            results.add(check(p.name(), pick(analytic.get(p.name()), elements), elements, differences));
        }
        if (withInput) {
            try (NDArray x64 = x.toType(DataType.FLOAT64, true)) {
                int[] elements = choose(Math.toIntExact(x64.size()), maxElements, random);
                results.add(check("input", pick(analytic.get("input"), elements), elements,
                        (at, h) -> NumericalGradient.ofArray(x64, () -> NumericalGradient.loss(network, x64, t, seed), at, h)));
            }
        }
        return new Report(results);
    }

    /** Central differences of the loss at some flat indices of one array, with step h. */
    private interface Differences {
        double[] at(int[] elements, double h);
    }

    /** One array: central differences with h = 1e-4, and a second look with h = 1e-6 at elements that fail. */
    private static Result check(String name, double[] a, int[] elements, Differences differences) {
        double[] n = differences.at(elements, NumericalDiff.H);
        int kinks = 0;
        for (int k = 0; k < a.length; k++) {
            if (!passes(a[k], n[k])) {
                double fine = differences.at(new int[] {elements[k]}, KINK_H)[0];
                if (passes(a[k], fine)) {
                    n[k] = fine;
                    kinks++;
                }
            }
        }
        Result r = compare(Map.of(name, a), Map.of(name, n)).results().get(0);
        return new Result(name, r.size(), r.maxAbsoluteError(), r.maxRelativeError(), r.failures(), kinks);
    }

    private static boolean passes(double a, double n) {
        double abs = Math.abs(a - n);
        return abs <= MAX_ABSOLUTE_ERROR || abs / (Math.abs(a) + Math.abs(n)) <= MAX_RELATIVE_ERROR;
    }

    private static int[] choose(int size, int max, SplittableRandom random) {
        if (max <= 0 || size <= max) {
            return IntStream.range(0, size).toArray();
        }
        return random.ints(0, size).distinct().limit(max).sorted().toArray();
    }

    private static double[] pick(double[] values, int[] elements) {
        double[] out = new double[elements.length];
        for (int k = 0; k < elements.length; k++) {
            out[k] = values[elements[k]];
        }
        return out;
    }

    /** Compares analytic and numerical gradients that share names and sizes. */
    public static Report compare(Map<String, double[]> analytic, Map<String, double[]> numerical) {
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, double[]> e : analytic.entrySet()) {
            double[] a = e.getValue();
            double[] n = numerical.get(e.getKey());
            double maxAbs = 0;
            double maxRel = 0;
            int failures = 0;
            for (int i = 0; i < a.length; i++) {
                double abs = Math.abs(a[i] - n[i]);
                double rel = abs == 0 ? 0 : abs / (Math.abs(a[i]) + Math.abs(n[i]));
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, rel);
                if (abs > MAX_ABSOLUTE_ERROR && rel > MAX_RELATIVE_ERROR) {
                    failures++;
                }
            }
            results.add(new Result(e.getKey(), a.length, maxAbs, maxRel, failures));
        }
        return new Report(results);
    }
}
