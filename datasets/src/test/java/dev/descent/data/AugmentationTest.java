package dev.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.ManagerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resampling by known maps (exact values), the random distortions' invariants, determinism, and bad specs. */
@ExtendWith(ManagerExtension.class)
class AugmentationTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0};

    /** A 3×3 image with pixel values 1..9 (row-major). */
    private static NDArray nine(NDManager manager) {
        return manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 9));
    }

    @Test
    void theIdentityMapReturnsTheImage(NDManager manager) {
        assertArrayEquals(nine(manager).toFloatArray(), Augmentation.warp(nine(manager), IDENTITY, null, 3, 3).toFloatArray());
    }

    @Test
    void aWholePixelTranslationShiftsColumnsAndFillsZeros(NDManager manager) {
        // source x = px − 1: the image moves one pixel right, the first column reads outside
        float[] out = Augmentation.warp(nine(manager), new double[] {1, 0, -1, 0, 1, 0}, null, 3, 3).toFloatArray();
        assertArrayEquals(new float[] {0, 1, 2, 0, 4, 5, 0, 7, 8}, out);
    }

    @Test
    void aQuarterTurnAboutTheCentreIsExact(NDManager manager) {
        // θ = 90°, s = 1, d = 0 about c = (1, 1): source x = py, source y = 2 − px
        float[] out = Augmentation.warp(nine(manager), new double[] {0, 1, 0, -1, 0, 2}, null, 3, 3).toFloatArray();
        assertArrayEquals(new float[] {7, 4, 1, 8, 5, 2, 9, 6, 3}, out);
    }

    @Test
    void halfAPixelAveragesNeighboursBilinearly(NDManager manager) {
        // source x = px + 0.5: the mean of each pixel and its right neighbour; the last column half of itself
        float[] out = Augmentation.warp(nine(manager), new double[] {1, 0, 0.5, 0, 1, 0}, null, 3, 3).toFloatArray();
        assertArrayEquals(new float[] {1.5f, 2.5f, 1.5f, 4.5f, 5.5f, 3f, 7.5f, 8.5f, 4.5f}, out, 1e-6f);
    }

    @Test
    void zeroMagnitudesLeaveTheBatchAsItIs(NDManager manager) {
        NDArray batch = manager.randomUniform(0, 1, new Shape(4, 1, 28, 28));
        NDArray out = Augmentation.parse("shift:0, rotate:0, scale:0, elastic:0:4").apply(batch, ImageShape.MNIST, 7);
        assertEquals(batch.getShape(), out.getShape());
        assertArrayEquals(batch.toFloatArray(), out.toFloatArray(), 1e-6f);
    }

    @Test
    void theSameKeyGivesTheSameBatchAndAnotherKeyAnother(NDManager manager) {
        NDArray batch = blobs(manager, 8);
        Augmentation a = Augmentation.parse("shift:2, rotate:10, scale:0.1, elastic:34:4");
        assertArrayEquals(a.apply(batch, ImageShape.MNIST, 11).toFloatArray(), a.apply(batch, ImageShape.MNIST, 11).toFloatArray());
        float[] other = a.apply(batch, ImageShape.MNIST, 12).toFloatArray();
        float[] first = a.apply(batch, ImageShape.MNIST, 11).toFloatArray();
        double diff = 0;
        for (int i = 0; i < first.length; i++) {
            diff += Math.abs(first[i] - other[i]);
        }
        assertTrue(diff > 1, "keys 11 and 12 gave nearly the same batch: " + diff);
    }

    @Test
    void shiftsMoveTheCentreOfMassByAtMostTheShiftAndRotationsKeepIt(NDManager manager) {
        NDArray batch = blobs(manager, 16);
        double[] before = centres(batch);
        double[] shifted = centres(Augmentation.parse("shift:2").apply(batch, ImageShape.MNIST, 3));
        double[] turned = centres(Augmentation.parse("rotate:30").apply(batch, ImageShape.MNIST, 3));
        double moved = 0;
        for (int i = 0; i < 16; i++) {
            double dx = shifted[2 * i] - before[2 * i];
            double dy = shifted[2 * i + 1] - before[2 * i + 1];
            assertTrue(Math.abs(dx) <= 2.01 && Math.abs(dy) <= 2.01, "image " + i + " moved (" + dx + ", " + dy + ")");
            moved += Math.hypot(dx, dy);
            // the blob sits at the centre, so turning about the centre keeps it there
            assertEquals(before[2 * i], turned[2 * i], 0.05);
            assertEquals(before[2 * i + 1], turned[2 * i + 1], 0.05);
        }
        assertTrue(moved / 16 > 0.5, "shift:2 moved the images by " + moved / 16 + " px on average");
    }

    @Test
    void elasticDistortionMovesInkLocallyAndKeepsItsAmount(NDManager manager) {
        NDArray batch = blobs(manager, 16);
        NDArray out = Augmentation.parse("elastic:34:4").apply(batch, ImageShape.MNIST, 5);
        float[] a = batch.toFloatArray();
        float[] b = out.toFloatArray();
        double inkBefore = 0;
        double inkAfter = 0;
        double changed = 0;
        for (int i = 0; i < a.length; i++) {
            inkBefore += a[i];
            inkAfter += b[i];
            changed += Math.abs(a[i] - b[i]);
            assertTrue(b[i] >= -1e-6 && b[i] <= 1 + 1e-6, "pixel " + i + " = " + b[i]);
        }
        assertEquals(1, inkAfter / inkBefore, 0.15);
        assertTrue(changed / inkBefore > 0.05, "elastic:34:4 changed only " + changed / inkBefore + " of the ink");
    }

    @Test
    void theChannelsOfAnImageMoveAlike(NDManager manager) {
        NDArray grey = blobs(manager, 4);
        NDArray rgb = grey.reshape(4, 1, 784).repeat(1, 3).reshape(4, 3 * 784); // three equal channels, stored C×H×W
        float[] out = Augmentation.parse("shift:2, rotate:10, elastic:34:4").apply(rgb, new ImageShape(28, 28, 3), 9).toFloatArray();
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < 784; p++) {
                assertEquals(out[i * 3 * 784 + p], out[i * 3 * 784 + 784 + p], 0, "image " + i + " pixel " + p);
                assertEquals(out[i * 3 * 784 + p], out[i * 3 * 784 + 2 * 784 + p], 0, "image " + i + " pixel " + p);
            }
        }
    }

    @Test
    void badSpecsNameTheItem() {
        assertEquals("'turn:3': unknown distortion; valid: shift:PIXELS, rotate:DEGREES, scale:FRACTION, elastic:ALPHA:SIGMA",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift:1, turn:3")).getMessage());
        assertEquals("'elastic:34': elastic takes 2 values (elastic:ALPHA:SIGMA, e.g. elastic:34:4)",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("elastic:34")).getMessage());
        assertEquals("'shift:-1': '-1' is not a number >= 0",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift:-1")).getMessage());
        assertEquals("scale:1.5 must be below 1 (the factor is drawn from [1 - scale, 1 + scale])",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("scale:1.5")).getMessage());
        assertEquals("'elastic:34:0': sigma must be > 0",
                assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("elastic:34:0")).getMessage());
    }

    /** k images 28×28 of a round blob at the centre. */
    private static NDArray blobs(NDManager manager, int k) {
        float[] pixels = new float[k * 784];
        for (int i = 0; i < k; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double r2 = (x - 13.5) * (x - 13.5) + (y - 13.5) * (y - 13.5);
                    pixels[i * 784 + y * 28 + x] = (float) Math.exp(-r2 / 18);
                }
            }
        }
        return manager.create(pixels, new Shape(k, 784));
    }

    /** Centre of mass (x, y) of each image. */
    private static double[] centres(NDArray batch) {
        float[] p = batch.toFloatArray();
        int k = p.length / 784;
        double[] c = new double[2 * k];
        for (int i = 0; i < k; i++) {
            double m = 0;
            for (int j = 0; j < 784; j++) {
                m += p[i * 784 + j];
                c[2 * i] += p[i * 784 + j] * (j % 28);
                c[2 * i + 1] += p[i * 784 + j] * (j / 28);
            }
            c[2 * i] /= m;
            c[2 * i + 1] /= m;
        }
        return c;
    }
}
