package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.descent.core.Engines;
import dev.descent.data.Dataset;
import dev.descent.data.ImageShape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Padding images: every pixel moves by the pad, the frame is 0, labels and names stay. */
class PaddedMnistTest {

    @Test
    void aFrameOfZerosAroundEveryImageAndChannel() {
        try (NDManager m = Engines.newManager()) {
            // two 2x3 images with 2 channels, stored H x W x C as in a file: value = 100·image + 10·(row·3 + column) + channel + 1
            ImageShape shape = new ImageShape(2, 3, 2);
            byte[] pixels = new byte[2 * shape.features()];
            for (int i = 0; i < 2; i++) {
                for (int p = 0; p < 6; p++) {
                    for (int c = 0; c < 2; c++) {
                        pixels[i * 12 + p * 2 + c] = (byte) (100 * i + 10 * p + c + 1);
                    }
                }
            }
            try (Dataset data = Dataset.of("tiny", List.of("a", "b"), shape, m, pixels, new int[] {1, 0});
                    Dataset padded = PaddedMnist.pad(data, 1, m)) {
                assertEquals(new ImageShape(4, 5, 2), padded.imageShape());
                assertArrayEquals(new int[] {1, 0}, padded.labels());
                assertEquals(List.of("a", "b"), padded.classNames());
                float[] chw = padded.images().toFloatArray(); // per image: channel, row, column of 4 x 5
                float sum = 0;
                for (float v : chw) {
                    sum += v * 255;
                }
                float original = 0;
                for (byte b : pixels) {
                    original += b & 0xff;
                }
                assertEquals(original, sum, 1e-2, "the frame adds only zeros");
                // image 1, channel 1, row 1 + 1, column 2 + 1: pixel p = 1·3 + 2 = 5 → 100 + 50 + 1 + 1 = 152
                assertEquals(152, Math.round(chw[40 + 20 + 2 * 5 + 3] * 255));
                assertEquals(0, chw[40 + 20 + 0 * 5 + 3]); // the top row is frame
                assertEquals(1, Math.round(chw[1 * 5 + 1] * 255)); // image 0, channel 0, the first pixel
            }
        }
    }
}
