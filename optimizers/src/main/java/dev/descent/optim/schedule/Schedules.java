package dev.descent.optim.schedule;

import dev.descent.core.Registry;
import dev.descent.optim.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The schedule registry and its config keys. {@code lr-schedule} names a schedule; every other key
 * belongs to some schedules only ({@link #keys(String)}), and giving it to another is an error, as
 * is a value outside its range — one line naming the schedule, the key and the valid range.
 * {@code warmup-epochs} puts a {@link LinearWarmup} before any schedule but {@code onecycle}
 * (which warms up itself). Besides the built-ins, a name resolves to a user's
 * {@link ScheduleProvider} registered in {@code META-INF/services}, or to a fully-qualified class
 * name of a provider or of a {@link Schedule} with a public constructor taking {@link Settings}.
 */
public final class Schedules {

    /** A user-written schedule factory, found through {@link ServiceLoader}. */
    public interface ScheduleProvider extends Registry.Provider<Settings, Schedule> {
        /** The keys it takes besides lr-schedule and the warm-up's: listed by --help, the others refused. */
        default List<ScheduleKey> keys() {
            return List.of();
        }
    }

    public static final ScheduleKey LR_SCHEDULE = new ScheduleKey("lr-schedule", "constant",
            "constant, step, multistep, exponential, cosine, onecycle, or a user's", "how the learning rate changes, set before every update");
    public static final ScheduleKey WARMUP_EPOCHS = new ScheduleKey("warmup-epochs", "0", "[0, epochs of the run)",
            "epochs (fractions allowed) of linear warm-up before the schedule, which then starts at its own step 0");
    public static final ScheduleKey WARMUP_START_FACTOR = new ScheduleKey("warmup-start-factor", "0.1", "(0, 1]",
            "the warm-up starts at this fraction of the learning rate");
    public static final ScheduleKey LR_STEP = new ScheduleKey("lr-step", "", "whole epochs ≥ 1",
            "step: multiply the rate by lr-gamma every lr-step epochs");
    public static final ScheduleKey LR_GAMMA = new ScheduleKey("lr-gamma", "0.1", "(0, 1]",
            "decay factor: per lr-step epochs (step), per milestone (multistep); per epoch, no default (exponential)");
    public static final ScheduleKey LR_MILESTONES = new ScheduleKey("lr-milestones", "", "whole epochs ≥ 1, comma-separated, increasing",
            "multistep: multiply the rate by lr-gamma when each of these epochs begins");
    public static final ScheduleKey MIN_LEARNING_RATE = new ScheduleKey("min-learning-rate", "0", "[0, learning-rate]",
            "cosine: the rate the cosine ends at, after the last update");
    public static final ScheduleKey MAX_LEARNING_RATE = new ScheduleKey("max-learning-rate", "", "(0, ∞)",
            "onecycle: the peak rate (the cycle starts at max/div-factor; learning-rate is not used)");
    public static final ScheduleKey PCT_START = new ScheduleKey("pct-start", "0.3", "[0, 1)",
            "onecycle: the fraction of the updates spent rising to the peak");
    public static final ScheduleKey DIV_FACTOR = new ScheduleKey("div-factor", "25", "(0, ∞)",
            "onecycle: the first rate is max-learning-rate/div-factor");
    public static final ScheduleKey FINAL_DIV_FACTOR = new ScheduleKey("final-div-factor", "10000", "(0, ∞)",
            "onecycle: the last rate is the first/final-div-factor");
    public static final ScheduleKey CYCLE_MOMENTUM = new ScheduleKey("cycle-momentum", "false", "true, false",
            "onecycle: also cycle momentum (β1 for adam) from 0.95 down to 0.85 at the peak and back");

    /** Every built-in key, lr-schedule first: the table for --help. */
    public static final List<ScheduleKey> KEYS = List.of(LR_SCHEDULE, WARMUP_EPOCHS, WARMUP_START_FACTOR, LR_STEP, LR_GAMMA,
            LR_MILESTONES, MIN_LEARNING_RATE, MAX_LEARNING_RATE, PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR, CYCLE_MOMENTUM);

    private static final Map<String, List<ScheduleKey>> BUILT_IN_KEYS = new LinkedHashMap<>();
    private static final Registry<Settings, Schedule> REGISTRY =
            new Registry<>("lr-schedule", Schedule.class, Settings.class, ScheduleProvider.class);

    static {
        builtIn("constant", List.of(), s -> new Constant(s.baseLearningRate()));
        builtIn("step", List.of(LR_STEP, LR_GAMMA), StepDecay::from);
        builtIn("multistep", List.of(LR_MILESTONES, LR_GAMMA), MultiStepDecay::from);
        builtIn("exponential", List.of(LR_GAMMA), ExponentialDecay::from);
        builtIn("cosine", List.of(MIN_LEARNING_RATE), CosineAnnealing::from);
        builtIn("onecycle", List.of(MAX_LEARNING_RATE, PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR, CYCLE_MOMENTUM), OneCycle::from);
    }

    private static void builtIn(String name, List<ScheduleKey> keys, Function<Settings, Schedule> factory) {
        BUILT_IN_KEYS.put(name, keys);
        REGISTRY.register(name, factory);
    }

    private Schedules() {}

    /** The schedule {@code config}'s {@code lr-schedule} names (constant if absent), from its other keys. */
    public static Schedule create(Map<String, String> config, double baseLearningRate, long totalSteps, long stepsPerEpoch) {
        String name = config.getOrDefault(LR_SCHEDULE.key(), LR_SCHEDULE.fallback());
        return create(name, config, baseLearningRate, totalSteps, stepsPerEpoch);
    }

    /**
     * The schedule {@code name} for a run of {@code totalSteps} updates, {@code stepsPerEpoch} of them
     * per epoch, starting from the optimizer's configured {@code baseLearningRate}. {@code keys} are
     * config keys to values (absent keys take their defaults; lr-schedule, if present, must be {@code name}).
     */
    public static Schedule create(String name, Map<String, String> keys, double baseLearningRate, long totalSteps, long stepsPerEpoch) {
        String schedule = name.trim();
        if (!(baseLearningRate > 0 && baseLearningRate < Double.POSITIVE_INFINITY) || totalSteps < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException(schedule + ": needs a learning-rate in (0, ∞) and a run of ≥ 1 update, ≥ 1 per epoch; got "
                    + Hyperparameters.format(baseLearningRate) + ", " + totalSteps + ", " + stepsPerEpoch);
        }
        Map<String, String> given = new LinkedHashMap<>(keys == null ? Map.of() : keys);
        String named = given.remove(LR_SCHEDULE.key());
        if (named != null && !named.trim().equals(schedule)) {
            throw new IllegalArgumentException("lr-schedule = " + named + " contradicts the schedule asked for, " + schedule);
        }
        List<String> takes = keys(schedule).stream().map(ScheduleKey::key).toList();
        for (String key : given.keySet()) {
            if (!takes.contains(key)) {
                boolean known = KEYS.stream().anyMatch(k -> k.key().equals(key));
                throw new IllegalArgumentException(schedule + ": " + (known ? key + " does not apply" : "unknown key '" + key + "'")
                        + "; " + schedule + " takes " + String.join(", ", takes));
            }
        }
        Settings settings = new Settings(schedule, Map.copyOf(given), baseLearningRate, totalSteps, stepsPerEpoch);
        if (!takes.contains(WARMUP_EPOCHS.key())) {
            return REGISTRY.create(schedule, settings);
        }
        double epochs = settings.number(WARMUP_EPOCHS);
        double startFactor = settings.number(WARMUP_START_FACTOR);
        long warmup = epochs > 0 ? Math.max(1, Math.round(epochs * stepsPerEpoch)) : 0;
        if (!(epochs >= 0) || warmup >= totalSteps) {
            throw outside(schedule, WARMUP_EPOCHS, Hyperparameters.format(epochs),
                    "[0, " + Hyperparameters.format((double) totalSteps / stepsPerEpoch) + ") epochs, the run's length");
        }
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw outside(schedule, WARMUP_START_FACTOR, Hyperparameters.format(startFactor), WARMUP_START_FACTOR.range());
        }
        if (warmup == 0) {
            return REGISTRY.create(schedule, settings);
        }
        Settings after = new Settings(schedule, settings.keys(), baseLearningRate, totalSteps - warmup, stepsPerEpoch);
        return new LinearWarmup(startFactor, warmup, baseLearningRate, REGISTRY.create(schedule, after));
    }

    /** The keys schedule {@code name} takes, lr-schedule first; the CLI refuses the others. */
    public static List<ScheduleKey> keys(String name) {
        String schedule = name.trim();
        List<ScheduleKey> all = new ArrayList<>(List.of(LR_SCHEDULE));
        if (!schedule.equals("onecycle")) {
            all.addAll(List.of(WARMUP_EPOCHS, WARMUP_START_FACTOR));
        }
        List<ScheduleKey> own = BUILT_IN_KEYS.get(schedule);
        all.addAll(own != null ? own : userKeys(schedule));
        return List.copyOf(all);
    }

    /** What took effect, for the config written back: lr-schedule, then every key {@code name} takes with its value. */
    public static Map<String, String> effective(String name, Map<String, String> keys) {
        Map<String, String> effective = new LinkedHashMap<>();
        for (ScheduleKey key : keys(name)) {
            String value = key == LR_SCHEDULE ? name.trim() : keys.getOrDefault(key.key(), key.fallback());
            if (!value.isEmpty()) {
                effective.put(key.key(), value.trim());
            }
        }
        return effective;
    }

    /** The six built-ins first, then those found through ServiceLoader. */
    public static List<String> names() {
        return REGISTRY.names();
    }

    private static List<ScheduleKey> userKeys(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ScheduleProvider p : ServiceLoader.load(ScheduleProvider.class, loader)) {
            if (p.name().equals(name)) {
                return p.keys();
            }
        }
        if (name.contains(".")) {
            try {
                Class<?> c = Class.forName(name, true, loader);
                return ScheduleProvider.class.isAssignableFrom(c) ? ((ScheduleProvider) c.getConstructor().newInstance()).keys() : List.of();
            } catch (ClassNotFoundException e) {
                // reported below
            } catch (ReflectiveOperationException e) {
                return List.of(); // the registry says what is wrong with the class when it makes the schedule
            }
        }
        throw new IllegalArgumentException("unknown lr-schedule '" + name + "'; valid: " + String.join(", ", names())
                + ", or a fully-qualified class name" + (name.contains(".") ? " (no such class: " + Registry.searched() + ")" : ""));
    }

    /** {@code "<schedule>: <key> = <value> is outside <range>"}. */
    static IllegalArgumentException outside(String schedule, ScheduleKey key, String value, String range) {
        return new IllegalArgumentException(schedule + ": " + key.key() + " = " + value + " is outside " + range);
    }

    /** Throws {@link #outside} with the key's own range unless {@code valid}. */
    static void require(boolean valid, String schedule, ScheduleKey key, double value) {
        if (!valid) {
            throw outside(schedule, key, Hyperparameters.format(value), key.range());
        }
    }

    /**
     * What a schedule is made from: its keys as given (defaults not filled in), the optimizer's
     * configured learning rate, and the run it spans — {@code totalSteps} updates (after the warm-up,
     * if there is one), {@code stepsPerEpoch} per epoch. The getters parse a key, or take its default.
     */
    public record Settings(String schedule, Map<String, String> keys, double baseLearningRate, long totalSteps, long stepsPerEpoch) {

        public boolean has(ScheduleKey key) {
            return keys.containsKey(key.key());
        }

        /** The value given, else the default; a key with neither is required. */
        public String text(ScheduleKey key) {
            String text = keys.get(key.key());
            if (text != null && !text.isBlank()) {
                return text.trim();
            }
            if (key.fallback().isEmpty()) {
                throw new IllegalArgumentException(schedule + ": " + key.key() + " is required, " + key.range());
            }
            return key.fallback();
        }

        public double number(ScheduleKey key) {
            String text = text(key);
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(schedule + ": " + key.key() + " = '" + text + "' is not a number");
            }
        }

        public List<Long> wholeNumbers(ScheduleKey key) {
            String text = text(key);
            List<Long> values = new ArrayList<>();
            try {
                for (String part : text.split(",", -1)) {
                    values.add(Long.parseLong(part.trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(schedule + ": " + key.key() + " = '" + text + "' is not " + key.range());
            }
            return values;
        }

        public long wholeNumber(ScheduleKey key) {
            List<Long> values = wholeNumbers(key);
            if (values.size() != 1) {
                throw new IllegalArgumentException(schedule + ": " + key.key() + " = '" + text(key) + "' is not " + key.range());
            }
            return values.get(0);
        }

        public boolean flag(ScheduleKey key) {
            String text = text(key);
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(schedule + ": " + key.key() + " = '" + text + "' is not true or false");
            }
            return Boolean.parseBoolean(text);
        }
    }
}
