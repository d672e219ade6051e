package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;

/**
 * {@link Ring} over ℤ/p for primes p &lt; 2^49 on residues held in {@code double}s, lazily in
 * [0, p] (p stands for 0). Every multiply-add is exact: {@code y − (p − c)·x} with the product's
 * rounding error recovered by an FMA and the quotient estimated with a precomputed 1/p (the
 * kernel of {@code ModularElimination}); C2 vectorises the loop. This is the number system of
 * the fast paths: dense Hessians mod p and Hessian-vector products.
 */
final class DoubleResidueRing extends DoubleArrayRing {
    private final Modulus modulus;
    private final long prime;
    private final double pd;
    private final double pinv;

    DoubleResidueRing(Modulus modulus) {
        require(modulus);
        this.modulus = modulus;
        this.prime = modulus.value();
        this.pd = prime;
        this.pinv = 1.0 / prime;
    }

    /**
     * @throws IllegalArgumentException unless the prime is below 2^49
     */
    static void require(Modulus modulus) {
        if (!supports(modulus)) {
            throw new IllegalArgumentException("modulus (" + modulus.value() + ") must be < 2^"
                    + ModularElimination.FAST_PRIME_BITS);
        }
    }

    /** True if this ring can hold residues of {@code modulus}. */
    static boolean supports(Modulus modulus) {
        return modulus.value() < (1L << ModularElimination.FAST_PRIME_BITS);
    }

    @Override
    public void put(double[] a, int i, BigInteger value) {
        a[i] = modulus.reduce(value);
    }

    @Override
    public void put(double[] a, int i, long value) {
        a[i] = modulus.reduce(value);
    }

    /** The canonical residue in [0, p) of a lazily reduced entry. */
    long canonical(double v) {
        long x = (long) v;
        return x == prime ? 0 : x;
    }

    /** The Jacobian of {@code algorithm} (in this ring) as canonical residues, without a double copy. */
    long[] jacobian(HessianAlgorithm<double[]> algorithm, int rows, int cols) {
        long[] j = new long[rows * cols];
        algorithm.jacobian((index, values, at) -> j[index] = canonical(values[at]));
        return j;
    }

    /** Canonical residues of a whole array. */
    long[] canonical(double[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = canonical(a[i]);
        }
        return out;
    }

    @Override
    public void addMul(double[] y, int yo, double[] c, int ci, double[] x, int xo, int len) {
        double s = c[ci];
        if (s == 0 || s == pd) {
            return;
        }
        final double pp = pd;
        final double pi = pinv;
        final double nc = pp - s;
        for (int k = 0; k < len; k++) {
            double u = x[xo + k];
            double hh = nc * u;
            double l = Math.fma(nc, u, -hh);
            double r = Math.fma(-Math.floor(hh * pi), pp, hh) + l;
            double v = y[yo + k] - r;
            y[yo + k] = Math.fma(-Math.floor(v * pi), pp, v);
        }
    }

    /**
     * Both products in one loop with one final reduction: y − r1 − r2 with r1, r2 ∈ [−p, 2p) lies
     * in (−4p, 3p], whose quotient by p the floor still finds up to the p-for-0 case.
     */
    @Override
    public void addMul2(double[] y, int yo, double[] c1, int c1i, double[] x1, int x1o, double[] c2, int c2i,
            double[] x2, int x2o, int len) {
        double s1 = c1[c1i];
        double s2 = c2[c2i];
        if (s1 == 0 || s1 == pd || s2 == 0 || s2 == pd) {
            addMul(y, yo, c1, c1i, x1, x1o, len);
            addMul(y, yo, c2, c2i, x2, x2o, len);
            return;
        }
        final double pp = pd;
        final double pi = pinv;
        final double n1 = pp - s1;
        final double n2 = pp - s2;
        for (int k = 0; k < len; k++) {
            double u1 = x1[x1o + k];
            double h1 = n1 * u1;
            double l1 = Math.fma(n1, u1, -h1);
            double r1 = Math.fma(-Math.floor(h1 * pi), pp, h1) + l1;
            double u2 = x2[x2o + k];
            double h2 = n2 * u2;
            double l2 = Math.fma(n2, u2, -h2);
            double r2 = Math.fma(-Math.floor(h2 * pi), pp, h2) + l2;
            double v = y[yo + k] - r1 - r2;
            y[yo + k] = Math.fma(-Math.floor(v * pi), pp, v);
        }
    }

    /** Not in place: y and x must not overlap. */
    @Override
    public void mul(double[] y, int yo, double[] c, int ci, double[] x, int xo, int len) {
        double s = c[ci];
        if (s == 1) {
            System.arraycopy(x, xo, y, yo, len);
            return;
        }
        if (s == 0 || s == pd) {
            Arrays.fill(y, yo, yo + len, 0);
            return;
        }
        Arrays.fill(y, yo, yo + len, 0);
        addMul(y, yo, c, ci, x, xo, len);
    }

    @Override
    public double[] gram(double[] j, int rows, int cols) {
        long[] h = new LongResidueRing(modulus).gram(canonical(j), rows, cols);
        double[] out = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            out[i] = h[i];
        }
        return out;
    }

    @Override
    public double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            long s = canonical(a[i]) + canonical(b[i]);
            out[i] = s >= prime ? s - prime : s;
        }
        return out;
    }
}
