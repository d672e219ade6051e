package org.hessrank.numeric;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.RankResult;

/**
 * The rank as the papers measured it: singular values of the matrix in float64 counted above
 * numpy's default tolerance σ_max · max(m, n) · ε, with ε = 2^-52. A
 * {@link Grade#NUMERICAL_ESTIMATE}: rounding the entries to doubles and the tolerance can both
 * make it wrong.
 *
 * <p><b>How.</b> EJML's multi-threaded dense decompositions (all cores). A square matrix that is
 * exactly symmetric (checked entry by entry, O(n²)) goes through the symmetric eigensolver
 * (Householder tridiagonalisation, then implicit QR, values only): its singular values are the
 * absolute values of its eigenvalues, about twice as fast as an SVD. Any other matrix goes
 * through EJML's SVD, values only. Cost O(m·n·min(m, n)) flops (about 5 s at 2,000 × 2,000
 * symmetric on 2 busy cores), O(m·n) doubles of memory: the input is copied once.
 */
public final class Float64Rank {
    private Float64Rank() {
    }

    /** Singular values (descending) of {@code m} rounded to doubles. */
    public static double[] singularValues(IntegerMatrix m) {
        double[] a = new double[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                a[i * m.cols() + j] = m.get(i, j).doubleValue();
            }
        }
        return singularValues(a, m.rows(), m.cols());
    }

    /** numpy's {@code matrix_rank} default tolerance for these singular values. */
    public static double numpyTolerance(double[] singularValues, int rows, int cols) {
        double max = singularValues.length == 0 ? 0 : singularValues[0];
        return max * Math.max(rows, cols) * Math.ulp(1.0);
    }

    /**
     * Singular values (descending) of a rows×cols row-major double matrix (not modified): the
     * absolute eigenvalues when it is square and exactly symmetric, else an SVD. Cost as the
     * class says.
     *
     * @throws IllegalArgumentException if the array length is not rows·cols or an entry is not finite
     */
    public static double[] singularValues(double[] rowMajor, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("array length (" + rowMajor.length + ") must equal rows·cols ("
                    + rows + "·" + cols + ")");
        }
        for (int k = 0; k < rowMajor.length; k++) {
            if (!Double.isFinite(rowMajor[k])) {
                throw new IllegalArgumentException("entry (" + (k / cols) + ", " + (k % cols) + ") (" + rowMajor[k]
                        + ") must be finite: float64 overflowed");
            }
        }
        if (rows == 0 || cols == 0) {
            return new double[0];
        }
        DMatrixRMaj a = DMatrixRMaj.wrap(rows, cols, rowMajor.clone());
        if (rows == cols && isSymmetric(rowMajor, rows)) {
            double[] s = absoluteEigenvalues(a);
            if (s != null) {
                return s;
            }
            a = DMatrixRMaj.wrap(rows, cols, rowMajor.clone());
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_MT_DDRM.svd(rows, cols, false, false,
                true);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("float64 SVD did not converge (" + rows + " x " + cols + ")");
        }
        return descending(Arrays.copyOf(svd.getSingularValues(), Math.min(rows, cols)));
    }

    /** Whether the n×n row-major matrix equals its transpose entry by entry (O(n²)). */
    public static boolean isSymmetric(double[] rowMajor, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rowMajor[i * n + j] != rowMajor[j * n + i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** |eigenvalues| of a symmetric matrix (destroyed), descending; null if the solver failed. */
    private static double[] absoluteEigenvalues(DMatrixRMaj a) {
        int n = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_MT_DDRM.eig(n, false, true);
        if (!eig.decompose(a)) {
            return null;
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.abs(eig.getEigenvalue(i).real);
        }
        return descending(s);
    }

    private static double[] descending(double[] s) {
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    /**
     * The float64 numerical rank of a row-major double matrix with the singular values and the gap
     * at the cut. Cost as {@link #singularValues(double[], int, int)}.
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

    /** The number of singular values strictly above numpy's default tolerance. */
    public static int numpyRank(double[] singularValues, int rows, int cols) {
        double tol = numpyTolerance(singularValues, rows, cols);
        int rank = 0;
        for (double v : singularValues) {
            if (v > tol) {
                rank++;
            }
        }
        return rank;
    }

    /** The float64 rank estimate with numpy's default tolerance. */
    public static RankResult estimate(IntegerMatrix m) {
        double[] s = singularValues(m);
        return RankResult.of(numpyRank(s, m.rows(), m.cols()), Grade.NUMERICAL_ESTIMATE, Double.NaN, null, null,
                "float64-svd");
    }
}
