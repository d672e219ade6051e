package org.hessrank.exact;

/**
 * Computes the rank over ℚ of an integer matrix, or a certified lower bound on it. Every
 * implementation passes the same contract suite. Implementations never modify their input.
 */
public interface RankEngine {
    /** A short name for reports: {@code bareiss}, {@code modular}, {@code deterministic}. */
    String name();

    /** The rank of {@code m} with its grade and witness. */
    RankResult rank(IntegerMatrix m);
}
