package org.hessrank.theory;

import org.hessrank.hessian.Part;

/**
 * Measured ranks of H_O, H_F and H_L at one point (or their maxima over several points), as the
 * verifier established them. Relational statements ({@link Statement#needsMeasuredRanks()})
 * predict one part from the others. Immutable.
 *
 * @param o rank H_O
 * @param f rank H_F
 * @param l rank H_L
 */
public record PartRanks(long o, long f, long l) {
    public PartRanks {
        if (o < 0 || f < 0 || l < 0) {
            throw new IllegalArgumentException("ranks (" + o + ", " + f + ", " + l + ") must be >= 0");
        }
    }

    public static PartRanks of(long o, long f, long l) {
        return new PartRanks(o, f, l);
    }

    /**
     * The rank of {@code target}.
     *
     * @throws IllegalArgumentException for {@link Part#T}, which is not a Hessian part
     */
    public long of(Part target) {
        return switch (target) {
            case O -> o;
            case F -> f;
            case L -> l;
            case T -> throw new IllegalArgumentException("target (T) is not a Hessian part");
        };
    }
}
