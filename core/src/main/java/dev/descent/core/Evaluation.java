package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A network judged on many samples: correct count, accuracy, mean loss and confusion matrix. All run in
 * evaluation mode (no dropout; BatchNorm's running statistics) over chunks of rows, each chunk's arrays
 * in a sub-manager of the input's manager closed as soon as the chunk is counted.
 */
public final class Evaluation {
    /** Elements of the largest per-sample layer output times rows per chunk: 2²¹, 8 MB in FLOAT32. */
    private static final long BUDGET = 1L << 21;

    private Evaluation() {}

    /**
     * Rows per chunk when evaluating many samples: as many as keep the largest layer output near 2²¹
     * elements, at most 1000, at least 1. Why: chunks of 1000 images made SimpleConvNet's activations 69 MB,
     * past the cache, and evaluating the test set took 1.4 s against 0.45 s in chunks of 100-250 here; the
     * MLPs take the full 1000.
     */
    public static int chunk(Network network) {
        long largest = network.inputShape().size();
        for (Shape s : network.layerOutputShapes()) {
            largest = Math.max(largest, s.size());
        }
        return (int) Math.max(1, Math.min(1000, BUDGET / largest));
    }

    /** Number of rows whose highest output matches the label (one-hot rows or integer labels), in {@link #chunk} rows. */
    public static long correct(Network network, NDArray x, NDArray t) {
        return correct(network, x, t, chunk(network));
    }

    /** Number of correctly classified rows, evaluated in chunks of {@code chunk} rows. */
    public static long correct(Network network, NDArray x, NDArray t, int chunk) {
        long n = rows(x, t.getShape().get(0), "labels");
        long correct = 0;
        for (long from = 0; from < n; from += chunk) {
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, Math.min(n, from + chunk));
                NDArray predicted = network.forward(x.get(sub, rows), false).argMax(-1);
                NDArray labels = t.get(sub, rows);
                if (labels.getShape().dimension() > 1) {
                    labels = labels.argMax(-1);
                }
                correct += predicted.eq(labels.toType(predicted.getDataType(), false)).sum().getLong();
            }
        }
        return correct;
    }

    /** Fraction of rows classified correctly (one-hot rows or integer labels). */
    public static double accuracy(Network network, NDArray x, NDArray t) {
        return (double) correct(network, x, t) / x.getShape().get(0);
    }

    /**
     * The loss in evaluation mode over all rows (e.g. a validation loss): Σ (rows of the chunk / N) · loss of
     * the chunk, the mean over the rows whatever the chunk size. {@code t} is what the loss takes (one-hot
     * rows for classification). It calls the loss's {@code forward}, so it must not come between a training
     * step's loss and its {@code backward}.
     */
    public static double meanLoss(Network network, NDArray x, NDArray t) {
        long n = rows(x, t.getShape().get(0), "targets");
        int chunk = chunk(network);
        double sum = 0;
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, to);
                NDArray y = network.forward(x.get(sub, rows), false);
                double loss = Network.scalar(network.lossFunction().forward(y, t.get(sub, rows).toType(network.dataType(), false)));
                sum += (double) (to - from) / n * loss;
            }
        }
        return sum;
    }

    /**
     * A regression model's fit: {@code mse} = (1/(N·K)) · Σₙₖ (yₙₖ − tₙₖ)², the plain mean over every target value
     * (whatever factor the training loss carries), and {@code r2} = the mean over the K target columns of
     * 1 − Σₙ (yₙₖ − tₙₖ)² / Σₙ (tₙₖ − t̄ₖ)², t̄ₖ the mean of column k over these rows (scikit-learn's {@code r2_score};
     * a constant column counts 1 when fitted exactly, else 0).
     */
    public record Fit(double mse, double r2) {}

    /** {@link Fit} of the network's predictions (evaluation mode, in chunks) against real-valued targets {@code t} (N×K). */
    public static Fit regression(Network network, NDArray x, NDArray t) {
        long n = rows(x, t.getShape().get(0), "targets");
        int chunk = chunk(network);
        double[] residual = new double[Math.toIntExact(t.getShape().size() / n)];
        for (long from = 0; from < n; from += chunk) {
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, Math.min(n, from + chunk));
                NDArray y = network.predict(x.get(sub, rows));
                double[] sums = y.sub(t.get(sub, rows).toType(y.getDataType(), false)).square().reshape(y.getShape().get(0), -1)
                        .sum(new int[] {0}).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int k = 0; k < residual.length; k++) {
                    residual[k] += sums[k];
                }
            }
        }
        double[] total;
        try (NDManager sub = t.getManager().newSubManager()) {
            NDArray columns = t.get(sub, new NDIndex("...")).toType(DataType.FLOAT64, false).reshape(n, -1);
            total = columns.sub(columns.mean(new int[] {0}, true)).square().sum(new int[] {0}).toDoubleArray();
        }
        double sse = 0;
        double r2 = 0;
        for (int k = 0; k < residual.length; k++) {
            sse += residual[k];
            r2 += total[k] > 0 ? 1 - residual[k] / total[k] : residual[k] == 0 ? 1 : 0;
        }
        return new Fit(sse / ((double) n * residual.length), r2 / residual.length);
    }

    /** {@code confusion[true class][predicted class]}: counts over all rows of {@code x}, labels in [0, classes). */
    public static long[][] confusion(Network network, NDArray x, int[] labels, int classes) {
        long n = rows(x, labels.length, "labels");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("confusion: label " + labels[i] + " of row " + i + " is not in [0, " + classes + ")");
            }
        }
        long[][] confusion = new long[classes][classes];
        int chunk = chunk(network);
        for (long from = 0; from < n; from += chunk) {
            try (NDManager sub = x.getManager().newSubManager()) {
                long[] predicted = network.forward(x.get(sub, new NDIndex("{}:{}", from, Math.min(n, from + chunk))), false)
                        .argMax(-1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] >= classes) {
                        throw new IllegalArgumentException("confusion: the network predicts class " + predicted[i] + " but there are "
                                + classes + " classes (its output has shape " + network.outputShape() + ")");
                    }
                    confusion[labels[(int) from + i]][(int) predicted[i]]++;
                }
            }
        }
        return confusion;
    }

    private static long rows(NDArray x, long labelRows, String what) {
        long n = x.getShape().get(0);
        if (labelRows != n) {
            throw new IllegalArgumentException("evaluation: " + n + " inputs but " + labelRows + " " + what);
        }
        return n;
    }
}
