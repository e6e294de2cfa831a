package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import dev.descent.core.ext.Scale;
import dev.descent.core.ext.Square;
import dev.descent.core.layer.Affine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter names come from a layer's position and {@link Layer#name()}, never from {@code toString}. */
class LayerNamesTest {

    private static List<String> names(Network net) {
        List<Parameter> all = net.parameters();
        all.addAll(net.buffers());
        return all.stream().map(Parameter::name).toList();
    }

    @Test
    void builtInParameterNamesAreTheOnesSavedModelsHold() {
        try (Network cnn = Network.builder().input(1, 8, 8)
                .spec("conv:2:3, batchnorm, relu, maxpool:2, avgpool:1, flatten, dropout:0.5, affine:4, leakyrelu:0.1, tanh, "
                        + "sigmoid, identity, affine:3")
                .build()) {
            assertEquals(List.of("0.conv.W", "0.conv.b", "1.batchnorm.gamma", "1.batchnorm.beta", "7.affine.W", "7.affine.b",
                    "12.affine.W", "12.affine.b", "1.batchnorm.running_mean", "1.batchnorm.running_var"), names(cnn));
        }
    }

    @Test
    void aUserLayerIsNamedByItsLowerCaseClassName() {
        assertEquals("square", new Square().name());
        try (Network net = Network.builder().input(3).add(new Scale()).add(new Square()).add(new Affine(2)).build()) {
            assertEquals(List.of("0.scale.g", "2.affine.W", "2.affine.b"), names(net));
        }
    }

    /** A layer with a chosen name, and no parameters. */
    private record Named(String name) implements Layer {
        @Override
        public NDArray forward(NDArray x, boolean training) {
            return x;
        }

        @Override
        public NDArray backward(NDArray dout) {
            return dout;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "my.layer", "my/layer", "my layer", "tab\there"})
    void theBuilderRefusesANameThatCannotBeAPartOfAParameterName(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().input(3).add(new Affine(2)).add(new Named(name)).build());
        assertEquals("layer 1 (" + Named.class.getName() + ") is named '" + name
                + "': a layer name must be non-blank, without '.', '/' or whitespace (override Layer.name())", e.getMessage());
    }

    @Test
    void anAnonymousLayerMustNameItself() {
        Layer anonymous = new Layer() {
            @Override
            public NDArray forward(NDArray x, boolean training) {
                return x;
            }

            @Override
            public NDArray backward(NDArray dout) {
                return dout;
            }
        };
        assertEquals("", anonymous.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Network.builder().add(anonymous).build());
        assertEquals("layer 0", e.getMessage().substring(0, 7));
    }
}
