package org.hessrank.exact;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Rank mod p of a {@link BlackBox} A (n × n) from products with random vectors, never forming A:
 * the rank of the compression A·V with V = [v_1 v_2 …] uniformly random in (ℤ/p)^n, widened one
 * block of vectors at a time until the rank stops growing.
 *
 * <p><b>Algorithm.</b> Blocks of {@code block} vectors v_j, drawn uniformly from (ℤ/p)^n with a
 * {@link SplittableRandom} seeded by the caller, are mapped through the box; the images w_j =
 * A·v_j are added to an incrementally reduced row-echelon basis (exact double kernel, both cores).
 * A vector whose image lies in the span of the earlier ones is a <i>miss</i>. The run stops at the
 * end of the first block after which at least {@code misses} misses have occurred in total (or
 * when the rank reaches n), so it needs about rank + block products whatever the rank is: no bound
 * on the rank is needed in advance.
 *
 * <p><b>Grade.</b> The result r is a <b>certified lower bound</b> on rank_p(A), hence on the rank
 * of the integer matrix A over ℚ when A is the reduction of one: the pivot vectors S and pivot
 * columns C returned give an explicit r × r matrix (V_Sᵀ·Aᵀ)[·, C] = ((A·V_S)ᵀ)[·, C] that is
 * nonsingular mod p, so A·V_S has rank r mod p, so rank_p(A) ≥ r and rank_ℚ(A) ≥ r.
 *
 * <p><b>Monte Carlo bound (derived here).</b> For v uniform in (ℤ/p)^n, A·v is uniform on the
 * column space of A mod p (a linear image of a uniform vector). So while the span of the images
 * so far has dimension d &lt; ρ = rank_p(A), the next vector is a miss with conditional
 * probability p^{d−ρ} ≤ 1/p, whatever happened before. If the final answer is below ρ, every
 * trial was made while deficient, so the first s misses (s = {@code misses}) all happened while
 * deficient, among the first ρ − 1 + s trials (there are at most ρ − 1 hits). For each of the
 * C(ρ−1+s, s) sets of s positions the chance that all are deficient misses is at most p^{−s}
 * (chain rule), hence
 * <pre>   P(r &lt; rank_p(A)) ≤ C(n − 1 + s, s) · p^{−s}   (using ρ ≤ n),</pre>
 * which {@link Result#failureProbability()} reports (about 5·10^−20 for n = 10^5, s = 2 and a
 * 49-bit prime). The probability that rank_p(A) is below the rank over ℚ (the prime divides every
 * maximal minor) is separate and is added by the caller (see {@link ModularRank#failureProbability}).
 *
 * <p><b>Cost</b> for rank r: about r + block products with A; O((r + block)·r·n) word operations
 * of elimination (the incremental basis, see {@code EchelonBasis}), done on all cores; memory
 * (r + 2·block)·n doubles.
 */
public final class CompressedRank {
    /** Default number of vectors per block. */
    public static final int DEFAULT_BLOCK = 64;
    /** Default number of misses required before stopping. */
    public static final int DEFAULT_MISSES = 2;

    private CompressedRank() {
    }

    /** Receives progress after each block: the rank so far, the products used and the elapsed seconds. */
    @FunctionalInterface
    public interface Listener {
        void update(int rank, int products, double seconds);
    }

    /**
     * The outcome.
     *
     * @param rank the rank of the compression, a certified lower bound on rank_p(A)
     * @param products the number of black-box products used (= number of random vectors)
     * @param misses vectors whose image added nothing
     * @param failureProbability bound on P(rank &lt; rank_p(A)) over the random vectors (0 if rank = n)
     * @param pivotVectors indices j of the vectors whose images were kept (the set S)
     * @param pivotColumns the pivot columns C
     * @param prime p
     * @param seed the seed of the random vectors
     */
    public record Result(int rank, int products, int misses, double failureProbability, int[] pivotVectors,
            int[] pivotColumns, long prime, long seed) {
        public Result {
            pivotVectors = pivotVectors.clone();
            pivotColumns = pivotColumns.clone();
        }

        @Override
        public int[] pivotVectors() {
            return pivotVectors.clone();
        }

        @Override
        public int[] pivotColumns() {
            return pivotColumns.clone();
        }
    }

    /** As {@link #rank(BlackBox, long, int, int, int, Listener)} with the defaults and no limit. */
    public static Result rank(BlackBox box, long seed) {
        return rank(box, seed, DEFAULT_BLOCK, DEFAULT_MISSES, Integer.MAX_VALUE, null);
    }

    /**
     * The rank of {@code box} mod its prime.
     *
     * @param seed seeds the random vectors (vector j is the j-th n-tuple of {@code nextLong(p)} draws)
     * @param block vectors per block (≥ 1)
     * @param misses misses required before stopping (≥ 1)
     * @param maxRows the largest number of basis rows the caller can afford in memory
     * @param listener progress receiver, or null
     * @throws IllegalArgumentException if p ≥ 2^49 or an argument is out of range
     * @throws IllegalStateException if the rank grows past {@code maxRows} (the message gives the
     *     memory it would need)
     */
    public static Result rank(BlackBox box, long seed, int block, int misses, int maxRows, Listener listener) {
        Objects.requireNonNull(box, "box");
        long p = box.prime();
        if (p >= (1L << ModularElimination.FAST_PRIME_BITS)) {
            throw new IllegalArgumentException("prime (" + p + ") must be < 2^" + ModularElimination.FAST_PRIME_BITS);
        }
        if (block < 1) {
            throw new IllegalArgumentException("block (" + block + ") must be >= 1");
        }
        if (misses < 1) {
            throw new IllegalArgumentException("misses (" + misses + ") must be >= 1");
        }
        Modulus modulus = Modulus.of(p);
        int n = box.dimension();
        long t0 = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        EchelonBasis basis = new EchelonBasis(modulus, n);
        int products = 0;
        int missCount = 0;
        while (basis.rank() < n && (missCount < misses || products == 0)) {
            int size = block;
            if ((long) basis.rank() + size > maxRows) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "matrix-free rank: the rank reached %d of n = %d and the next block needs %d basis rows,"
                                + " about %.1f GiB, more than allowed (%d rows); raise -Xmx",
                        basis.rank(), n, basis.rank() + size, (basis.rank() + 2.0 * size) * n * 8 / (1L << 30),
                        maxRows));
            }
            double[][] in = new double[size][n];
            for (double[] v : in) {
                for (int i = 0; i < n; i++) {
                    v[i] = random.nextLong(p);
                }
            }
            double[][] out = new double[size][n];
            box.apply(in, out);
            in = null;
            int added = basis.add(out, products);
            products += size;
            missCount += size - added;
            if (listener != null) {
                listener.update(basis.rank(), products, (System.nanoTime() - t0) / 1e9);
            }
        }
        double failure = basis.rank() == n ? 0 : failureBound(n, misses, p);
        return new Result(basis.rank(), products, missCount, failure, basis.pivotSources(), basis.pivotCols(), p, seed);
    }

    /** C(n − 1 + s, s) · p^{−s}, capped at 1 (see the class comment). */
    public static double failureBound(int n, int s, long p) {
        double log2 = 0;
        for (int k = 1; k <= s; k++) {
            log2 += Math.log((double) (n - 1 + k) / k) / Math.log(2);
        }
        log2 -= s * (Math.log(p) / Math.log(2));
        return Math.min(1, Math.pow(2, log2));
    }
}
