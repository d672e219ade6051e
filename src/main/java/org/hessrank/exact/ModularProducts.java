package org.hessrank.exact;

import java.util.stream.IntStream;

/**
 * Matrix products mod a prime on primitive arrays, with the exact double kernel of
 * {@link ModularElimination} (primes below 2^{@value ModularElimination#FAST_PRIME_BITS}).
 */
public final class ModularProducts {
    private static final int ROW_BLOCK = 24;

    private ModularProducts() {
    }

    /** Whether {@link #gram} supports this modulus. */
    public static boolean supports(Modulus modulus) {
        return modulus.value() < (1L << ModularElimination.FAST_PRIME_BITS);
    }

    /**
     * A·B mod p (n × m, row-major residues in [0, p)) for A (n × k) and B (k × m) given by
     * row-major residues in [0, p), with the exact double kernel. Cost n·k·m multiply-adds,
     * single-threaded (callers parallelise over their own work).
     *
     * @throws IllegalArgumentException if p is not below 2^49 or a length does not match
     */
    public static long[] product(long[] a, int n, int k, long[] b, int m, Modulus modulus) {
        if (!supports(modulus)) {
            throw new IllegalArgumentException("modulus (" + modulus.value() + ") must be < 2^"
                    + ModularElimination.FAST_PRIME_BITS + " for the double kernel");
        }
        if (a.length != (long) n * k || b.length != (long) k * m) {
            throw new IllegalArgumentException("lengths (" + a.length + ", " + b.length + ") must be n*k and k*m ("
                    + (long) n * k + ", " + (long) k * m + ")");
        }
        long p = modulus.value();
        ModularElimination.DoubleKernel kernel = new ModularElimination.DoubleKernel(modulus);
        double[][] rowsB = new double[k][m];
        for (int l = 0; l < k; l++) {
            for (int c = 0; c < m; c++) {
                rowsB[l][c] = b[l * m + c];
            }
        }
        long[] out = new long[n * m];
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, 0);
            for (int l = 0; l < k; l++) {
                long c = a[i * k + l];
                if (c != 0) {
                    kernel.axpy(row, p - c, rowsB[l], 0, m); // row − (p − c)·B_l = row + c·B_l
                }
            }
            for (int c = 0; c < m; c++) {
                long v = (long) row[c];
                out[i * m + c] = v == p ? 0 : v;
            }
        }
        return out;
    }

    /**
     * The Gram matrix JᵀJ mod p (cols×cols, row-major residues in [0, p)) of the rows×cols matrix
     * J given by row-major residues. Row blocks of the upper triangle are accumulated in parallel,
     * each by exact vectorised "row plus coefficient times row" updates, then mirrored.
     *
     * <p>Cost: rows·cols²/2 multiply-adds mod p; memory cols² doubles plus a copy of J.
     *
     * @throws IllegalArgumentException if p is not below 2^49 or the length is not rows·cols
     */
    public static long[] gram(long[] j, int rows, int cols, Modulus modulus) {
        if (!supports(modulus)) {
            throw new IllegalArgumentException("modulus (" + modulus.value() + ") must be < 2^"
                    + ModularElimination.FAST_PRIME_BITS + " for the double kernel");
        }
        if (j.length != (long) rows * cols) {
            throw IntegerMatrix.lengthMismatch(j.length, rows, cols);
        }
        long p = modulus.value();
        double[][] jr = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                jr[r][c] = j[r * cols + c];
            }
        }
        ModularElimination.DoubleKernel kernel = new ModularElimination.DoubleKernel(modulus);
        double[][] g = new double[cols][];
        int blocks = (cols + ROW_BLOCK - 1) / ROW_BLOCK;
        // later blocks have shorter rows (upper triangle): interleave for balance
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            int a0 = blk * ROW_BLOCK;
            int a1 = Math.min(cols, a0 + ROW_BLOCK);
            double[][] rowsOfG = new double[a1 - a0][cols];
            for (int r = 0; r < rows; r++) {
                double[] x = jr[r];
                for (int a = a0; a < a1; a++) {
                    double c = x[a];
                    if (c != 0) {
                        // g_a[b] ← g_a[b] − (p − c)·x[b] = g_a[b] + c·x[b]  (mod p), for b ≥ a
                        kernel.axpy(rowsOfG[a - a0], p - c, x, a, cols);
                    }
                }
            }
            for (int a = a0; a < a1; a++) {
                g[a] = rowsOfG[a - a0];
            }
        });
        long[] out = new long[cols * cols];
        for (int a = 0; a < cols; a++) {
            double[] row = g[a];
            for (int b = a; b < cols; b++) {
                long v = (long) row[b];
                if (v == p) {
                    v = 0;
                }
                out[a * cols + b] = v;
                out[b * cols + a] = v;
            }
        }
        return out;
    }
}
