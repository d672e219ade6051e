package org.hessrank.hessian;

import java.util.Objects;

/**
 * How {@link Points#draw} draws a point. Immutable; build from {@link #defaults()} with the
 * {@code with…} methods, e.g. {@code PointOptions.defaults().withSamples(6).withSeed(3)}.
 *
 * @param samples N, the number of samples; {@link #DEFAULT_SAMPLES} (0) means
 *     {@code inputSize + 1}, the smallest N at which both X (rank d) and [X; 1ᵀ] (rank d + 1,
 *     relevant with biases) reach their full generic rank
 * @param dataRank r: X = A·B with A N×r and B r×d; {@link #FULL_RANK} (0), or any r ≥ min(N, d),
 *     draws X directly (full rank generically)
 * @param range R: every drawn entry (θ, X or A and B, random targets) is uniform in [−R, R];
 *     1 ≤ R ≤ 2^61; default 2^20
 * @param targets how the targets Y are chosen
 * @param onZeroPreactivation what to do when a ReLU or leaky-ReLU pre-activation is exactly 0
 * @param seed the seed of the {@link java.util.SplittableRandom} that draws everything
 */
public record PointOptions(int samples, int dataRank, long range, Targets targets,
        ZeroPreactivationPolicy onZeroPreactivation, long seed) {

    /** {@code samples} value meaning "inputSize + 1". */
    public static final int DEFAULT_SAMPLES = 0;
    /** {@code dataRank} value meaning "full rank". */
    public static final int FULL_RANK = 0;
    /** The default range R = 2^20. */
    public static final long DEFAULT_RANGE = 1L << 20;
    /** The largest range R = 2^61 (so that 2R + 1 fits a long). */
    public static final long MAX_RANGE = 1L << 61;

    /** How targets are drawn. */
    public enum Targets {
        /** Y uniform in [−R, R] (drawn after X, row-major). */
        RANDOM,
        /** Y = F(X) exactly: zero residual, so H_F = 0. No draws. */
        INTERPOLATE,
        /** Each sample's target is a one-hot row; the class is uniform in [0, K). */
        ONE_HOT
    }

    /** What to do at a point where a ReLU or leaky-ReLU pre-activation is exactly 0. */
    public enum ZeroPreactivationPolicy {
        /** Draw again with a derived seed (see {@link Points}), counting the redraws. */
        REDRAW,
        /** Throw {@link IllegalStateException} naming the sample, stage and unit. */
        FAIL
    }

    public PointOptions {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(onZeroPreactivation, "onZeroPreactivation");
        if (samples < 0) {
            throw new IllegalArgumentException("samples (" + samples + ") must be >= 0 (0 = inputSize + 1)");
        }
        if (dataRank < 0) {
            throw new IllegalArgumentException("dataRank (" + dataRank + ") must be >= 0 (0 = full rank)");
        }
        if (range < 1 || range > MAX_RANGE) {
            throw new IllegalArgumentException("range (" + range + ") must be in [1, 2^61]");
        }
    }

    /** Samples inputSize + 1, full data rank, range 2^20, random targets, REDRAW, seed 0. */
    public static PointOptions defaults() {
        return new PointOptions(DEFAULT_SAMPLES, FULL_RANK, DEFAULT_RANGE, Targets.RANDOM,
                ZeroPreactivationPolicy.REDRAW, 0L);
    }

    public PointOptions withSamples(int n) {
        return new PointOptions(n, dataRank, range, targets, onZeroPreactivation, seed);
    }

    public PointOptions withDataRank(int r) {
        return new PointOptions(samples, r, range, targets, onZeroPreactivation, seed);
    }

    public PointOptions withRange(long r) {
        return new PointOptions(samples, dataRank, r, targets, onZeroPreactivation, seed);
    }

    public PointOptions withTargets(Targets t) {
        return new PointOptions(samples, dataRank, range, t, onZeroPreactivation, seed);
    }

    public PointOptions withOnZeroPreactivation(ZeroPreactivationPolicy policy) {
        return new PointOptions(samples, dataRank, range, targets, policy, seed);
    }

    public PointOptions withSeed(long s) {
        return new PointOptions(samples, dataRank, range, targets, onZeroPreactivation, s);
    }

    /** N for a network with the given input size. */
    public int resolvedSamples(int inputSize) {
        return samples == DEFAULT_SAMPLES ? inputSize + 1 : samples;
    }
}
