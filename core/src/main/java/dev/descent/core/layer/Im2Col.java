package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The k×k windows of an N×C×H×W batch as one array: "Deep Learning from Scratch" §7.4's
 * {@code im2col} on whole arrays, one strided slice per kernel offset (i, j) — k² engine ops instead of
 * a loop over pixels. (Its adjoint, {@code col2im}, is the convolution in {@link Convolution}'s dL/dx.)
 *
 * <pre>
 *   im2col: cols[n, c, i·k + j, oh, ow] = xpad[n, c, oh·s + i, ow·s + j]      OH = (H + 2p − k)/s + 1
 * </pre>
 */
final class Im2Col {
    private Im2Col() {}

    /** Output height (or width) of a k-window sliding with stride s over an input padded by p. */
    static long outputSize(long in, int k, int stride, int pad) {
        return (in + 2L * pad - k) / stride + 1;
    }

    /** N×C×H×W → N×C×(k·k)×OH×OW. */
    static NDArray im2col(NDArray x, int k, int stride, int pad) {
        Shape s = x.getShape();
        long oh = outputSize(s.get(2), k, stride, pad);
        long ow = outputSize(s.get(3), k, stride, pad);
        NDArray xpad = pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), 0);
        NDList windows = new NDList(k * k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                windows.add(xpad.get(window(i, j, oh, ow, stride)));
            }
        }
        return NDArrays.stack(windows, 2);
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

    /** xpad[:, :, i : i + s·(OH−1) + 1 : s, j : j + s·(OW−1) + 1 : s]. */
    static NDIndex window(int i, int j, long oh, long ow, int stride) {
        return new NDIndex(":, :, {}:{}:{}, {}:{}:{}", i, i + stride * (oh - 1) + 1, stride, j, j + stride * (ow - 1) + 1, stride);
    }
}
