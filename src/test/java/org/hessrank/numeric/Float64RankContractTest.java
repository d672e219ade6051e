package org.hessrank.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The EJML float64 rank (symmetric eigenvalues or SVD) against Hipparchus's SVD as the oracle,
 * on seeded random matrices of known rank: products of random n×r and r×n factors, symmetric
 * B·D·Bᵀ, and near-singular ones whose tiny singular values sit far below numpy's tolerance.
 */
class Float64RankContractTest {
    /** Hipparchus's singular values (descending): the reference, independent of EJML. */
    static double[] hipparchus(double[] a, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, m[i], 0, cols);
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(m, false)).getSingularValues();
    }

    static double[] gaussian(SplittableRandom rng, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        return x;
    }

    /** B·C with B rows×r and C r×cols uniform in [−1, 1]. */
    static double[] product(SplittableRandom rng, int rows, int cols, int r) {
        double[] b = gaussian(rng, rows * r);
        double[] c = gaussian(rng, r * cols);
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < r; k++) {
                double bik = b[i * r + k];
                for (int j = 0; j < cols; j++) {
                    a[i * cols + j] += bik * c[k * cols + j];
                }
            }
        }
        return a;
    }

    /** B·D·Bᵀ (n×n, exactly symmetric: the upper triangle mirrored) with D = diag(±1) of size r. */
    static double[] symmetric(SplittableRandom rng, int n, int r) {
        double[] b = gaussian(rng, n * r);
        double[] d = new double[r];
        for (int k = 0; k < r; k++) {
            d[k] = rng.nextBoolean() ? 1 : -1;
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) {
                    s += b[i * r + k] * d[k] * b[j * r + k];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        return a;
    }

    private static void assertSameSpectrumAndRank(double[] a, int rows, int cols, int expectedRank) {
        double[] before = a.clone();
        double[] ours = Float64Rank.singularValues(a, rows, cols);
        double[] ref = hipparchus(a, rows, cols);
        assertArrayEquals(before, a, "input modified");
        assertEquals(Math.min(rows, cols), ours.length);
        for (int i = 0; i < ours.length; i++) {
            assertEquals(ref[i], ours[i], 1e-9 * ref[0], "singular value " + i);
        }
        int rank = Float64Rank.numpyRank(ours, rows, cols);
        assertEquals(Float64Rank.numpyRank(ref, rows, cols), rank, "EJML rank vs Hipparchus rank");
        assertEquals(expectedRank, rank);
        NumericRank nr = Float64Rank.of(a, rows, cols, Tolerance.numpyDefault());
        assertEquals(expectedRank, nr.rank());
        assertTrue(nr.clearGap(), "gap at the cut");
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @CsvSource({"1,1,1", "7,7,3", "40,40,17", "60,45,20", "45,60,45", "150,150,93", "120,120,120"})
    void productsOfKnownRank(int rows, int cols, int r) {
        double[] a = product(new SplittableRandom(17L * rows + 5L * cols + r), rows, cols, r);
        assertFalse(rows == cols && rows > 1 && Float64Rank.isSymmetric(a, rows));
        assertSameSpectrumAndRank(a, rows, cols, r);
    }

    @ParameterizedTest(name = "symmetric {0} rank {1}")
    @CsvSource({"2,1", "9,4", "50,31", "160,99", "200,200"})
    void symmetricOfKnownRank(int n, int r) {
        double[] a = symmetric(new SplittableRandom(1000L + 3L * n + r), n, r);
        assertTrue(Float64Rank.isSymmetric(a, n));
        assertSameSpectrumAndRank(a, n, n, r);
    }

    @ParameterizedTest(name = "near-singular {0}: rank {1} + {2} at 1e-8, symmetric {3}")
    @CsvSource({"80,50,5,false", "80,50,5,true", "130,70,30,true", "130,100,29,false"})
    void nearSingularWithAClearGap(int n, int r, int small, boolean symmetric) {
        SplittableRandom rng = new SplittableRandom(7000L + n + r);
        double[] a = symmetric ? symmetric(rng, n, r) : product(rng, n, n, r);
        // plus 1e-8 times another rank-`small` matrix: `small` singular values near 1e-8, far above
        // the tolerance n·2^-52·σ_max (~1e-12), the rest at rounding level (~1e-15): condition ~1e9
        double[] e = symmetric ? symmetric(rng, n, small) : product(rng, n, n, small);
        for (int k = 0; k < a.length; k++) {
            a[k] += 1e-8 * e[k];
        }
        assertEquals(symmetric, Float64Rank.isSymmetric(a, n));
        double[] s = hipparchus(a, n, n);
        assertTrue(s[r + small - 1] < 1e-6 * s[0], "near-singular: the last counted value is tiny");
        assertSameSpectrumAndRank(a, n, n, r + small);
    }

    @ParameterizedTest(name = "one asymmetric entry in {0}")
    @CsvSource({"30,12", "64,40"})
    void aSingleAsymmetricEntryTakesTheSvdPath(int n, int r) {
        double[] a = symmetric(new SplittableRandom(9000L + n), n, r);
        a[3 * n + 1] = Math.nextUp(a[3 * n + 1]);
        assertFalse(Float64Rank.isSymmetric(a, n));
        assertSameSpectrumAndRank(a, n, n, r);
    }
}
