package org.hessrank.hessian;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hessrank.exact.Grade;
import org.hessrank.exact.RankResult;
import org.hessrank.exact.Witness;

/**
 * One point and the ranks of its Hessian parts, each a {@link RankResult} with its grade, failure
 * probability and witness: the value the measurement spine ({@link HessianRanks}) produces per
 * point. Immutable.
 *
 * <p>An observation made for statements that need no Hessian (layer-matrix and point
 * statements) holds the point only: {@link #measured()} is false and every rank reads −1.
 *
 * @param point the point, as drawn
 * @param seed the seed the point was asked for (before redraws): it seeds the multi-modular engine
 *     and the matrix-free compression at this point
 * @param prime the random prime the parts were ranked mod (0 for exact methods and when unmeasured)
 * @param ranks the rank of each part ({@link Part#O}, {@link Part#F}, {@link Part#L}); empty when
 *     unmeasured
 * @param seconds the time of each part's rank
 * @param buildSeconds the time to build the dense Hessians (0 on the matrix-free path)
 * @param evaluated the one exact evaluation of the network at the point that the parts were built
 *     from, for the facts the statements need (null when unmeasured)
 */
public record Observation(Point point, long seed, long prime, Map<Part, RankResult> ranks, Map<Part, Double> seconds,
        double buildSeconds, EvaluatedPoint evaluated) {

    /** An observation that keeps no evaluation. */
    public Observation(Point point, long seed, long prime, Map<Part, RankResult> ranks, Map<Part, Double> seconds,
            double buildSeconds) {
        this(point, seed, prime, ranks, seconds, buildSeconds, null);
    }

    public Observation {
        Objects.requireNonNull(point, "point");
        ranks = Collections.unmodifiableMap(ranks.isEmpty() ? new EnumMap<>(Part.class) : new EnumMap<>(ranks));
        seconds = Collections.unmodifiableMap(seconds.isEmpty() ? new EnumMap<>(Part.class) : new EnumMap<>(seconds));
        if (!ranks.isEmpty() && !ranks.keySet().equals(java.util.Set.copyOf(Part.hessianParts()))) {
            throw new IllegalArgumentException("ranks (" + ranks.keySet() + ") must hold exactly the parts O, F, L");
        }
    }

    /** The same observation without its evaluation (to release the forward pass's memory). */
    public Observation withoutEvaluation() {
        return evaluated == null ? this : new Observation(point, seed, prime, ranks, seconds, buildSeconds, null);
    }

    /** The point alone, with no Hessian ranks (for statements that need none). */
    public static Observation unmeasured(Point point, long seed) {
        return new Observation(point, seed, 0, Map.of(), Map.of(), 0);
    }

    /** True if the Hessian parts were ranked. */
    public boolean measured() {
        return !ranks.isEmpty();
    }

    /** The result for {@code part}, or null when unmeasured. */
    public RankResult result(Part part) {
        return ranks.get(part);
    }

    /** The rank of {@code part}, −1 when unmeasured (or for {@link Part#T}). */
    public int rank(Part part) {
        RankResult r = ranks.get(part);
        return r == null ? -1 : r.rank();
    }

    /** The probability that {@code part}'s rank is below the rank at the point (0 for exact ranks and when unmeasured). */
    public double failureProbability(Part part) {
        RankResult r = ranks.get(part);
        return r == null || r.grade() == Grade.DETERMINISTIC ? 0 : r.failureProbability();
    }

    /** The witness minor of {@code part}'s rank, or null when there is none. */
    public Witness witness(Part part) {
        RankResult r = ranks.get(part);
        return r == null ? null : r.witness();
    }

    /** True if every rank is exact over ℚ (also when nothing was measured). */
    public boolean deterministic() {
        return ranks.values().stream().allMatch(r -> r.grade() == Grade.DETERMINISTIC);
    }

    /** The time of {@code part}'s rank (0 when unmeasured). */
    public double seconds(Part part) {
        return seconds.getOrDefault(part, 0.0);
    }
}
