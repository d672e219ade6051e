package org.hessrank.exact;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Fraction-free (Bareiss) Gaussian elimination over ℤ. Deterministic and exact: every division
 * is exact because each entry after step k is a (k+1)×(k+1) minor of the input (Sylvester's
 * identity). Entries therefore stay bounded by Hadamard's bound.
 *
 * <p>Cost: O(m·n·r) big-integer multiplications of numbers up to r times the entry size, where
 * r is the rank; elimination stops as soon as the remaining block is zero. Rows are updated in
 * parallel when the block is large. The input is not modified.
 */
public final class Bareiss implements RankEngine {
    private static final int PARALLEL_THRESHOLD = 64 * 64;

    /** The engine; stateless. */
    public static Bareiss engine() {
        return new Bareiss();
    }

    private Bareiss() {
    }

    @Override
    public String name() {
        return "bareiss";
    }

    @Override
    public RankResult rank(IntegerMatrix m) {
        Echelon e = echelon(m);
        return RankResult.of(e.rank(), Grade.DETERMINISTIC, 0, Witness.of(e.pivotRows(), e.pivotCols()), null,
                name());
    }

    /** The determinant of a square matrix (1 for 0×0). */
    public static BigInteger determinant(IntegerMatrix m) {
        if (m.rows() != m.cols()) {
            throw new IllegalArgumentException("determinant needs a square matrix, got " + m.rows() + "x" + m.cols());
        }
        Echelon e = echelon(m);
        if (e.rank() < m.rows()) {
            return BigInteger.ZERO;
        }
        return e.determinantSign() < 0 ? e.lastPivot().negate() : e.lastPivot();
    }

    /**
     * The fraction-free row-echelon form of {@code m}, with the rows and columns of the pivots in
     * the input's indexing.
     */
    public static Echelon echelon(IntegerMatrix m) {
        int rows = m.rows();
        int cols = m.cols();
        BigInteger[][] a = m.toArray();
        int[] rowOrder = IntStream.range(0, rows).toArray();
        int[] pivotRows = new int[Math.min(rows, cols)];
        int[] pivotCols = new int[Math.min(rows, cols)];
        int rank = 0;
        int sign = 1;
        BigInteger previous = BigInteger.ONE;
        for (int c = 0; c < cols && rank < rows; c++) {
            int found = -1;
            int bestBits = Integer.MAX_VALUE;
            for (int i = rank; i < rows; i++) {
                // prefer the shortest nonzero pivot: keeps intermediate sizes down at no cost in rigour
                BigInteger v = a[i][c];
                if (v.signum() != 0 && v.bitLength() < bestBits) {
                    found = i;
                    bestBits = v.bitLength();
                }
            }
            if (found < 0) {
                continue;
            }
            if (found != rank) {
                BigInteger[] t = a[found];
                a[found] = a[rank];
                a[rank] = t;
                int o = rowOrder[found];
                rowOrder[found] = rowOrder[rank];
                rowOrder[rank] = o;
                sign = -sign;
            }
            final int k = rank;
            final int col = c;
            final BigInteger pivot = a[k][c];
            final BigInteger divisor = previous;
            final BigInteger[][] mat = a;
            IntStream range = IntStream.range(k + 1, rows);
            if ((long) (rows - k) * (cols - c) >= PARALLEL_THRESHOLD) {
                range = range.parallel();
            }
            range.forEach(i -> eliminate(mat[i], mat[k], pivot, divisor, col, cols));
            pivotRows[rank] = rowOrder[k];
            pivotCols[rank] = c;
            previous = pivot;
            rank++;
        }
        BigInteger[] flat = new BigInteger[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a[i], 0, flat, i * cols, cols);
        }
        return new Echelon(IntegerMatrix.of(rows, cols, flat), rank, Arrays.copyOf(pivotRows, rank),
                Arrays.copyOf(pivotCols, rank), sign, previous);
    }

    private static void eliminate(BigInteger[] row, BigInteger[] pivotRow, BigInteger pivot, BigInteger divisor,
            int c, int cols) {
        BigInteger factor = row[c];
        boolean one = divisor.equals(BigInteger.ONE);
        for (int j = c + 1; j < cols; j++) {
            BigInteger v = pivot.multiply(row[j]);
            if (factor.signum() != 0 && pivotRow[j].signum() != 0) {
                v = v.subtract(factor.multiply(pivotRow[j]));
            }
            row[j] = one ? v : v.divide(divisor);
        }
        row[c] = BigInteger.ZERO;
    }

    /**
     * The result of {@link #echelon}: the fraction-free echelon matrix (its rows reordered), the
     * rank, and the pivot positions in the input's indexing.
     */
    public record Echelon(IntegerMatrix matrix, int rank, int[] pivotRows, int[] pivotCols, int determinantSign,
            BigInteger lastPivot) {
        public Echelon {
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
    }
}
