package org.hessrank.exact;

import java.util.Arrays;
import java.util.Objects;

/**
 * A rank together with how it was established. Immutable.
 *
 * <ul>
 *   <li>{@link Grade#DETERMINISTIC}: {@code rank} is the rank over ℚ; failure probability 0.
 *   <li>{@link Grade#CERTIFIED_LOWER_BOUND}: {@code rank <= rank over ℚ} is proven by the witness;
 *       equality fails with probability at most {@link #failureProbability()} over the random
 *       choice of primes.
 *   <li>{@link Grade#NUMERICAL_ESTIMATE}: a floating-point estimate; failure probability is NaN
 *       (unknown).
 * </ul>
 */
public final class RankResult {
    private final int rank;
    private final Grade grade;
    private final double failureProbability;
    private final Witness witness;
    private final long[] primes;
    private final String method;

    private RankResult(int rank, Grade grade, double failureProbability, Witness witness, long[] primes,
            String method) {
        this.rank = rank;
        this.grade = grade;
        this.failureProbability = failureProbability;
        this.witness = witness;
        this.primes = primes;
        this.method = method;
    }

    /**
     * @param failureProbability upper bound on P(rank is below the true rank); 0 for
     *     deterministic results, NaN for numerical estimates
     * @param witness pivot rows and columns of a nonsingular minor, or null when not available
     * @param primes the primes used (empty for Bareiss)
     * @param method the engine's name, e.g. {@code modular}
     */
    public static RankResult of(int rank, Grade grade, double failureProbability, Witness witness, long[] primes,
            String method) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank (" + rank + ") must be >= 0");
        }
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(method, "method");
        if (grade == Grade.DETERMINISTIC && failureProbability != 0) {
            throw new IllegalArgumentException("failureProbability (" + failureProbability
                    + ") must be 0 for a deterministic rank");
        }
        if (grade == Grade.CERTIFIED_LOWER_BOUND && !(failureProbability >= 0 && failureProbability <= 1)) {
            throw new IllegalArgumentException("failureProbability (" + failureProbability + ") must be in [0, 1]");
        }
        if (witness != null && witness.size() != rank) {
            throw new IllegalArgumentException("witness size (" + witness.size() + ") must equal rank (" + rank + ")");
        }
        return new RankResult(rank, grade, failureProbability, witness, primes == null ? new long[0] : primes.clone(),
                method);
    }

    public int rank() {
        return rank;
    }

    public Grade grade() {
        return grade;
    }

    /** Upper bound on the probability that {@link #rank()} is below the true rank. */
    public double failureProbability() {
        return failureProbability;
    }

    /** The nonsingular minor found, or null. */
    public Witness witness() {
        return witness;
    }

    public long[] primes() {
        return primes.clone();
    }

    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return "RankResult[rank=" + rank + ", grade=" + grade.label() + ", failureProbability=" + failureProbability
                + ", method=" + method + ", primes=" + Arrays.toString(primes) + "]";
    }
}
