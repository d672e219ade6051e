package org.hessrank.numeric;

import java.util.Locale;
import java.util.Objects;

/**
 * The arithmetic of a numeric path: {@link #FLOAT64} (IEEE double, unit roundoff 2^-52 as numpy
 * counts it) or {@code P} significant decimal digits with apfloat. Immutable.
 */
public final class Precision {
    /** The smallest number of decimal digits accepted: float64 already carries about 16. */
    public static final int MIN_DIGITS = 17;
    /** The largest number of decimal digits accepted (costs grow about linearly beyond 100). */
    public static final int MAX_DIGITS = 2000;

    /** IEEE double precision. */
    public static final Precision FLOAT64 = new Precision(0);

    private final int digits;

    private Precision(int digits) {
        this.digits = digits;
    }

    /**
     * {@code digits} significant decimal digits (apfloat).
     *
     * @throws IllegalArgumentException if digits is outside [{@value #MIN_DIGITS}, {@value #MAX_DIGITS}]
     */
    public static Precision digits(int digits) {
        return digits(digits, "precision");
    }

    private static Precision digits(int digits, String field) {
        if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            throw new IllegalArgumentException(field + " (" + digits + ") must be float64 or a number of decimal"
                    + " digits in [" + MIN_DIGITS + ", " + MAX_DIGITS + "]");
        }
        return new Precision(digits);
    }

    /**
     * Parses {@code float64} (or {@code double}) or a number of digits such as {@code 60}.
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static Precision parse(String text) {
        return parse(text, "precision");
    }

    /**
     * {@link #parse(String)} with messages that name {@code field} (an option such as
     * {@code --numeric}) and the text, shortened by {@link org.hessrank.exact.Echo#value}.
     */
    public static Precision parse(String text, String field) {
        Objects.requireNonNull(text, field);
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("float64") || t.equals("double")) {
            return FLOAT64;
        }
        int d;
        try {
            d = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " (" + org.hessrank.exact.Echo.value(text) + ") must be float64"
                    + " or a number of decimal digits such as 60");
        }
        return digits(d, field);
    }

    public boolean isFloat64() {
        return digits == 0;
    }

    /** The decimal digits of an apfloat precision. @throws IllegalStateException for float64 */
    public int decimalDigits() {
        if (digits == 0) {
            throw new IllegalStateException("float64 has no apfloat digit count");
        }
        return digits;
    }

    /** log10 of the unit roundoff: log10(2^-52) for float64, 1 − P for P digits. */
    public double log10Epsilon() {
        return digits == 0 ? Math.log10(Math.ulp(1.0)) : 1 - digits;
    }

    /** {@code float64} or the digit count. */
    @Override
    public String toString() {
        return digits == 0 ? "float64" : Integer.toString(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Precision p && p.digits == digits;
    }

    @Override
    public int hashCode() {
        return digits;
    }
}
