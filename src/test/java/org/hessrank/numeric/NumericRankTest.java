package org.hessrank.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** float64 and apfloat numerical ranks against Bareiss (exact) on seeded integer matrices. */
class NumericRankTest {
    static final Precision P60 = Precision.digits(60);

    /** A random m × n integer matrix of rank r (product of m × r and r × n), entries of the factors in [−b, b]. */
    static IntegerMatrix lowRank(SplittableRandom rng, int m, int n, int r, int b) {
        BigInteger[] a = new BigInteger[m * r];
        BigInteger[] c = new BigInteger[r * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = BigInteger.valueOf(rng.nextInt(-b, b + 1));
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = BigInteger.valueOf(rng.nextInt(-b, b + 1));
        }
        return IntegerMatrix.of(m, r, a).multiply(IntegerMatrix.of(r, n, c));
    }

    static double[] toDoubles(IntegerMatrix m) {
        double[] d = new double[m.rows() * m.cols()];
        for (int i = 0; i < d.length; i++) {
            d[i] = m.get(i / m.cols(), i % m.cols()).doubleValue();
        }
        return d;
    }

    static Apfloat[] toApfloats(IntegerMatrix m) {
        Apfloat[] d = new Apfloat[m.rows() * m.cols()];
        for (int i = 0; i < d.length; i++) {
            d[i] = new Apfloat(m.get(i / m.cols(), i % m.cols()));
        }
        return d;
    }

    @ParameterizedTest(name = "{0}x{1} rank {2}")
    @CsvSource({"1,1,1", "6,6,3", "12,9,5", "9,12,9", "30,30,17", "40,25,25", "5,5,0"})
    void bothPathsAgreeWithBareissWhenTheGapIsClear(int m, int n, int r) {
        SplittableRandom rng = new SplittableRandom(31L * m + 7L * n + r);
        IntegerMatrix a = r == 0 ? IntegerMatrix.of(m, n, zeros(m * n)) : lowRank(rng, m, n, r, 1000);
        int exact = Bareiss.engine().rank(a).rank();
        assertEquals(r, exact);
        NumericRank f = Float64Rank.of(toDoubles(a), m, n, Tolerance.numpyDefault());
        NumericRank h = ApfloatRank.of(toApfloats(a), m, n, P60, Tolerance.numpyDefault());
        assertEquals(Grade.NUMERICAL_ESTIMATE, f.toRankResult().grade());
        if (r > 0) {
            assertTrue(f.clearGap(), f.toString());
            assertTrue(h.clearGap(), h.toString());
        }
        assertEquals(exact, f.rank(), f.toString());
        assertEquals(exact, h.rank(), h.toString());
        assertEquals(exact, Float64Rank.estimate(a).rank());
        if (r > 0 && r < Math.min(m, n)) {
            assertEquals(r, f.largestGapRank(), f.toString());
            assertEquals(r, h.largestGapRank(), h.toString());
            assertTrue(h.gapDecades() > 40, h.toString());
        }
    }

    private static BigInteger[] zeros(int n) {
        BigInteger[] z = new BigInteger[n];
        java.util.Arrays.fill(z, BigInteger.ZERO);
        return z;
    }

    /**
     * A full-rank matrix B·diag(1, …, 1, 10^-e)·C (exactly rational): float64's default tolerance
     * drops the tiny direction once 10^-e is below about 1e-13, 60-digit elimination keeps it.
     */
    @ParameterizedTest
    @ValueSource(ints = {20, 30})
    void highPrecisionSeesWhatFloat64Misses(int e) {
        SplittableRandom rng = new SplittableRandom(e);
        int n = 8;
        IntegerMatrix b = lowRank(rng, n, n, n, 3);
        IntegerMatrix c = lowRank(rng, n, n, n, 3);
        assertEquals(n, Bareiss.engine().rank(b).rank());
        assertEquals(n, Bareiss.engine().rank(c).rank());
        BigInteger big = BigInteger.TEN.pow(e);
        BigInteger[] d = new BigInteger[n * n];
        for (int i = 0; i < n * n; i++) {
            int row = i / n;
            d[i] = i % n != row ? BigInteger.ZERO : row == n - 1 ? BigInteger.ONE : big;
        }
        // 10^e·B·diag(1, …, 1, 10^-e)·C, an integer matrix of full rank with one tiny singular direction
        IntegerMatrix a = b.multiply(IntegerMatrix.of(n, n, d)).multiply(c);
        assertEquals(n, Bareiss.engine().rank(a).rank());
        NumericRank f = Float64Rank.of(toDoubles(a), n, n, Tolerance.numpyDefault());
        NumericRank h = ApfloatRank.of(toApfloats(a), n, n, P60, Tolerance.numpyDefault());
        assertEquals(n - 1, f.rank(), f.toString());
        assertEquals(n, h.rank(), h.toString());
        assertTrue(h.clearGap(), h.toString());
    }

