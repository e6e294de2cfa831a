package dev.descent.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What kind of point an optimizer stopped at, by the second-derivative test: where ∇f ≈ 0, the signs of the Hessian's
 * eigenvalues λ tell a minimum (all λ &gt; 0), a maximum (all &lt; 0) and a saddle (both signs) apart; with some λ ≈ 0 the
 * test cannot tell (degenerate), and with every λ ≈ 0 the point lies on a plateau. "≈ 0" is below
 * {@value #STATIONARY} for ‖∇f‖ and {@value #FLAT} for |λ|: absolute, for functions of order 1 like the named ones.
 */
public record CriticalPoint(Kind kind, double gradientNorm, double[] eigenvalues) {
    public static final double STATIONARY = 1e-4;
    public static final double FLAT = 1e-4;

    public enum Kind {
        MINIMUM, MAXIMUM, SADDLE, DEGENERATE, PLATEAU, NOT_STATIONARY;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The kind of {@code point} for {@code f}, with f's own Hessian (automatic differentiation for expressions). */
    public static CriticalPoint of(Function2D f, double[] point) {
        double[] g = f.gradient(point);
        double norm = Math.sqrt(Dense.dot(g, g));
        double[] lambda = Dense.eigenvalues(Dense.symmetric(f.hessian(point)));
        boolean anyFlat = Arrays.stream(lambda).anyMatch(l -> Math.abs(l) <= FLAT);
        Kind kind;
        if (!(norm <= STATIONARY)) {
            kind = Kind.NOT_STATIONARY;
        } else if (Arrays.stream(lambda).allMatch(l -> Math.abs(l) <= FLAT)) {
            kind = Kind.PLATEAU;
        } else if (lambda[0] < -FLAT && lambda[lambda.length - 1] > FLAT) {
            kind = Kind.SADDLE;
        } else if (anyFlat) {
            kind = Kind.DEGENERATE;
        } else {
            kind = lambda[0] > 0 ? Kind.MINIMUM : Kind.MAXIMUM;
        }
        return new CriticalPoint(kind, norm, lambda);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.5g", v);
    }

    /** e.g. {@code saddle (Hessian eigenvalues -2, 2)}. */
    @Override
    public String toString() {
        String values = Arrays.stream(eigenvalues).mapToObj(CriticalPoint::format).collect(Collectors.joining(", "));
        return kind.text() + (kind == Kind.NOT_STATIONARY ? String.format(Locale.ROOT, " (‖∇f‖ = %.3g; ", gradientNorm) : " (")
                + "Hessian eigenvalues " + values + ")";
    }
}
