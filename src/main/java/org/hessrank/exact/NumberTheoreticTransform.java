package org.hessrank.exact;

import java.util.ArrayList;
import java.util.List;

/**
 * Number-theoretic transforms of length L = 2^k mod a prime P = c·2^{22} + 1 &lt; 2^48, applied to
 * B columns at once (entry i of column c at {@code a[i][c]}: one small array per index, so the
 * inner loops run over columns of two distinct arrays and vectorise). Residues are held in doubles, lazily in [0, P], and every
 * product is exact (the FMA technique of {@link ModularElimination}'s kernel).
 *
 * <p>{@link #forward} is decimation in frequency (natural order in, bit-reversed out) and
 * {@link #inverse} decimation in time (bit-reversed in, natural out, without the 1/L factor), so
 * a cyclic convolution is {@code inverse(forward(a) ⊙ forward(b)) / L} with no permutation. Both
 * recurse on halves, so once a half fits the cache it stays there.
 *
 * <p>Cost: (L/2)·log₂L butterflies per column, about a dozen flops each. Immutable, thread-safe.
 */
final class NumberTheoreticTransform {
    /** Largest supported transform length exponent. */
    static final int MAX_LOG = 22;

    private final long prime;
    private final double p;
    private final double pinv;
    private final int log;
    private final int length;
    /** roots[i] = w^i, inverseRoots[i] = w^{−i} for i &lt; L/2, w a primitive L-th root of unity. */
    private final double[] roots;
    private final double[] inverseRoots;

    NumberTheoreticTransform(long prime, long generator, int log) {
        if (log < 1 || log > MAX_LOG) {
            throw new IllegalArgumentException("transform length 2^" + log + " must be in [2, 2^" + MAX_LOG + "]");
        }
        this.prime = prime;
        this.p = prime;
        this.pinv = 1.0 / prime;
        this.log = log;
        this.length = 1 << log;
        Modulus m = Modulus.of(prime);
        long w = m.pow(generator, (prime - 1) >> log);
        long wi = m.inverse(w);
        int half = length / 2;
        roots = new double[half];
        inverseRoots = new double[half];
        long a = 1;
        long b = 1;
        for (int i = 0; i < half; i++) {
            roots[i] = a;
            inverseRoots[i] = b;
            a = m.multiply(a, w);
            b = m.multiply(b, wi);
        }
    }

    /**
     * Three distinct NTT primes P = c·2^{22} + 1 just below 2^48 with a generator of (ℤ/P)^×
     * each, as {prime, generator} pairs, found by search (deterministic Miller–Rabin).
     */
    static List<long[]> primes() {
        return PRIMES;
    }

    private static final List<long[]> PRIMES = findPrimes(3);

    private static List<long[]> findPrimes(int count) {
        List<long[]> out = new ArrayList<>();
        long step = 1L << MAX_LOG;
        for (long c = ((1L << 48) - 2) / step; out.size() < count; c--) {
            long q = c * step + 1;
            if (Primes.isPrime(q)) {
                out.add(new long[] {q, generator(q, c)});
            }
        }
        return List.copyOf(out);
    }

    /** The least generator of (ℤ/q)^× for q − 1 = c·2^22 (c factored by trial division). */
    private static long generator(long q, long c) {
        List<Long> factors = new ArrayList<>();
        factors.add(2L);
        long rest = c;
        for (long f = 2; f * f <= rest; f++) {
            if (rest % f == 0) {
                if (!factors.contains(f)) {
                    factors.add(f);
                }
                while (rest % f == 0) {
                    rest /= f;
                }
            }
        }
        if (rest > 1 && !factors.contains(rest)) {
            factors.add(rest);
        }
        Modulus m = Modulus.of(q);
        for (long g = 2;; g++) {
            boolean ok = true;
            for (long f : factors) {
                if (m.pow(g, (q - 1) / f) == 1) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return g;
            }
        }
    }

    long prime() {
        return prime;
    }

    int length() {
        return length;
    }

    /** In place, a[i][c] for i &lt; L: a ← DIF transform of a (bit-reversed order). */
    void forward(double[][] a) {
        forward(a, 0, length, 1);
    }

    /** In place: a ← L·(inverse transform) of a bit-reversed input, natural order out. */
    void inverse(double[][] a) {
        inverse(a, 0, length, 1);
    }

    /** Entries [start, start + n), twiddle stride {@code stride} into the root table. */
    private void forward(double[][] a, int start, int n, int stride) {
        if (n < 2) {
            return;
        }
        int half = n / 2;
        final double pp = p;
        final double pi = pinv;
        for (int i = 0; i < half; i++) {
            double w = roots[i * stride];
            double[] x = a[start + i];
            double[] y = a[start + i + half];
            for (int c = 0; c < x.length; c++) {
                double u = x[c];
                double v = y[c];
                double s = u + v;
                x[c] = Math.fma(-Math.floor(s * pi), pp, s);
                double d = u - v + pp;
                d = Math.fma(-Math.floor(d * pi), pp, d);
                double h = d * w;
                double l = Math.fma(d, w, -h);
                double r = Math.fma(-Math.floor(h * pi), pp, h) + l;
                y[c] = Math.fma(-Math.floor(r * pi), pp, r);
            }
        }
        forward(a, start, half, stride * 2);
        forward(a, start + half, half, stride * 2);
    }

    private void inverse(double[][] a, int start, int n, int stride) {
        if (n < 2) {
            return;
        }
        int half = n / 2;
        inverse(a, start, half, stride * 2);
        inverse(a, start + half, half, stride * 2);
        final double pp = p;
        final double pi = pinv;
        for (int i = 0; i < half; i++) {
            double w = inverseRoots[i * stride];
            double[] x = a[start + i];
            double[] y = a[start + i + half];
            for (int c = 0; c < x.length; c++) {
                double u = x[c];
                double v = y[c];
                double h = v * w;
                double l = Math.fma(v, w, -h);
                double r = Math.fma(-Math.floor(h * pi), pp, h) + l;
                double s = u + r + pp;
                x[c] = Math.fma(-Math.floor(s * pi), pp, s);
                double d = u - r + 2 * pp;
                y[c] = Math.fma(-Math.floor(d * pi), pp, d);
            }
        }
    }

    /** a[i][c] ← a[i][c]·f[i] mod P for every entry (f canonical). */
    void multiply(double[][] a, double[] f) {
        final double pp = p;
        final double pi = pinv;
        for (int i = 0; i < length; i++) {
            double w = f[i];
            double[] x = a[i];
            for (int c = 0; c < x.length; c++) {
                double v = x[c];
                double h = v * w;
                double l = Math.fma(v, w, -h);
                double r = Math.fma(-Math.floor(h * pi), pp, h) + l;
                x[c] = Math.fma(-Math.floor(r * pi), pp, r);
            }
        }
    }
}
