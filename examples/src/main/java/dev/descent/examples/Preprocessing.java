package dev.descent.examples;

import dev.descent.data.DataException;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A user's picture made into what an MNIST model saw in training (LeCun et al.'s recipe):
 * <ol>
 *   <li>grayscale (luminance 0.299 r + 0.587 g + 0.114 b, transparent pixels over white);</li>
 *   <li>ink = 1 − luminance on a light background (the median of the border above ½), else luminance;
 *       the background's ink is subtracted and the rest stretched so the darkest stroke is 1;</li>
 *   <li>crop to the bounding box of the ink (pixels above {@value #INK});</li>
 *   <li>scale (area averaging) so the longer side is {@code box} pixels (20 of 28 for MNIST), keeping the aspect ratio;</li>
 *   <li>place in a {@code side}×{@code side} field with the centre of mass at pixel (side/2, side/2) (MNIST), or the box centred
 *       ({@code centreOfMass} false: Fashion-MNIST, whose items fill the field);</li>
 *   <li>scale to [0, 1] (the brightest pixel 1).</li>
 * </ol>
 * {@code predict} and the dashboard's canvas use this one class.
 */
public final class Preprocessing {
    /** Ink (0-1, after stretching) below which a pixel counts as background for the bounding box. */
    static final double INK = 0.1;
    /** Least contrast between the background and the strongest ink; below it the image is blank. */
    static final double CONTRAST = 0.1;

    private final int side;
    private final int box;
    private final boolean centreOfMass;

    public Preprocessing(int side, int box, boolean centreOfMass) {
        if (side < 1 || box < 1 || box > side) {
            throw new IllegalArgumentException("preprocessing needs 1 <= box <= side, got box " + box + ", side " + side);
        }
        this.side = side;
        this.box = box;
        this.centreOfMass = centreOfMass;
    }

    /** For a data set's models with square inputs of {@code side}: MNIST's 20-of-28 box and centre of mass, Fashion-MNIST's full field. */
    public static Preprocessing forDataset(String dataset, int side) {
        return dataset.equals("fashion-mnist") ? new Preprocessing(side, side, false)
                : new Preprocessing(side, Math.max(1, (int) Math.round(side * 20 / 28.0)), true);
    }

    public int side() {
        return side;
    }

    /** {@code side}² pixels in [0, 1], row by row, ink bright; {@code name} goes into the error of a blank image. */
    public float[] apply(BufferedImage image, String name) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] gray = new double[w * h];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < gray.length; i++) {
            int p = argb[i];
            double alpha = (p >>> 24) / 255.0;
            double luminance = (0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255)) / 255;
            gray[i] = alpha * luminance + (1 - alpha);
        }
        return apply(gray, w, h, name);
    }

    /** The same from grayscale values in [0, 1] (1 = white), row by row. */
    public float[] apply(double[] gray, int w, int h, String name) {
        double background = borderMedian(gray, w, h);
        boolean light = background > 0.5;
        double[] ink = new double[gray.length];
        double max = 0;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, light ? background - gray[i] : gray[i] - background);
            max = Math.max(max, ink[i]);
        }
        if (max < CONTRAST) {
            throw new DataException(name + ": blank image (no stroke differs from the background by " + (int) (CONTRAST * 100) + "%)");
        }
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ink[y * w + x] /= max;
                if (ink[y * w + x] > INK) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        int cw = x1 - x0 + 1;
        int ch = y1 - y0 + 1;
        double[] crop = new double[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(ink, (y + y0) * w + x0, crop, y * cw, cw);
        }
        double scale = (double) box / Math.max(cw, ch);
        int sw = Math.max(1, (int) Math.round(cw * scale));
        int sh = Math.max(1, (int) Math.round(ch * scale));
        return place(resize(crop, cw, ch, sw, sh), sw, sh);
    }

    /**
     * Area averaging: each output pixel is the mean of the input area it covers (fractional pixels weighted by
     * their overlap), one axis after the other. On plain numbers, so no colour-space conversion touches the ink.
     */
    static double[] resize(double[] in, int w, int h, int nw, int nh) {
        double[] rows = new double[nw * h];
        for (int y = 0; y < h; y++) {
            resample(in, y * w, 1, w, rows, y * nw, 1, nw);
        }
        double[] out = new double[nw * nh];
        for (int x = 0; x < nw; x++) {
            resample(rows, x, nw, h, out, x, nw, nh);
        }
        return out;
    }

    /** One line of {@code n} values (from {@code from}, every {@code step}) averaged onto {@code m} values. */
    private static void resample(double[] in, int from, int step, int n, double[] out, int to, int outStep, int m) {
        double ratio = (double) n / m;
        for (int j = 0; j < m; j++) {
            double a = j * ratio;
            double b = (j + 1) * ratio;
            double sum = 0;
            for (int i = (int) a; i < Math.min(n, Math.ceil(b)); i++) {
                sum += in[from + i * step] * (Math.min(b, i + 1) - Math.max(a, i));
            }
            out[to + j * outStep] = sum / ratio;
        }
    }

    /** The scaled ink in the field: its centre of mass (or its box's centre) on the field's centre, brightest pixel 1. */
    private float[] place(double[] scaled, int sw, int sh) {
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double v = scaled[y * sw + x];
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        // MNIST's centre of mass sits at pixel index (14, 14) of 28 (measured: mean (14.01, 13.99) over the test set); half a
        // pixel off (13.5) cost an MLP 3 points of accuracy on the stored digits themselves.
        int dx = (int) Math.round(centreOfMass && mass > 0 ? side / 2.0 - mx / mass : (side - sw) / 2.0);
        int dy = (int) Math.round(centreOfMass && mass > 0 ? side / 2.0 - my / mass : (side - sh) / 2.0);
        float[] out = new float[side * side];
        float max = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int tx = x + dx;
                int ty = y + dy;
                if (tx >= 0 && tx < side && ty >= 0 && ty < side) {
                    out[ty * side + tx] = (float) scaled[y * sw + x];
                    max = Math.max(max, out[ty * side + tx]);
                }
            }
        }
        for (int i = 0; i < out.length && max > 0; i++) {
            out[i] /= max;
        }
        return out;
    }

    /** Median of the outermost pixels: the background's level. */
    private static double borderMedian(double[] gray, int w, int h) {
        double[] border = new double[2 * w + 2 * Math.max(0, h - 2)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            border[n++] = gray[x];
            if (h > 1) {
                border[n++] = gray[(h - 1) * w + x];
            }
        }
        for (int y = 1; y < h - 1; y++) {
            border[n++] = gray[y * w];
            if (w > 1) {
                border[n++] = gray[y * w + w - 1];
            }
        }
        double[] used = Arrays.copyOf(border, n);
        Arrays.sort(used);
        return used[n / 2];
    }

    /** Pixels in [0, 1] as an 8-bit grayscale image, ink white on black like MNIST (for {@code --save-input}). */
    public static BufferedImage toImage(float[] pixels, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            image.getRaster().setSample(i % side, i / side, 0, Math.round(255 * pixels[i]));
        }
        return image;
    }
}
