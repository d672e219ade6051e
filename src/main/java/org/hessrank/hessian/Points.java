package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.LoweredNetwork;

/**
 * Draws reproducible random points.
 *
 * <p><b>Order of draws</b> (one {@link SplittableRandom} per attempt, seeded with the attempt's
 * seed; only {@link SplittableRandom#nextLong()} is used, whose SplitMix64 output is fixed by the
 * seed, and bounded values are derived from it by {@link #uniform}):
 * <ol>
 *   <li>θ_0 … θ_{p−1}, each uniform in [−R, R];</li>
 *   <li>φ_0 … φ_{f−1}, the frozen weights of the network's frozen layers, each uniform in
 *       [−R, R] (none for most networks, whose draws are then unchanged);</li>
 *   <li>X: at full data rank, its N·d entries row-major; at data rank r &lt; min(N, d), the N·r
 *       entries of A row-major, then the r·d entries of B row-major, and X = A·B;</li>
 *   <li>targets: RANDOM draws the N·K entries of Y row-major in [−R, R]; ONE_HOT draws N classes in
 *       [0, K); INTERPOLATE draws nothing and sets Y = F(X) exactly (rational when the network
 *       has rational coefficients: numerators over the network's scale, reduced by their gcd).</li>
 * </ol>
 *
 * <p><b>Zero pre-activations.</b> For networks with ReLU / leaky ReLU (and no tanh or sigmoid),
 * the exact forward pass checks every pre-activation of every sample. If one is exactly 0 the
 * loss is not differentiable there. Policy REDRAW starts attempt a = 1, 2, … with seed
 * {@link #derivedSeed}(seed, a) (at most {@value #MAX_REDRAWS} times); FAIL throws
 * {@link IllegalStateException} naming the sample, stage and unit. Networks with tanh or sigmoid
 * are not checked (their exact forward pass does not exist); they can be drawn with RANDOM or
 * ONE_HOT targets for the numeric path.
 *
 * <p>Cost: O(p + N·d + N·K) draws plus one exact forward pass, O(N·(network terms)).
 */
public final class Points {
    /** The largest number of redraws before giving up. */
    public static final int MAX_REDRAWS = 1000;

    private Points() {
    }

