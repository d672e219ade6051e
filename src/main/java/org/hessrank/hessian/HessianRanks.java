package org.hessrank.hessian;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.CompressedRank;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.Primes;
import org.hessrank.exact.RankEngine;
import org.hessrank.exact.RankResult;
import org.hessrank.net.LoweredNetwork;

/**
 * The measurement spine: the ranks of H_O, H_F and H_L of a network at random points, one
 * {@link Observation} per point, by one {@link Method}. Every command that ranks Hessians
 * ({@code rank}, {@code check}, {@code conjecture}, {@code sweep}, {@code proofs-check}, the
 * fidelity commands) comes through here.
 *
 * <p><b>Seeds.</b> A run of k points from options with seed S draws point i with seed S + i and the
 * primes of its points in turn from {@link Primes#sourceFor}(S); the multi-modular engine and the
 * matrix-free compression at point i are seeded with S + i. A single point measured on its own
 * (a verdict's re-check point) is a run of one.
 *
 * <p><b>Cost per point.</b> Modular: the modular Hessians and their minor bounds (see
 * {@link Hessians}) plus three eliminations, O(p²·r) each. Deterministic and Bareiss: the exact
 * Hessians over ℤ and their exact ranks. Matrix-free: see {@link MatrixFreeRanks}, memory O(N·K·p + p·r).
 */
public final class HessianRanks {
    /** How the Hessians are built and ranked. */
    public enum Method {
        /** Built mod one random 49-bit prime per point; certified lower bounds. */
        MODULAR,
        /** Built over ℤ; multi-modular rank up to the Hadamard bound. */
        DETERMINISTIC,
        /** Built over ℤ; Bareiss rank. */
        BAREISS,
        /**
         * Never forms a p × p matrix: H_O from the rank of the Jacobian mod p, H_F and H_L from exact
         * Hessian-vector products and a random compression ({@link MatrixFreeRanks}); certified
         * lower bounds with the prime's and the compression's failure probabilities added.
         */
        MATRIX_FREE
    }

    private HessianRanks() {
    }

    /** As {@link #observe(LoweredNetwork, PointOptions, int, Method, MatrixFreeRanks.Compression, Consumer)} with Toeplitz compression. */
    public static Observations observe(LoweredNetwork net, PointOptions first, int points, Method method,
            Consumer<String> progress) {
        return observe(net, first, points, method, MatrixFreeRanks.Compression.TOEPLITZ, progress);
    }

    /**
     * Draws {@code points} points (seeds {@code first.seed()}, {@code first.seed() + 1}, …) and ranks
     * their Hessian parts.
     *
     * @param compression how the matrix-free method compresses H_F and H_L (ignored by the others)
     * @param progress receives short phase descriptions (may be a no-op)
     * @throws IllegalArgumentException if points &lt; 1 or the network/point is invalid
     * @throws IllegalStateException if a point cannot be drawn (zero ReLU pre-activations)
     */
    public static Observations observe(LoweredNetwork net, PointOptions first, int points, Method method,
            MatrixFreeRanks.Compression compression, Consumer<String> progress) {
        return observe(net, first, points, method, compression, RankForecast.NONE, progress);
    }

