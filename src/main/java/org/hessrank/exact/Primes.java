package org.hessrank.exact;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Primality and random primes for modular rank. Primality is deterministic for every
 * {@code long} (Miller–Rabin with the first twelve prime bases, which is exact below 3.3·10^24).
 */
public final class Primes {
    private static final long[] BASES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    /** The constant the prime seed rule mixes in (SHA-512's first initial hash word, the fraction of √2). */
    private static final long PRIME_SEED_MIX = 0x6A09E667F3BCC909L;

    private Primes() {
    }

    /**
     * The generator of the random primes of a run of points whose first point has seed
     * {@code pointSeed}: {@code new SplittableRandom(pointSeed ^ 0x6A09E667F3BCC909L)}. The one
     * owner of this rule; every measurement that draws primes for a point takes them from here, so
     * a point seed determines its primes. Cost O(1).
     */
    public static SplittableRandom sourceFor(long pointSeed) {
        return new SplittableRandom(pointSeed ^ PRIME_SEED_MIX);
    }

    /** Whether n is prime. Deterministic; O(log n) modular multiplications per base. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long b : BASES) {
            if (n % b == 0) {
                return n == b;
            }
        }
        long d = n - 1;
        int s = Long.numberOfTrailingZeros(d);
        d >>= s;
        BigInteger bn = BigInteger.valueOf(n);
        BigInteger minusOne = bn.subtract(BigInteger.ONE);
        BigInteger bd = BigInteger.valueOf(d);
        for (long b : BASES) {
            BigInteger x = BigInteger.valueOf(b).modPow(bd, bn);
            if (x.equals(BigInteger.ONE) || x.equals(minusOne)) {
                continue;
            }
            boolean composite = true;
            for (int r = 1; r < s; r++) {
                x = x.multiply(x).mod(bn);
                if (x.equals(minusOne)) {
                    composite = false;
                    break;
                }
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    /**
     * A prime drawn uniformly from the primes in [2^(bits−1), 2^bits), by rejection sampling.
     *
     * @throws IllegalArgumentException unless 3 <= bits <= 62
     */
    public static long randomPrime(SplittableRandom random, int bits) {
        if (bits < 3 || bits > Modulus.MAX_BITS) {
            throw new IllegalArgumentException("prime bits (" + bits + ") must be in [3, " + Modulus.MAX_BITS + "]");
        }
        long low = 1L << (bits - 1);
        while (true) {
            long candidate = low + random.nextLong(low);
            if (isPrime(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * A lower bound on the number of primes in [2^(bits−1), 2^bits), from Dusart's bounds
     * x/ln x ≤ π(x) ≤ 1.25506·x/ln x (x ≥ 17). Used to state failure probabilities.
     */
    public static double countLowerBound(int bits) {
        if (bits < 8) {
            throw new IllegalArgumentException("prime bits (" + bits + ") must be >= 8 for the counting bound");
        }
        double hi = Math.pow(2, bits);
        double lo = Math.pow(2, bits - 1);
        return hi / Math.log(hi) - 1.25506 * lo / Math.log(lo);
    }
}
