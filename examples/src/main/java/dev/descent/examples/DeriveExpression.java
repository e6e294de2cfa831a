package dev.descent.examples;

import dev.descent.core.autodiff.Expression;
import dev.descent.core.autodiff.ExpressionException;
import dev.descent.core.autodiff.Jacobian;
import dev.descent.core.autodiff.Trace;
import dev.descent.core.grad.NumericalDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code derive}: an expression differentiated at a point four ways side by side (seed 001) — forward mode (one pass
 * per variable), reverse mode (one sweep), symbolic rules, and central differences with the seeds' h = 1e-4 — and,
 * for several comma-separated outputs, the Jacobian both ways with the passes each needs. The h-sweep of
 * difference quotients is {@link DifferenceSweep}.
 */
public final class DeriveExpression {
    private DeriveExpression() {}

    public static void main(String[] args) throws IOException {
        // seed 001's example, or: DeriveExpression 'x^2*cos(x-7)/sin(x)' 'x=2'
        String expression = args.length > 0 ? args[0] : "x*y + sin(x)";
        Map<String, Double> at = parseAt(args.length > 1 ? args[1] : "x=2, y=3");
        System.out.println(derive(expression, at).text());
        if (args.length == 0) {
            System.out.println(jacobian("x*y + sin(x), x/y, exp(x - y)", at).text());
        }
        Path out = Path.of("runs", "derive-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.println(DifferenceSweep.run(expression, at, null, out).text());
    }

    /** One row of the report: ∂f/∂{@code variable} four ways; {@code centralError} = |central − reverse|. */
    public record Partial(String variable, double forward, double reverse, String symbolicText, double symbolic, double central,
            double centralError) {}

    public record Report(String expression, String at, Trace trace, double value, List<Partial> partials) {
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append("f = ").append(expression).append(" at ").append(at).append("\n\n");
            sb.append("step by step (seed 001 eq. 6):\n").append(trace.decomposition());
            sb.append("f = ").append(num(value)).append("\n\n");
            sb.append(String.format("%-10s%-24s%-24s%-24s%-24s%s%n", "", "forward mode", "reverse mode", "symbolic",
                    "central difference", "|central - reverse|"));
            for (Partial p : partials) {
                sb.append(String.format(Locale.ROOT, "%-10s%-24s%-24s%-24s%-24s%.1e%n", "∂f/∂" + p.variable, num(p.forward), num(p.reverse),
                        num(p.symbolic), num(p.central), p.centralError));
            }
            sb.append("\nsymbolic:\n");
            partials.forEach(p -> sb.append("  ∂f/∂").append(p.variable).append(" = ").append(p.symbolicText).append('\n'));
            sb.append(String.format("forward mode took %d pass%s (one per variable), reverse mode one sweep.%n", partials.size(),
                    partials.size() == 1 ? "" : "es"));
            sb.append("central differences use h = 1e-4, as the seeds do: (f(x+h) - f(x-h))/2h is off by about h²·f'''/6 plus rounding.\n");
            return sb.toString();
        }
    }

    /** ∂f/∂x for every variable x of {@code expression} at {@code at}, which must name each of them. */
    public static Report derive(String expression, Map<String, Double> at) {
        Expression f = Expression.parse(expression);
        double[] point = point(f.variables(), f.text(), at);
        double[] forward = f.gradientForward(point);
        double[] reverse = f.gradient(point);
        List<Partial> partials = new ArrayList<>();
        for (int i = 0; i < point.length; i++) {
            String x = f.variables().get(i);
            Expression d = f.derivative(x);
            double symbolic = d.value(point);
            double central;
            try {
                central = NumericalDiff.partial(f::value, point.clone(), i);
            } catch (ExpressionException undefinedWithinH) {
                central = Double.NaN;                                  // f is undefined at x ± h: no difference quotient
            }
            partials.add(new Partial(x, forward[i], reverse[i], d.text(), symbolic, central, Math.abs(central - reverse[i])));
        }
        return new Report(f.text(), describe(f.variables(), point), f.trace(point), f.value(point), partials);
    }

