package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModulusTest {
    @ParameterizedTest
    @ValueSource(ints = {8, 20, 31, 32, 49, 50, 51, 55, 61, 62})
    void multiplyMatchesBigInteger(int bits) {
        SplittableRandom random = new SplittableRandom(bits);
        for (int trial = 0; trial < 20; trial++) {
            long p = Primes.randomPrime(random, bits);
            Modulus m = Modulus.of(p);
            BigInteger bp = BigInteger.valueOf(p);
            for (int k = 0; k < 500; k++) {
                long a = k < 4 ? new long[] {0, 1, p - 1, p - 2}[k] : random.nextLong(p);
                long b = k < 4 ? p - 1 : random.nextLong(p);
                long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(bp).longValue();
                assertEquals(expected, m.multiply(a, b), () -> a + "*" + b + " mod " + p);
            }
            long a = 1 + random.nextLong(p - 1);
            assertEquals(1, m.multiply(a, m.inverse(a)));
            assertEquals(1, m.pow(a, p - 1), "Fermat");
        }
    }

    @Test
    void primalityAgreesWithBigInteger() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 20000; k++) {
            long n = k < 2000 ? k : random.nextLong(1L << 62);
            assertEquals(BigInteger.valueOf(n).isProbablePrime(60), Primes.isPrime(n), "n=" + n);
        }
        assertTrue(Primes.isPrime((1L << 61) - 1));
        assertFalse(Primes.isPrime(3215031751L)); // strong pseudoprime to bases 2, 3, 5, 7
    }

    @Test
    void refusesNonPrimeAndOutOfRange() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of(15)).getMessage().contains("15"));
        assertThrows(IllegalArgumentException.class, () -> Modulus.of(2));
        assertThrows(IllegalArgumentException.class, () -> Modulus.of(-7));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of(Long.MAX_VALUE)).getMessage()
                .contains("2^62"));
        assertThrows(ArithmeticException.class, () -> Modulus.of(101).inverse(202));
    }
}
