package org.hessrank.exact;

import java.util.Arrays;
import java.util.Objects;

/**
 * The pivot rows and columns of a minor that elimination found nonsingular. If the minor is
 * nonsingular over ℤ, the matrix has rank at least {@link #size()}. Immutable; indices are
 * zero-based and sorted ascending.
 */
public final class Witness {
    private final int[] rows;
    private final int[] cols;

    private Witness(int[] rows, int[] cols) {
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * A witness on the given rows and columns (copied and sorted).
     *
     * @throws IllegalArgumentException if the two lengths differ or an index is negative
     */
    public static Witness of(int[] rows, int[] cols) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(cols, "cols");
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("witness cols length (" + cols.length + ") must equal rows length ("
                    + rows.length + ")");
        }
        int[] r = rows.clone();
        int[] c = cols.clone();
        Arrays.sort(r);
        Arrays.sort(c);
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0 || c[i] < 0) {
                throw new IllegalArgumentException("witness index (" + Math.min(r[i], c[i]) + ") must be >= 0");
            }
        }
        return new Witness(r, c);
    }

    public int size() {
        return rows.length;
    }

    public int[] rows() {
        return rows.clone();
    }

    public int[] cols() {
        return cols.clone();
    }

    /**
     * Re-checks this witness exactly: true iff the minor of {@code m} on these rows and columns
     * has a nonzero determinant over ℤ. Cost O(size³) big-integer operations (Bareiss).
     */
    public boolean verify(IntegerMatrix m) {
        if (rows.length == 0) {
            return true;
        }
        if (rows[rows.length - 1] >= m.rows() || cols[cols.length - 1] >= m.cols()) {
            return false;
        }
        return Bareiss.determinant(m.submatrix(rows, cols)).signum() != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Witness w && Arrays.equals(w.rows, rows) && Arrays.equals(w.cols, cols);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rows) + Arrays.hashCode(cols);
    }

    @Override
    public String toString() {
        return "Witness[size=" + rows.length + "]";
    }
}
