package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModularProductsTest {
    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,2", "17,40,9", "64,64,64"})
    void productEqualsTheDefinition(int n, int k, int m) {
        SplittableRandom rng = new SplittableRandom(n * 31L + k * 7L + m);
        Modulus q = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = new long[n * k];
        long[] b = new long[k * m];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextInt(4) == 0 ? q.value() - 1 : rng.nextLong(q.value());
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextInt(4) == 0 ? 0 : rng.nextLong(q.value());
        }
        long[] expected = new long[n * m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                long s = 0;
                for (int l = 0; l < k; l++) {
                    s = q.add(s, q.multiply(a[i * k + l], b[l * m + c]));
                }
                expected[i * m + c] = s;
            }
        }
        assertArrayEquals(expected, ModularProducts.product(a, n, k, b, m, q));
    }

    @org.junit.jupiter.api.Test
    void rejectsMismatchedLengths() {
        Modulus q = Modulus.of(1_000_003);
        assertThrows(IllegalArgumentException.class, () -> ModularProducts.product(new long[3], 2, 2, new long[4], 2, q));
        assertThrows(IllegalArgumentException.class, () -> ModularProducts.product(new long[1], 1, 1, new long[1], 1,
                Modulus.of((1L << 61) - 1)));
    }
}
