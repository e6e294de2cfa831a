package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.descent.core.ext.Scale;
import dev.descent.core.layer.Affine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ManagerExtension.class)
class ModelFileTest {
    private static final NDIndex ALL = new NDIndex("...");

    /** A few plain-gd steps in training mode, so parameters and BatchNorm's running statistics leave their initial values. */
    private static void train(Network net, NDArray x, NDArray t) {
        for (int i = 0; i < 5; i++) {
            try (NDManager it = net.manager().newSubManager()) {
                net.gradient(x.get(it, ALL), t.get(it, ALL));
                for (Parameter p : net.parameters()) {
                    p.value().subi(p.grad().mul(0.1));
                }
            }
        }
    }

    private static List<String> entries(Path npz) throws IOException {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            return zip.stream().map(ZipEntry::getName).sorted().toList();
        }
    }

    @Test
    void roundTripGivesIdenticalPredictionsAndNumpysLayout(@TempDir Path dir, NDManager manager) throws IOException {
        NDArray x = TestNets.uniform(manager, 5, 8, 6).toType(DataType.FLOAT32, false);
        NDArray t = TestNets.oneHot(manager, 8, 3);
        Path file = dir.resolve("model.npz");
        String spec = "affine:5, batchnorm, relu, affine:3";
        try (Network a = Network.builder().input(6).spec(spec).seed(1).build();
                Network b = Network.builder().input(6).spec(spec).seed(2).build()) {
            train(a, x, t);
            ModelFile.save(a, file);
            ModelFile.load(b, file);
            assertArrayEquals(a.predict(x).toFloatArray(), b.predict(x).toFloatArray(), 0f);
        }
        assertEquals(List.of("0.affine.W.npy", "0.affine.b.npy", "1.batchnorm.beta.npy", "1.batchnorm.gamma.npy",
                "1.batchnorm.running_mean.npy", "1.batchnorm.running_var.npy", "3.affine.W.npy", "3.affine.b.npy"), entries(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside the model");
        }
    }

    @Test
    void aUserLayerWithoutToStringSavesAndLoadsInAnotherManager(@TempDir Path dir, NDManager data, NDManager other) throws IOException {
        NDArray x = TestNets.uniform(data, 3, 4, 5).toType(DataType.FLOAT32, false);
        NDArray t = TestNets.oneHot(data, 4, 3);
        Path file = dir.resolve("model.npz");
        float[] predicted;
        try (Network a = Network.builder().input(5).add(new Affine(4)).add(new Scale()).add(new Affine(3)).seed(1).build()) {
            assertEquals(List.of("0.affine.W", "0.affine.b", "1.scale.g", "2.affine.W", "2.affine.b"),
                    a.parameters().stream().map(Parameter::name).toList());
            train(a, x, t);
            ModelFile.save(a, file);
            predicted = a.predict(x).toFloatArray();
        }
        // As `evaluate` does in a new process: a network built afresh, elsewhere, with other initial weights.
        try (Network b = Network.builder().input(5).add(new Affine(4)).add(new Scale()).add(new Affine(3)).seed(2)
                .manager(other).build()) {
            ModelFile.load(b, file);
            assertArrayEquals(predicted, b.predict(x).toFloatArray(), 0f);
        }
        assertTrue(entries(file).contains("1.scale.g.npy"), entries(file).toString());
    }

    @Test
    void errorsNameTheFileAndTheArray(@TempDir Path dir, NDManager manager) throws IOException {
        Path file = dir.resolve("model.npz");
        try (Network small = Network.builder().input(6).spec("affine:3").build();
                Network wide = Network.builder().input(6).spec("affine:4").build();
                Network deeper = Network.builder().input(6).spec("affine:3, relu, affine:3").build()) {
            ModelFile.save(small, file);
            IOException shape = assertThrows(IOException.class, () -> ModelFile.load(wide, file));
            assertEquals(file + ": array '0.affine.W' has shape (6, 3) but this network expects (6, 4)", shape.getMessage());
            IOException missing = assertThrows(IOException.class, () -> ModelFile.load(deeper, file));
            assertEquals(file + ": has no array '2.affine.W'; was it saved from a different model?", missing.getMessage());

            Path text = dir.resolve("notes.npz");
            Files.writeString(text, "not a zip");
            IOException unreadable = assertThrows(IOException.class, () -> ModelFile.load(small, text));
            assertTrue(unreadable.getMessage().startsWith(text + ": not a readable .npz model file"), unreadable.getMessage());
            assertTrue(assertThrows(IOException.class, () -> ModelFile.load(small, dir.resolve("absent.npz"))).getMessage()
                    .contains("absent.npz"));
        }
    }
}
