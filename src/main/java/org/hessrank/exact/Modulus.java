package org.hessrank.exact;

import java.math.BigInteger;

/**
 * Arithmetic in ℤ/p for a prime {@code 2 < p < 2^62} on primitive {@code long}s, with no overflow
 * anywhere. Values are canonical residues in [0, p). Immutable and thread-safe.
 *
 * <p>Multiplication: for {@code p < 2^50} the quotient is estimated in double precision and the
 * remainder computed exactly with wrapping {@code long} arithmetic (the estimate is off by at most
 * one, so the true remainder lies in (−p, 2p) and fits in a long); for larger primes, Montgomery
 * reduction with {@link Math#multiplyHigh}. Both are O(1).
 */
public final class Modulus {
    /** Largest supported modulus bit length: p < 2^62. */
    public static final int MAX_BITS = 62;
    private static final long DOUBLE_PATH_LIMIT = 1L << 50;

    private final long p;
    private final double inverse;
    private final boolean doublePath;
    private final long montgomeryInverseNeg;
    private final long montgomeryR2;

    private Modulus(long p) {
        this.p = p;
        this.inverse = 1.0 / p;
        this.doublePath = p < DOUBLE_PATH_LIMIT;
        long inv = p; // Newton iteration for p^{-1} mod 2^64 (p odd)
        for (int i = 0; i < 6; i++) {
            inv *= 2 - p * inv;
        }
        this.montgomeryInverseNeg = -inv;
        this.montgomeryR2 = BigInteger.ONE.shiftLeft(128).mod(BigInteger.valueOf(p)).longValue();
    }

    /**
     * The modulus p.
     *
     * @throws IllegalArgumentException if p is not a prime in (2, 2^62)
     */
    public static Modulus of(long p) {
        if (p <= 2 || p >= (1L << MAX_BITS)) {
            throw new IllegalArgumentException("modulus (" + p + ") must be a prime in (2, 2^62)");
        }
        if (!Primes.isPrime(p)) {
            throw new IllegalArgumentException("modulus (" + p + ") must be prime");
        }
        return new Modulus(p);
    }

    public long value() {
        return p;
    }

    /** {@code v mod p} in [0, p). */
    public long reduce(long v) {
        return Math.floorMod(v, p);
    }

    /** {@code v mod p} in [0, p). Cost O(bits of v). */
    public long reduce(BigInteger v) {
        return v.bitLength() < 63 ? Math.floorMod(v.longValue(), p) : v.mod(BigInteger.valueOf(p)).longValue();
    }

    public long add(long a, long b) {
        long s = a + b;
        return s >= p ? s - p : s;
    }

    public long subtract(long a, long b) {
        long s = a - b;
        return s < 0 ? s + p : s;
    }

    public long negate(long a) {
        return a == 0 ? 0 : p - a;
    }

    /** {@code a·b mod p} for a, b in [0, p). */
    public long multiply(long a, long b) {
        if (doublePath) {
            long q = (long) ((double) a * (double) b * inverse);
            long r = a * b - q * p; // exact: the true value lies in (-p, 2p)
            if (r < 0) {
                r += p;
            } else if (r >= p) {
                r -= p;
            }
            return r;
        }
        long x = redc(Math.multiplyHigh(a, b), a * b); // a·b·2^-64
        return redc(Math.multiplyHigh(x, montgomeryR2), x * montgomeryR2); // times 2^128·2^-64
    }

    /** Montgomery reduction: (hi·2^64 + lo)·2^-64 mod p, for hi·2^64 + lo < p·2^64. */
    private long redc(long hi, long lo) {
        long m = lo * montgomeryInverseNeg;
        long mpHigh = Math.multiplyHigh(m, p) + (m < 0 ? p : 0); // unsigned high word of m·p
        long t = hi + mpHigh + (lo != 0 ? 1 : 0);
        return t >= p ? t - p : t;
    }

    /** a^e mod p for e >= 0. */
    public long pow(long a, long e) {
        if (e < 0) {
            throw new IllegalArgumentException("exponent (" + e + ") must be >= 0");
        }
        long result = 1 % p;
        long base = a;
        while (e > 0) {
            if ((e & 1) != 0) {
                result = multiply(result, base);
            }
            base = multiply(base, base);
            e >>= 1;
        }
        return result;
    }

    /**
     * The inverse of a nonzero residue.
     *
     * @throws ArithmeticException if a ≡ 0 mod p
     */
    public long inverse(long a) {
        long r0 = p;
        long r1 = reduce(a);
        if (r1 == 0) {
            throw new ArithmeticException("0 has no inverse mod " + p);
        }
        long t0 = 0;
        long t1 = 1;
        while (r1 != 0) {
            long q = r0 / r1;
            long r2 = r0 - q * r1;
            r0 = r1;
            r1 = r2;
            long t2 = t0 - q * t1;
            t0 = t1;
            t1 = t2;
        }
        return reduce(t0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Modulus m && m.p == p;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(p);
    }

    @Override
    public String toString() {
        return "Modulus[" + p + "]";
    }
}
