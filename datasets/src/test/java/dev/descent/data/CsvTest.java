package dev.descent.data;

import static dev.descent.data.IdxTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.descent.core.ManagerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CSV in the "label, 784 pixels" layout: exact round trip, optional header, and bad rows. */
@ExtendWith(ManagerExtension.class)
class CsvTest {
    private static final Fixtures DATA = new Fixtures(30, 12, 5);
    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(NDManager classWide) {
        manager = classWide;
    }

    @Test
    void exportThenImportRoundTripsExactly() throws IOException {
        try (TrainTest idx = Datasets.loadDirectory(DATA.writeTo(dir.resolve("idx")), manager)) {
            Path train = dir.resolve("out/train.csv");
            Path test = dir.resolve("out/test.csv");
            Datasets.writeCsv(idx.train(), train);
            Datasets.writeCsv(idx.test(), test);
            List<String> lines = Files.readAllLines(train);
            assertEquals(31, lines.size());
            assertEquals("label,pixel0,pixel1,", lines.get(0).substring(0, 20));
            assertEquals(785, lines.get(1).split(",").length);
            assertEquals(DATA.trainLabels[0] + "," + (DATA.trainPixels[0] & 0xff) + "," + (DATA.trainPixels[1] & 0xff),
                    String.join(",", List.of(lines.get(1).split(",")).subList(0, 3)));
            try (TrainTest csv = Datasets.loadCsv(train, test, manager)) {
                assertArrayEquals(idx.train().images().toFloatArray(), csv.train().images().toFloatArray());
                assertArrayEquals(idx.test().images().toFloatArray(), csv.test().images().toFloatArray());
                assertArrayEquals(idx.train().labels(), csv.train().labels());
                assertArrayEquals(idx.test().labels(), csv.test().labels());
                assertArrayEquals(idx.test().oneHot().toFloatArray(), csv.test().oneHot().toFloatArray());
            }
            try (TrainTest noTemp = Datasets.loadCsv(train, test, manager)) {
                assertEquals(1, Files.list(dir.resolve("out")).count() - 1, "only the two CSV files, no temporaries");
                assertEquals(12, noTemp.test().size());
            }
        }
    }

    @Test
    void headerIsOptional() throws IOException {
        Path withHeader = write("h.csv", "label,pixel0\n" + row(3, 0) + "\n" + row(4, 255) + "\n");
        Path without = write("n.csv", row(3, 0) + "\n" + row(4, 255) + "\n");
        try (Dataset a = Datasets.readCsv(withHeader, manager); Dataset b = Datasets.readCsv(without, manager)) {
            assertArrayEquals(new int[] {3, 4}, a.labels());
            assertArrayEquals(a.labels(), b.labels());
            assertArrayEquals(a.images().toFloatArray(), b.images().toFloatArray());
            assertEquals(1f, a.images().toFloatArray()[784 + 783], 0f);
        }
    }

    @Test
    void wrongNumberOfColumnsNamesTheRow() throws IOException {
        Path file = write("bad.csv", "label,x\n" + row(1, 2) + "\n" + row(1, 2) + ",7\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(file, manager)),
                "bad.csv", "row 3", "786 columns", "expected 785");
    }

    @Test
    void nonIntegerCellNamesRowAndColumn() throws IOException {
        Path file = write("bad.csv", row(1, 2) + "\n" + row(1, 2).replaceFirst(",2,2,", ",2,x1,") + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(file, manager)),
                "bad.csv", "row 2", "column 3", "'x1' is not an integer");
        Path decimal = write("dec.csv", row(1, 2).replaceFirst(",2,", ",0.5,") + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(decimal, manager)),
                "dec.csv", "row 1", "column 2", "'0.5'");
    }

    @Test
    void cellOutsideByteRangeIsRefused() throws IOException {
        Path file = write("bad.csv", row(1, 2) + "\n" + row(1, 2) + "\n" + row(1, 256) + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(file, manager)),
                "bad.csv", "row 3", "column 2", "256 is outside 0-255");
        Path negative = write("neg.csv", row(1, 2).replaceFirst(",2,", ",-1,") + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(negative, manager)),
                "neg.csv", "row 1", "column 2", "'-1'");
    }

    @Test
    void labelOutsideDigitsIsRefused() throws IOException {
        Path file = write("bad.csv", row(10, 2) + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(file, manager)),
                "bad.csv", "row 1", "label 10", "outside 0-9");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefused() throws IOException {
        Path empty = write("empty.csv", "");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(empty, manager)), "empty.csv", "empty");
        Path header = write("header.csv", "label,pixel0\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.readCsv(header, manager)),
                "header.csv", "no data rows");
        Path test = write("test.csv", row(1, 1) + "\n");
        assertMessage(assertThrows(DataException.class, () -> Datasets.loadCsv(test, dir.resolve("absent.csv"), manager)),
                "absent.csv", "not found");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String row(int label, int pixel) {
        return label + (("," + pixel).repeat(784));
    }
}
