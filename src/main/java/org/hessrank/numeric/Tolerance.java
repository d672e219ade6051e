package org.hessrank.numeric;

import java.util.Locale;
import java.util.Objects;

/**
 * When a singular value (or elimination pivot) counts as zero. Three kinds, all compared
 * strictly ({@code value > threshold} counts towards the rank):
 * <ul>
 *   <li>{@link #numpyDefault()}: numpy's {@code matrix_rank} default
 *       {@code σ_max · max(m, n) · ε}, with ε the unit roundoff of the arithmetic (2^-52 for
 *       float64, 10^(1−P) for P decimal digits). This is what [NBH21]'s code uses.</li>
 *   <li>{@link #absolute(double)}: a fixed threshold (numpy's {@code tol=}).</li>
 *   <li>{@link #relative(double)}: {@code rtol · σ_max}.</li>
 * </ul>
 * Thresholds are handled as log10 so that high-precision values far below the double range work.
 * Immutable.
 */
public final class Tolerance {
    /** The kind of threshold. */
    public enum Kind { NUMPY_DEFAULT, ABSOLUTE, RELATIVE }

    private static final Tolerance DEFAULT = new Tolerance(Kind.NUMPY_DEFAULT, Double.NaN);

    private final Kind kind;
    private final double value;

    private Tolerance(Kind kind, double value) {
        this.kind = kind;
        this.value = value;
    }

    /** σ_max · max(m, n) · ε. */
    public static Tolerance numpyDefault() {
        return DEFAULT;
    }

    /**
     * A fixed threshold.
     *
     * @throws IllegalArgumentException if {@code tol} is negative or not finite
     */
    public static Tolerance absolute(double tol) {
        check("tolerance", tol);
        return new Tolerance(Kind.ABSOLUTE, tol);
    }

    /**
     * The threshold {@code rtol · σ_max}.
     *
     * @throws IllegalArgumentException if {@code rtol} is negative or not finite
     */
    public static Tolerance relative(double rtol) {
        check("relative tolerance", rtol);
        return new Tolerance(Kind.RELATIVE, rtol);
    }

    private static void check(String role, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(role + " (" + v + ") must be finite and >= 0");
        }
    }

    /**
     * Parses {@code default}, an absolute threshold such as {@code 1e-8}, or a relative one such
     * as {@code rel:1e-10}.
     *
     * @throws IllegalArgumentException naming the text if it is none of these or negative
     */
    public static Tolerance parse(String text) {
        Objects.requireNonNull(text, "tolerance");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("default") || t.equals("numpy")) {
            return DEFAULT;
        }
        boolean rel = t.startsWith("rel:");
        String num = rel ? t.substring(4) : t;
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tolerance (" + text + ") must be 'default', a number such as 1e-8,"
                    + " or 'rel:' and a number");
        }
        return rel ? relative(v) : absolute(v);
    }

    public Kind kind() {
        return kind;
    }

    /** The absolute or relative value (NaN for the numpy default). */
    public double value() {
        return value;
    }

    /**
     * log10 of the threshold for a matrix of the given shape.
     *
     * @param log10Max log10 of σ_max (or of the largest pivot); −∞ for a zero matrix
     * @param log10Epsilon log10 of the arithmetic's unit roundoff
     * @return log10 of the threshold (−∞ for a zero threshold)
     */
    public double log10Threshold(double log10Max, int rows, int cols, double log10Epsilon) {
        return switch (kind) {
            case NUMPY_DEFAULT -> log10Max + Math.log10(Math.max(1, Math.max(rows, cols))) + log10Epsilon;
            case ABSOLUTE -> Math.log10(value);
            case RELATIVE -> log10Max + Math.log10(value);
        };
    }

    /** {@code default}, {@code 1e-08} or {@code rel:1e-10}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NUMPY_DEFAULT -> "default";
            case ABSOLUTE -> String.format(Locale.ROOT, "%.3g", value);
            case RELATIVE -> String.format(Locale.ROOT, "rel:%.3g", value);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tolerance t && t.kind == kind && Double.compare(t.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(value);
    }
}
