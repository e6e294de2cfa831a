package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.descent.core.ManagerExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** IDX files, raw and gzip, and every kind of bad IDX input. */
@ExtendWith(ManagerExtension.class)
class IdxTest {
    private static NDManager manager;
    private static final Fixtures DATA = new Fixtures(50, 20, 7);

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(NDManager classWide) {
        manager = classWide;
    }

    @Test
    void rawAndGzipLoadIdentically() {
        Path raw = DATA.writeTo(dir.resolve("raw"));
        Path gz = DATA.writeTo(dir.resolve("gz"), Fixtures.TRAIN_IMAGES, Fixtures.TRAIN_LABELS, Fixtures.TEST_IMAGES,
                Fixtures.TEST_LABELS);
        Path mixed = DATA.writeTo(dir.resolve("mixed"), Fixtures.TRAIN_IMAGES, Fixtures.TEST_LABELS);
        try (TrainTest a = Datasets.loadDirectory(raw, manager); TrainTest b = Datasets.loadDirectory(gz, manager);
                TrainTest c = Datasets.loadDirectory(mixed, manager)) {
            assertEquals(50, a.train().size());
            assertEquals(20, a.test().size());
            float[] expected = a.train().images().toFloatArray();
            assertArrayEquals(expected, b.train().images().toFloatArray());
            assertArrayEquals(expected, c.train().images().toFloatArray());
            assertArrayEquals(a.test().images().toFloatArray(), b.test().images().toFloatArray());
            assertArrayEquals(a.train().labels(), b.train().labels());
            assertArrayEquals(a.test().labels(), c.test().labels());
            // pixel byte b becomes b / 255 exactly as float32 division gives it
            for (int i : new int[] {0, 1, 783, 784, 50 * 784 - 1}) {
                assertEquals((DATA.trainPixels[i] & 0xff) / 255f, expected[i], 0f);
            }
            assertEquals(DATA.testLabels[19], a.test().labels()[19]);
        }
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), Fixtures.gzip(DATA.file(Fixtures.TRAIN_IMAGES)));
        try (TrainTest t = Datasets.loadDirectory(d, manager)) {
            assertEquals(50, t.train().size());
            assertEquals((DATA.trainPixels[100] & 0xff) / 255f, t.train().images().toFloatArray()[100], 0f);
        }
    }

    @Test
    void wrongMagicNumberNamesFileAndOffset() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), DATA.file(Fixtures.TRAIN_LABELS));
        DataException e = assertLoadFails(d);
        assertMessage(e, Fixtures.TRAIN_IMAGES, "byte offset 0", "magic number 2049", "expected 2051");
    }

    @Test
    void truncatedImageFileIsRefused() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        byte[] full = DATA.file(Fixtures.TEST_IMAGES);
        Files.write(d.resolve(Fixtures.TEST_IMAGES), Arrays.copyOf(full, full.length - 100));
        DataException e = assertLoadFails(d);
        assertMessage(e, Fixtures.TEST_IMAGES, "truncated at byte offset " + (full.length - 100), "image 19");
    }

    @Test
    void truncatedGzipImageFileIsRefused() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"), Fixtures.TRAIN_IMAGES);
        Path gz = d.resolve(Fixtures.TRAIN_IMAGES + ".gz");
        byte[] full = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(full, full.length / 2));
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_IMAGES + ".gz", "truncated gzip");
    }

    @Test
    void truncatedLabelFileIsRefused() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        byte[] full = DATA.file(Fixtures.TRAIN_LABELS);
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), Arrays.copyOf(full, full.length - 3));
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_LABELS, "truncated at byte offset " + (full.length - 3),
                "50 labels", "only 47");
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), Arrays.copyOf(full, 6));
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_LABELS, "truncated at byte offset 6", "header");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), Idx.labelFile(Arrays.copyOf(DATA.trainLabels, 49)));
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_IMAGES, Fixtures.TRAIN_LABELS, "50 images", "49 labels");
    }

    @Test
    void bothHalvesMustHaveOneImageSize() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        int n = DATA.testLabels.length;
        Files.write(d.resolve(Fixtures.TEST_IMAGES), Idx.imageFile(new ImageShape(27, 27, 1), new byte[n * 27 * 27]));
        assertMessage(assertLoadFails(d), Fixtures.TEST_IMAGES, "byte offset 8", "27x27", "28x28", Fixtures.TRAIN_IMAGES);
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        byte[] labels = DATA.testLabels.clone();
        labels[13] = 10;
        Files.write(d.resolve(Fixtures.TEST_LABELS), Fixtures.gzip(Idx.labelFile(labels)));
        assertMessage(assertLoadFails(d), Fixtures.TEST_LABELS, "byte offset 21", "label 10", "sample 13");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), new byte[0]);
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_LABELS, "empty file");
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), Fixtures.gzip(new byte[0]));
        assertMessage(assertLoadFails(d), Fixtures.TRAIN_LABELS, "empty file");
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        byte[] full = DATA.file(Fixtures.TEST_IMAGES);
        Files.write(d.resolve(Fixtures.TEST_IMAGES), Arrays.copyOf(full, full.length + 5));
        assertMessage(assertLoadFails(d), Fixtures.TEST_IMAGES, "byte offset " + full.length, "5 bytes follow");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.delete(d.resolve(Fixtures.TEST_LABELS));
        assertMessage(assertLoadFails(d), "no " + Fixtures.TEST_LABELS);
    }

    @Test
    void aFailedLoadLeavesNoArraysBehind() throws IOException {
        Path d = DATA.writeTo(dir.resolve("d"));
        Files.write(d.resolve(Fixtures.TEST_LABELS), new byte[] {0, 0, 8});
        try (NDManager sub = manager.newSubManager()) {
            assertThrows(DataException.class, () -> Datasets.loadDirectory(d, sub));
            assertEquals(0, sub.getManagedArrays().size());
        }
    }

    private DataException assertLoadFails(Path d) {
        return assertThrows(DataException.class, () -> Datasets.loadDirectory(d, manager));
    }

    static void assertMessage(Exception e, String... parts) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "message should contain '" + part + "': " + message);
        }
    }
}
