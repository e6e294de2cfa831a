package dev.descent.examples.train;

/** The loss became NaN or infinite: training stops (exit 1), the last good checkpoint stays. */
public final class DivergenceException extends RuntimeException {
    public DivergenceException(String message) {
        super(message);
    }
}
