package org.hessrank.exact;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic rank over ℚ from ranks modulo several distinct primes.
 *
 * <p><b>Why it is exact.</b> Let r̂ be the largest rank found so far mod the primes used. If the
 * true rank exceeded r̂, some (r̂+1)×(r̂+1) minor M would be nonzero, and every prime used would
 * divide it (each has rank ≤ r̂). Their product P would then divide M, which is impossible once
 * P > H_{r̂+1}, a Hadamard bound for such minors: the product of the r̂+1 largest row norms (or
 * column norms, whichever is smaller). Primes are added until that holds; the answer does not
 * depend on which primes were drawn.
 *
 * <p>Cost: about log₂H_{r+1}/{@value ModularRank#PRIME_BITS} eliminations of O(m·n·r) each.
 */
public final class MultiModularRank implements RankEngine {
    private final long seed;

    private MultiModularRank(long seed) {
        this.seed = seed;
    }

    /** An engine drawing its primes from a generator seeded with {@code seed}. */
    public static MultiModularRank of(long seed) {
        return new MultiModularRank(seed);
    }

    @Override
    public String name() {
        return "deterministic";
    }

    @Override
    public RankResult rank(IntegerMatrix m) {
        double[] rowLogs = descending(m.log2RowNorms());
        double[] colLogs = descending(m.log2ColumnNorms());
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> seen = new HashSet<>();
        long[] used = new long[8];
        int count = 0;
        double log2Product = 0;
        ModularElimination.Result best = null;
        while (best == null || log2Product <= log2MinorBound(rowLogs, colLogs, best.rank() + 1)) {
            long p = Primes.randomPrime(random, ModularRank.PRIME_BITS);
            if (!seen.add(p)) {
                continue;
            }
            if (count == used.length) {
                used = Arrays.copyOf(used, 2 * count);
            }
            used[count++] = p;
            log2Product += Math.log(p) / Math.log(2);
            ModularElimination.Result r = ModularElimination.rank(m.residues(p), m.rows(), m.cols(), Modulus.of(p));
            if (best == null || r.rank() > best.rank()) {
                best = r;
            }
            if (best.rank() == Math.min(m.rows(), m.cols())) {
                break; // full rank: nothing larger is possible
            }
        }
        return RankResult.of(best.rank(), Grade.DETERMINISTIC, 0, best.witness(), Arrays.copyOf(used, count),
                name());
    }

    /**
     * log₂ of a bound on every k×k minor: the sum of the k largest log₂ row norms, or of the k
     * largest column norms if smaller (each norm taken as at least 1); 0 when k exceeds a dimension
     * (such minors do not exist).
     */
    static double log2MinorBound(double[] rowLogsDescending, double[] colLogsDescending, int k) {
        if (k > rowLogsDescending.length || k > colLogsDescending.length) {
            return 0;
        }
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < k; i++) {
            rows += Math.max(0, rowLogsDescending[i]);
            cols += Math.max(0, colLogsDescending[i]);
        }
        // a little slack for the double rounding of the logarithms
        return Math.min(rows, cols) * (1 + 1e-12) + 1;
    }

    private static double[] descending(double[] logs) {
        double[] out = logs.clone();
        Arrays.sort(out);
        for (int i = 0; i < out.length / 2; i++) {
            double t = out[i];
            out[i] = out[out.length - 1 - i];
            out[out.length - 1 - i] = t;
        }
        return out;
    }
}
