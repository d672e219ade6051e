package org.hessrank.numeric;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * The numerical rank at high precision: Gaussian elimination with complete pivoting in apfloat
 * at P significant decimal digits (every operation rounded to P digits by
 * {@link FixedPrecisionApfloatHelper}, i.e. floating point with unit roundoff 10^(1−P)).
 *
 * <p>At step k the pivot is the entry of largest magnitude in the remaining block; its magnitude
 * |u_k| is recorded. Elimination stops once a pivot is at or below the threshold (the remaining
 * block is then negligible), after recording {@value #EXTRA_PIVOTS} more pivots to show the
 * values below the cut, or when the remaining block is exactly zero. The numpy-style default
 * threshold uses the first pivot (the largest entry, which is at most σ_max) in place of σ_max:
 * {@code max|a_ij| · max(m, n) · 10^(1−P)}.
 *
 * <p>Complete pivoting is rank-revealing in practice (pivot magnitudes track singular values to
 * within modest factors); it is not guaranteed to be (Kahan's matrix), which is why the gap is
 * reported: a gap of many decades at 60 digits is not an artefact. Cost O(m·n·(r + 5)) operations
 * on P-digit numbers (about 1 µs each at 60 digits; 200 × 200 of rank 100 takes a few seconds),
 * row updates on all cores. The input is not modified.
 */
public final class ApfloatRank {
    /** Pivots recorded past the cut, to show the gap. */
    public static final int EXTRA_PIVOTS = 4;

    private ApfloatRank() {
    }

    /**
     * @param rowMajor rows·cols entries (any precision; they are rounded to P digits)
     * @throws IllegalArgumentException if the shape does not match or the precision is float64
     */
    public static NumericRank of(Apfloat[] rowMajor, int rows, int cols, Precision precision, Tolerance tolerance) {
        Objects.requireNonNull(rowMajor, "matrix");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(tolerance, "tolerance");
        if (precision.isFloat64()) {
            throw new IllegalArgumentException("precision (float64) must be a number of digits for apfloat elimination");
        }
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("array length (" + rowMajor.length + ") must equal rows·cols ("
                    + rows + "·" + cols + ")");
        }
        int digits = precision.decimalDigits();
        FixedPrecisionApfloatHelper h = new FixedPrecisionApfloatHelper(digits);
        Apfloat[][] a = new Apfloat[rows][];
        for (int i = 0; i < rows; i++) {
            a[i] = new Apfloat[cols];
            for (int j = 0; j < cols; j++) {
                a[i][j] = h.valueOf(Objects.requireNonNull(rowMajor[i * cols + j], "entry"));
            }
        }
        int[] rowOrder = IntStream.range(0, rows).toArray();
        int[] colOrder = IntStream.range(0, cols).toArray();
        int n = Math.min(rows, cols);
        double[] log10 = new double[n];
        int count = 0;
        double thr = Double.NaN;
        int extra = -1;
        boolean zeroTail = false;
        for (int k = 0; k < n; k++) {
            // complete pivot search over the remaining block
            int pr = -1;
            int pc = -1;
            Apfloat best = null;
            for (int i = k; i < rows; i++) {
                Apfloat[] row = a[rowOrder[i]];
                for (int j = k; j < cols; j++) {
                    Apfloat v = row[colOrder[j]];
                    if (v.signum() != 0 && (best == null || ApfloatMath.abs(v).compareTo(best) > 0)) {
                        best = ApfloatMath.abs(v);
                        pr = i;
                        pc = j;
                    }
                }
            }
            if (best == null) {
                zeroTail = true; // the remaining block is exactly zero
                break;
            }
            log10[count++] = log10(best);
            if (k == 0) {
                thr = tolerance.log10Threshold(log10[0], rows, cols, precision.log10Epsilon());
            }
            if (extra < 0 && !(log10[k] > thr)) {
                extra = 0;
            }
            if (extra >= 0 && extra++ >= EXTRA_PIVOTS) {
                break;
            }
            swap(rowOrder, k, pr);
            swap(colOrder, k, pc);
            final Apfloat[] pivotRow = a[rowOrder[k]];
            final int pivotCol = colOrder[k];
            final Apfloat pivot = pivotRow[pivotCol];
            final int kk = k;
            IntStream.range(k + 1, rows).parallel().forEach(i -> {
                Apfloat[] row = a[rowOrder[i]];
                Apfloat lead = row[pivotCol];
                if (lead.signum() == 0) {
                    return;
                }
                Apfloat factor = h.divide(lead, pivot);
                for (int j = kk + 1; j < cols; j++) {
                    int c = colOrder[j];
                    if (pivotRow[c].signum() != 0) {
                        row[c] = h.subtract(row[c], h.multiply(factor, pivotRow[c]));
                    }
                }
                row[pivotCol] = ZERO;
            });
        }
        double[] values = Arrays.copyOf(log10, count);
        if (zeroTail) {
            // the missing values are exact zeros
            values = Arrays.copyOf(log10, n);
            Arrays.fill(values, count, n, Double.NEGATIVE_INFINITY);
        }
        return NumericRank.of(values, rows, cols, NumericRank.Values.PIVOTS, precision, tolerance);
    }

    private static final Apfloat ZERO = new Apfloat(0);

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** log10 |x| for a nonzero apfloat, accurate to double precision, for any exponent. */
    public static double log10(Apfloat x) {
        if (x.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        long scale = x.scale();
        double mantissa = Math.abs(ApfloatMath.scale(x, -scale).doubleValue());
        if (x.radix() != 10) {
            return Math.log10(Math.abs(x.doubleValue()));
        }
        return scale + Math.log10(mantissa);
    }
}
