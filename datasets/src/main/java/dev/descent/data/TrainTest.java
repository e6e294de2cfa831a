package dev.descent.data;

/** The training and test halves of a data set, as published (60,000 / 10,000 for MNIST). */
public record TrainTest(Dataset train, Dataset test) implements AutoCloseable {
    /** Frees both halves' arrays (closing the manager they were loaded into does the same). */
    @Override
    public void close() {
        train.close();
        test.close();
    }
}
