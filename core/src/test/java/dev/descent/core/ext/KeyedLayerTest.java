package dev.descent.core.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.core.KeySpec;
import dev.descent.core.Layer;
import dev.descent.core.Layers;
import dev.descent.core.layer.LeakyReLU;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layer provider's own key: where its value comes from (argument, key, default), its range, and which items get it. */
class KeyedLayerTest {

    /** Leaky ReLU whose slope is the key {@code slope} (default 0.2, in [0, 1)) or the item's argument. */
    public static final class Leaky implements Layers.LayerProvider {
        static final KeySpec SLOPE = new KeySpec("slope", 0.2, "[0, 1)", a -> a >= 0 && a < 1, "the negative side's slope");

        @Override
        public String name() {
            return "leaky";
        }

        @Override
        public List<KeySpec> keys() {
            return List.of(SLOPE);
        }

        @Override
        public Layer create(List<String> arguments) {
            return create(arguments, Map.of());
        }

        @Override
        public Layer create(List<String> arguments, Map<String, String> keys) {
            return new LeakyReLU(SLOPE.number(name(), arguments, 0, keys));
        }
    }

    private static final String LEAKY = Leaky.class.getName();

    private static double slope(Layer layer) {
        return Double.parseDouble(layer.toString().substring("leakyrelu:".length()));
    }

    @Test
    void theValueComesFromTheArgumentTheKeyOrTheDefault() {
        assertEquals(Map.of(LEAKY, List.of(Leaky.SLOPE)), Layers.keys("affine:10, " + LEAKY + ", relu, " + LEAKY + ":0.1, affine:2"));
        assertEquals(Map.of(), Layers.keys("affine:10, relu, " + Square.class.getName()), "built-ins and keyless layers declare none");
        List<Layer> layers = Layers.parse("affine:10, " + LEAKY + ", relu, " + LEAKY, Map.of("slope", "0.3", "other", "9"));
        assertEquals(0.3, slope(layers.get(1)), 0, "the key reaches every item of the plugin (other plugins' keys are not its)");
        assertEquals(0.3, slope(layers.get(3)), 0);
        assertEquals(0.1, slope(Layers.parse(LEAKY + ":0.1", Map.of("other", "9")).get(0)), 0, "an item's argument");
        assertEquals(0.2, slope(Layers.parse(LEAKY).get(0)), 0, "the default");
    }

    @Test
    void bothOrOutOfRangeAreRefusedNamingTheKey() {
        var both = assertThrows(IllegalArgumentException.class, () -> Layers.parse(LEAKY + ":0.1", Map.of("slope", "0.3")));
        assertEquals("layer spec item 1 '" + LEAKY + ":0.1': leaky: argument 1 '0.1' and slope = 0.3 both given; give one", both.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Layers.parse(LEAKY, Map.of("slope", "1")));
        assertEquals("layer spec item 1 '" + LEAKY + "': leaky: slope = 1 is outside [0, 1)", range.getMessage());
        var text = assertThrows(IllegalArgumentException.class, () -> Layers.parse(LEAKY, Map.of("slope", "steep")));
        assertEquals("layer spec item 1 '" + LEAKY + "': leaky: slope = 'steep' is not a number", text.getMessage());
    }
}
