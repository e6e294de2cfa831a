package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.descent.core.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the closure optimizers share, so that each writes only its update on the {@link Objective}: validated
 * hyperparameters, the learning rate (a schedule may set it), the counts of steps and evaluations, and state that
 * is global rather than per parameter (PyTorch's LBFGS keeps one history for all parameters together): arrays kept in
 * the parameters' manager, numbers kept as doubles, both exported for checkpoints as {@code "<key>"} next to
 * {@code "step"}, {@code "evaluations"} and {@code "hyper/learning-rate"}.
 */
public abstract class AbstractClosureOptimizer implements ClosureOptimizer {
    /** The dense methods keep or build an n×n matrix; beyond this many parameters they refuse (a million entries). */
    public static final long DENSE_LIMIT = 1000;
    private static final String STEP = "step";
    private static final String EVALUATIONS = "evaluations";
    private static final String LEARNING_RATE_STATE = "hyper/learning-rate";

    private final String name;
    private final Hyperparameters hyperparameters;
    private final double configuredLearningRate;
    private double learningRate;
    private NDManager home;
    private long steps;
    private long evaluations;
    private final List<NDArray> exported = new ArrayList<>();

    protected AbstractClosureOptimizer(String name, List<Hyperparameters.Spec> specs, Map<String, String> given) {
        this.name = name;
        this.hyperparameters = Hyperparameters.parse(name, specs, given == null ? Map.of() : given);
        this.configuredLearningRate = hyperparameters.get("learning-rate");
        this.learningRate = configuredLearningRate;
    }

    /** One update on {@code objective}, which has not been evaluated yet; returns the loss where it started. */
    protected abstract double update(Objective objective);

    /** The arrays this optimizer keeps between steps, by key (made with {@link #keep}). */
    protected Map<String, NDArray> keptArrays() {
        return Map.of();
    }

    /** The numbers this optimizer keeps between steps, by key. */
    protected abstract Map<String, Double> keptNumbers();

    /**
     * Replaces the kept state with {@code arrays} (already in the parameters' manager, now owned by this optimizer)
     * and {@code numbers}; empty maps reset it. A key it does not keep is an {@link IllegalArgumentException}.
     */
    protected abstract void restore(Map<String, NDArray> arrays, Map<String, Double> numbers);

    @Override
    public final double step(List<Parameter> parameters, Closure closure) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize");
        }
        if (home == null) {
            home = parameters.get(0).value().getManager();
        }
        steps++;
        return update(new Objective(name, parameters, closure, () -> evaluations++));
    }

    /** {@code temporary} (a vector of the iteration) moved into the parameters' manager, to be kept between steps. */
    protected final NDArray keep(NDArray temporary) {
        NDArray kept = temporary.duplicate();
        kept.attach(home);
        return kept;
    }

    /** Closes kept arrays that are being replaced; null entries are skipped. */
    protected static void release(NDArray... kept) {
        for (NDArray a : kept) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** An n×n method refuses more than {@link #DENSE_LIMIT} parameters, saying what it would cost and what to use. */
    protected final void requireDense(long n, String matrix) {
        if (n > DENSE_LIMIT) {
            double bytes = n * (double) n * 4;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s keeps an n×n %s: n = %,d parameters would take %,d floats (%s); it takes at most %d parameters "
                    + "— use lbfgs (history m·n) or cg (2n)", name, matrix, n, n * n,
                    bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9) : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6),
                    DENSE_LIMIT));
        }
    }

    protected final double hyper(String key) {
        return key.equals("learning-rate") ? learningRate : hyperparameters.get(key);
    }

    protected final int count(String key) {
        return (int) hyperparameters.get(key);
    }

    /** Steps taken so far. */
    public final long stepCount() {
        return steps;
    }

    @Override
    public final long evaluations() {
        return evaluations;
    }

    /** An evaluation made without the closure (lm's residuals). */
    protected final void counted() {
        evaluations++;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double value) {
        if (!Hyperparameters.Range.NON_NEGATIVE.contains(value)) {
            throw new IllegalArgumentException(name + ": learning-rate = " + Hyperparameters.format(value)
                    + " is outside " + Hyperparameters.Range.NON_NEGATIVE);
        }
        learningRate = value;
    }

    @Override
    public List<Hyperparameters.Spec> keys() {
        return hyperparameters.specs();
    }

    @Override
    public Map<String, String> hyperparameters() {
        return hyperparameters.asStrings();
    }

    @Override
    public Map<String, NDArray> exportState() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        if (home == null) {
            return state;
        }
        exported.forEach(NDArray::close); // re-made on each export, so that exports do not pile up in the network's manager
        exported.clear();
        state.putAll(keptArrays());
        Map<String, Double> numbers = new LinkedHashMap<>(keptNumbers());
        numbers.put(LEARNING_RATE_STATE, learningRate);
        state.put(STEP, exportedNumber(home.create(steps)));
        state.put(EVALUATIONS, exportedNumber(home.create(evaluations)));
        numbers.forEach((k, v) -> state.put(k, exportedNumber(home.create(v.doubleValue()))));
        return state;
    }

    private NDArray exportedNumber(NDArray a) {
        exported.add(a);
        return a;
    }

    @Override
    public void importState(Map<String, NDArray> state, NDManager manager) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        long importedSteps = 0;
        long importedEvaluations = 0;
        double rate = configuredLearningRate;
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            NDArray a = e.getValue();
            switch (e.getKey()) {
                case STEP -> importedSteps = (long) AbstractOptimizer.doubleOf(a);
                case EVALUATIONS -> importedEvaluations = (long) AbstractOptimizer.doubleOf(a);
                case LEARNING_RATE_STATE -> rate = AbstractOptimizer.doubleOf(a);
                default -> {
                    if (a.getShape().dimension() == 0) {
                        numbers.put(e.getKey(), AbstractOptimizer.doubleOf(a));
                    } else {
                        arrays.put(e.getKey(), a);
                    }
                }
            }
        }
        Map<String, NDArray> copies = new LinkedHashMap<>();
        arrays.forEach((k, a) -> {
            NDArray copy = manager.zeros(a.getShape(), a.getDataType());
            copy.set(new NDIndex("..."), a); // index_put: copyTo would make libtorch print a deprecation warning
            copies.put(k, copy);
        });
        try {
            restore(copies, numbers);
        } catch (IllegalArgumentException e) {
            copies.values().forEach(NDArray::close);
            throw e;
        }
        home = manager;
        steps = importedSteps;
        evaluations = importedEvaluations;
        setLearningRate(rate);
    }

    /** The error for a state key this optimizer does not keep, naming those it does. */
    protected final IllegalArgumentException unknownState(String key, String kept) {
        return new IllegalArgumentException(name + ": state key '" + key + "' is none of step, evaluations, hyper/learning-rate, " + kept);
    }

    @Override
    public String toString() {
        return name + hyperparameters;
    }
}
