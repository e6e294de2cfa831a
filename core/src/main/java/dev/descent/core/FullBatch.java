package dev.descent.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;

/**
 * Full-batch gradient descent's gradient: the mean over all N rows, computed in chunks so that memory
 * stays bounded however large N is.
 *
 * <pre>
 *   dL/dθ = Σ_chunks (rows of the chunk / N) · dL_chunk/dθ,     L = Σ_chunks (rows of the chunk / N) · L_chunk
 * </pre>
 */
public final class FullBatch {
    private FullBatch() {}

    /**
     * Sets each parameter's gradient to the mean over all rows of {@code x}, computed over chunks of
     * {@code chunk} rows (training mode), and returns the mean loss. With N ≤ chunk this is exactly
     * {@link Network#gradient(NDArray, NDArray)}. Each chunk's arrays are freed as soon as its gradient is
     * accumulated; the sums live in {@code x}'s manager.
     */
    public static double gradient(Network network, NDArray x, NDArray t, int chunk) {
        long n = x.getShape().get(0);
        if (n <= chunk) {
            return network.gradient(x, t);
        }
        List<Parameter> params = network.parameters();
        NDArray[] sums = new NDArray[params.size()];
        double lossSum = 0;
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            double weight = (double) (to - from) / n;
            try (NDManager sub = x.getManager().newSubManager()) {
                NDIndex rows = new NDIndex("{}:{}", from, to);
                lossSum += weight * network.gradient(x.get(sub, rows), t.get(sub, rows));
                for (int i = 0; i < sums.length; i++) {
                    NDArray g = params.get(i).grad().mul(weight);
                    if (sums[i] == null) {
                        g.attach(x.getManager()); // outlives the chunk
                        sums[i] = g;
                    } else {
                        sums[i].addi(g);
                    }
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            params.get(i).setGrad(sums[i]);
        }
        return lossSum;
    }
}
