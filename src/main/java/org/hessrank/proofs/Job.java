package org.hessrank.proofs;

import java.util.Objects;

/**
 * One measured instance of a proofs-check run: either a point of a figure's sweep (an
 * architecture, N, the seed of its first point and the number of points, at abscissa {@code x}),
 * or a random case of the property-based check ({@code testCase} non-null, {@code figure} the
 * family's group name).
 *
 * @param index position in the plan (shards and merges keep this order)
 * @param figure the figure or group it belongs to, e.g. {@code fig1-width}, {@code cases-fc}
 * @param x the figure's abscissa (width, depth, N, channels); the case number for cases
 * @param testCase the random case, or null for a figure point
 */
public record Job(int index, String figure, double x, String spec, int samples, long seed, int points,
        org.hessrank.verify.Case testCase) {
    public Job {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(spec, "spec");
        if (samples < 1 || points < 1) {
            throw new IllegalArgumentException("job " + index + ": samples (" + samples + ") and points (" + points
                    + ") must be >= 1");
        }
    }

    /** Whether this job is a random case rather than a figure point. */
    public boolean isCase() {
        return testCase != null;
    }

    /** A stable identifier, e.g. {@code fig1-width/x=8}. */
    public String id() {
        return figure + "/x=" + (x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x));
    }
}
