package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.descent.data.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a saved config tells evaluate and predict about the data: class names, image shape, class count. */
class DataLoadingTest {

    @Test
    void classNamesOfATrainedModel(@TempDir Path dir) throws IOException {
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), DataLoading.classNames(new Config(Config.TRAIN)));
        assertEquals("Ankle boot", DataLoading.classNames(new Config(Config.TRAIN).set("dataset", "fashion-mnist")).get(9));
        Path names = Files.writeString(dir.resolve("names.txt"), "cat\ndog\n");
        assertEquals(List.of("cat", "dog"), DataLoading.classNames(new Config(Config.TRAIN).set("dataset", "idx")
                .set("data-dir", dir.toString()).set("class-names", names.toString())));
        Config csv = new Config(Config.TRAIN).set("train-csv", "a.csv").set("test-csv", "b.csv").set("classes", "12");
        assertEquals(12, DataLoading.classNames(csv).size());
        assertEquals("11", DataLoading.classNames(csv).get(11));
    }

    @Test
    void aDatasetPropertiesFileMakesADirectoryAnIdxSet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(DataLoading.DIRECTORY_PROPERTIES), "classes = 26\nimage-shape = 32x32\n");
        Config config = new Config(Config.TRAIN).set("data-dir", dir.toString());
        assertEquals(DataLoading.IDX, DataLoading.dataset(config));
        assertEquals(26, Models.classes(config));
        assertEquals(new ImageShape(32, 32, 1), Models.imageShape(config));
        assertEquals("26", config.effective().get("classes"), "recorded in config.properties");

        Config flags = new Config(Config.TRAIN).set("data-dir", dir.toString()).set("classes", "30");
        DataLoading.dataset(flags);
        assertEquals(30, Models.classes(flags), "a key given by the user wins over dataset.properties");
        assertEquals("mnist", DataLoading.dataset(new Config(Config.TRAIN).set("dataset", "mnist").set("data-dir", dir.toString())),
                "a dataset given by name stays that data set");

        Files.writeString(dir.resolve(DataLoading.DIRECTORY_PROPERTIES), "classes = many\n");
        ConfigException e = assertThrows(ConfigException.class, () -> DataLoading.dataset(new Config(Config.TRAIN).set("data-dir", dir.toString())));
        assertEquals(dir.resolve(DataLoading.DIRECTORY_PROPERTIES) + ": classes = 'many' is not an integer (expected >= 1)", e.getMessage());
    }
}
