package org.hessrank.hessian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.Primes;
import org.hessrank.exact.RankEngine;
import org.hessrank.exact.RankResult;
import org.hessrank.hessian.HessianParts.Part;
import org.hessrank.net.LoweredNetwork;

/**
 * The ranks of H_O, H_F and H_L of a network at one or more random points: the measurement
 * behind {@code hessrank rank}, sweeps and the verifier. Point i is drawn with seed
 * {@code options.seed() + i}; the largest rank over the points is kept per part.
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

    /** The result for one part over all points. */
    public record PartRank(RankResult best, double failureProbability, List<Integer> ranksPerPoint, List<Long> primes,
            double seconds) {
        public PartRank {
            ranksPerPoint = List.copyOf(ranksPerPoint);
            primes = List.copyOf(primes);
        }

        public int rank() {
            return best.rank();
        }
    }

    /** Ranks of the three parts, with the points' facts and timings. */
    public record Measurement(int parameters, int samples, int redraws, Map<Part, PartRank> parts,
            double buildSeconds, List<Point> points) {
        public Measurement {
            parts = Collections.unmodifiableMap(new EnumMap<>(parts));
            points = List.copyOf(points);
        }

        public PartRank part(Part part) {
            return parts.get(part);
        }
    }

    private HessianRanks() {
    }

    /**
     * Measures the ranks.
     *
     * @param primeSeed seed of the generator of the random primes (modular method) and of the
     *     multi-modular engine
     * @param progress receives short phase descriptions (may be a no-op)
     * @throws IllegalArgumentException if points < 1 or the network/point is invalid
     */
    public static Measurement measure(LoweredNetwork net, PointOptions options, int points, Method method,
            long primeSeed, Consumer<String> progress) {
        return measure(net, options, points, method, MatrixFreeRanks.Compression.TOEPLITZ, primeSeed, progress);
    }

    /**
     * As {@link #measure(LoweredNetwork, PointOptions, int, Method, long, Consumer)}, choosing how
     * the matrix-free method compresses H_F and H_L (ignored by the other methods).
     */
    public static Measurement measure(LoweredNetwork net, PointOptions options, int points, Method method,
            MatrixFreeRanks.Compression compression, long primeSeed, Consumer<String> progress) {
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(method, "method");
        if (points < 1) {
            throw new IllegalArgumentException("points (" + points + ") must be >= 1");
        }
        int p = net.parameterCount();
        Map<Part, Accumulator> acc = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            acc.put(part, new Accumulator());
        }
        SplittableRandom primeSource = new SplittableRandom(primeSeed ^ 0x6A09E667F3BCC909L);
        List<Point> drawn = new ArrayList<>();
        double buildSeconds = 0;
        int redraws = 0;
        for (int k = 0; k < points; k++) {
            String where = "point " + (k + 1) + "/" + points;
            progress.accept(where + ": drawing");
            Point pt = Points.draw(net, options.withSeed(options.seed() + k));
            drawn.add(pt);
            redraws += pt.redraws();
            long t0 = System.nanoTime();
            if (method == Method.MATRIX_FREE) {
                long prime = Primes.randomPrime(primeSource, ModularRank.PRIME_BITS);
                long maxRows = (long) (0.7 * Runtime.getRuntime().maxMemory() / (8.0 * p));
                Map<Part, MatrixFreeRanks.PartResult> mf = MatrixFreeRanks.compute(net, pt, Modulus.of(prime),
                        primeSeed + k, org.hessrank.exact.CompressedRank.DEFAULT_BLOCK,
                        (int) Math.min(Integer.MAX_VALUE, maxRows), compression, matrixFreeProgress(where, progress));
                for (Part part : Part.values()) {
                    MatrixFreeRanks.PartResult r = mf.get(part);
                    acc.get(part).add(r.rank(), r.seconds(), r.rank().failureProbability());
                }
            } else if (method == Method.MODULAR) {
                long prime = Primes.randomPrime(primeSource, ModularRank.PRIME_BITS);
                Modulus mod = Modulus.of(prime);
                progress.accept(where + ": building Hessians mod " + prime);
                ModularHessians h = Hessians.modular(net, pt, mod);
                double[] bounds = Hessians.log2MinorBounds(net, pt);
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                for (Part part : Part.values()) {
                    progress.accept(where + ": rank of H_" + part);
                    long t1 = System.nanoTime();
                    ModularElimination.Result r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod);
                    double fail = ModularRank.failureProbability(bounds[part.ordinal()], ModularRank.PRIME_BITS, 1);
                    acc.get(part).add(RankResult.of(r.rank(), Grade.CERTIFIED_LOWER_BOUND, fail, r.witness(),
                            new long[] {prime}, "modular"), (System.nanoTime() - t1) / 1e9, fail);
                }
            } else {
                progress.accept(where + ": building exact Hessians");
                ExactHessians h = Hessians.exact(net, pt);
                buildSeconds += (System.nanoTime() - t0) / 1e9;
                RankEngine engine = method == Method.BAREISS ? Bareiss.engine() : MultiModularRank.of(primeSeed + k);
                for (Part part : Part.values()) {
                    progress.accept(where + ": rank of H_" + part);
                    long t1 = System.nanoTime();
                    acc.get(part).add(engine.rank(h.part(part)), (System.nanoTime() - t1) / 1e9, 0);
                }
            }
        }
        Map<Part, PartRank> parts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            parts.put(part, acc.get(part).result());
        }
        return new Measurement(p, drawn.get(0).samples(), redraws, parts, buildSeconds, drawn);
    }

    /** Progress of the matrix-free path: phase and rank so far; for H_L the share of H_O + H_F and time left. */
    private static MatrixFreeRanks.Listener matrixFreeProgress(String where, Consumer<String> progress) {
        int[] finals = new int[3];
        boolean[] fGrowing = {false};
        return (part, phase, rank, products, seconds) -> {
            finals[part.ordinal()] = Math.max(finals[part.ordinal()], rank);
            if (part == Part.F) {
                fGrowing[0] = !phase.equals(MatrixFreeRanks.RANK_FOUND);
            }
            if (part == Part.L && rank > 0 && fGrowing[0]) {
                // H_F and H_L grow together; H_L's bound H_O + H_F is not known yet
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_F and H_L together, ranks >= %d and >= %d"
                        + " after %d products, %.0f s", where, finals[1], rank, products, seconds));
            } else if (part == Part.L && rank > 0) {
                int bound = Math.max(rank, finals[0] + finals[1]);
                // the leading-minor LU grows like rank³ and the products like rank: (bound/rank)² − 1 is a middle estimate
                double left = seconds * (Math.pow((double) bound / rank, 2) - 1);
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_L %s, rank >= %d after %d products,"
                        + " ~%d%% of H_O+H_F = %d, %.0f s, ~%.0f s left", where, phase, rank, products,
                        Math.min(100, 100L * rank / bound), bound, seconds, left));
            } else {
                progress.accept(String.format(java.util.Locale.ROOT, "%s: H_%s %s, rank >= %d after %d products, %.0f s",
                        where, part, phase, rank, products, seconds));
            }
        };
    }

    private static final class Accumulator {
        private RankResult best;
        private double failure;
        private double seconds;
        private final List<Integer> perPoint = new ArrayList<>();
        private final List<Long> primes = new ArrayList<>();

        void add(RankResult r, double secs, double fail) {
            perPoint.add(r.rank());
            for (long q : r.primes()) {
                primes.add(q);
            }
            seconds += secs;
            failure = Math.min(1, failure + fail); // union bound over the points
            if (best == null || r.rank() > best.rank()) {
                best = r;
            }
        }

        PartRank result() {
            return new PartRank(best, best.grade() == Grade.DETERMINISTIC ? 0 : failure, perPoint, primes, seconds);
        }
    }
}