    /**
     * As {@link #observe(LoweredNetwork, PointOptions, int, Method, MatrixFreeRanks.Compression, Consumer)},
     * with forecasts of the ranks for the matrix-free progress line's estimate of the time left.
     */
    public static Observations observe(LoweredNetwork net, PointOptions first, int points, Method method,
            MatrixFreeRanks.Compression compression, RankForecast forecast, Consumer<String> progress) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(first, "first");
        if (points < 1) {
            throw new IllegalArgumentException("points (" + points + ") must be >= 1");
        }
        SplittableRandom primes = Primes.sourceFor(first.seed());
        List<Observation> out = new ArrayList<>();
        for (int k = 0; k < points; k++) {
            String where = "point " + (k + 1) + "/" + points;
            progress.accept(where + ": drawing");
            long seed = first.seed() + k;
            EvaluatedPoint at = EvaluatedPoint.of(net, Points.draw(net, first.withSeed(seed)));
            out.add(observe(at, seed, method, compression, primes, where, forecast, progress));
        }
        return new Observations(net.parameterCount(), out);
    }

    /**
     * Ranks the Hessian parts at a given point: the one step of the spine.
     *
     * @param seed the point's seed (seeds the multi-modular engine and the matrix-free compression)
     * @param primes the source of the random prime (modular and matrix-free methods draw one)
     * @param where names the point in progress messages
     */
    public static Observation observe(LoweredNetwork net, Point point, long seed, Method method,
            MatrixFreeRanks.Compression compression, SplittableRandom primes, String where, Consumer<String> progress) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        return observe(EvaluatedPoint.of(net, point), seed, method, compression, primes, where, progress);
    }

    /**
     * As {@link #observe(LoweredNetwork, Point, long, Method, MatrixFreeRanks.Compression,
     * SplittableRandom, String, Consumer)} at a point already evaluated: every part, bound and
     * product of this point reads that one forward pass, which the observation keeps.
     */
    public static Observation observe(EvaluatedPoint at, long seed, Method method,
            MatrixFreeRanks.Compression compression, SplittableRandom primes, String where, Consumer<String> progress) {
        return observe(at, seed, method, compression, primes, where, RankForecast.NONE, progress);
    }

    private static Observation observe(EvaluatedPoint at, long seed, Method method,
            MatrixFreeRanks.Compression compression, SplittableRandom primes, String where, RankForecast forecast,
            Consumer<String> progress) {
        Objects.requireNonNull(at, "evaluated point");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(compression, "compression");
        LoweredNetwork net = at.network();
        Point point = at.point();
        int p = net.parameterCount();
        Map<Part, RankResult> ranks = new EnumMap<>(Part.class);
        Map<Part, Double> seconds = new EnumMap<>(Part.class);
        long t0 = System.nanoTime();
        double build = 0;
        long prime = 0;
        if (method == Method.MATRIX_FREE) {
            prime = Primes.randomPrime(primes, ModularRank.PRIME_BITS);
            Map<Part, MatrixFreeRanks.PartResult> mf = MatrixFreeRanks.compute(at, Modulus.of(prime), seed,
                    CompressedRank.DEFAULT_BLOCK, Limits.matrixFreeMaxRows(p), compression,
                    matrixFreeProgress(where, progress, forecast.forecast(at, Part.L)));
            for (Part part : Part.hessianParts()) {
                ranks.put(part, mf.get(part).rank());
                seconds.put(part, mf.get(part).seconds());
            }
        } else if (method == Method.MODULAR) {
            prime = Primes.randomPrime(primes, ModularRank.PRIME_BITS);
            Modulus mod = Modulus.of(prime);
            progress.accept(where + ": building Hessians mod " + prime);
            ModularHessians h = at.modular(mod);
            double[] bounds = at.log2MinorBounds();
            build = (System.nanoTime() - t0) / 1e9;
            for (Part part : Part.hessianParts()) {
                progress.accept(where + ": rank of H_" + part);
                long t1 = System.nanoTime();
                ModularElimination.Result r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod);
                double fail = ModularRank.failureProbability(minorBound(bounds, part), ModularRank.PRIME_BITS, 1);
                ranks.put(part, RankResult.of(r.rank(), Grade.CERTIFIED_LOWER_BOUND, fail, r.witness(),
                        new long[] {prime}, "modular"));
                seconds.put(part, (System.nanoTime() - t1) / 1e9);
            }
        } else {
            progress.accept(where + ": building exact Hessians");
            ExactHessians h = at.exact();
            build = (System.nanoTime() - t0) / 1e9;
            RankEngine engine = method == Method.BAREISS ? Bareiss.engine() : MultiModularRank.of(seed);
            for (Part part : Part.hessianParts()) {
                progress.accept(where + ": rank of H_" + part);
                long t1 = System.nanoTime();
                ranks.put(part, engine.rank(h.part(part)));
                seconds.put(part, (System.nanoTime() - t1) / 1e9);
            }
        }
        return new Observation(point, seed, prime, ranks, seconds, build, at);
    }

    /**
     * The entry of {@link Hessians#log2MinorBounds}' array (H_O, H_F, H_L in this order) for
     * {@code part}.
     */
    public static double minorBound(double[] log2MinorBounds, Part part) {
        return part.select(log2MinorBounds[0], log2MinorBounds[1], log2MinorBounds[2]);
    }

    /**
     * Progress of the matrix-free path: phase and rank so far. While H_F and H_L grow together,
     * and a statement forecasts H_L, the share of that forecast and the time left; once H_F is
     * final, H_L's share of H_O + H_F (or of the forecast) and the time left. Time left is linear in
     * the rank still to go, as the products dominate long runs; it is an estimate, labelled so.
     */
    private static MatrixFreeRanks.Listener matrixFreeProgress(String where, Consumer<String> progress,
            RankForecast.Forecast forecastL) {
        Map<Part, Integer> finals = new EnumMap<>(Part.class);
        boolean[] fGrowing = {false};
        // the first H_L update of the run: the rate from there on leaves out the setup (H_O, projections)
        double[] start = {Double.NaN, 0};
        return (part, phase, rank, products, seconds) -> {
            if (part == Part.L && rank > 0 && Double.isNaN(start[0])) {
                start[0] = seconds;
                start[1] = rank;
            }
            finals.merge(part, rank, Math::max);
            if (part == Part.F) {
                fGrowing[0] = !phase.equals(MatrixFreeRanks.RANK_FOUND);
            }
            int o = finals.getOrDefault(Part.O, 0);
            int f = finals.getOrDefault(Part.F, 0);
            if (part == Part.L && rank > 0 && fGrowing[0]) {
                String expected = forecastL == null || forecastL.rank() < rank ? ""
                        : String.format(java.util.Locale.ROOT, ", ~%d%% of %d expected by %s, ~%s left",
                                Math.min(100, 100L * rank / Math.max(1, forecastL.rank())), forecastL.rank(),
                                forecastL.source(), timeLeft(start, rank, seconds, forecastL.rank()));
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_F and H_L together, ranks >= %d and >= %d"
                        + " after %d products, %.0f s%s", where, f, rank, products, seconds, expected));
            } else if (part == Part.L && rank > 0) {
                long bound = forecastL != null && forecastL.rank() >= rank ? forecastL.rank() : Math.max(rank, o + f);
                String of = forecastL != null && forecastL.rank() >= rank ? forecastL.source() : "H_O+H_F";
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_L %s, rank >= %d after %d products,"
                        + " ~%d%% of %s = %d, %.0f s, ~%s left", where, phase, rank, products,
                        Math.min(100, 100L * rank / bound), of, bound, seconds, timeLeft(start, rank, seconds, bound)));
            } else {
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_%s %s, rank >= %d after %d products, %.0f s",
                        where, part, phase, rank, products, seconds));
            }
        };
    }

    /**
     * Time to reach {@code target} at the rate since {@code start} (seconds, rank), or at the
     * average rate over the whole run before a second update.
     */
    private static String timeLeft(double[] start, int rank, double seconds, long target) {
        double rate = rank > start[1] ? (seconds - start[0]) / (rank - start[1]) : seconds / Math.max(1, rank);
        return duration(Math.max(0, target - rank) * rate);
    }

    /** 42 s, 12 min or 2.5 h. */
    static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(java.util.Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
