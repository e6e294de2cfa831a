package dev.descent.core.layer;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The k×k windows of an N×C×H×W batch as k² strided slices, one per window offset (i, j): the pooling
 * layers take a maximum or a mean over them with whole-array ops instead of a loop over pixels.
 * ("Deep Learning from Scratch" §7.4 stacks the same slices into {@code im2col}'s columns; {@link Convolution}
 * leaves that to the engine's convolution op.)
 *
 * <pre>
 *   window (i, j): x[n, c, oh·s + i, ow·s + j] over every (oh, ow),      OH = (H − k)/s + 1
 * </pre>
 */
final class Windows {
    private Windows() {}

    /** Output height (or width) of a k-window sliding with stride s over an input padded by p. */
    static long outputSize(long in, int k, int stride, int pad) {
        return (in + 2L * pad - k) / stride + 1;
    }

    /** The k² strided slices, one per window offset (i, j), row-major, of an unpadded N×C×H×W batch. */
    static List<NDIndex> windows(Shape xShape, int k, int stride) {
        long oh = outputSize(xShape.get(2), k, stride, 0);
        long ow = outputSize(xShape.get(3), k, stride, 0);
        List<NDIndex> all = new ArrayList<>(k * k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                all.add(window(i, j, oh, ow, stride));
            }
        }
        return all;
    }

    /** x[:, :, i : i + s·(OH−1) + 1 : s, j : j + s·(OW−1) + 1 : s]. */
    static NDIndex window(int i, int j, long oh, long ow, int stride) {
        return new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (oh - 1) + 1, stride, j, j + stride * (ow - 1) + 1, stride);
    }
}
