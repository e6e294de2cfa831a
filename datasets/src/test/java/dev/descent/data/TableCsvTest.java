package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.descent.core.ManagerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Regression tables: target columns by number, range, last:k and header name; bad data and bad specs, one line each. */
@ExtendWith(ManagerExtension.class)
class TableCsvTest {

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void targetsAreTheNamedColumnsAndFeaturesTheOthersInFileOrder(@TempDir Path dir) throws Exception {
        Path file = write(dir, "t.csv", "x0,x1,y0,y1\n1,2,3,4\n-5.5,6e-1,7,8\n");
        TableCsv.Content last = TableCsv.read(file, "last");
        assertEquals(3, last.featureCount());
        assertArrayEquals(new float[] {1, 2, 3, -5.5f, 0.6f, 7}, last.features());
        assertArrayEquals(new float[] {4, 8}, last.targets());
        assertEquals(List.of("y1"), last.targetNames());
        TableCsv.Content two = TableCsv.read(file, "last:2");
        assertArrayEquals(new float[] {1, 2, -5.5f, 0.6f}, two.features());
        assertArrayEquals(new float[] {3, 4, 7, 8}, two.targets());
        assertArrayEquals(two.targets(), TableCsv.read(file, "3-4").targets());
        assertArrayEquals(two.targets(), TableCsv.read(file, "y0, y1").targets());
        TableCsv.Content listed = TableCsv.read(file, "4,1"); // spec order
        assertArrayEquals(new float[] {4, 1, 8, -5.5f}, listed.targets());
        assertArrayEquals(new float[] {2, 3, 0.6f, 7}, listed.features());
        assertEquals(2, listed.rows());
        assertEquals(List.of("column 1"), TableCsv.read(write(dir, "n.csv", "1,2\n3,4\n"), "1").targetNames()); // no header
        assertEquals(4, TableCsv.count("1, 3-4, last"));
        assertEquals(3, TableCsv.count("last:2,y"));
    }

    @Test
    void badDataNamesFileRowAndColumn(@TempDir Path dir) throws Exception {
        Path ragged = write(dir, "r.csv", "1,2,3\n4,5\n");
        assertEquals(ragged + ": row 2: 2 columns, expected 3 (as the first row)",
                assertThrows(DataException.class, () -> TableCsv.read(ragged, "last")).getMessage());
        Path text = write(dir, "x.csv", "a,b\n1,2\n3,oops\n");
        assertEquals(text + ": row 3, column 2: 'oops' is not a finite number",
                assertThrows(DataException.class, () -> TableCsv.read(text, "last")).getMessage());
        Path nan = write(dir, "nan.csv", "1,NaN\n");
        assertEquals(nan + ": row 1, column 2: 'NaN' is not a finite number",
                assertThrows(DataException.class, () -> TableCsv.read(nan, "last")).getMessage());
        Path empty = write(dir, "e.csv", "a,b\n");
        assertEquals(empty + ": no data rows", assertThrows(DataException.class, () -> TableCsv.read(empty, "last")).getMessage());
        assertEquals(dir.resolve("missing.csv") + ": file not found",
                assertThrows(DataException.class, () -> TableCsv.read(dir.resolve("missing.csv"), "last")).getMessage());
    }

    @Test
    void aSpecThatDoesNotFitTheFileIsAnArgumentError(@TempDir Path dir) throws Exception {
        Path file = write(dir, "t.csv", "x,y\n1,2\n");
        assertEquals("target-columns item '3' is out of range: " + file + " has 2 columns; valid: columns 1-2, ranges a-b, last, last:k, "
                + "or a header name", assertThrows(IllegalArgumentException.class, () -> TableCsv.read(file, "3")).getMessage());
        assertEquals("target-columns item 'z' names no column of " + file + " (2 columns: x, y)",
                assertThrows(IllegalArgumentException.class, () -> TableCsv.read(file, "z")).getMessage());
        assertEquals("target-columns selects all 2 columns of " + file + "; at least one must stay a feature",
                assertThrows(IllegalArgumentException.class, () -> TableCsv.read(file, "1-2")).getMessage());
        assertEquals("target-columns names column 2 of " + file + " twice",
                assertThrows(IllegalArgumentException.class, () -> TableCsv.read(file, "2,y")).getMessage());
        assertEquals("target-columns item '0': columns are numbered from 1", assertThrows(IllegalArgumentException.class,
                () -> TableCsv.count("0")).getMessage());
        assertEquals("target-columns = '1,' has an empty item; give columns such as 3, 2-4, last, last:2",
                assertThrows(IllegalArgumentException.class, () -> TableCsv.count("1,")).getMessage());
    }

    @Test
    void aTableBatchesSplitsAndHasNoLabels(@TempDir Path dir, NDManager manager) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            csv.append(i).append(',').append(-i).append(',').append(i * 0.5).append('\n');
        }
        Path train = write(dir, "train.csv", csv.toString());
        try (TrainTest data = Datasets.loadTable(train, train, "last", manager)) {
            Dataset set = data.train();
            assertFalse(set.classification());
            assertEquals(10, set.size());
            assertEquals(2, set.features());
            try (NDManager it = manager.newSubManager()) {
                Batch b = set.batch(it, new int[] {3, 7}, true); // a table has no image view: asImages changes nothing
                assertArrayEquals(new float[] {3, -3, 7, -7}, b.x().toFloatArray());
                assertArrayEquals(new float[] {1.5f, 3.5f}, b.t().toFloatArray());
            }
            Dataset[] parts = set.split(0.3, 1);
            assertEquals(7, parts[0].size());
            assertEquals(3, parts[1].size());
            float[] x = parts[1].images().toFloatArray();
            float[] t = parts[1].targets().toFloatArray();
            for (int r = 0; r < 3; r++) {
                assertEquals(x[2 * r] * 0.5f, t[r], 0, "targets follow their rows into the split");
            }
            assertArrayEquals(new float[] {0, 0.5f, 1}, set.first(3).targets().toFloatArray());
            assertEquals("train.csv is a regression table: it has targets, not class labels",
                    assertThrows(IllegalStateException.class, set::labels).getMessage());
            assertEquals("train.csv is a regression table: it has target columns, not classes",
                    assertThrows(IllegalStateException.class, set::classes).getMessage());
            assertEquals("train.csv is a regression table: it has rows of features, not images",
                    assertThrows(IllegalStateException.class, set::imageShape).getMessage());
            assertEquals(List.of(), set.classNames());
        }
        Path narrow = write(dir, "narrow.csv", "1,2\n");
        assertEquals(narrow + ": 1 feature columns, but the training file " + train + " has 2",
                assertThrows(DataException.class, () -> Datasets.loadTable(train, narrow, "last", manager)).getMessage());
    }
}
