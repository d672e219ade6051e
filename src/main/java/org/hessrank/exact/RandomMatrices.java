package org.hessrank.exact;

import java.math.BigInteger;
import java.util.SplittableRandom;

/** Seeded random integer matrices for tests and benchmarks. */
public final class RandomMatrices {
    private RandomMatrices() {
    }

    /** A rows×cols matrix with entries uniform in [−bound, bound]. */
    public static IntegerMatrix uniform(SplittableRandom random, int rows, int cols, long bound) {
        if (bound < 0) {
            throw new IllegalArgumentException("bound (" + bound + ") must be >= 0");
        }
        BigInteger[] e = new BigInteger[Math.multiplyExact(rows, cols)];
        for (int k = 0; k < e.length; k++) {
            e[k] = BigInteger.valueOf(random.nextLong(-bound, bound + 1));
        }
        return IntegerMatrix.of(rows, cols, e);
    }

    /**
     * The product B·C of a rows×rank and a rank×cols matrix with entries in [−bound, bound]; its
     * rank is at most {@code rank}, and equal to it with high probability. Cost O(rows·cols·rank)
     * {@code long} operations (entries must stay below 2^63: rank·bound² < 2^62 is checked).
     */
    public static IntegerMatrix lowRank(SplittableRandom random, int rows, int cols, int rank, long bound) {
        if (rank < 0) {
            throw new IllegalArgumentException("rank (" + rank + ") must be >= 0");
        }
        if (bound > 0 && (double) rank * bound * bound >= 0x1p62) {
            throw new IllegalArgumentException("rank*bound^2 (" + ((double) rank * bound * bound)
                    + ") must be < 2^62 so entries fit in a long");
        }
        long[][] b = new long[rows][rank];
        long[][] c = new long[rank][cols];
        for (long[] row : b) {
            for (int k = 0; k < rank; k++) {
                row[k] = random.nextLong(-bound, bound + 1);
            }
        }
        for (long[] row : c) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextLong(-bound, bound + 1);
            }
        }
        BigInteger[] e = new BigInteger[Math.multiplyExact(rows, cols)];
        long[] acc = new long[cols];
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < rank; k++) {
                long f = b[i][k];
                long[] ck = c[k];
                for (int j = 0; j < cols; j++) {
                    acc[j] += f * ck[j];
                }
            }
            for (int j = 0; j < cols; j++) {
                e[i * cols + j] = BigInteger.valueOf(acc[j]);
            }
        }
        return IntegerMatrix.of(rows, cols, e);
    }
}
