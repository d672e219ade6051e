package org.hessrank.theory;

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
     * @throws IllegalArgumentException for {@link Statement.Target#LAYER_MATRIX}, which is not a Hessian part
     */
    public long of(Statement.Target target) {
        return switch (target) {
            case H_O -> o;
            case H_F -> f;
            case H_L -> l;
            case LAYER_MATRIX -> throw new IllegalArgumentException("target (LAYER_MATRIX) is not a Hessian part");
        };
    }
}