    @Test
    void userTolerances() {
        double[] s = {10, 1, 1e-3, 1e-9};
        NumericRank abs = Float64Rank.ofSingularValues(s, 4, 4, Tolerance.absolute(1e-2));
        assertEquals(2, abs.rank());
        assertEquals(3, abs.gapDecades(), 1e-12);
        assertEquals(1, abs.marginDecades(), 1e-12);
        assertTrue(abs.clearGap());
        NumericRank vague = Float64Rank.ofSingularValues(new double[] {10, 1, 0.2, 1e-9}, 4, 4, Tolerance.absolute(0.5));
        assertEquals(2, vague.rank());
        assertFalse(vague.clearGap());
        NumericRank rel = Float64Rank.ofSingularValues(s, 4, 4, Tolerance.relative(1e-6));
        assertEquals(3, rel.rank());
        assertTrue(rel.clearGap());
        assertEquals(3, rel.largestGapRank());
        assertEquals(4, Float64Rank.ofSingularValues(s, 4, 4, Tolerance.numpyDefault()).rank());
        assertEquals(0, Float64Rank.ofSingularValues(s, 4, 4, Tolerance.absolute(100)).rank());
        assertEquals("1.00e-03 | 1.00e-09", rel.aroundCut(1));
        assertEquals("1.00e-09 |", Float64Rank.ofSingularValues(s, 4, 4, Tolerance.numpyDefault()).aroundCut(1));
        assertEquals("1.00e-45", NumericRank.format(-45));
        assertEquals(Tolerance.relative(1e-6), Tolerance.parse("rel:1e-6"));
        assertEquals(Tolerance.absolute(0.5), Tolerance.parse("0.5"));
        assertEquals(Tolerance.numpyDefault(), Tolerance.parse("default"));
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tolerance.absolute(-1e-3));
        assertEquals("tolerance (-0.001) must be finite and >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("-2"));
        assertTrue(e.getMessage().contains("(-2.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tolerance.parse("tiny"));
        assertTrue(e.getMessage().startsWith("tolerance (tiny)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tolerance.relative(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> Precision.digits(0));
        assertTrue(e.getMessage().startsWith("precision (0) must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("0"));
        assertTrue(e.getMessage().startsWith("precision (0) must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Precision.parse("quad"));
        assertEquals(Precision.FLOAT64, Precision.parse("float64"));
        assertEquals(60, Precision.parse("60").decimalDigits());
        e = assertThrows(IllegalArgumentException.class, () -> Float64Rank.of(new double[3], 2, 2,
                Tolerance.numpyDefault()));
        assertTrue(e.getMessage().contains("array length (3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Float64Rank.of(new double[] {1, Double.NaN, 0, 1}, 2,
                2, Tolerance.numpyDefault()));
        assertTrue(e.getMessage().contains("must be finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApfloatRank.of(new Apfloat[1], 1, 1, Precision.FLOAT64,
                Tolerance.numpyDefault()));
    }

    @Test
    void emptyAndZeroMatrices() {
        assertEquals(0, Float64Rank.of(new double[0], 0, 3, Tolerance.numpyDefault()).rank());
        assertEquals(0, ApfloatRank.of(new Apfloat[0], 3, 0, P60, Tolerance.numpyDefault()).rank());
        Apfloat[] z = {new Apfloat(0), new Apfloat(0)};
        NumericRank r = ApfloatRank.of(z, 1, 2, P60, Tolerance.numpyDefault());
        assertEquals(0, r.rank());
        assertTrue(Double.isNaN(r.gapDecades()));
        assertEquals(-400, ApfloatRank.log10(new Apfloat("1e-400", 60)), 1e-12);
    }
}
