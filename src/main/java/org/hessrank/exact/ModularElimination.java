package org.hessrank.exact;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Rank and pivots of a matrix over ℤ/p by Gauss–Jordan elimination that keeps a reduced basis
 * of the row space found so far. Rows are reduced against that basis in batches; the bulk of
 * the work is "row minus coefficient times basis row", done for groups of rows over cache-sized
 * column tiles (each basis tile is read from memory once per group) and spread over all cores.
 *
 * <p><b>Arithmetic.</b> For primes below 2^{@value #FAST_PRIME_BITS} residues are held in
 * {@code double}s and every update is exact: the product c·u is split into its rounded value
 * and its exact rounding error with one fused multiply-add, the quotient by p is estimated with
 * a precomputed 1/p (off by at most one), and the remainder is formed exactly, so no bit is lost
 * and the loop vectorises (AVX/AVX-512). Residues are kept lazily in [0, p] (p stands for 0).
 * Larger primes (up to 2^62) use a plain {@code long} row-echelon kernel through
 * {@link Modulus}, several times slower.
 *
 * <p><b>Cost.</b> O(m·n·r) word operations for an m×n matrix of rank r over ℤ/p (each row is
 * reduced against at most r basis rows), plus O(n·r²) to keep the basis reduced. Memory: the
 * input copied once as doubles.
 *
 * <p><b>Witness.</b> The returned pivot rows and columns index a minor that is nonsingular mod
 * p: each pivot row, reduced against the earlier ones, is zero at their pivot columns and
 * nonzero at its own, so the minor is triangular up to unimodular row operations.
 */
public final class ModularElimination {
    /** Primes below 2^this use the double kernel. */
    public static final int FAST_PRIME_BITS = 49;
    private static final int BATCH = 96;
    private static final int GROUP = 8;
    private static final int TILE = 512;
    private static final long PARALLEL_WORK = 1L << 20;

    private ModularElimination() {
    }

    /** Rank mod p with its pivot rows and columns (zero-based, in elimination order). */
    public record Result(int rank, int[] pivotRows, int[] pivotCols, long prime) {
        public Result {
            pivotRows = pivotRows.clone();
            pivotCols = pivotCols.clone();
        }

        @Override
        public int[] pivotRows() {
            return pivotRows.clone();
        }

        @Override
        public int[] pivotCols() {
            return pivotCols.clone();
        }

        public Witness witness() {
            return Witness.of(pivotRows, pivotCols);
        }
    }

    /**
     * Rank of the rows×cols matrix with row-major residues {@code entries} (each in [0, p)) mod
     * the prime {@code modulus}. The array is not modified.
     *
     * @throws IllegalArgumentException if the length is not rows·cols or an entry is not a residue
     */
    public static Result rank(long[] entries, int rows, int cols, Modulus modulus) {
        if (rows < 0 || cols < 0 || entries.length != (long) rows * cols) {
            throw IntegerMatrix.lengthMismatch(entries.length, rows, cols);
        }
        long p = modulus.value();
        for (int k = 0; k < entries.length; k++) {
            if (entries[k] < 0 || entries[k] >= p) {
                throw new IllegalArgumentException("entry (" + (k / cols) + ", " + (k % cols) + ") ("
                        + entries[k] + ") must be a residue in [0, " + p + ")");
            }
        }
        if (p < (1L << FAST_PRIME_BITS)) {
            double[][] a = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                double[] row = a[i];
                int base = i * cols;
                for (int j = 0; j < cols; j++) {
                    row[j] = entries[base + j];
                }
            }
            return new DoubleKernel(modulus).eliminate(a, cols);
        }
        return eliminateLong(entries, rows, cols, modulus);
    }

    /**
     * Plain row-echelon elimination on {@code long}s with {@link Modulus}: any prime below 2^62.
     * Cost O(m·n·r) modular multiplications. Also the independent reference for the fast kernel.
     */
    static Result eliminateLong(long[] entries, int rows, int cols, Modulus modulus) {
        long[][] a = new long[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = Arrays.copyOfRange(entries, i * cols, (i + 1) * cols);
        }
        int[] order = IntStream.range(0, rows).toArray();
        int limit = Math.min(rows, cols);
        int[] pivotRows = new int[limit];
        int[] pivotCols = new int[limit];
        int rank = 0;
        for (int c = 0; c < cols && rank < rows; c++) {
            int found = -1;
            for (int i = rank; i < rows; i++) {
                if (a[i][c] != 0) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                continue;
            }
            long[] t = a[found];
            a[found] = a[rank];
            a[rank] = t;
            int o = order[found];
            order[found] = order[rank];
            order[rank] = o;
            long[] pivotRow = a[rank];
            long inv = modulus.inverse(pivotRow[c]);
            final int k = rank;
            final int col = c;
            IntStream range = IntStream.range(k + 1, rows);
            if ((long) (rows - k) * (cols - c) > PARALLEL_WORK / 16) {
                range = range.parallel();
            }
            range.forEach(i -> {
                long[] row = a[i];
                if (row[col] == 0) {
                    return;
                }
                long f = modulus.multiply(row[col], inv);
                for (int j = col; j < cols; j++) {
                    if (pivotRow[j] != 0) {
                        row[j] = modulus.subtract(row[j], modulus.multiply(f, pivotRow[j]));
                    }
                }
            });
            pivotRows[rank] = order[rank];
            pivotCols[rank] = c;
            rank++;
        }
        return new Result(rank, Arrays.copyOf(pivotRows, rank), Arrays.copyOf(pivotCols, rank), modulus.value());
    }

    /** The vectorisable double-precision kernel for p < 2^49. */
    static final class DoubleKernel {
        private final long prime;
        private final double p;
        private final double pinv;
        private final Modulus modulus;

        DoubleKernel(Modulus modulus) {
            this.modulus = modulus;
            this.prime = modulus.value();
            this.p = prime;
            this.pinv = 1.0 / prime;
        }

        /** Canonical residue in [0, p) of a lazily reduced value in [0, p]. */
        private long canonical(double v) {
            long x = (long) v;
            return x == prime ? 0 : x;
        }

        Result eliminate(double[][] a, int cols) {
            int rows = a.length;
            int limit = Math.min(rows, cols);
            double[][] basis = new double[limit][];
            int[] pivotCols = new int[limit];
            int[] pivotRows = new int[limit];
            int rank = 0;
            for (int start = 0; start < rows && rank < limit; start += BATCH) {
                int end = Math.min(rows, start + BATCH);
                int rankAtStart = rank;
                reduceBatch(a, start, end, basis, pivotCols, rankAtStart, cols);
                for (int i = start; i < end && rank < limit; i++) {
                    double[] x = a[i];
                    for (int t = rankAtStart; t < rank; t++) {
                        long c = canonical(x[pivotCols[t]]);
                        if (c != 0) {
                            axpy(x, c, basis[t], 0, cols);
                        }
                    }
                    int j = pivot(x, basis, rank, cols);
                    if (j < 0) {
                        a[i] = null; // reduced to zero; free it early
                        continue;
                    }
                    basis[rank] = x;
                    pivotCols[rank] = j;
                    pivotRows[rank] = i;
                    rank++;
                }
            }
            return new Result(rank, Arrays.copyOf(pivotRows, rank), Arrays.copyOf(pivotCols, rank), prime);
        }

        /**
         * Reduces rows [start, end) of {@code a} against the first {@code r} rows of a reduced basis
         * (pivot columns {@code pivotCols}), in parallel groups over column tiles. Also used by
         * {@link EchelonBasis}.
         */
        void reduceBatch(double[][] a, int start, int end, double[][] basis, int[] pivotCols, int r, int cols) {
            if (r == 0) {
                return;
            }
            int groups = (end - start + GROUP - 1) / GROUP;
            IntStream range = IntStream.range(0, groups);
            if ((long) (end - start) * r * cols > PARALLEL_WORK) {
                range = range.parallel();
            }
            range.forEach(g -> {
                int i0 = start + GROUP * g;
                int count = Math.min(GROUP, end - i0);
                // coefficients are read before any update: in a reduced basis, updating with one
                // basis row leaves the row's entries at the other pivot columns unchanged
                double[][] coef = new double[count][r];
                for (int k = 0; k < count; k++) {
                    for (int t = 0; t < r; t++) {
                        coef[k][t] = canonical(a[i0 + k][pivotCols[t]]);
                    }
                }
                for (int from = 0; from < cols; from += TILE) {
                    int to = Math.min(cols, from + TILE);
                    int t = 0;
                    for (; t + 1 < r; t += 2) {
                        for (int k = 0; k < count; k++) {
                            double c0 = coef[k][t];
                            double c1 = coef[k][t + 1];
                            if (c0 != 0 || c1 != 0) {
                                axpy2(a[i0 + k], c0, basis[t], c1, basis[t + 1], from, to);
                            }
                        }
                    }
                    for (; t < r; t++) {
                        for (int k = 0; k < count; k++) {
                            if (coef[k][t] != 0) {
                                axpy(a[i0 + k], coef[k][t], basis[t], from, to);
                            }
                        }
                    }
                }
            });
        }

        /**
         * Makes the reduced row x a new basis row: scales it to 1 at its first nonzero column j
         * and clears column j from the first r basis rows (in parallel when large), so the basis
         * stays fully reduced. Returns j, or −1 (nothing changed) when x is zero.
         */
        int pivot(double[] x, double[][] basis, int r, int cols) {
            int j = firstNonzero(x, cols);
            if (j < 0) {
                return -1;
            }
            normalize(x, j, cols);
            IntStream range = IntStream.range(0, r);
            // about a millisecond of work at 2^18 updates: worth a fork (was 2^20, which kept the
            // first 500 pivots of a 2000-column matrix, a quarter of its work, on one core)
            if ((long) r * cols > PARALLEL_WORK / 4) {
                range = range.parallel();
            }
            range.forEach(s -> {
                long c = canonical(basis[s][j]);
                if (c != 0) {
                    axpy(basis[s], c, x, 0, cols);
                }
            });
            return j;
        }

        private int firstNonzero(double[] x, int cols) {
            for (int j = 0; j < cols; j++) {
                if (canonical(x[j]) != 0) {
                    return j;
                }
            }
            return -1;
        }

        /** Scales x so that x[j] = 1, all entries canonical. */
        private void normalize(double[] x, int j, int cols) {
            long inv = modulus.inverse(canonical(x[j]));
            for (int k = 0; k < cols; k++) {
                long v = canonical(x[k]);
                x[k] = v == 0 ? 0 : modulus.multiply(v, inv);
            }
        }

        /**
         * x[j] ← (x[j] − c·u[j]) mod p for j in [from, to), exactly, with x, u in [0, p] and c in
         * [0, p): h + l = c·u exactly; q = ⌊h/p⌋ up to ±1 (p < 2^49); r = c·u − q·p ∈ [−p, 2p) is
         * formed without rounding; the last line brings x − r into [0, p].
         */
        void axpy(double[] x, double c, double[] u, int from, int to) {
            final double pp = p;
            final double pi = pinv;
            for (int j = from; j < to; j++) {
                double v = x[j] - remainder(c, u[j], pp, pi);
                x[j] = Math.fma(-Math.floor(v * pi), pp, v);
            }
        }

        /** c·u − q·p ∈ [−p, 2p), exactly, for c, u in [0, p], q = ⌊c·u/p⌋ up to ±1 (see {@link #axpy}). */
        private static double remainder(double c, double u, double p, double pinv) {
            double h = c * u;
            double l = Math.fma(c, u, -h);
            return Math.fma(-Math.floor(h * pinv), p, h) + l;
        }

        /**
         * Two updates with one reduction: x[j] ← (x[j] − c0·u0[j] − c1·u1[j]) mod p for j in
         * [from, to), exactly. Each product's remainder r0, r1 ∈ [−p, 2p) is formed as in
         * {@link #axpy}; v = x − r0 − r1 ∈ (−4p, 3p] is an integer below 2^51, exact; v/p is
         * computed with a relative error below 2^-52, i.e. an absolute error below 2^-50, while a
         * v that is not a multiple of p lies at least 1/p > 2^-49 from one, so ⌊v/p⌋ is exact but
         * for multiples of p (then x = 0 or p), keeping x in [0, p]. Saves a reduction and a load
         * and store of x per pair.
         */
        void axpy2(double[] x, double c0, double[] u0, double c1, double[] u1, int from, int to) {
            final double pp = p;
            final double pi = pinv;
            for (int j = from; j < to; j++) {
                double v = x[j] - remainder(c0, u0[j], pp, pi) - remainder(c1, u1[j], pp, pi);
                x[j] = Math.fma(-Math.floor(v * pi), pp, v);
            }
        }
    }
}
