package dev.descent.core.layer;

import ai.djl.ndarray.types.Shape;

/** The shape rule shared by {@link MaxPooling} and {@link AveragePooling}. */
final class Pooling {
    private Pooling() {}

    /** (C, H, W) → (C, OH, OW) with OH = (H − size)/stride + 1; names the shapes when the window does not fit. */
    static Shape outputShape(String name, Shape in, int size, int stride) {
        if (in.dimension() != 3) {
            throw new IllegalArgumentException(name + " expects input (C,H,W), got " + in);
        }
        if (size > in.get(1) || size > in.get(2)) {
            throw new IllegalArgumentException(name + " window " + size + "×" + size + " is larger than the input " + in.get(1)
                    + "×" + in.get(2) + " (input " + in + ")");
        }
        return new Shape(in.get(0), Windows.outputSize(in.get(1), size, stride, 0), Windows.outputSize(in.get(2), size, stride, 0));
    }
}
