package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.data.DataException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** MNIST-style preprocessing against hand-computed fields. */
class PreprocessingTest {
    private static final Preprocessing MNIST = Preprocessing.forDataset("mnist", 28);

    private static BufferedImage image(int w, int h, Color background, Color ink, int x, int y, int rw, int rh) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.setColor(ink);
        g.fillRect(x, y, rw, rh);
        g.dispose();
        return image;
    }

    /**
     * A 40×10 bar drawn black on a white 100×60 image: cropped, scaled by 20/40 to 20×5 (all ink), its centre of mass
     * (9.5, 2) moved to MNIST's (14, 14): shift (round(4.5) = 5, 12), so columns 5-24 of rows 12-16 are 1, the rest 0.
     */
    @Test
    void barIsCroppedScaledToTwentyAndCentredByMass() {
        float[] field = MNIST.apply(image(100, 60, Color.WHITE, Color.BLACK, 30, 20, 40, 10), "bar");
        float[] expected = new float[784];
        for (int y = 12; y <= 16; y++) {
            for (int x = 5; x <= 24; x++) {
                expected[y * 28 + x] = 1;
            }
        }
        assertArrayEquals(expected, field, 0f);
    }

    @Test
    void darkInkOnLightColourTransparentAndWhiteOnBlackGiveTheSameField() {
        float[] reference = MNIST.apply(image(100, 60, Color.BLACK, Color.WHITE, 30, 20, 40, 10), "white on black");
        assertArrayEquals(reference, MNIST.apply(image(100, 60, new Color(255, 250, 200), new Color(20, 20, 90), 30, 20, 40, 10), "blue on cream"), 0f);
        assertArrayEquals(reference, MNIST.apply(image(100, 60, new Color(0, 0, 0, 0), Color.BLACK, 30, 20, 40, 10), "transparent"), 0f);
    }

    /**
     * Two blocks of ink 1 and 0.4 on a 40×40 black image; halved to 5×5 blocks at (0-4, 0-4) and (15-19, 15-19).
     * Centre of mass per axis: (1·2 + 0.4·17) / 1.4 = 6.286, so the shift is round(14 − 6.286) = 8: blocks at 8-12
     * (value 1) and 23-27 (value 0.4).
     */
    @Test
    void centreOfMassWeighsTheInk() {
        double[] gray = new double[40 * 40];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                gray[y * 40 + x] = x < 10 && y < 10 ? 1 : x >= 30 && y >= 30 ? 0.4 : 0;
            }
        }
        float[] field = MNIST.apply(gray, 40, 40, "blocks");
        float[] expected = new float[784];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                expected[(y + 8) * 28 + x + 8] = 1;
                expected[(y + 23) * 28 + x + 23] = 0.4f;
            }
        }
        assertArrayEquals(expected, field, 1e-6f);
    }

    /** Fashion-MNIST: the 40×10 bar fills the width (28×7) and its box is centred: rows round((28 − 7) / 2) = 11 (to 17), columns 0-27. */
    @Test
    void fashionFillsTheFieldAndCentresTheBox() {
        float[] field = Preprocessing.forDataset("fashion-mnist", 28).apply(image(100, 60, Color.WHITE, Color.BLACK, 30, 20, 40, 10), "bar");
        double sum = 0;
        for (int i = 0; i < 784; i++) {
            sum += field[i];
        }
        assertEquals(28 * 7, sum, 1e-4);
        assertEquals(1f, field[11 * 28], 0f);
        assertEquals(1f, field[17 * 28 + 27], 0f);
        assertEquals(0f, field[10 * 28], 0f);
        assertEquals(0f, field[18 * 28], 0f);
    }

    @Test
    void blankOrFaintImageIsRefusedByName() {
        DataException e = assertThrows(DataException.class,
                () -> MNIST.apply(image(50, 50, Color.WHITE, new Color(250, 250, 250), 10, 10, 20, 20), "empty.png"));
        assertTrue(e.getMessage().startsWith("empty.png: blank image"), e.getMessage());
    }
}
