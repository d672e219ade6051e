package org.hessrank.hessian;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.exact.Grade;
import org.hessrank.exact.RankResult;

/**
 * The observations of one run of the measurement spine: points drawn with seeds S, S + 1, …,
 * S + k − 1 and ranked by one method, primes drawn in turn from {@link org.hessrank.exact.Primes#sourceFor}(S).
 * Immutable. The list is the result; the aggregates (largest rank, union bound, primes, times)
 * are derived from it, each in O(k).
 *
 * @param parameters p
 * @param points the observations, in point order (at least one)
 */
public record Observations(int parameters, List<Observation> points) {
    public Observations {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points (0) must hold at least one observation");
        }
    }

    /** N, the samples of the first point. */
    public int samples() {
        return points.get(0).point().samples();
    }

    /** Redraws over all points (zero ReLU pre-activations). */
    public int redraws() {
        return points.stream().mapToInt(o -> o.point().redraws()).sum();
    }

    /** Time spent building dense Hessians, over all points. */
    public double buildSeconds() {
        double s = 0;
        for (Observation o : points) {
            s += o.buildSeconds();
        }
        return s;
    }

    /** The result of the first point where {@code part} reaches its largest rank. */
    public RankResult best(Part part) {
        RankResult best = null;
        for (Observation o : points) {
            RankResult r = o.result(part);
            if (best == null || r.rank() > best.rank()) {
                best = r;
            }
        }
        return best;
    }

    /** The largest rank of {@code part} over the points (a lower bound of its generic rank). */
    public int rank(Part part) {
        return best(part).rank();
    }

    /**
     * The union bound over the points of the probabilities that a rank of {@code part} is below the
     * rank at its point (at most 1); 0 when the ranks are exact.
     */
    public double failureProbability(Part part) {
        double failure = 0;
        for (Observation o : points) {
            failure = Math.min(1, failure + o.failureProbability(part));
        }
        return best(part).grade() == Grade.DETERMINISTIC ? 0 : failure;
    }

    /** The rank of {@code part} at each point. */
    public List<Integer> ranksPerPoint(Part part) {
        return points.stream().map(o -> o.rank(part)).toList();
    }

    /** Every prime used for {@code part}, point by point. */
    public List<Long> primes(Part part) {
        List<Long> out = new ArrayList<>();
        for (Observation o : points) {
            for (long q : o.result(part).primes()) {
                out.add(q);
            }
        }
        return out;
    }

    /** Time spent ranking {@code part}, over all points. */
    public double seconds(Part part) {
        double s = 0;
        for (Observation o : points) {
            s += o.seconds(part);
        }
        return s;
    }
}
