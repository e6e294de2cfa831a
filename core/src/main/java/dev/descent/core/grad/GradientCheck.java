package dev.descent.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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

    /** The errors of one parameter (or of the input). */
    public record Result(String name, int size, double maxAbsoluteError, double maxRelativeError, int failures) {
        public boolean passed() {
            return failures == 0;
        }
    }

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
            StringBuilder s = new StringBuilder(String.format("%-24s %8s %12s %12s %8s%n", "parameter", "size", "max abs err", "max rel err", "result"));
            for (Result r : results) {
                s.append(String.format("%-24s %8d %12.3e %12.3e %8s%n", r.name(), r.size(), r.maxAbsoluteError(),
                        r.maxRelativeError(), r.passed() ? "ok" : r.failures() + " FAIL"));
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
        if (network.dataType() != ai.djl.ndarray.types.DataType.FLOAT64) {
            throw new IllegalArgumentException("gradient checks need a FLOAT64 network, got " + network.dataType());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, double[]> sampledAnalytic = new LinkedHashMap<>();
        Map<String, double[]> numerical = new LinkedHashMap<>();
        for (Parameter p : network.parameters()) {
            int[] elements = choose(Math.toIntExact(p.value().size()), maxElements, random);
            sampledAnalytic.put(p.name(), pick(analytic.get(p.name()), elements));
            numerical.put(p.name(), NumericalGradient.ofArray(p.value(), () -> NumericalGradient.loss(network, x, t, seed), elements));
        }
        if (withInput) {
            try (NDArray x64 = x.toType(ai.djl.ndarray.types.DataType.FLOAT64, true)) {
                int[] elements = choose(Math.toIntExact(x64.size()), maxElements, random);
                sampledAnalytic.put("input", pick(analytic.get("input"), elements));
                numerical.put("input", NumericalGradient.ofArray(x64, () -> NumericalGradient.loss(network, x64, t, seed), elements));
            }
        }
        return compare(sampledAnalytic, numerical);
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
