package dev.descent.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Precedence, associativity, literals and the printed form (which parses back to the same values). */
class ParsingTest {

    private static double eval(String text, double... point) {
        return Expression.parse(text).value(point);
    }

    @Test
    void precedenceAndAssociativityAsInMathematics() {
        assertEquals(-9, eval("-x^2", 3), 0);                      // -(x^2), not (-x)^2
        assertEquals(9, eval("(-x)^2", 3), 0);
        assertEquals(512, eval("2^3^2"), 0);                       // 2^(3^2)
        assertEquals(0.5, eval("2^-1"), 0);
        assertEquals(-4, eval("-2^2"), 0);
        assertEquals(7, eval("1 + 2*3"), 0);
        assertEquals(-4, eval("1 - 2 - 3"), 0);                    // (1 − 2) − 3
        assertEquals(0.5, eval("8/4/4"), 0);                       // (8/4)/4
        assertEquals(18, eval("2*3^2"), 0);
        assertEquals(-6, eval("2*-3"), 0);
        assertEquals(8, eval("x**3", 2), 0);
        assertEquals(6, eval("2·3"), 0);
    }

    @Test
    void literalsAndConstants() {
        assertEquals(0.001, eval("1e-3"), 0);
        assertEquals(1500, eval("1.5E3"), 0);
        assertEquals(0.25, eval(".25"), 0);
        assertEquals(Math.PI, eval("pi"), 0);
        assertEquals(Math.E, eval("e"), 0);
        assertEquals(Math.E * 2, eval("2*e"), 0);
        assertEquals(0, eval("sin(pi)"), 1e-15);
    }

    @Test
    void variablesInOrderOfFirstAppearanceOrAsGiven() {
        assertEquals(List.of("y", "x"), Expression.parse("y*x + x").variables());
        assertEquals(List.of("x0", "x1"), Expression.parse("x1 + 1", List.of("x0", "x1")).variables());
        assertEquals(3, Expression.parse("x1 + 1", List.of("x0", "x1")).value(5, 2), 0);
        List<Expression> f = Expression.parseList("x*y, z + x");
        assertEquals(List.of("x", "y", "z"), f.get(0).variables());
        assertEquals(List.of("x", "y", "z"), f.get(1).variables());
        assertEquals(5, f.get(1).value(1, 2, 4), 0);
    }

    @Test
    void printingUsesTheFewestParenthesesAndParsesBack() {
        String[] texts = {"a - (b - c)", "a - b - c", "a/(b*c)", "-(a*b)", "-a*b", "(a^b)^c", "a^b^c", "a*(-b)", "(-a)^2",
            "-a^2", "a^(-b)", "sin(a + b)/c", "2*a - 3*b/(a + c)", "sigmoid(a)*relu(b - c) + abs(c)"};
        double[] point = {1.3, 0.7, 2.1};
        for (String text : texts) {
            Expression e = Expression.parse(text, List.of("a", "b", "c"));
            assertEquals(text, e.toString());
            assertEquals(e.value(point), Expression.parse(e.toString(), List.of("a", "b", "c")).value(point), 0, text);
        }
        assertEquals("x*y + sin(x)", Expression.parse("  x * y+sin( x )").toString());
    }
}
