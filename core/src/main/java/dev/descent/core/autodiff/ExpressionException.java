package dev.descent.core.autodiff;

/**
 * A one-line error about an expression: malformed text, an unknown name, a missing value, or a point where the
 * expression or its derivative is undefined. {@link #column()} is 1-based in the expression's text, 0 when the
 * error is not about one place.
 */
public class ExpressionException extends IllegalArgumentException {
    private final int column;

    public ExpressionException(String message, int column) {
        super(message);
        this.column = column;
    }

    public ExpressionException(String message) {
        this(message, 0);
    }

    public int column() {
        return column;
    }
}
