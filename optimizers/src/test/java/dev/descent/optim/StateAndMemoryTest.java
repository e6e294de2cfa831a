package dev.descent.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Checkpoints resume exactly; the network's manager holds no more arrays after step 100 than after step 1. */
class StateAndMemoryTest {

    static List<String> names() {
        return Optimizers.names().subList(0, 9);
    }

    private static List<Parameter> parameters(NDManager manager) {
        Engines.seed(3);
        return List.of(new Parameter("0.affine.W", manager.randomNormal(new Shape(4, 3))),
                new Parameter("0.affine.b", manager.randomNormal(new Shape(3))));
    }

    /** The same gradients for a given step, whatever the run. */
    private static void setGradients(List<Parameter> params, NDManager it, int step) {
        for (Parameter p : params) {
            p.setGrad(it.arange(0f, (float) p.value().size()).reshape(p.value().getShape()).muli(0.37f).addi(step).sin());
        }
    }

    private static void steps(Optimizer o, List<Parameter> params, NDManager manager, int from, int to) {
        for (int step = from; step < to; step++) {
            try (NDManager it = manager.newSubManager()) {
                setGradients(params, it, step);
                o.step(params);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void exportedStateResumesExactly(String name) {
        Map<String, String> hyper = Map.of("weight-decay", "0.01", "clip-norm", "1");
        try (NDManager a = Engines.newManager(); NDManager b = Engines.newManager()) {
            List<Parameter> straight = parameters(a);
            Optimizer o = Optimizers.create(name, hyper);
            steps(o, straight, a, 0, 3);
            Map<String, NDArray> state = o.exportState();
            assertEquals(3L, state.get("step").getLong());
            long hyperState = state.keySet().stream().filter(k -> k.startsWith("hyper/")).count();
            assertEquals(o.momentum().isPresent() ? 2 : 1, hyperState, name + " exports its learning rate and momentum");
            assertEquals(state.size() - 1 - hyperState, ((AbstractOptimizer) o).slotCount(), name + " exports every slot");

            // a second network in another manager, with the weights at step 3 and the imported state
            List<Parameter> resumed = parameters(b);
            for (int i = 0; i < 2; i++) {
                straight.get(i).value().copyTo(resumed.get(i).value());
            }
            Optimizer fresh = Optimizers.create(name, hyper);
            fresh.importState(state, b);
            steps(o, straight, a, 3, 6);
            steps(fresh, resumed, b, 3, 6);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(straight.get(i).value().toFloatArray(), resumed.get(i).value().toFloatArray(), 0f, name);
            }
            assertEquals(6L, fresh.exportState().get("step").getLong());
        }
    }

    @Test
    void importRejectsStateOfAnotherOptimizer() {
        try (NDManager manager = Engines.newManager()) {
            Map<String, NDArray> state = new LinkedHashMap<>();
            state.put("w/v", manager.zeros(new Shape(2)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Optimizers.create("adagrad", Map.of()).importState(state, manager));
            assertEquals("adagrad: state key 'w/v' is neither step, hyper/learning-rate nor '<parameter>/<slot>' with a slot of h",
                    e.getMessage());
        }
    }

    @Test
    void importedStateOfTheWrongShapeIsAnErrorNamingIt() {
        try (NDManager manager = Engines.newManager()) {
            Optimizer adam = Optimizers.create("adam", Map.of());
            adam.importState(Map.of("w/m", manager.zeros(new Shape(3)), "step", manager.create(4L)), manager);
            Parameter w = new Parameter("w", manager.zeros(new Shape(2)));
            w.setGrad(manager.ones(new Shape(2)));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.step(List.of(w)));
            assertTrue(e.getMessage().startsWith("adam: state 'w/m' is float32(3)"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void liveArraysStayFlatOverOneHundredSteps(String name) {
        try (NDManager network = Engines.newManager()) {
            List<Parameter> params = parameters(network);
            Optimizer o = Optimizers.create(name, Map.of("weight-decay", "0.01", "clip-norm", "0.5"));
            steps(o, params, network, 0, 1);
            int afterFirst = network.getManagedArrays().size();
            o.exportState();
            steps(o, params, network, 1, 100);
            int exported = o.exportState().size() - ((AbstractOptimizer) o).slotCount();
            assertEquals(afterFirst + exported, network.getManagedArrays().size(), name + ": only the exported step and hyper/ arrays are new");
        }
    }

    @Test
    void aStepWithoutGradientsSaysSo() {
        try (NDManager manager = Engines.newManager()) {
            Parameter w = new Parameter("w", manager.zeros(new Shape(2)));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Momentum().step(List.of(w)));
            assertEquals("momentum: parameter w has no gradient; run backward first", e.getMessage());
        }
    }
}
