package dev.descent.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.optim.schedule.ReduceLrOnPlateau.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The epochs of each cut on scripted metrics, worked out by hand from PyTorch's step() with threshold_mode 'abs'. */
class ReduceLrOnPlateauTest {

    // factor 0.5, patience 2, min-delta 0.01, cooldown 1, min-lr 0.02
    private static final double[] LOSSES = {
        1.0, 0.995, 0.999, 1.1, // 1: best; 2, 3: not 0.01 better (bad 1, 2); 4: bad 3 > 2 → cut to 0.05, cooldown 1
        1.2, 1.2, 1.2, 1.2,     // 5: cooldown, bad reset; 6, 7, 8: bad 1, 2, 3 → cut to 0.025
        0.5, 0.6, 0.6, 0.6,     // 9: best (cooldown); 10, 11, 12: bad 1, 2, 3 → 0.0125 clamped to min-lr 0.02
        0.6, 0.6, 0.6, 0.6,     // 13: cooldown; 14, 15, 16: bad 3 again, but 0.02 → 0.02 is no cut
        0.48, 0.5, Double.NaN, 0.5, // 17: 0.02 better; 18, 19 (NaN never better), 20: bad 3, still at the floor
    };

    /** The new rate per epoch (1-based), 0 where there is no cut; {@code from} onwards only. */
    private static Map<Integer, Double> run(ReduceLrOnPlateau plateau, double lr, int from, int to) {
        Map<Integer, Double> cuts = new LinkedHashMap<>();
        for (int epoch = from; epoch <= to; epoch++) {
            OptionalDouble cut = plateau.observe(LOSSES[epoch - 1], lr);
            if (cut.isPresent()) {
                lr = cut.getAsDouble();
                cuts.put(epoch, lr);
            }
        }
        return cuts;
    }

    private static ReduceLrOnPlateau scripted() {
        return new ReduceLrOnPlateau(Mode.MIN, 0.5, 2, 0.01, 1, 0.02);
    }

    @Test
    void cutsAfterPatienceWithCooldownAndTheMinimumRate() {
        assertEquals(Map.of(4, 0.05, 8, 0.025, 12, 0.02), run(scripted(), 0.1, 1, LOSSES.length));
    }

    @Test
    void stateRoundTripMidSequenceGivesTheSameLaterCuts() {
        ReduceLrOnPlateau first = scripted();
        run(first, 0.1, 1, 6); // cut at 4; at 6: bad 1
        Map<String, Double> state = first.exportState();
        assertEquals(Map.of("best", 1.0, "bad-epochs", 1.0, "cooldown-left", 0.0), state);
        ReduceLrOnPlateau resumed = scripted();
        resumed.importState(state);
        assertEquals(Map.of(8, 0.025, 12, 0.02), run(resumed, 0.05, 7, LOSSES.length));

        ReduceLrOnPlateau inCooldown = scripted();
        run(inCooldown, 0.1, 1, 4);
        ReduceLrOnPlateau fresh = scripted();
        fresh.importState(inCooldown.exportState());
        assertEquals(Map.of(8, 0.025, 12, 0.02), run(fresh, 0.05, 5, LOSSES.length), "the cooldown carries over");
        ReduceLrOnPlateau forgetful = scripted();
        forgetful.importState(Map.of()); // from epoch 7 without the state: 1.2 becomes the best, the cut at 8 is missed
        assertEquals(Map.of(12, 0.025, 16, 0.02), run(forgetful, 0.05, 7, LOSSES.length));
    }

    @Test
    void maxModeWithPyTorchsDefaults() {
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau(Mode.MAX); // factor 0.1, patience 10, min-delta 1e-4
        assertEquals(OptionalDouble.empty(), plateau.observe(0.90, 1));
        for (int epoch = 2; epoch <= 11; epoch++) {
            assertEquals(OptionalDouble.empty(), plateau.observe(0.90005, 1), "epoch " + epoch + ": within min-delta, bad " + (epoch - 1));
        }
        assertEquals(0.1, plateau.observe(0.85, 1).getAsDouble(), 1e-15, "the 11th bad epoch");
        assertEquals(OptionalDouble.empty(), plateau.observe(0.91, 0.1));
        assertEquals(0.91, plateau.exportState().get("best"));
    }

    @Test
    void badSettingsNameTheKey() {
        assertEquals("plateau: factor = 1 is outside (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLrOnPlateau(Mode.MIN, 1, 10, 0, 0, 0)).getMessage());
        assertEquals("plateau: patience = -1 is outside whole numbers ≥ 0",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLrOnPlateau(Mode.MIN, 0.1, -1, 0, 0, 0)).getMessage());
        assertEquals("plateau: min-lr = -0.001 is outside [0, ∞)",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLrOnPlateau(Mode.MIN, 0.1, 1, 0, 0, -0.001)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> scripted().importState(Map.of("bestest", 1.0)));
    }
}
