package dev.descent.data;

import static dev.descent.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Data sets other than MNIST: image shapes and class counts from IDX headers, CSV widths and a {@link DataSpec}. */
@ExtendWith(ManagerExtension.class)
class ShapesTest {
    private static final ImageShape SHAPE = new ImageShape(32, 20, 1);

    @TempDir
    Path dir;

    /** Four IDX files of {@code shape}: {@code train} + {@code test} images, label i = i mod {@code classes}. */
    private Path idx(String name, ImageShape shape, int train, int test, int classes) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        SplittableRandom random = new SplittableRandom(7);
        for (String[] half : new String[][] {{Fixtures.TRAIN_IMAGES, Fixtures.TRAIN_LABELS, "" + train},
                {Fixtures.TEST_IMAGES, Fixtures.TEST_LABELS, "" + test}}) {
            int n = Integer.parseInt(half[2]);
            byte[] pixels = new byte[n * shape.features()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) random.nextInt(256);
            }
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (byte) (i % classes);
            }
            Files.write(d.resolve(half[0]), Idx.imageFile(shape, pixels));
            Files.write(d.resolve(half[1]), Fixtures.gzip(Idx.labelFile(labels)));
        }
        return d;
    }

    @Test
    void shapeAndClassesComeFromTheIdxFiles(NDManager manager) throws IOException {
        try (TrainTest t = Datasets.loadIdx(idx("letters", SHAPE, 60, 13, 26), DataSpec.NONE, manager)) {
            assertEquals(SHAPE, t.train().imageShape());
            assertEquals(26, t.train().classes());
            assertEquals(26, t.test().classes()); // the test half holds labels 0-12 only: K comes from both halves
            assertEquals("25", t.test().classNames().get(25));
            assertEquals(new Shape(60, 640), t.train().images().getShape());
            assertEquals(new Shape(60, 1, 32, 20), t.train().imageView().getShape());
            assertEquals(new Shape(13, 26), t.test().oneHot().getShape());
            try (NDManager sub = manager.newSubManager()) {
                Batch b = t.train().batch(sub, new int[] {3, 29}, true);
                assertEquals(new Shape(2, 1, 32, 20), b.x().getShape());
                assertEquals(new Shape(2, 26), b.t().getShape());
                assertEquals(1f, b.t().getFloat(1, 3)); // sample 29: label 29 mod 26 = 3
            }
            int[] counts = t.train().classCounts(); // labels i mod 26 of 60 samples: 0-7 three times, 8-25 twice
            assertEquals(26, counts.length);
            assertArrayEquals(new int[] {3, 2, 2}, new int[] {counts[7], counts[8], counts[25]});
        }
    }

    @Test
    void writtenIdxFilesReadBackExactly(NDManager manager) throws IOException {
        try (TrainTest t = Datasets.loadIdx(idx("original", SHAPE, 12, 5, 26), DataSpec.NONE, manager)) {
            Path copy = dir.resolve("copy");
            Datasets.writeIdx(t, copy);
            assertArrayEquals(Files.readAllBytes(dir.resolve("original").resolve(Fixtures.TRAIN_IMAGES)),
                    Files.readAllBytes(copy.resolve(Fixtures.TRAIN_IMAGES)));
            try (TrainTest back = Datasets.loadIdx(copy, DataSpec.NONE, manager)) {
                assertArrayEquals(t.test().labels(), back.test().labels());
                assertArrayEquals(t.test().images().toFloatArray(), back.test().images().toFloatArray());
                assertEquals(12, back.train().classes()); // 12 training images, labels 0-11
            }
        }
    }

    @Test
    void givenClassesAndNamesWin(NDManager manager) throws IOException {
        Path d = idx("digits", SHAPE, 20, 10, 5);
        try (TrainTest t = Datasets.loadIdx(d, new DataSpec(null, 7, null), manager)) {
            assertEquals(7, t.train().classes());
            assertEquals(new Shape(20, 7), t.train().oneHot().getShape());
        }
        List<String> names = List.of("a", "b", "c", "d", "e");
        try (TrainTest t = Datasets.loadIdx(d, DataSpec.named(names), manager)) {
            assertEquals(names, t.test().classNames());
        }
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadIdx(d, new DataSpec(null, 4, null), manager)),
                Fixtures.TRAIN_LABELS, "byte offset 12", "label 4 of sample 4", "outside 0-3", "classes = 4");
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadIdx(d, new DataSpec(new ImageShape(28, 28, 1), 0, null),
                manager)), Fixtures.TRAIN_IMAGES, "32x20", "image-shape is 28x28");
    }

    @Test
    void aColourHeaderWithOneChannelIsReadFromItsOwnHeaderLength() {
        // magic 2052 (count, rows, columns, channels = 1): 20 header bytes, then the pixels 1, 2, 3, 4
        java.nio.ByteBuffer file = java.nio.ByteBuffer.allocate(24).putInt(Idx.COLOUR_IMAGE_MAGIC).putInt(1).putInt(2).putInt(2).putInt(1)
                .put(new byte[] {1, 2, 3, 4});
        Idx.Images images = Idx.images("one-channel", file.position(0));
        assertEquals(new ImageShape(2, 2, 1), images.shape());
        byte[] pixels = new byte[4];
        images.pixels().get(pixels);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, pixels);
    }

    @Test
    void channelsLastInTheFileBecomeChannelsFirst(NDManager manager) throws IOException {
        ImageShape rgb = new ImageShape(2, 3, 3);
        byte[] pixels = new byte[rgb.features()];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                for (int ch = 0; ch < 3; ch++) {
                    pixels[(r * 3 + c) * 3 + ch] = (byte) (100 * ch + 10 * r + c); // H x W x C in the file
                }
            }
        }
        try (Dataset d = Dataset.of("rgb", List.of("x"), rgb, manager, pixels, new int[] {0})) {
            float[] chw = d.images().toFloatArray();
            assertEquals(18, chw.length);
            assertEquals(212 / 255f, chw[2 * 6 + 1 * 3 + 2], 1e-7f); // channel 2, row 1, column 2
            assertEquals(101 / 255f, chw[1 * 6 + 0 * 3 + 1], 1e-7f); // channel 1, row 0, column 1
            assertEquals(new Shape(1, 3, 2, 3), d.imageView().getShape());
            Path csv = dir.resolve("rgb.csv");
            Datasets.writeCsv(d, csv); // written back H x W x C, as read
            assertEquals("0,0,100,200,1,101,201,2,102,202,10,110,210,11,111,211,12,112,212", Files.readAllLines(csv).get(1));
            try (Dataset back = Datasets.readCsv(csv, new DataSpec(rgb, 1, null), manager)) {
                assertArrayEquals(chw, back.images().toFloatArray());
            }
        }
        Path d = Files.createDirectories(dir.resolve("colour"));
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), Idx.imageFile(rgb, pixels));
        Files.write(d.resolve(Fixtures.TEST_IMAGES), Idx.imageFile(rgb, pixels));
        Files.write(d.resolve(Fixtures.TRAIN_LABELS), Idx.labelFile(new byte[1]));
        Files.write(d.resolve(Fixtures.TEST_LABELS), Idx.labelFile(new byte[1]));
        try (TrainTest t = Datasets.loadIdx(d, DataSpec.NONE, manager)) {
            assertEquals(rgb, t.train().imageShape());
            assertEquals(212 / 255f, t.train().images().getFloat(0, 2 * 6 + 1 * 3 + 2), 1e-7f);
        }
    }

    @Test
    void anIdxHeaderThatDoesNotMatchItsSizeNamesTheOffset(NDManager manager) throws IOException {
        Path d = idx("lying", SHAPE, 4, 2, 2);
        byte[] file = Idx.imageFile(SHAPE, new byte[4 * SHAPE.features()]);
        file[11] = 33; // rows 33, not 32: the header announces 4 x 660 bytes, 640 fewer than there are... more
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), file);
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadIdx(d, DataSpec.NONE, manager)),
                Fixtures.TRAIN_IMAGES, "truncated at byte offset 2576", "4 images of 33x20", "2656 bytes", "image 3 is incomplete");
        file[11] = 31;
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), file);
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadIdx(d, DataSpec.NONE, manager)),
                Fixtures.TRAIN_IMAGES, "byte offset 2496", "80 bytes follow the 4 images of 31x20");
        file[11] = 0;
        Files.write(d.resolve(Fixtures.TRAIN_IMAGES), file);
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadIdx(d, DataSpec.NONE, manager)),
                Fixtures.TRAIN_IMAGES, "byte offset 8", "0x20x1");
    }

    @Test
    void csvOfAnyWidth(NDManager manager) throws IOException {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        Files.writeString(train, row(3, 1024, 7) + row(11, 1024, 0));
        Files.writeString(test, "label,p0\n" + row(1, 1024, 255));
        try (TrainTest t = Datasets.loadCsv(train, test, DataSpec.NONE, manager)) {
            assertEquals(new ImageShape(32, 32, 1), t.train().imageShape());
            assertEquals(12, t.train().classes()); // largest label 11
            assertEquals(1f, t.test().images().getFloat(0, 1023));
        }
        Files.writeString(train, row(0, 1000, 1) + row(1, 1000, 2));
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(train, DataSpec.NONE, manager)),
                "train.csv", "row 1", "1000 pixel values are not a square image", "image-shape");
        try (Dataset d = Datasets.readCsv(train, new DataSpec(ImageShape.parse("20x50"), 0, null), manager)) {
            assertEquals(new Shape(2, 1, 20, 50), d.imageView().getShape());
        }
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(train, new DataSpec(ImageShape.MNIST, 0, null), manager)),
                "train.csv", "row 1", "1000 pixel values", "image-shape 28x28 takes 784");
        Files.writeString(train, row(0, 1024, 1) + row(1, 1024, 2) + row(1, 784, 2));
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(train, DataSpec.NONE, manager)),
                "train.csv", "row 3", "785 columns, expected 1025", "32x32", "as in row 1");
        Files.writeString(train, row(0, 784, 1));
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadCsv(train, test, DataSpec.NONE, manager)),
                "test.csv", "images are 32x32", "train.csv are 28x28");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(test, new DataSpec(null, 1, null), manager)),
                "test.csv", "row 2, column 1", "label 1 is outside 0-0 (classes = 1)");
    }

    @Test
    void imageShapesParse() {
        assertEquals(new ImageShape(28, 28, 1), ImageShape.parse("28x28"));
        assertEquals(new ImageShape(32, 24, 3), ImageShape.parse(" 32 x 24 x 3 "));
        assertEquals("32x24x3", new ImageShape(32, 24, 3).toString());
        assertEquals("28x28", ImageShape.MNIST.toString());
        assertEquals(new ImageShape(5, 5, 1), ImageShape.square(25));
        assertNull(ImageShape.square(24));
        assertThrows(IllegalArgumentException.class, () -> ImageShape.parse("28"));
        assertThrows(IllegalArgumentException.class, () -> ImageShape.parse("0x28"));
        assertThrows(IllegalArgumentException.class, () -> ImageShape.parse("65536x65536"));
    }

    @Test
    void classNamesFromAFile() throws IOException {
        Path names = dir.resolve("letters.txt");
        Files.writeString(names, "A\n B \n\nC\n");
        assertEquals(List.of("A", "B", "C"), Datasets.readClassNames(names));
        assertMessage(assertThrows(DataException.class, () -> Datasets.readClassNames(dir.resolve("absent.txt"))), "absent.txt", "not found");
        assertThrows(IllegalArgumentException.class, () -> new DataSpec(null, 4, List.of("A", "B", "C")));
    }

    private static String row(int label, int pixels, int value) {
        StringBuilder s = new StringBuilder().append(label);
        for (int i = 0; i < pixels; i++) {
            s.append(',').append(value);
        }
        return s.append('\n').toString();
    }
}
