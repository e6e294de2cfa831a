package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ManagerExtension.class)
class EvaluationTest {
    /** 2¹⁹ inputs: {@link Evaluation#chunk} gives 2²¹ / 2¹⁹ = 4 rows, so five rows take two chunks of unequal size. */
    private static final int WIDTH = 1 << 19;
    /** Scores y = x·W for the first two input features (the others are zero): class 0 likes x₀, class 1 likes x₁. */
    private static final double[][] W = {{1, 0, -1}, {0, 1, -1}};
    private static final double[][] X = {{2, 0}, {0, 2}, {-1, -1}, {1, 0.5}, {-2, 0}};
    private static final int[] LABELS = {0, 1, 2, 1, 0};
    // predicted:                        0  1  2  0  2   → rows 0-2 right, row 3 (1 → 0) and row 4 (0 → 2) wrong

    /** Dropout first, which evaluation mode must skip, then the hand-set affine layer. FLOAT64. */
    private static Network handSet() {
        return handSet(new dev.descent.core.loss.SoftmaxCrossEntropy());
    }

    private static Network handSet(Loss loss) {
        Network net = Network.builder().input(WIDTH).spec("dropout:0.5, affine:3").loss(loss).dataType(DataType.FLOAT64).build();
        double[] w = new double[WIDTH * 3];
        for (int i = 0; i < 2; i++) {
            System.arraycopy(W[i], 0, w, i * 3, 3);
        }
        net.parameters().get(0).value().set(w);
        return net;
    }

    private static NDArray inputs(NDManager m) {
        double[] x = new double[X.length * WIDTH];
        for (int r = 0; r < X.length; r++) {
            x[r * WIDTH] = X[r][0];
            x[r * WIDTH + 1] = X[r][1];
        }
        return m.create(x, new Shape(X.length, WIDTH));
    }

    private static NDArray oneHot(NDManager m) {
        double[][] t = new double[LABELS.length][3];
        for (int r = 0; r < LABELS.length; r++) {
            t[r][LABELS[r]] = 1;
        }
        return m.create(t);
    }

    @Test
    void chunkKeepsTheLargestLayerOutputNear2To21Elements() {
        // SimpleConvNet: the conv output 30×24×24 = 17,280 per image is the largest; 2²¹ / 17,280 = 121.
        try (Network cnn = Network.builder().input(1, 28, 28).spec("conv:30:5, relu, maxpool:2, affine:100, relu, affine:10").build();
                Network mlp = Network.builder().spec("affine:100, relu, affine:10").build();
                Network wide = Network.builder().input(1).spec("affine:4194304").build();
                Network hand = handSet()) {
            assertEquals(121, Evaluation.chunk(cnn));
            assertEquals(1000, Evaluation.chunk(mlp)); // 2²¹ / 784 = 2674, capped at 1000
            assertEquals(1, Evaluation.chunk(wide)); // never 0
            assertEquals(4, Evaluation.chunk(hand)); // the input counts too
        }
    }

    @Test
    void correctAccuracyAndConfusionOfHandSetWeights(NDManager manager) {
        try (Network net = handSet()) {
            NDArray x = inputs(manager);
            NDArray t = oneHot(manager);
            NDArray labels = manager.create(LABELS);
            assertEquals(3, Evaluation.correct(net, x, t));
            assertEquals(3, Evaluation.correct(net, x, labels), "integer labels count the same");
            for (int chunk = 1; chunk <= 6; chunk++) {
                assertEquals(3, Evaluation.correct(net, x, t, chunk), "chunks of " + chunk);
            }
            assertEquals(0.6, Evaluation.accuracy(net, x, t), 1e-15);
            long[][] expected = {
                {1, 0, 1}, // true 0: row 0 right, row 4 taken for 2
                {1, 1, 0}, // true 1: row 3 taken for 0, row 1 right
                {0, 0, 1}, // true 2: row 2 right
            };
            assertArrayEquals(expected, Evaluation.confusion(net, x, LABELS, 3));
        }
    }

