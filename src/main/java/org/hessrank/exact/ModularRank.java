package org.hessrank.exact;

import java.util.SplittableRandom;

/**
 * Rank mod one or more random primes: a certified lower bound on the rank over ℚ, with a stated
 * Monte Carlo bound on the probability that it is not the rank itself.
 *
 * <p><b>Why it is a lower bound.</b> The elimination finds an r×r minor that is nonzero mod p,
 * hence nonzero over ℤ, so rank ≥ r. <b>Why it is usually exact.</b> rank mod p is smaller than
 * the true rank R only if p divides a fixed nonzero R×R minor M. With |M| ≤ H (Hadamard's
 * bound), at most log₂H/(b−1) primes of b bits divide M, while at least
 * {@link Primes#countLowerBound(int) π_b} primes have b bits; a prime drawn uniformly among
 * them therefore fails with probability at most ε = log₂H / ((b−1)·π_b), and k independent
 * primes all fail with probability at most ε^k. The rank reported is the largest found.
 *
 * <p>Cost: k eliminations, each O(m·n·r) (see {@link ModularElimination}), plus reducing the
 * entries mod each prime. Primes are drawn from a seeded generator, so results are reproducible.
 */
public final class ModularRank implements RankEngine {
    /** Bit length of the random primes: the fast double kernel's limit. */
    public static final int PRIME_BITS = ModularElimination.FAST_PRIME_BITS;

    private final long seed;
    private final int primes;

    private ModularRank(long seed, int primes) {
        this.seed = seed;
        this.primes = primes;
    }

    /**
     * An engine using {@code primes} random primes of {@value #PRIME_BITS} bits drawn from a
     * generator seeded with {@code seed}.
     *
     * @throws IllegalArgumentException if primes < 1
     */
    public static ModularRank of(long seed, int primes) {
        if (primes < 1) {
            throw new IllegalArgumentException("primes (" + primes + ") must be >= 1");
        }
        return new ModularRank(seed, primes);
    }

    @Override
    public String name() {
        return "modular";
    }

    @Override
    public RankResult rank(IntegerMatrix m) {
        return rank(m, Math.min(sumPositive(m.log2RowNorms()), sumPositive(m.log2ColumnNorms())));
    }

    /**
     * As {@link #rank(IntegerMatrix)} with a caller-supplied bound {@code log2Bound} ≥ log₂ of the
     * absolute value of every minor (used for the failure probability).
     */
    public RankResult rank(IntegerMatrix m, double log2Bound) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] used = new long[primes];
        ModularElimination.Result best = null;
        for (int k = 0; k < primes; k++) {
            long p = Primes.randomPrime(random, PRIME_BITS);
            used[k] = p;
            ModularElimination.Result r = ModularElimination.rank(m.residues(p), m.rows(), m.cols(), Modulus.of(p));
            if (best == null || r.rank() > best.rank()) {
                best = r;
            }
        }
        return RankResult.of(best.rank(), Grade.CERTIFIED_LOWER_BOUND, failureProbability(log2Bound, PRIME_BITS,
                primes), best.witness(), used, name());
    }

    private static double sumPositive(double[] logs) {
        double s = 0;
        for (double v : logs) {
            s += Math.max(0, v);
        }
        return s;
    }

    /**
     * Upper bound on the probability that {@code primes} independent random primes of
     * {@code bits} bits all miss the rank of a matrix whose minors are at most 2^log2Bound.
     */
    public static double failureProbability(double log2Bound, int bits, int primes) {
        double divisors = Math.max(1, Math.ceil(log2Bound / (bits - 1)));
        double single = Math.min(1, divisors / Primes.countLowerBound(bits));
        return Math.min(1, Math.pow(single, primes));
    }
}
