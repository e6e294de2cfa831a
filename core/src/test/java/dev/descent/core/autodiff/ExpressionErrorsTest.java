package dev.descent.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Malformed text, unknown names, missing values and undefined points: one clear line each, with the column. */
class ExpressionErrorsTest {

    private static ExpressionException fails(Executable e) {
        return assertThrows(ExpressionException.class, e);
    }

    private static void malformed(String text, String message, int column) {
        ExpressionException e = fails(() -> Expression.parse(text));
        assertEquals(message, e.getMessage(), text);
        assertEquals(column, e.column(), text);
    }

    @Test
    void malformedExpressionsNameTheColumn() {
        malformed("(x + 1))", "unexpected ')' at column 8", 8);
        malformed("x*y + sin(x))", "unexpected ')' at column 13", 13);
        malformed("x +", "unexpected end of expression at column 4", 4);
        malformed("x + * y", "unexpected '*' at column 5", 5);
        malformed("sin(x", "missing ')' at column 6 to close '(' at column 4", 6);
        malformed("(x + y z", "unexpected 'z' at column 8; expected ')' to close '(' at column 1", 8);
        malformed("2x", "unexpected 'x' at column 2", 2);
        malformed("x $ y", "unexpected '$' at column 3", 3);
        malformed("()", "unexpected ')' at column 2", 2);
        malformed("1.2.3 + x", "malformed number '1.2.3' at column 1", 1);
        malformed("   ", "empty expression", 1);
        malformed("x^", "unexpected end of expression at column 3", 3);
    }

    @Test
    void unknownNamesAreNamed() {
        malformed("x + foo(x)", "unknown function 'foo' at column 5; known: sin, cos, tan, exp, log, sqrt, tanh, sigmoid, relu, abs, sign, step", 5);
        malformed("1 + sin x", "function 'sin' at column 5 needs its argument in parentheses, e.g. sin(x)", 5);
        ExpressionException e = fails(() -> Expression.parse("x0^2 + y", List.of("x0", "x1")));
        assertEquals("unknown variable 'y' at column 8; the variables are x0, x1", e.getMessage());
        assertEquals(8, e.column());
    }

    @Test
    void aPointMissingAVariableIsAnError() {
        Expression z = Expression.parse("x*y + sin(x)");
        assertEquals("no value for variable 'y' of x*y + sin(x)", fails(() -> z.point(Map.of("x", 2.0))).getMessage());
        assertEquals("'w' is not a variable of x*y + sin(x); its variables are x, y",
                fails(() -> z.point(Map.of("x", 2.0, "y", 3.0, "w", 1.0))).getMessage());
        assertEquals("a point of [x, y] has 2 coordinates, got 1", fails(() -> z.value(2)).getMessage());
        assertEquals("'w' is not a variable of x*y + sin(x); its variables are x, y", fails(() -> z.derivative("w")).getMessage());
    }

    private static void undefined(String text, double x, String message) {
        Expression f = Expression.parse(text);
        assertEquals(message, fails(() -> f.value(x)).getMessage(), text + " value");
        assertEquals(message, fails(() -> f.gradient(x)).getMessage(), text + " reverse mode");
        assertEquals(message, fails(() -> f.gradientForward(x)).getMessage(), text + " forward mode");
    }

    @Test
    void undefinedValuesNameTheOperationTheValueAndThePoint() {
        undefined("2 + log(x)", -1, "log(-1) is undefined at x=-1 (column 5)");
        undefined("log(x)", 0, "log(0) is undefined at x=0 (column 1)");
        undefined("sqrt(x - 3)", 2, "sqrt(-1) is undefined at x=2 (column 1)");
        undefined("1/(x - 1)", 1, "1/0 is undefined at x=1 (column 2)");
        undefined("x^0.5", -4, "(-4)^0.5 is undefined at x=-4 (column 2)");
        undefined("exp(x)", 1000, "exp(1000) overflows (Infinity) at x=1000 (column 1)");
        Expression two = Expression.parse("x + log(x*y)");
        assertEquals("log(-6) is undefined at x=2, y=-3 (column 5)", fails(() -> two.value(2, -3)).getMessage());
    }

    @Test
    void derivativesThatAreInfiniteAreErrorsInBothModes() {
        Expression f = Expression.parse("sqrt(x)");
        assertEquals(0, f.value(0), 0);
        assertEquals("sqrt(0) has no finite derivative at x=0 (column 1)", fails(() -> f.gradient(0)).getMessage());
        assertEquals("sqrt(0) has no finite derivative at x=0 (column 1)", fails(() -> f.gradientForward(0)).getMessage());
        // symbolically the derivative is an expression, undefined at 0 like any other
        Expression df = f.derivative("x");
        assertEquals("1/(2*sqrt(x))", df.text());
        assertEquals("1/0 is undefined at x=0 (column 2)", fails(() -> df.value(0)).getMessage());
    }

    @Test
    void theExceptionIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expression.parse("x +"));
        assertEquals(1, e.getMessage().lines().count());
    }
}
