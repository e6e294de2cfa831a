package dev.descent.core.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.descent.core.Loss;
import dev.descent.core.Losses;
import dev.descent.core.ManagerExtension;
import dev.descent.core.Network;
import dev.descent.core.TestNets;
import dev.descent.core.grad.GradientCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every layer's and loss's backward against central differences in FLOAT64 (DESIGN.md §2 criterion),
 * for the parameters and for dL/dx. Each layer sits between two affine layers so its dL/dx is
 * exercised through real parameters.
 */
@ExtendWith(ManagerExtension.class)
class LayerGradientCheckTest {
    private static final Map<String, Double> MAX_RELATIVE = new LinkedHashMap<>();

    @AfterAll
    static void report() {
        // The figures that go into the issue note.
        MAX_RELATIVE.forEach((k, v) -> System.out.printf("gradient check %-28s max relative error %.2e%n", k, v));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "affine:5, affine:3; softmax-cross-entropy",
        "affine:5, relu, affine:3; softmax-cross-entropy",
        "affine:5, sigmoid, affine:3; softmax-cross-entropy",
        "affine:5, tanh, affine:3; softmax-cross-entropy",
        "affine:5, leakyrelu:0.1, affine:3; softmax-cross-entropy",
        "affine:5, identity, affine:3; softmax-cross-entropy",
        "affine:5, dropout:0.4, affine:3; softmax-cross-entropy",
        "affine:5, batchnorm, affine:3; softmax-cross-entropy",
        "affine:5, batchnorm, relu, affine:3; softmax-cross-entropy",
        "affine:5, relu, affine:3, identity; mse",
        "affine:5, tanh, affine:3, sigmoid; cross-entropy",
        "affine:5, tanh, affine:3, softmax; cross-entropy",
        "affine:5, relu, affine:3; mse",
        "affine:5, relu, affine:3; mse-mean",
    })
    void backpropMatchesCentralDifferences(String spec, String lossName, NDManager m) {
        Loss loss = Losses.create(lossName);
        try (Network net = TestNets.f64(spec, loss, 6)) {
            NDArray x = TestNets.uniform(m, 11, 4, 6).muli(2);
            NDArray t = TestNets.oneHot(m, 4, 3);
            GradientCheck.Report report = GradientCheck.run(net, x, t, true, 5);
            // Parameters whose gradient is exactly zero (an affine bias feeding BatchNorm) have a
            // meaningless relative error of 1; they pass on the absolute criterion and are left out here.
            MAX_RELATIVE.put(spec + " / " + lossName, report.results().stream()
                    .filter(r -> r.maxAbsoluteError() > 1e-11).mapToDouble(GradientCheck.Result::maxRelativeError).max().orElse(0));
            assertTrue(report.passed(), () -> spec + "\n" + report.table());
        }
    }
}