    /**
     * A point for {@code net} drawn as {@code options} say.
     *
     * @throws IllegalArgumentException if INTERPOLATE is asked for a network with tanh or sigmoid
     *     (a data rank of min(N, d) or more simply draws X at full rank)
     * @throws IllegalStateException under policy FAIL at a zero pre-activation, or after
     *     {@value #MAX_REDRAWS} redraws
     */
    public static Point draw(LoweredNetwork net, PointOptions options) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(options, "options");
        boolean exactForward = true;
        try {
            ScaledNetwork.checkExact(net);
        } catch (IllegalArgumentException e) {
            if (options.targets() == PointOptions.Targets.INTERPOLATE) {
                throw new IllegalArgumentException("INTERPOLATE targets need an exact forward pass: " + e.getMessage(), e);
            }
            exactForward = false;
        }
        Limits.requirePoint(net, options.resolvedSamples(net.inputSize()), BigInteger.valueOf(options.range()));
        if (exactForward) {
            Limits.requireValueBits(net, BigInteger.valueOf(options.range()));
        }
        ScaledNetwork sn = ScaledNetwork.ofUnchecked(net);
        boolean check = exactForward && ScaledNetwork.hasKinks(net);
        for (int attempt = 0; attempt <= MAX_REDRAWS; attempt++) {
            long seed = attempt == 0 ? options.seed() : derivedSeed(options.seed(), attempt);
            SplittableRandom rng = new SplittableRandom(seed);
            int p = net.parameterCount();
            int n = options.resolvedSamples(net.inputSize());
            int d = net.inputSize();
            int k = net.outputSize();
            long range = options.range();
            BigInteger[] theta = new BigInteger[p];
            for (int j = 0; j < p; j++) {
                theta[j] = BigInteger.valueOf(uniform(rng, -range, range));
            }
            BigInteger[] frozen = new BigInteger[net.frozenCount()];
            for (int j = 0; j < frozen.length; j++) {
                frozen[j] = BigInteger.valueOf(uniform(rng, -range, range));
            }
            IntegerMatrix x = drawInputs(rng, n, d, options.dataRank(), range);
            Evaluation ev = null;
            if (check || options.targets() == PointOptions.Targets.INTERPOLATE) {
                ev = Evaluation.of(sn, Point.weights(theta, frozen), x, BigInteger.ONE);
                if (check && ev.zeroHit != null) {
                    if (options.onZeroPreactivation() == PointOptions.ZeroPreactivationPolicy.FAIL) {
                        throw new IllegalStateException(ev.zeroHit.message() + " (seed " + seed + ")");
                    }
                    continue;
                }
            }
            BigInteger[] y = new BigInteger[n * k];
            BigInteger den = BigInteger.ONE;
            switch (options.targets()) {
                case RANDOM -> {
                    for (int j = 0; j < y.length; j++) {
                        y[j] = BigInteger.valueOf(uniform(rng, -range, range));
                    }
                }
                case ONE_HOT -> {
                    java.util.Arrays.fill(y, BigInteger.ZERO);
                    for (int i = 0; i < n; i++) {
                        y[i * k + (int) uniform(rng, 0, k - 1)] = BigInteger.ONE;
                    }
                }
                case INTERPOLATE -> {
                    BigInteger g = ev.totalScale;
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < k; c++) {
                            y[i * k + c] = ev.outputs[i][c];
                            g = g.gcd(y[i * k + c]);
                        }
                    }
                    for (int j = 0; j < y.length; j++) {
                        y[j] = y[j].divide(g);
                    }
                    den = ev.totalScale.divide(g);
                }
                default -> throw new AssertionError(options.targets());
            }
            return Point.create(theta, frozen, x, IntegerMatrix.of(n, k, y), den, options, attempt, seed);
        }
        throw new IllegalStateException("every one of " + (MAX_REDRAWS + 1)
                + " draws had a zero ReLU pre-activation (seed " + options.seed() + "); widen the range");
    }

    private static IntegerMatrix drawInputs(SplittableRandom rng, int n, int d, int dataRank, long range) {
        BigInteger[] x = new BigInteger[n * d];
        if (dataRank == PointOptions.FULL_RANK || dataRank >= Math.min(n, d)) {
            for (int j = 0; j < x.length; j++) {
                x[j] = BigInteger.valueOf(uniform(rng, -range, range));
            }
            return IntegerMatrix.of(n, d, x);
        }
        int r = dataRank;
        BigInteger[] a = new BigInteger[n * r];
        for (int j = 0; j < a.length; j++) {
            a[j] = BigInteger.valueOf(uniform(rng, -range, range));
        }
        BigInteger[] b = new BigInteger[r * d];
        for (int j = 0; j < b.length; j++) {
            b[j] = BigInteger.valueOf(uniform(rng, -range, range));
        }
        return IntegerMatrix.of(n, r, a).multiply(IntegerMatrix.of(r, d, b));
    }

    /**
     * Uniform in [lo, hi] (hi − lo &lt; 2^63 − 1) from {@code rng.nextLong()} by rejection: take
     * the top 63 bits, reject the final incomplete block, return lo + bits mod n.
     */
    static long uniform(SplittableRandom rng, long lo, long hi) {
        long n = hi - lo + 1;
        long bits;
        long val;
        do {
            bits = rng.nextLong() >>> 1;
            val = bits % n;
        } while (bits - val + (n - 1) < 0);
        return lo + val;
    }

    /**
     * The seed of redraw attempt {@code a}: the MurmurHash3 64-bit finalizer of
     * {@code seed + a·0x9E3779B97F4A7C15}. Public so a report can reproduce the accepted draw.
     */
    public static long derivedSeed(long seed, int attempt) {
        long z = seed + attempt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
