package dev.descent.core.ext;

import ai.djl.ndarray.NDArray;
import dev.descent.core.Loss;
import dev.descent.core.layer.SpecArgs;
import java.util.List;

/**
 * A user-written loss, outside Descent's own packages, found by its class name with an optional weight
 * argument ({@code dev.descent.core.ext.AbsoluteError:2}):
 * L = w · (1/N) · Σₙₖ |yₙₖ − tₙₖ|,  dL/dy = w · sign(y − t) / N.
 */
public final class AbsoluteError implements Loss {
    private final double weight;
    private NDArray diff;
    private long n;

    public AbsoluteError(List<String> arguments) {
        weight = SpecArgs.doubleArg("AbsoluteError", arguments, 0, 1);
    }

    @Override
    public NDArray forward(NDArray y, NDArray t) {
        Loss.checkShapes("AbsoluteError", y, t);
        n = Loss.batchSize(y);
        diff = y.sub(t);
        return diff.abs().sum().muli(weight / n);
    }

    @Override
    public NDArray backward() {
        return diff.sign().muli(weight / n);
    }
}
