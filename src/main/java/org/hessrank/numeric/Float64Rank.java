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
