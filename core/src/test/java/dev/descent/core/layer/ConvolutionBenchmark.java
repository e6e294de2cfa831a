package dev.descent.core.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.descent.core.Engines;
import dev.descent.core.Layer;
import dev.descent.core.LayerContext;
import dev.descent.core.init.WeightInit;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Forward + backward time per batch of the SimpleConvNet shapes (batch 100, 1×28×28, 30 filters
 * 5×5, max-pool 2×2/2) and of fast.properties' second convolution (24 → 32 channels, 3×3, 12×12).
 * A benchmark, not a test (surefire skips it by name). From the repository root:
 * <pre>
 *   mvn -q -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java [-Ddescent.threads=1] -cp core/target/classes:core/target/test-classes:$(cat /tmp/cp.txt) \
 *       dev.descent.core.layer.ConvolutionBenchmark [iterations=200] [FLOAT32|FLOAT64]
 * </pre>
 */
public final class ConvolutionBenchmark {
    private ConvolutionBenchmark() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        DataType type = args.length > 1 ? DataType.valueOf(args[1]) : DataType.FLOAT32;
        try (NDManager manager = Engines.newManager()) {
            for (int round = 0; round < 2; round++) {
                report("conv 1→30 5×5", time(manager, type, () -> new Convolution(30, 5, 1, 0), new Shape(1, 28, 28), iterations));
                report("conv 24→32 3×3", time(manager, type, () -> new Convolution(32, 3, 1, 0), new Shape(24, 12, 12), iterations));
                report("maxpool 2/2", time(manager, type, () -> new MaxPooling(2, 2), new Shape(30, 24, 24), iterations));
                report("avgpool 2/2", time(manager, type, () -> new AveragePooling(2, 2), new Shape(30, 24, 24), iterations));
            }
        }
    }

    private static void report(String name, double[] ms) {
        System.out.printf("%-16s forward %7.3f ms  backward %7.3f ms  total %7.3f ms per batch of 100 (medians)%n", name, ms[0], ms[1], ms[0] + ms[1]);
    }

    /** Median forward and backward times (ms) over {@code iterations} batches, after as many warm-up batches. */
    private static double[] time(NDManager manager, DataType type, Supplier<Layer> make, Shape in, int iterations) {
        Layer layer = make.get();
        try (NDManager params = manager.newSubManager()) {
            Shape out = layer.build(in, new LayerContext(params, type, WeightInit.HE, new SplittableRandom(1)));
            double[] forward = new double[iterations];
            double[] backward = new double[iterations];
            for (int i = 0; i < 2 * iterations; i++) {
                try (NDManager it = params.newSubManager()) {
                    NDArray x = it.randomNormal(new Shape(100).addAll(in)).toType(type, false);
                    NDArray dout = it.randomNormal(new Shape(100).addAll(out)).toType(type, false);
                    long t0 = System.nanoTime();
                    layer.forward(x, true).toType(type, false).getShape();
                    long t1 = System.nanoTime();
                    NDArray dx = layer.backward(dout);
                    dx.getShape();
                    if (!layer.parameters().isEmpty()) {
                        layer.parameters().get(0).grad().getShape();
                    }
                    long t2 = System.nanoTime();
                    if (i >= iterations) {
                        forward[i - iterations] = (t1 - t0) / 1e6;
                        backward[i - iterations] = (t2 - t1) / 1e6;
                    }
                }
            }
            java.util.Arrays.sort(forward);
            java.util.Arrays.sort(backward);
            return new double[] {forward[iterations / 2], backward[iterations / 2]};
        }
    }
}
