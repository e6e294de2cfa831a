package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.core.Layers;
import dev.descent.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in examples/configs parses, names a real optimizer with valid hyperparameters and a buildable model. */
class ShippedConfigsTest {

    @Test
    void everyShippedConfigIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "configs: " + files);
        for (Path file : files) {
            Config config = new Config(Config.TRAIN).load(file).check();
            if (config.string("standardize").equals("true")) { // train computes them from the training set
                config.set("standardize", "0.1307:0.3081");
            }
            Optimizers.create(config.string("optimizer"), config.hyperparameters());
            assertTrue(Layers.parse(Models.spec(config)).size() >= 1, file.toString());
        }
        for (String name : Optimizers.names()) {
            // newton, bfgs and lm build an n×n matrix (at most 1000 parameters): no MNIST network is that small
            if (!name.contains(".") && !List.of("newton", "bfgs", "lm").contains(name)) {
                assertTrue(Files.exists(Path.of("configs", name + ".properties")), "a config for " + name);
            }
        }
    }

    @Test
    void theTwoLayerNetConfigIsTheBooksRun() throws Exception {
        Config c = new Config(Config.TRAIN).load(Path.of("configs", "two-layer-net.properties")).check();
        assertEquals("affine:50, relu, affine:10", Models.spec(c));
        assertEquals("std:0.01", c.string("weight-init"));
        assertEquals(10000, c.integer("iterations"));
    }
}
