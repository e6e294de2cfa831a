package dev.descent.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.optim.Optimizer;
import dev.descent.optim.Optimizers;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Each schedule at chosen steps against PyTorch's formulas worked out by hand (the literals were
 * computed in plain Python from the formulas of torch/optim/lr_scheduler.py), to 1e-12.
 * The run in most tests: base η = 0.1, 10 updates per epoch.
 */
class SchedulesTest {
    private static final double TOL = 1e-12;

    private static Schedule make(String name, Map<String, String> keys, long totalSteps) {
        return Schedules.create(name, keys, 0.1, totalSteps, 10);
    }

    @Test
    void constantIsTheBaseRateThroughout() {
        Schedule s = Schedules.create(Map.of(), 0.1, 100, 10);
        assertInstanceOf(Constant.class, s);
        for (long t : new long[] {0, 1, 57, 99, 100}) {
            assertEquals(0.1, s.learningRate(t), 0);
        }
        assertEquals(OptionalDouble.empty(), s.momentum(0));
    }

    @Test
    void stepDecayIsStepLrSteppedPerEpoch() {
        Schedule s = make("step", Map.of("lr-step", "2", "lr-gamma", "0.5"), 100);
        // StepLR closed form η·γ^⌊epoch/step_size⌋, epoch = ⌊t/10⌋
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.1, s.learningRate(19), TOL); // epoch 1, still the first period
        assertEquals(0.05, s.learningRate(20), TOL); // epoch 2 begins
        assertEquals(0.05, s.learningRate(39), TOL);
        assertEquals(0.025, s.learningRate(40), TOL);
        assertEquals(0.1 * Math.pow(0.5, 4), s.learningRate(99), TOL); // epoch 9
        assertEquals(0.01, make("step", Map.of("lr-step", "1"), 100).learningRate(10), TOL, "γ defaults to 0.1");
    }

    @Test
    void multiStepDecayIsMultiStepLrSteppedPerEpoch() {
        Schedule s = make("multistep", Map.of("lr-milestones", "3, 5"), 100);
        // MultiStepLR closed form η·γ^bisect_right(milestones, epoch), γ = 0.1
        assertEquals(0.1, s.learningRate(29), TOL);
        assertEquals(0.01, s.learningRate(30), TOL);
        assertEquals(0.01, s.learningRate(49), TOL);
        assertEquals(0.001, s.learningRate(50), TOL);
        assertEquals(0.001, s.learningRate(99), TOL);
    }

    @Test
    void exponentialDecayIsExponentialLrSteppedPerEpoch() {
        Schedule s = make("exponential", Map.of("lr-gamma", "0.9"), 100);
        assertEquals(0.1, s.learningRate(9), TOL);
        assertEquals(0.09, s.learningRate(10), TOL);
        assertEquals(0.081, s.learningRate(25), TOL);
        assertEquals(0.1 * Math.pow(0.9, 9), s.learningRate(99), TOL);
    }

    @Test
    void cosineIsCosineAnnealingLrClosedFormPerUpdate() {
        Schedule s = make("cosine", Map.of("min-learning-rate", "0.001"), 100);
        // η_min + (η − η_min)(1 + cos(π·t/T))/2 with T = 100
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(0.0855017856687341, s.learningRate(25), TOL);
        assertEquals(0.0505, s.learningRate(50), TOL);
        assertEquals(0.001, s.learningRate(100), TOL);
        assertEquals(0.001, s.learningRate(150), TOL, "the minimum after the run");
        assertEquals(0.05, make("cosine", Map.of(), 100).learningRate(50), TOL, "η_min defaults to 0");
    }

    @Test
    void warmupIsLinearLrThenTheScheduleFromItsOwnStepZeroAsSequentialLr() {
        // 1 epoch (10 updates) of warm-up from 0.1·η, then cosine over the other 100 updates
        Schedule s = make("cosine", Map.of("warmup-epochs", "1", "min-learning-rate", "0.001"), 110);
        assertInstanceOf(LinearWarmup.class, s);
        assertEquals(0.01, s.learningRate(0), TOL); // η·f
        assertEquals(0.055, s.learningRate(5), TOL); // η·(0.1 + 0.9·5/10)
        assertEquals(0.091, s.learningRate(9), TOL);
        assertEquals(0.1, s.learningRate(10), TOL); // cosine's step 0
        assertEquals(0.0855017856687341, s.learningRate(35), TOL); // cosine's step 25 of 100
        assertEquals(0.001, s.learningRate(110), TOL);

        // half an epoch from 0.25·η before step decay, whose epochs count from the warm-up's end
        Schedule step = make("step", Map.of("warmup-epochs", "0.5", "warmup-start-factor", "0.25", "lr-step", "1"), 100);
        assertEquals(0.025, step.learningRate(0), TOL);
        assertEquals(0.085, step.learningRate(4), TOL); // η·(0.25 + 0.75·4/5)
        assertEquals(0.1, step.learningRate(5), TOL);
        assertEquals(0.1, step.learningRate(14), TOL);
        assertEquals(0.01, step.learningRate(15), TOL);

        Schedule constant = make("constant", Map.of("warmup-epochs", "0.2"), 100); // 2 updates
        assertEquals(0.01, constant.learningRate(0), TOL);
        assertEquals(0.055, constant.learningRate(1), TOL);
        assertEquals(0.1, constant.learningRate(2), TOL);
    }

    @Test
    void oneCycleIsOneCycleLrWithItsDefaults() {
        Schedule s = Schedules.create("onecycle", Map.of("max-learning-rate", "0.01", "cycle-momentum", "true"), 0.1, 100, 10);
        // initial 0.01/25, peak at update 0.3·100 − 1 = 29, final 0.0004/1e4
        assertEquals(0.0004, s.learningRate(0), TOL);
        assertEquals(0.002951639484641007, s.learningRate(10), TOL);
        assertEquals(0.01, s.learningRate(29), TOL);
        assertEquals(0.009994965352845242, s.learningRate(30), TOL);
        assertEquals(0.00793893450575732, s.learningRate(50), TOL);
        assertEquals(4e-8, s.learningRate(99), TOL);
        assertEquals(5.074647154757324e-06, s.learningRate(100), TOL, "PyTorch's last scheduler.step() is allowed");
        assertEquals("onecycle: update 101 is past the 100 the cycle was made for",
                assertThrows(IllegalArgumentException.class, () -> s.learningRate(101)).getMessage());
        // momentum inversely: 0.95 → 0.85 at the peak → 0.95
        assertEquals(0.95, s.momentum(0).getAsDouble(), TOL);
        assertEquals(0.9234204220349895, s.momentum(10).getAsDouble(), TOL);
        assertEquals(0.85, s.momentum(29).getAsDouble(), TOL);
        assertEquals(0.8500503466729342, s.momentum(30).getAsDouble(), TOL);
        assertEquals(0.8706107373853763, s.momentum(50).getAsDouble(), TOL);
        assertEquals(0.95, s.momentum(99).getAsDouble(), TOL);
        assertFalse(Schedules.create("onecycle", Map.of("max-learning-rate", "0.01"), 0.1, 100, 10).momentum(0).isPresent(),
                "cycle-momentum is off by default");
    }

    @Test
    void oneCycleWithOtherPhases() {
        // pct-start 0.5, div 10, final div 100 over 21 updates: peak at 9.5, so update 10 is in phase two
        Schedule s = Schedules.create("onecycle", Map.of("max-learning-rate", "1", "pct-start", "0.5", "div-factor", "10",
                "final-div-factor", "100"), 0.1, 21, 7);
        assertEquals(0.1, s.learningRate(0), TOL);
        assertEquals(1 + (0.1 - 1) / 2 * (Math.cos(Math.PI * 9 / 9.5) + 1), s.learningRate(9), TOL);
        assertEquals(0.001 + (1 - 0.001) / 2 * (Math.cos(Math.PI * 0.5 / 10.5) + 1), s.learningRate(10), TOL);
        assertEquals(0.001, s.learningRate(20), TOL);
    }

    @Test
    void applySetsTheOptimizersRateAndMomentum() {
        Optimizer adam = Optimizers.create("adam", Map.of());
        Schedule s = Schedules.create("onecycle", Map.of("max-learning-rate", "0.01", "cycle-momentum", "true"), 0.001, 100, 10);
        s.apply(adam, 29);
        assertEquals(0.01, adam.learningRate(), TOL);
        assertEquals(0.85, adam.momentum().getAsDouble(), TOL);
        assertEquals("0.9", adam.hyperparameters().get("beta1"));

        Optimizer sgd = Optimizers.create("sgd", Map.of());
        make("cosine", Map.of(), 100).apply(sgd, 50);
        assertEquals(0.05, sgd.learningRate(), TOL);
        assertEquals("sgd has neither momentum nor beta1 to set",
                assertThrows(UnsupportedOperationException.class, () -> s.apply(sgd, 0)).getMessage());
    }

    @Test
    void keysSayWhichScheduleTakesWhat() {
        assertEquals(List.of("constant", "step", "multistep", "exponential", "cosine", "onecycle"), Schedules.names().subList(0, 6));
        assertEquals(List.of("lr-schedule", "warmup-epochs", "warmup-start-factor", "lr-step", "lr-gamma"), keyNames("step"));
        assertEquals(List.of("lr-schedule", "warmup-epochs", "warmup-start-factor", "min-learning-rate"), keyNames("cosine"));
        assertEquals(List.of("lr-schedule", "max-learning-rate", "pct-start", "div-factor", "final-div-factor", "cycle-momentum"),
                keyNames("onecycle"));
        for (String name : Schedules.names().subList(0, 6)) {
            assertTrue(Schedules.KEYS.containsAll(Schedules.keys(name)), name + " takes only keys of the --help table");
        }
        assertEquals(Map.of("lr-schedule", "cosine", "warmup-epochs", "0", "warmup-start-factor", "0.1", "min-learning-rate", "0.001"),
                Schedules.effective("cosine", Map.of("min-learning-rate", "0.001")));
        assertEquals(Map.of("lr-schedule", "multistep", "warmup-epochs", "0", "warmup-start-factor", "0.1", "lr-milestones", "3,5",
                "lr-gamma", "0.1"), Schedules.effective("multistep", Map.of("lr-milestones", "3,5")));
    }

    private static List<String> keyNames(String schedule) {
        return Schedules.keys(schedule).stream().map(ScheduleKey::key).toList();
    }

    @Test
    void aUsersScheduleIsFoundByNameAndClassNameWithItsOwnKeys() {
        for (String name : List.of("halving", "com.example.optim.HalvingSchedule")) {
            Schedule s = make(name, Map.of("halve-every", "3", "warmup-epochs", "0"), 100);
            assertEquals(0.025, s.learningRate(6), TOL, name);
            assertEquals(List.of("lr-schedule", "warmup-epochs", "warmup-start-factor", "halve-every"), keyNames(name));
        }
        assertTrue(Schedules.names().contains("halving"));
        assertEquals("halving: lr-step does not apply; halving takes lr-schedule, warmup-epochs, warmup-start-factor, halve-every",
                assertThrows(IllegalArgumentException.class, () -> make("halving", Map.of("lr-step", "3", "halve-every", "3"), 100))
                        .getMessage());
    }

    private static String error(String name, Map<String, String> keys) {
        return assertThrows(IllegalArgumentException.class, () -> make(name, keys, 100)).getMessage();
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheKeyAndTheRange() {
        assertEquals("step: lr-gamma = -0.1 is outside (0, 1]", error("step", Map.of("lr-step", "2", "lr-gamma", "-0.1")));
        assertEquals("step: lr-step is required, whole epochs ≥ 1", error("step", Map.of()));
        assertEquals("step: lr-step = 0 is outside whole epochs ≥ 1", error("step", Map.of("lr-step", "0")));
        assertEquals("step: lr-step = '2.5' is not whole epochs ≥ 1", error("step", Map.of("lr-step", "2.5")));
        assertEquals("multistep: lr-milestones = 5,3 is outside whole epochs ≥ 1, comma-separated, increasing",
                error("multistep", Map.of("lr-milestones", "5,3")));
        assertEquals("multistep: lr-milestones = 3,3 is outside whole epochs ≥ 1, comma-separated, increasing",
                error("multistep", Map.of("lr-milestones", "3,3")));
        assertEquals("multistep: lr-milestones is required, whole epochs ≥ 1, comma-separated, increasing", error("multistep", Map.of()));
        assertEquals("exponential: lr-gamma is required, the factor per epoch in (0, 1], e.g. 0.9", error("exponential", Map.of()));
        assertEquals("exponential: lr-gamma = 1.5 is outside (0, 1]", error("exponential", Map.of("lr-gamma", "1.5")));
        assertEquals("cosine: warmup-epochs = 10 is outside [0, 10) epochs, the run's length", error("cosine", Map.of("warmup-epochs", "10")));
        assertEquals("cosine: warmup-epochs = -1 is outside [0, 10) epochs, the run's length", error("cosine", Map.of("warmup-epochs", "-1")));
        assertEquals("cosine: warmup-start-factor = 0 is outside (0, 1]", error("cosine", Map.of("warmup-start-factor", "0")));
        assertEquals("cosine: min-learning-rate = 0.2 is outside [0, 0.1], 0 up to the learning-rate",
                error("cosine", Map.of("min-learning-rate", "0.2")));
        assertEquals("cosine: min-learning-rate = 'low' is not a number", error("cosine", Map.of("min-learning-rate", "low")));
        assertEquals("onecycle: max-learning-rate is required, (0, ∞)", error("onecycle", Map.of()));
        assertEquals("onecycle: max-learning-rate = -1 is outside (0, ∞)", error("onecycle", Map.of("max-learning-rate", "-1")));
        assertEquals("onecycle: pct-start = 0.01 is outside [0, 1) but 1/100, for a run of 100 updates",
                error("onecycle", Map.of("max-learning-rate", "1", "pct-start", "0.01")));
        assertEquals("onecycle: pct-start = 1 is outside [0, 1) but 1/100, for a run of 100 updates",
                error("onecycle", Map.of("max-learning-rate", "1", "pct-start", "1")));
        assertEquals("onecycle: div-factor = 0 is outside (0, ∞)", error("onecycle", Map.of("max-learning-rate", "1", "div-factor", "0")));
        assertEquals("onecycle: cycle-momentum = 'yes' is not true or false",
                error("onecycle", Map.of("max-learning-rate", "1", "cycle-momentum", "yes")));
    }

    @Test
    void keysThatDoNotApplyAndUnknownNamesAreRefused() {
        assertEquals("cosine: lr-step does not apply; cosine takes lr-schedule, warmup-epochs, warmup-start-factor, min-learning-rate",
                error("cosine", Map.of("lr-step", "3")));
        assertEquals("onecycle: warmup-epochs does not apply; onecycle takes lr-schedule, max-learning-rate, pct-start, div-factor,"
                + " final-div-factor, cycle-momentum", error("onecycle", Map.of("max-learning-rate", "1", "warmup-epochs", "1")));
        assertEquals("constant: unknown key 'lr-stepp'; constant takes lr-schedule, warmup-epochs, warmup-start-factor",
                error("constant", Map.of("lr-stepp", "3")));
        assertTrue(error("cosin", Map.of()).startsWith("unknown lr-schedule 'cosin'; valid: constant, step, multistep, exponential,"
                + " cosine, onecycle"));
        assertTrue(error("com.example.NoSuchSchedule", Map.of()).startsWith("unknown lr-schedule 'com.example.NoSuchSchedule'"));
        assertEquals("lr-schedule = step contradicts the schedule asked for, cosine", error("cosine", Map.of("lr-schedule", "step")));
        assertEquals("cosine: lr-gamma does not apply; cosine takes lr-schedule, warmup-epochs, warmup-start-factor, min-learning-rate",
                assertThrows(IllegalArgumentException.class, () -> Schedules.create(Map.of("lr-schedule", "cosine", "lr-gamma", "0.5"),
                        0.1, 100, 10)).getMessage());
    }
}
