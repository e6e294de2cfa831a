package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.example.optim.SignDescent;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, defaults, validation messages, and users' optimizers found by name and by class name. */
class OptimizersRegistryTest {
    private static final List<String> BUILT_INS =
            List.of("gd", "sgd", "minibatch", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    @Test
    void everyAdvertisedNameResolvesToAnOptimizerOfThatName() {
        List<String> names = Optimizers.names();
        assertEquals(BUILT_INS, names.subList(0, BUILT_INS.size()));
        assertTrue(names.contains("signsgd"), "the ServiceLoader provider of the test sources is listed: " + names);
        for (String name : names) {
            assertEquals(name, Optimizers.create(name, Map.of()).name());
        }
    }

    @Test
    void defaultsAreTheBooks() {
        assertEquals(Map.of("learning-rate", "0.01", "weight-decay", "0", "clip-norm", "0"), Optimizers.create("sgd", null).hyperparameters());
        assertEquals("0.9", Optimizers.create("momentum", Map.of()).hyperparameters().get("momentum"));
        assertEquals(Map.of("learning-rate", "0.01", "epsilon", "0.0000001", "weight-decay", "0", "clip-norm", "0"),
                Optimizers.create("adagrad", Map.of()).hyperparameters());
        assertEquals(Map.of("learning-rate", "0.01", "decay-rate", "0.99", "epsilon", "0.0000001", "weight-decay", "0", "clip-norm", "0"),
                Optimizers.create("rmsprop", Map.of()).hyperparameters());
        assertEquals(Map.of("learning-rate", "0.001", "beta1", "0.9", "beta2", "0.999", "epsilon", "0.00000001",
                "weight-decay", "0", "clip-norm", "0"), Optimizers.create("adam", Map.of()).hyperparameters());
        assertEquals("0.01", Optimizers.create("adamw", Map.of()).hyperparameters().get("weight-decay"));
    }

    @Test
    void everyHyperparameterIsSettableAndWrittenBackAsGiven() {
        for (String name : BUILT_INS) {
            Map<String, String> changed = new LinkedHashMap<>();
            Optimizers.create(name, Map.of()).hyperparameters().keySet().forEach(k -> changed.put(k, "0.5"));
            Optimizer o = Optimizers.create(name, changed);
            assertEquals(changed, o.hyperparameters(), name);
            assertEquals(o.hyperparameters(), Optimizers.create(name, o.hyperparameters()).hyperparameters(), name);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "adam|beta1|1.5|adam: beta1 = 1.5 is outside [0, 1)",
        "adam|beta2|-0.1|adam: beta2 = -0.1 is outside [0, 1)",
        "sgd|learning-rate|0|sgd: learning-rate = 0 is outside (0, ∞)",
        "minibatch|learning-rate|-0.1|minibatch: learning-rate = -0.1 is outside (0, ∞)",
        "gd|learning-rate|NaN|gd: learning-rate = NaN is outside (0, ∞)",
        "adam|learning-rate|Infinity|adam: learning-rate = Infinity is outside (0, ∞)",
        "momentum|momentum|1|momentum: momentum = 1 is outside [0, 1)",
        "nesterov|momentum|-0.5|nesterov: momentum = -0.5 is outside [0, 1)",
        "adagrad|epsilon|-1e-7|adagrad: epsilon = -0.0000001 is outside [0, ∞)",
        "rmsprop|decay-rate|1.01|rmsprop: decay-rate = 1.01 is outside [0, 1)",
        "adamw|weight-decay|-0.01|adamw: weight-decay = -0.01 is outside [0, ∞)",
        "sgd|clip-norm|-1|sgd: clip-norm = -1 is outside [0, ∞)",
        "adam|beta1|fast|adam: beta1 = 'fast' is not a number",
    })
    void invalidValuesFailAtConstructionNamingOptimizerKeyValueAndRange(String name, String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(name, Map.of(key, value)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownKeyListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("adam", Map.of("mometum", "0.9")));
        assertEquals("adam: unknown hyperparameter 'mometum'; valid: learning-rate, beta1, beta2, epsilon, weight-decay, clip-norm",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("sgd", Map.of("momentum", "0.9")));
        assertEquals("sgd: unknown hyperparameter 'momentum'; valid: learning-rate, weight-decay, clip-norm", e.getMessage());
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adma", Map.of()));
        assertTrue(e.getMessage().startsWith("unknown optimizer 'adma'; valid: gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw"),
                e.getMessage());
    }

    @Test
    void samplesPerUpdate() {
        assertEquals(60000, Optimizers.create("gd", Map.of()).samplesPerUpdate(100, 60000));
        assertEquals(1, Optimizers.create("sgd", Map.of()).samplesPerUpdate(100, 60000));
        for (String name : BUILT_INS.subList(2, BUILT_INS.size())) {
            assertEquals(100, Optimizers.create(name, Map.of()).samplesPerUpdate(100, 60000), name);
        }
    }

    @Test
    void aUsersOptimizerIsFoundByNameProviderClassAndClassName() {
        for (String name : List.of("signsgd", "com.example.optim.SignDescentProvider", "com.example.optim.SignDescent")) {
            Optimizer o = Optimizers.create(name, Map.of("learning-rate", "0.5"));
            assertTrue(o instanceof SignDescent, name);
            try (NDManager manager = Engines.newManager()) {
                Parameter p = new Parameter("w", manager.create(new double[] {1, 1}));
                p.setGrad(manager.create(new double[] {-3, 0.2}));
                o.step(List.of(p));
                assertEquals(List.of(1.5, 0.5), List.of(p.value().getDouble(0), p.value().getDouble(1)), name);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("signsgd", Map.of("beta1", "0.9")));
        assertEquals("signsgd: unknown hyperparameter 'beta1'; valid: learning-rate, weight-decay, clip-norm", e.getMessage());
    }
}
