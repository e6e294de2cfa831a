package dev.descent.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of one image: {@code rows x columns x channels} (MNIST: 28 x 28 x 1). In a {@link Dataset}
 * an image is stored channel-major, C x H x W, flattened to {@link #features()} values; files that
 * hold several channels (IDX with 4 dimensions, CSV with an {@code image-shape} of three numbers) keep
 * them last, H x W x C, as numpy does, and are transposed once when they are loaded.
 */
public record ImageShape(int rows, int columns, int channels) {
    /** MNIST's and Fashion-MNIST's 28 x 28 grey images. */
    public static final ImageShape MNIST = new ImageShape(28, 28, 1);
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})\\s*(?:[xX×]\\s*(\\d{1,9})\\s*)?");

    public ImageShape {
        if (rows < 1 || columns < 1 || channels < 1 || (long) rows * columns * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape " + rows + "x" + columns + "x" + channels
                    + " is not valid: each size must be at least 1 and an image at most 2^31-1 values");
        }
    }

    /** {@code "28x28"} (one channel) or {@code "32x32x3"} (rows x columns x channels). */
    public static ImageShape parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an image shape; write ROWSxCOLUMNS or ROWSxCOLUMNSxCHANNELS, e.g. 28x28");
        }
        return new ImageShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
    }

    /** The square grey image of {@code features} pixels, or null when {@code features} is not a square. */
    public static ImageShape square(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        return features > 0 && side * side == features ? new ImageShape(side, side, 1) : null;
    }

    /** Values per image: rows x columns x channels. */
    public int features() {
        return rows * columns * channels;
    }

    /** The engine's shape of one image: C x H x W. */
    public long[] chw() {
        return new long[] {channels, rows, columns};
    }

    @Override
    public String toString() {
        return rows + "x" + columns + (channels == 1 ? "" : "x" + channels);
    }
}
