package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ManagerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One-hot labels, batches, the sampler's coverage and determinism, and the validation split. */
@ExtendWith(ManagerExtension.class)
class DatasetTest {
    private static final Fixtures DATA = new Fixtures(103, 10, 11);
    private static NDManager manager;
    private static TrainTest loaded;
    private static Dataset train;

    @BeforeAll
    static void setUp(@TempDir Path dir, NDManager classWide) {
        manager = classWide;
        loaded = Datasets.loadDirectory(DATA.writeTo(dir), manager);
        train = loaded.train();
    }

    @Test
    void oneHotRowsSumToOneWithTheOneAtTheLabel() {
        float[] oneHot = train.oneHot().toFloatArray();
        assertEquals(new Shape(103, 10), train.oneHot().getShape());
        for (int i = 0; i < 103; i++) {
            float sum = 0;
            for (int c = 0; c < 10; c++) {
                sum += oneHot[i * 10 + c];
            }
            assertEquals(1f, sum, 0f);
            assertEquals(1f, oneHot[i * 10 + DATA.trainLabels[i]], 0f);
            assertEquals(DATA.trainLabels[i], train.labels()[i]);
        }
    }

    @Test
    void shapesAndClassNames() {
        assertEquals(new Shape(103, 784), train.images().getShape());
        assertEquals(new Shape(103, 1, 28, 28), train.imageView().getShape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), train.classNames());
        assertEquals("Ankle boot", Datasets.classNames("fashion-mnist").get(9));
        assertEquals("T-shirt/top", Datasets.classNames("fashion-mnist").get(0));
        assertArrayEquals(new int[] {11, 11, 11, 10, 10, 10, 10, 10, 10, 10}, train.classCounts());
        assertThrows(IllegalArgumentException.class, () -> Datasets.classNames("cifar"));
    }

    @Test
    void batchGathersTheRequestedRowsIntoTheGivenManager() {
        int[] indices = {5, 0, 102, 5};
        int outside = manager.getManagedArrays().size();
        try (NDManager iteration = manager.newSubManager()) {
            Batch b = train.batch(iteration, indices, false);
            int perBatch = iteration.getManagedArrays().size();
            assertEquals(new Shape(4, 784), b.x().getShape());
            assertEquals(new Shape(4, 10), b.t().getShape());
            assertEquals(iteration, b.x().getManager());
            assertEquals(iteration, b.t().getManager());
            float[] x = b.x().toFloatArray();
            float[] t = b.t().toFloatArray();
            for (int k = 0; k < indices.length; k++) {
                int i = indices[k];
                assertEquals((DATA.trainPixels[i * 784 + 300] & 0xff) / 255f, x[k * 784 + 300], 0f);
                assertEquals(1f, t[k * 10 + DATA.trainLabels[i]], 0f);
            }
            Batch images = train.batch(iteration, indices, true);
            assertEquals(new Shape(4, 1, 28, 28), images.x().getShape());
            assertArrayEquals(x, images.x().toFloatArray());
            assertEquals(2 * perBatch + 1, iteration.getManagedArrays().size(), "every array of a batch (+ the image view) in the iteration's manager");
        }
        assertEquals(outside, manager.getManagedArrays().size(), "nothing left outside the iteration's manager");
        assertThrows(IndexOutOfBoundsException.class, () -> train.batch(manager, new int[] {103}, false));
    }

    @Test
    void batchesCoverEverySampleOncePerEpochKeepingTheLastPartialBatch() {
        Sampler sampler = train.sampler(10, 42, false);
        assertEquals(11, sampler.iterationsPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[103];
            List<Integer> sizes = new ArrayList<>();
            for (int it = 0; it < 11; it++) {
                assertEquals(epoch, sampler.epoch());
                int[] batch = sampler.next();
                sizes.add(batch.length);
                for (int i : batch) {
                    seen[i]++;
                }
            }
            int[] ones = new int[103];
            Arrays.fill(ones, 1);
            assertArrayEquals(ones, seen);
            assertEquals(3, sizes.get(10));
        }
    }

    @Test
    void dropLastDropsTheShortBatch() {
        Sampler sampler = train.sampler(10, 42, true);
        assertEquals(10, sampler.iterationsPerEpoch());
        Set<Integer> seen = new HashSet<>();
        for (int it = 0; it < 10; it++) {
            int[] batch = sampler.next();
            assertEquals(10, batch.length);
            for (int i : batch) {
                assertEquals(true, seen.add(i), "sample " + i + " twice in one epoch");
            }
        }
        assertEquals(100, seen.size());
        assertEquals(1, sampler.epoch());
    }

    @Test
    void sameSeedSameOrderDifferentSeedDifferentOrderNewPermutationEachEpoch() {
        Sampler a = train.sampler(7, 1234, false);
        Sampler b = train.sampler(7, 1234, false);
        Sampler c = train.sampler(7, 1235, false);
        int[] a0 = concat(a, 15);
        assertArrayEquals(a0, concat(b, 15));
        assertFalse(Arrays.equals(a0, concat(c, 15)));
        int[] a1 = concat(a, 15);
        assertFalse(Arrays.equals(a0, a1), "epoch 1 is a new permutation");
        assertArrayEquals(Sampler.permutation(103, 1234, 0), a0);
        assertArrayEquals(Sampler.permutation(103, 1234, 1), a1);
    }

    @Test
    void resumingAtAnEpochAndIterationReproducesTheUninterruptedOrder() {
        Sampler straight = train.sampler(10, 99, false);
        List<int[]> all = new ArrayList<>();
        for (int i = 0; i < 11 * 4; i++) {
            all.add(straight.next());
        }
        Sampler resumed = train.sampler(10, 99, false).seek(2, 6);
        for (int i = 2 * 11 + 6; i < all.size(); i++) {
            assertArrayEquals(all.get(i), resumed.next(), "batch " + i);
        }
        assertArrayEquals(all.get(3 * 11 + 2), train.sampler(10, 99, false).batch(3, 2));
        assertThrows(IllegalArgumentException.class, () -> train.sampler(10, 99, false).seek(0, 11));
    }

    @Test
    void gdTakesAllIndicesAndSgdOneSample() {
        Sampler gd = train.sampler(Long.MAX_VALUE, 1, false);
        assertEquals(true, gd.fullBatch());
        assertEquals(1, gd.iterationsPerEpoch());
        assertArrayEquals(Sampler.identity(103), gd.next());
        assertEquals(1, gd.epoch());
        assertArrayEquals(Sampler.identity(103), train.sampler(103, 1, false).next());

        Sampler sgd = train.sampler(1, 5, false);
        assertEquals(103, sgd.iterationsPerEpoch());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 103; i++) {
            int[] one = sgd.next();
            assertEquals(1, one.length);
            seen.add(one[0]);
        }
        assertEquals(103, seen.size());
        assertThrows(IllegalArgumentException.class, () -> train.sampler(0, 1, false));
    }

    @Test
    void liveArrayCountStaysFlatOverEpochsOfBatches() {
        int before = manager.getManagedArrays().size();
        Sampler sampler = train.sampler(16, 8, false);
        float labelSum = 0;
        for (int i = 0; i < 3 * sampler.iterationsPerEpoch(); i++) {
            try (NDManager iteration = manager.newSubManager()) {
                Batch b = train.batch(iteration, sampler.next(), i % 2 == 0);
                labelSum += b.t().sum().getFloat();
            }
        }
        assertEquals(3 * 103f, labelSum, 0f);
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void aDatasetMadeInCode() {
        byte[] pixels = new byte[2 * 784];
        pixels[784] = (byte) 255;
        pixels[1] = (byte) 51;
        try (Dataset d = Dataset.of("two", Datasets.classNames("mnist"), manager, pixels, new int[] {9, 0})) {
            float[] x = d.images().toFloatArray();
            assertEquals(0.2f, x[1], 0f);
            assertEquals(1f, x[784], 0f);
            assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                    d.oneHot().toFloatArray());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("bad", Datasets.classNames("mnist"), manager, pixels, new int[] {9, 10}));
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("bad", Datasets.classNames("mnist"), manager, new byte[783], new int[] {1}));
    }

    @Test
    void wholeSetAndSlices() {
        assertEquals(train.images(), train.all(false).x());
        assertEquals(train.imageView(), train.all(true).x());
        try (NDManager sub = manager.newSubManager()) {
            Batch rows = train.slice(sub, 100, 103, false);
            assertEquals(new Shape(3, 784), rows.x().getShape());
            assertEquals((DATA.trainPixels[101 * 784 + 5] & 0xff) / 255f, rows.x().toFloatArray()[784 + 5], 0f);
        }
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        Dataset[] a = train.split(0.2, 3);
        Dataset[] b = train.split(0.2, 3);
        Dataset[] c = train.split(0.2, 4);
        try {
            assertEquals(82, a[0].size());
            assertEquals(21, a[1].size());
            assertArrayEquals(a[1].labels(), b[1].labels());
            assertArrayEquals(a[1].images().toFloatArray(), b[1].images().toFloatArray());
            assertNotEquals(Arrays.toString(a[1].images().toFloatArray()), Arrays.toString(c[1].images().toFloatArray()));
            // every training row appears in exactly one part: compare multisets of (label, first pixels)
            List<String> parts = new ArrayList<>();
            for (Dataset d : a) {
                float[] x = d.images().toFloatArray();
                for (int i = 0; i < d.size(); i++) {
                    parts.add(d.labels()[i] + ":" + Arrays.toString(Arrays.copyOfRange(x, i * 784, i * 784 + 16)));
                }
            }
            float[] x = train.images().toFloatArray();
            List<String> whole = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                whole.add(train.labels()[i] + ":" + Arrays.toString(Arrays.copyOfRange(x, i * 784, i * 784 + 16)));
            }
            parts.sort(null);
            whole.sort(null);
            assertEquals(whole, parts);
            float[] oneHot = a[1].oneHot().toFloatArray();
            assertEquals(1f, oneHot[5 * 10 + a[1].labels()[5]], 0f);
            assertEquals("train/train", a[0].name().substring(a[0].name().length() - 11));
        } finally {
            for (Dataset[] pair : new Dataset[][] {a, b, c}) {
                pair[0].close();
                pair[1].close();
            }
        }
        assertThrows(IllegalArgumentException.class, () -> train.split(0, 1));
        assertThrows(IllegalArgumentException.class, () -> train.split(1, 1));
    }

    private static int[] concat(Sampler sampler, int batches) {
        return Arrays.stream(new int[batches]).flatMap(x -> Arrays.stream(sampler.next())).toArray();
    }
}