    public record JacobianReport(String at, Jacobian forward, Jacobian reverse, double forwardMicros, double reverseMicros,
            double largestDifference) {
        public String text() {
            int m = forward.outputs().size();
            int n = forward.inputs().size();
            StringBuilder sb = new StringBuilder(String.format("Jacobian of %d outputs in %d inputs at %s%n", m, n, at));
            for (int i = 0; i < m; i++) {
                sb.append(String.format("  f%d = %s%n", i + 1, forward.outputs().get(i)));
            }
            sb.append(String.format("%-8s", ""));
            for (int j = 0; j < Math.min(n, 8); j++) {
                sb.append(String.format("%-22s", "∂/∂" + forward.inputs().get(j)));
            }
            sb.append(n > 8 ? "...\n" : "\n");
            for (int i = 0; i < Math.min(m, 12); i++) {
                sb.append(String.format("%-8s", "f" + (i + 1)));
                for (int j = 0; j < Math.min(n, 8); j++) {
                    sb.append(String.format("%-22s", num(reverse.matrix()[i][j])));
                }
                sb.append(n > 8 ? "...\n" : "\n");
            }
            sb.append(m > 12 ? "...\n" : "");
            sb.append(String.format(Locale.ROOT, "forward mode: %d passes (one per input),  %.1f µs per Jacobian%n", forward.passes(), forwardMicros));
            sb.append(String.format(Locale.ROOT, "reverse mode: %d passes (one per output), %.1f µs per Jacobian%n", reverse.passes(), reverseMicros));
            sb.append(String.format(Locale.ROOT, "largest difference between the two: %.1e%n", largestDifference));
            sb.append(String.format("n = %d inputs, m = %d outputs: %s mode needs fewer passes (seed 001: reverse when n > m)%n", n, m,
                    Jacobian.cheaperMode(n, m)));
            return sb.toString();
        }
    }

    /** The Jacobian of comma-separated {@code expressions} (over every variable any of them uses) by both modes, timed. */
    public static JacobianReport jacobian(String expressions, Map<String, Double> at) {
        List<Expression> f = Expression.parseList(expressions);
        double[] point = point(f.get(0).variables(), expressions, at);
        Jacobian forward = Jacobian.forward(f, point);
        Jacobian reverse = Jacobian.reverse(f, point);
        double largest = 0;
        for (int i = 0; i < f.size(); i++) {
            for (int j = 0; j < point.length; j++) {
                largest = Math.max(largest, Math.abs(forward.matrix()[i][j] - reverse.matrix()[i][j]));
            }
        }
        return new JacobianReport(describe(forward.inputs(), point), forward, reverse, micros(() -> Jacobian.forward(f, point)),
                micros(() -> Jacobian.reverse(f, point)), largest);
    }

    /** Mean time of one call, repeated for at least 20 ms after a warm-up call (one call is too short to time). */
    private static double micros(Supplier<?> work) {
        work.get();
        long start = System.nanoTime();
        int calls = 0;
        do {
            work.get();
            calls++;
        } while (System.nanoTime() - start < 20_000_000L);
        return (System.nanoTime() - start) / 1e3 / calls;
    }

    /** {@code x=2, y=pi/4}: names and values (each value may be a constant expression) in the order given. */
    public static Map<String, Double> parseAt(String text) {
        Map<String, Double> at = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", -1);
            if (kv.length != 2 || !kv[0].trim().matches("[A-Za-z_]\\w*")) {
                throw new ExpressionException("--at '" + text + "': expected name=value pairs such as x=2,y=3");
            }
            String name = kv[0].trim();
            Expression value = Expression.parse(kv[1]);
            if (!value.variables().isEmpty()) {
                throw new ExpressionException("--at " + name + "=" + kv[1].trim() + ": a value cannot use variables");
            }
            if (at.put(name, value.value()) != null) {
                throw new ExpressionException("--at gives " + name + " twice");
            }
        }
        return at;
    }

    /** The point in the order of {@code variables}; a variable without a value, or a value for no variable, is an error. */
    static double[] point(List<String> variables, String expression, Map<String, Double> at) {
        for (String name : variables) {
            if (!at.containsKey(name)) {
                throw new ExpressionException("--at gives no value for " + name + "; the variables of " + expression + " are "
                        + String.join(", ", variables));
            }
        }
        for (String name : at.keySet()) {
            if (!variables.contains(name)) {
                throw new ExpressionException("--at names " + name + ", which is not a variable of " + expression + " ("
                        + String.join(", ", variables) + ")");
            }
        }
        return variables.stream().mapToDouble(at::get).toArray();
    }

    static String describe(List<String> variables, double[] point) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < point.length && i < 8; i++) {
            parts.add(variables.get(i) + " = " + num(point[i]));
        }
        return String.join(", ", parts) + (point.length > 8 ? ", ..." : "");
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
