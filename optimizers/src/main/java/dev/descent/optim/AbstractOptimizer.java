package dev.descent.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.Parameter;
import dev.descent.core.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What every optimizer shares, so that a subclass writes only its per-parameter update: the loop
 * over parameters, the step counter t (1 on the first step), per-parameter slots made lazily as zeros
 * like the parameter (in the parameter's manager, freed with the network), their export and import,
 * and two gradient transforms applied before the update, in PyTorch's order:
 * <pre>
 *   clip-norm c > 0:     if ‖g‖ > c over all parameters together, g ← g·c/‖g‖
 *   weight-decay λ > 0:  g ← g + λ·w          (L2; AdamW decays w itself instead)
 * </pre>
 * Each {@link #step} runs in an {@link NDScope}: every array made during it is closed when it
 * returns, whichever manager it landed in (a DJL op's result lives in its first operand's manager, so
 * {@code u.mul(beta2)} on a slot would otherwise pile up in the network's manager, step after step).
 * What survives is what {@link #update} changes in place — values and slots — and the slots made here,
 * so a subclass writes the obvious code without try-with-resources. An array a subclass keeps in a
 * field across steps must be {@link NDScope#unregister}ed, or made through {@link #slot}.
 *
 * <p>The learning rate and the momentum ({@code momentum}, else {@code beta1}, if the optimizer takes
 * either) are state as well: they start at the configured values, a schedule may set them before
 * each step, {@link #hyper} reads the current ones, and a checkpoint carries them.
 */
public abstract class AbstractOptimizer implements Optimizer {
    private static final String STEP = "step";
    private static final String LEARNING_RATE_STATE = "hyper/learning-rate";
    private static final String MOMENTUM_STATE = "hyper/momentum";

    private final String name;
    private final Hyperparameters hyperparameters;
    private final List<String> slotNames;
    private final String momentumKey;
    private final double configuredLearningRate;
    private final double configuredMomentum;
    private double learningRate;
    private double momentum;
    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private NDManager home;
    private NDArray exportedStep;
    private NDArray exportedLearningRate;
    private NDArray exportedMomentum;
    private NDManager scratch;
    private long step;

    /**
     * @param specs the keys this optimizer takes besides weight-decay and clip-norm (added here,
     *              unless listed, e.g. with another default)
     * @param slotNames the per-parameter state this optimizer keeps, e.g. "m", "v"
     */
    protected AbstractOptimizer(String name, List<Hyperparameters.Spec> specs, Map<String, String> given, String... slotNames) {
        List<Hyperparameters.Spec> all = new ArrayList<>(specs);
        for (Hyperparameters.Spec common : List.of(Hyperparameters.WEIGHT_DECAY, Hyperparameters.CLIP_NORM)) {
            if (all.stream().noneMatch(s -> s.key().equals(common.key()))) {
                all.add(common);
            }
        }
        this.name = name;
        this.hyperparameters = Hyperparameters.parse(name, all, given == null ? Map.of() : given);
        this.slotNames = List.of(slotNames);
        List<String> keys = hyperparameters.keys();
        this.momentumKey = keys.contains("momentum") ? "momentum" : keys.contains("beta1") ? "beta1" : null;
        this.configuredLearningRate = keys.contains("learning-rate") ? hyperparameters.get("learning-rate") : Double.NaN;
        this.configuredMomentum = momentumKey == null ? Double.NaN : hyperparameters.get(momentumKey);
        resetSchedulable();
    }

    private void resetSchedulable() {
        learningRate = configuredLearningRate;
        momentum = configuredMomentum;
    }

    /** The update of one parameter's value from its (clipped, decayed) gradient g at step t. */
    protected abstract void update(Parameter p, NDArray g, long t);

    /** Whether weight-decay is added to the gradient (L2); false for decoupled decay. */
    protected boolean decayThroughGradient() {
        return true;
    }

    @Override
    public final void step(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        if (home == null) {
            home = parameters.get(0).value().getManager();
        }
        step++;
        try (NDScope temporaries = new NDScope()) {
            double scale = clipScale(parameters);
            double lambda = decayThroughGradient() ? hyper("weight-decay") : 0;
            for (Parameter p : parameters) {
                NDArray g = p.grad();
                if (scale != 1) {
                    g = g.mul(scale);
                }
                if (lambda > 0) {
                    g = g.add(p.value().mul(lambda));
                }
                scratch = g.getManager();
                update(p, g, step);
            }
        }
    }

    private double clipScale(List<Parameter> parameters) {
        double c = hyper("clip-norm");
        double squares = 0;
        for (Parameter p : parameters) {
            if (p.grad() == null) {
                throw new IllegalStateException(name + ": parameter " + p.name() + " has no gradient; run backward first");
            }
            if (c > 0) {
                squares += p.grad().square().sum().toType(DataType.FLOAT64, false).getDouble();
            }
        }
        double norm = Math.sqrt(squares);
        return c > 0 && norm > c ? c / norm : 1;
    }

    /** The slot of {@code p}, made as zeros like its value on first use (or taken from imported state). */
    protected final NDArray slot(Parameter p, String slotName) {
        String key = p.name() + "/" + slotName;
        NDArray s = slots.get(key);
        if (s == null) {
            s = p.value().zerosLike();
            NDScope.unregister(s); // state: outlives the step's scope
            slots.put(key, s);
        } else if (!s.getShape().equals(p.value().getShape()) || s.getDataType() != p.value().getDataType()) {
            throw new IllegalStateException(name + ": state '" + key + "' is " + s.getDataType() + s.getShape()
                    + " but the parameter is " + p.value().getDataType() + p.value().getShape());
        }
        return s;
    }

    /** A hyperparameter: the current value for learning-rate and the momentum key, else the configured one. */
    protected final double hyper(String key) {
        if (key.equals("learning-rate")) {
            return learningRate();
        }
        return key.equals(momentumKey) ? momentum : hyperparameters.get(key);
    }

    /**
     * {@code value} (the learning rate or momentum, or made from them) as a 0-d array of {@code like}'s
     * type, for {@link #update}. While both are the configured values it is the cached constant of
     * {@link Scalars}; once a schedule changes them every step, it is made in the gradient's manager
     * and freed with the iteration, as new values would fill Scalars' process-wide cache and its
     * overflow arrays land in {@code like}'s manager — the network's, for a slot.
     */
    protected final NDArray scalar(double value, NDArray like) {
        boolean configured = Double.compare(learningRate, configuredLearningRate) == 0
                && Double.compare(momentum, configuredMomentum) == 0;
        if (configured || scratch == null) {
            return Scalars.of(value, like);
        }
        return switch (like.getDataType()) {
            case FLOAT64 -> scratch.create(value);
            case FLOAT32 -> scratch.create((float) value);
            default -> scratch.create(value).toType(like.getDataType(), false);
        };
    }

    /** How many per-parameter slots exist now (made or imported). */
    public final int slotCount() {
        return slots.size();
    }

    /** The current step count t (0 before the first step). */
    public final long stepCount() {
        return step;
    }

    @Override
    public double learningRate() {
        if (Double.isNaN(learningRate)) {
            throw new UnsupportedOperationException(name + " takes no learning-rate");
        }
        return learningRate;
    }

    @Override
    public void setLearningRate(double value) {
        learningRate(); // refused where there is none
        if (!Hyperparameters.Range.NON_NEGATIVE.contains(value)) {
            throw new IllegalArgumentException(name + ": learning-rate = " + Hyperparameters.format(value)
                    + " is outside " + Hyperparameters.Range.NON_NEGATIVE);
        }
        learningRate = value;
    }

    @Override
    public OptionalDouble momentum() {
        return momentumKey == null ? OptionalDouble.empty() : OptionalDouble.of(momentum);
    }

    @Override
    public void setMomentum(double value) {
        if (momentumKey == null) {
            throw new UnsupportedOperationException(name + " has neither momentum nor beta1 to set");
        }
        if (!Hyperparameters.Range.FRACTION.contains(value)) {
            throw new IllegalArgumentException(name + ": " + momentumKey + " = " + Hyperparameters.format(value)
                    + " is outside " + Hyperparameters.Range.FRACTION);
        }
        momentum = value;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long samplesPerUpdate(long batchSize, long datasetSize) {
        return batchSize;
    }

    @Override
    public Map<String, String> hyperparameters() {
        return hyperparameters.asStrings();
    }

    @Override
    public List<Hyperparameters.Spec> keys() {
        return hyperparameters.specs();
    }

    @Override
    public Map<String, NDArray> exportState() {
        Map<String, NDArray> state = new LinkedHashMap<>(slots);
        if (home != null) {
            // Re-made on each export so that repeated exports do not pile up in the network's manager.
            if (exportedStep != null) {
                exportedStep.close();
            }
            exportedStep = home.create(step);
            state.put(STEP, exportedStep);
            if (!Double.isNaN(learningRate)) {
                exportedLearningRate = reexport(exportedLearningRate, learningRate);
                state.put(LEARNING_RATE_STATE, exportedLearningRate);
            }
            if (momentumKey != null) {
                exportedMomentum = reexport(exportedMomentum, momentum);
                state.put(MOMENTUM_STATE, exportedMomentum);
            }
        }
        return state;
    }

    private NDArray reexport(NDArray previous, double value) {
        if (previous != null) {
            previous.close();
        }
        return home.create(value); // a double: a 0-d FLOAT64 array
    }

    @Override
    public void importState(Map<String, NDArray> state, NDManager manager) {
        List<String> scalars = new ArrayList<>(List.of(STEP));
        if (!Double.isNaN(learningRate)) {
            scalars.add(LEARNING_RATE_STATE);
        }
        if (momentumKey != null) {
            scalars.add(MOMENTUM_STATE);
        }
        for (String key : state.keySet()) {
            int slash = key.lastIndexOf('/');
            if (!scalars.contains(key) && (slash <= 0 || !slotNames.contains(key.substring(slash + 1)))) {
                throw new IllegalArgumentException(name + ": state key '" + key + "' is neither " + String.join(", ", scalars)
                        + " nor '<parameter>/<slot>' with a slot of "
                        + (slotNames.isEmpty() ? "none (" + name + " keeps no slots)" : String.join(", ", slotNames)));
            }
        }
        slots.values().forEach(NDArray::close);
        slots.clear();
        home = manager;
        step = 0;
        resetSchedulable(); // a checkpoint from before schedules has no hyper/ values: the configured ones
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            NDArray a = e.getValue();
            if (e.getKey().equals(STEP)) {
                NDArray asLong = a.toType(DataType.INT64, false);
                step = asLong.getLong();
                if (asLong != a) {
                    asLong.close();
                }
            } else if (e.getKey().equals(LEARNING_RATE_STATE)) {
                setLearningRate(doubleOf(a));
            } else if (e.getKey().equals(MOMENTUM_STATE)) {
                setMomentum(doubleOf(a));
            } else {
                NDArray copy = manager.zeros(a.getShape(), a.getDataType());
                copy.set(new NDIndex("..."), a); // index_put: copyTo would make libtorch print a deprecation warning
                slots.put(e.getKey(), copy);
            }
        }
    }

    /** The value of a 0-d array of any numeric type (state read back from a checkpoint). */
    static double doubleOf(NDArray a) {
        NDArray asDouble = a.toType(DataType.FLOAT64, false);
        double value = asDouble.getDouble();
        if (asDouble != a) {
            asDouble.close();
        }
        return value;
    }

    @Override
    public String toString() {
        return name + hyperparameters;
    }
}
