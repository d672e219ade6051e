package org.hessrank.exact;

/** How a rank was established. Every reported rank carries one. */
public enum Grade {
    /** Exact over ℚ with no probability involved: Bareiss, or multi-modular up to the Hadamard bound. */
    DETERMINISTIC,
    /**
     * A nonsingular minor mod a prime proves {@code rank >= r}; equality holds unless the random
     * prime(s) divide every maximal minor, an event whose probability is stated.
     */
    CERTIFIED_LOWER_BOUND,
    /** A floating-point estimate; it can be wrong in either direction. */
    NUMERICAL_ESTIMATE;

    /** Lower-case, hyphenated name for reports: {@code deterministic}, {@code certified-lower-bound}, .... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
