package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ToeplitzProjectionTest {
    /** The oracle: (T·y)_i = Σ_{l ≥ i} t_{l−i}·y_l mod q by the definition, with Modulus arithmetic. */
    static long[] direct(Modulus q, double[] t, double[] y, int rows) {
        long[] z = new long[rows];
        for (int i = 0; i < rows; i++) {
            long s = 0;
            for (int l = i; l < y.length; l++) {
                s = q.add(s, q.multiply((long) t[l - i], (long) y[l]));
            }
            z[i] = s;
        }
        return z;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "2,1,3", "5,5,9", "37,10,17", "200,64,8", "1000,1000,11", "3000,100,20"})
    void equalsTheDefinition(int n, int rows, int vectors) {
        SplittableRandom rng = new SplittableRandom(17L * n + rows);
        Modulus q = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        double[] t = new double[n];
        t[0] = 1;
        for (int i = 1; i < n; i++) {
            t[i] = rng.nextInt(5) == 0 ? q.value() - 1 : rng.nextLong(q.value());
        }
        double[][] ys = new double[vectors][n];
        for (double[] y : ys) {
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(5) == 0 ? q.value() - 1 : rng.nextLong(q.value());
            }
        }
        ToeplitzProjection proj = ToeplitzProjection.of(q, t, rows);
        assertTrue(proj.transformLength() >= n + rows - 1);
        double[][] out = new double[vectors][rows];
        proj.apply(ys, out);
        for (int j = 0; j < vectors; j++) {
            long[] got = new long[rows];
            for (int i = 0; i < rows; i++) {
                got[i] = (long) out[j][i];
            }
            assertArrayEquals(direct(q, t, ys[j], rows), got, "vector " + j);
        }
    }

    @Test
    void nttPrimesAreDistinctAndSupportTheLongestTransform() {
        var ps = NumberTheoreticTransform.primes();
        assertEquals(3, ps.size());
        for (long[] pg : ps) {
            assertTrue(Primes.isPrime(pg[0]));
            assertEquals(1, pg[0] % (1L << NumberTheoreticTransform.MAX_LOG));
            assertTrue(pg[0] < (1L << 48));
            Modulus m = Modulus.of(pg[0]);
            // the generator has full order: g^((P-1)/2) = -1
            assertEquals(pg[0] - 1, m.pow(pg[1], (pg[0] - 1) / 2));
        }
        assertTrue(ps.get(0)[0] != ps.get(1)[0] && ps.get(1)[0] != ps.get(2)[0]);
    }

    @Test
    void rejectsBadInput() {
        Modulus q = Modulus.of(1_000_003);
        assertThrows(IllegalArgumentException.class, () -> ToeplitzProjection.of(q, new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> ToeplitzProjection.of(q, new double[] {2, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> ToeplitzProjection.of(q, new double[] {1, 1}, 3));
        assertThrows(IllegalArgumentException.class, () -> ToeplitzProjection.of(q, new double[] {1, 1}, 0));
        ToeplitzProjection p = ToeplitzProjection.of(q, new double[] {1, 1}, 1);
        assertThrows(IllegalArgumentException.class, () -> p.apply(new double[][] {{1, 2, 3}}, new double[][] {{0}}));
    }
}