    @Test
    void meanLossIsTheEvaluationModeLossOfAllRowsWhateverTheChunks(NDManager manager) {
        double sum = 0;
        for (int r = 0; r < X.length; r++) {
            double[] y = new double[3];
            for (int k = 0; k < 3; k++) {
                y[k] = X[r][0] * W[0][k] + X[r][1] * W[1][k];
            }
            double logSumExp = Math.log(Math.exp(y[0]) + Math.exp(y[1]) + Math.exp(y[2]));
            sum += logSumExp - y[LABELS[r]];
        }
        try (Network net = handSet()) {
            assertEquals(sum / X.length, Evaluation.meanLoss(net, inputs(manager), oneHot(manager)), 1e-12);
        }
    }

    @Test
    void mismatchedRowsAndLabelsOutOfRangeAreNamed(NDManager manager) {
        try (Network net = Network.builder().input(2).spec("affine:3").build()) {
            NDArray x = manager.zeros(new Shape(4, 2));
            assertEquals("evaluation: 4 inputs but 3 labels",
                    assertThrows(IllegalArgumentException.class, () -> Evaluation.correct(net, x, manager.zeros(new Shape(3)))).getMessage());
            assertEquals("confusion: label 3 of row 2 is not in [0, 3)",
                    assertThrows(IllegalArgumentException.class, () -> Evaluation.confusion(net, x, new int[] {0, 1, 3, 2}, 3)).getMessage());
            net.parameters().get(1).value().set(new float[] {0, 0, 1}); // every row predicted class 2
            assertEquals("confusion: the network predicts class 2 but there are 2 classes (its output has shape (3))",
                    assertThrows(IllegalArgumentException.class, () -> Evaluation.confusion(net, x, new int[] {0, 1, 0, 1}, 2)).getMessage());
        }
    }

    @Test
    void regressionFitIsTheMeanSquaredErrorAndRSquaredByHand(NDManager m) {
        // y = x (identity), t differs by 1 in one value of each column:
        // residuals col 0: 0, 0, 1; col 1: 0, 1, 0 → MSE = 2/6; t̄ = (8/3, 13/3), Σ(t − t̄)² = (42/9, 78/9)
        try (Network net = Network.builder().input(2).spec("identity").loss(Losses.create("mse"))
                .dataType(DataType.FLOAT64).build()) {
            NDArray x = m.create(new double[][] {{1, 2}, {3, 4}, {5, 6}});
            NDArray t = m.create(new double[][] {{1, 2}, {3, 5}, {4, 6}});
            Evaluation.Fit fit = Evaluation.regression(net, x, t);
            assertEquals(2.0 / 6, fit.mse(), 1e-12);
            assertEquals(((1 - 9.0 / 42) + (1 - 9.0 / 78)) / 2, fit.r2(), 1e-12);
            assertEquals(new Evaluation.Fit(0, 1), Evaluation.regression(net, x, x));
        }
    }

    @Test
    void regressionFitInChunksEqualsTheFormulaOverAllRows(NDManager m) {
        // Five rows in two chunks (see WIDTH); the outputs y = x·W are known, targets chosen freely.
        double[][] t = {{1, 0, -2}, {0, 1, -1}, {-1, 0, 2}, {2, 0.5, -1}, {-2, 1, 3}};
        double[][] y = new double[X.length][3];
        for (int r = 0; r < X.length; r++) {
            for (int k = 0; k < 3; k++) {
                y[r][k] = X[r][0] * W[0][k] + X[r][1] * W[1][k];
            }
        }
        double sse = 0;
        double r2 = 0;
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            for (double[] row : t) {
                mean += row[k] / t.length;
            }
            double res = 0;
            double tot = 0;
            for (int r = 0; r < t.length; r++) {
                res += (y[r][k] - t[r][k]) * (y[r][k] - t[r][k]);
                tot += (t[r][k] - mean) * (t[r][k] - mean);
            }
            sse += res;
            r2 += (1 - res / tot) / 3;
        }
        try (Network net = handSet(Losses.create("mse"))) { // its prediction is its output (no softmax)
            Evaluation.Fit fit = Evaluation.regression(net, inputs(m), m.create(t));
            assertEquals(sse / 15, fit.mse(), 1e-12);
            assertEquals(r2, fit.r2(), 1e-12);
        }
    }
}
