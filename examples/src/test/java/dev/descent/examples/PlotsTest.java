package dev.descent.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class PlotsTest {
    @Test
    void theCentredMeanAveragesBothSidesAndFewerValuesAtTheEnds() {
        assertArrayEquals(new double[] {1.5, 2, 3, 17 / 3.0, 7}, Plots.centredMean(new double[] {1, 2, 3, 4, 10}, 1), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, Plots.centredMean(new double[] {1, 2, 3}, 0), 0);
    }
}
