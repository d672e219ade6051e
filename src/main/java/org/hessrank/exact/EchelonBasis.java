package org.hessrank.exact;

import java.util.Arrays;

/**
 * A growing, fully reduced row-echelon basis mod a prime p &lt; 2^49 of the span of the rows
 * added so far (Gauss–Jordan): each basis row has a 1 at its pivot column and 0 at every other
 * basis row's pivot column. Rows are added in batches: a batch is first reduced against the
 * existing basis in parallel, cache-tiled groups (the coefficients of a reduced basis can be read
 * before any update), then its rows are inserted one by one. The arithmetic is the exact double
 * kernel of {@link ModularElimination} (lazy residues in [0, p]).
 *
 * <p>Cost for a final rank r over n columns after m rows: O(m·r·n) for the batch reductions plus
 * O(r²·n/2) to keep the basis reduced; memory r·n doubles. Not thread-safe.
 */
final class EchelonBasis {
    private final ModularElimination.DoubleKernel kernel;
    private final long prime;
    private final int cols;
    private double[][] rows = new double[16][];
    private int[] pivotCols = new int[16];
    private int[] pivotSources = new int[16];
    private int rank;

    EchelonBasis(Modulus modulus, int cols) {
        this.kernel = new ModularElimination.DoubleKernel(modulus);
        this.prime = modulus.value();
        this.cols = cols;
    }

    int rank() {
        return rank;
    }

    int[] pivotCols() {
        return Arrays.copyOf(pivotCols, rank);
    }

    /** The source index (as passed to {@link #add}) of each basis row, in insertion order. */
    int[] pivotSources() {
        return Arrays.copyOf(pivotSources, rank);
    }

    private long canonical(double v) {
        long x = (long) v;
        return x == prime ? 0 : x;
    }

    /**
     * Adds the rows of {@code batch} (lazy residues in [0, p]; they are modified and may become
     * basis rows, so the caller must not reuse them). Row k is recorded with source index
     * {@code firstSource + k}. Returns how many rows raised the rank.
     */
    int add(double[][] batch, int firstSource) {
        int start = rank;
        reduceAgainstBasis(batch, start);
        int added = 0;
        for (int k = 0; k < batch.length && rank < cols; k++) {
            double[] x = batch[k];
            for (int t = start; t < rank; t++) {
                long c = canonical(x[pivotCols[t]]);
                if (c != 0) {
                    kernel.axpy(x, c, rows[t], 0, cols);
                }
            }
            int j = kernel.pivot(x, rows, rank, cols);
            if (j < 0) {
                continue;
            }
            if (rank == rows.length) {
                int cap = rows.length * 2;
                rows = Arrays.copyOf(rows, cap);
                pivotCols = Arrays.copyOf(pivotCols, cap);
                pivotSources = Arrays.copyOf(pivotSources, cap);
            }
            rows[rank] = x;
            pivotCols[rank] = j;
            pivotSources[rank] = firstSource + k;
            rank++;
            added++;
        }
        return added;
    }

    /** Reduces every batch row against the first r basis rows (the elimination's batch kernel). */
    private void reduceAgainstBasis(double[][] batch, int r) {
        if (r > 0 && batch.length > 0) {
            kernel.reduceBatch(batch, 0, batch.length, rows, pivotCols, r, cols);
        }
    }
}
