package dev.descent.examples.dashboard;

import java.util.List;
import java.util.Locale;

/** The little JSON the dashboard sends: strings, numbers (NaN and ∞ as null), arrays of them. */
final class Json {
    private Json() {}

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    static String numbers(double[] values, int from, int to) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            b.append(i > from ? "," : "").append(number(values[i]));
        }
        return b.append(']').toString();
    }

    static String strings(List<String> values) {
        return "[" + String.join(",", values.stream().map(Json::string).toList()) + "]";
    }
}
