package org.hessrank.exact;

import java.math.BigInteger;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.fraction.BigFractionField;
import org.hipparchus.linear.Array2DRowFieldMatrix;
import org.hipparchus.linear.FieldLUDecomposition;

/**
 * Slow, independent oracles for testing rank engines and determinants. None of them shares code
 * with {@link Bareiss}: no implementation is its own judge.
 *
 * <ul>
 *   <li>{@link #cofactorDeterminant}: Laplace expansion along the first row, O(n!) — exact by
 *       definition;
 *   <li>{@link #bruteForceRank}: the largest k such that some k×k minor is nonzero, each minor by
 *       cofactor expansion — the definition of rank, for matrices up to 6×6;
 *   <li>{@link #hipparchusDeterminant}: Hipparchus {@link FieldLUDecomposition} over
 *       {@link BigFraction}, a third-party exact LU;
 *   <li>{@link #fractionRank}: textbook Gaussian elimination over {@link BigFraction}.
 * </ul>
 */
final class Oracles {
    /** Largest dimension {@link #bruteForceRank} accepts. */
    static final int BRUTE_FORCE_LIMIT = 6;

    private Oracles() {
    }

    /** The determinant by cofactor (Laplace) expansion along the first row. O(n!); n ≤ 8. */
    static BigInteger cofactorDeterminant(IntegerMatrix m) {
        if (m.rows() != m.cols()) {
            throw new IllegalArgumentException("square matrix required, got " + m.rows() + "x" + m.cols());
        }
        if (m.rows() > 8) {
            throw new IllegalArgumentException("n (" + m.rows() + ") must be <= 8 for cofactor expansion");
        }
        int n = m.rows();
        int[] cols = new int[n];
        for (int j = 0; j < n; j++) {
            cols[j] = j;
        }
        return cofactor(m.toArray(), 0, cols);
    }

    /** det of rows [row, n) × the given columns, by expansion along {@code row}. */
    private static BigInteger cofactor(BigInteger[][] a, int row, int[] cols) {
        int k = cols.length;
        if (k == 0) {
            return BigInteger.ONE;
        }
        if (k == 1) {
            return a[row][cols[0]];
        }
        BigInteger sum = BigInteger.ZERO;
        int[] rest = new int[k - 1];
        for (int t = 0; t < k; t++) {
            BigInteger v = a[row][cols[t]];
            if (v.signum() == 0) {
                continue;
            }
            for (int s = 0, u = 0; s < k; s++) {
                if (s != t) {
                    rest[u++] = cols[s];
                }
            }
            BigInteger term = v.multiply(cofactor(a, row + 1, rest.clone()));
            sum = (t % 2 == 0) ? sum.add(term) : sum.subtract(term);
        }
        return sum;
    }

    /**
     * The rank by definition: the largest k such that some k×k minor is nonzero, every minor by
     * cofactor expansion. Both dimensions must be at most {@value #BRUTE_FORCE_LIMIT}.
     */
    static int bruteForceRank(IntegerMatrix m) {
        if (m.rows() > BRUTE_FORCE_LIMIT || m.cols() > BRUTE_FORCE_LIMIT) {
            throw new IllegalArgumentException("brute force needs at most " + BRUTE_FORCE_LIMIT + "x"
                    + BRUTE_FORCE_LIMIT + ", got " + m.rows() + "x" + m.cols());
        }
        for (int k = Math.min(m.rows(), m.cols()); k > 0; k--) {
            for (int[] rows : subsets(m.rows(), k)) {
                for (int[] cols : subsets(m.cols(), k)) {
                    if (cofactorDeterminant(m.submatrix(rows, cols)).signum() != 0) {
                        return k;
                    }
                }
            }
        }
        return 0;
    }

    /** All k-subsets of {0, ..., n-1}, each sorted, in lexicographic order. */
    static java.util.List<int[]> subsets(int n, int k) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int[] s = new int[k];
        for (int i = 0; i < k; i++) {
            s[i] = i;
        }
        while (true) {
            out.add(s.clone());
            int i = k - 1;
            while (i >= 0 && s[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            s[i]++;
            for (int j = i + 1; j < k; j++) {
                s[j] = s[j - 1] + 1;
            }
        }
    }

    private static BigFraction[][] fractions(IntegerMatrix m) {
        BigFraction[][] a = new BigFraction[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                a[i][j] = new BigFraction(m.get(i, j));
            }
        }
        return a;
    }

    /**
     * The determinant by Hipparchus' {@code FieldLUDecomposition<BigFraction>} (1 for 0×0, which
     * Hipparchus cannot represent). The result must be an integer; anything else is an error.
     */
    static BigInteger hipparchusDeterminant(IntegerMatrix m) {
        if (m.rows() != m.cols()) {
            throw new IllegalArgumentException("square matrix required, got " + m.rows() + "x" + m.cols());
        }
        if (m.rows() == 0) {
            return BigInteger.ONE;
        }
        Array2DRowFieldMatrix<BigFraction> a =
                new Array2DRowFieldMatrix<>(BigFractionField.getInstance(), fractions(m), false);
        BigFraction det = new FieldLUDecomposition<>(a, f -> f.getNumerator().signum() == 0).getDeterminant();
        if (!det.getDenominator().equals(BigInteger.ONE)) {
            throw new AssertionError("determinant of an integer matrix is not an integer: " + det);
        }
        return det.getNumerator();
    }

    /** The rank by textbook Gaussian elimination over ℚ (BigFraction), first nonzero pivot. */
    static int fractionRank(IntegerMatrix m) {
        BigFraction[][] a = fractions(m);
        int rows = m.rows();
        int cols = m.cols();
        int rank = 0;
        for (int c = 0; c < cols && rank < rows; c++) {
            int p = rank;
            while (p < rows && a[p][c].getNumerator().signum() == 0) {
                p++;
            }
            if (p == rows) {
                continue;
            }
            BigFraction[] t = a[p];
            a[p] = a[rank];
            a[rank] = t;
            for (int i = rank + 1; i < rows; i++) {
                if (a[i][c].getNumerator().signum() == 0) {
                    continue;
                }
                BigFraction f = a[i][c].divide(a[rank][c]);
                for (int j = c; j < cols; j++) {
                    a[i][j] = a[i][j].subtract(f.multiply(a[rank][j]));
                }
            }
            rank++;
        }
        return rank;
    }
}
