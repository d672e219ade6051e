package org.hessrank.numeric;

import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.RankResult;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The rank as the papers measured it: singular values of the matrix in float64 (Hipparchus SVD)
 * counted above numpy's default tolerance σ_max · max(m, n) · ε, with ε = 2^-52. A
 * {@link Grade#NUMERICAL_ESTIMATE}: rounding the entries to doubles and the tolerance can both
 * make it wrong. Cost O(m·n·min(m, n)) flops, O(m·n) doubles of memory.
 */
public final class Float64Rank {
    private Float64Rank() {
    }

    /** Singular values (descending) of {@code m} rounded to doubles. */
    public static double[] singularValues(IntegerMatrix m) {
        if (m.rows() == 0 || m.cols() == 0) {
            return new double[0];
        }
        double[][] a = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                a[i][j] = m.get(i, j).doubleValue();
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSingularValues();
    }

    /** numpy's {@code matrix_rank} default tolerance for these singular values. */
    public static double numpyTolerance(double[] singularValues, int rows, int cols) {
        double max = singularValues.length == 0 ? 0 : singularValues[0];
        return max * Math.max(rows, cols) * Math.ulp(1.0);
    }

    /**
     * Singular values (descending) of a rows×cols row-major double matrix (not modified).
     *
     * @throws IllegalArgumentException if the array length is not rows·cols or an entry is not finite
     */
    public static double[] singularValues(double[] rowMajor, int rows, int cols) {
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("array length (" + rowMajor.length + ") must equal rows·cols ("
                    + rows + "·" + cols + ")");
        }
        if (rows == 0 || cols == 0) {
            return new double[0];
        }
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rowMajor[i * cols + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("entry (" + i + ", " + j + ") (" + v + ") must be finite:"
                            + " float64 overflowed");
                }
                a[i][j] = v;
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSingularValues();
    }

    /**
     * The float64 numerical rank of a row-major double matrix with the singular values and the gap
     * at the cut. Cost O(m·n·min(m, n)) flops (Hipparchus SVD; about 1 s at 500 × 500).
     *
     * @throws IllegalArgumentException if the shape does not match or an entry is not finite
     */
    public static NumericRank of(double[] rowMajor, int rows, int cols, Tolerance tolerance) {
        return ofSingularValues(singularValues(rowMajor, rows, cols), rows, cols, tolerance);
    }

    /** Cuts given singular values (descending) at the tolerance, with float64's ε. */
    public static NumericRank ofSingularValues(double[] singularValues, int rows, int cols, Tolerance tolerance) {
        double[] log10 = new double[singularValues.length];
        for (int i = 0; i < log10.length; i++) {
            log10[i] = Math.log10(singularValues[i]);
        }
        return NumericRank.of(log10, rows, cols, NumericRank.Values.SINGULAR_VALUES, Precision.FLOAT64, tolerance);
    }

    /** The float64 rank estimate with numpy's default tolerance. */
    public static RankResult estimate(IntegerMatrix m) {
        double[] s = singularValues(m);
        double tol = numpyTolerance(s, m.rows(), m.cols());
        int rank = 0;
        for (double v : s) {
            if (v > tol) {
                rank++;
            }
        }
        return RankResult.of(rank, Grade.NUMERICAL_ESTIMATE, Double.NaN, null, null, "float64-svd");
    }
}
