package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.hessrank.exact.ModularProducts;
import org.hessrank.exact.Modulus;

/**
 * {@link Ring} over ℤ/p on {@code long[]} residues in [0, p), for any prime p &lt; 2^62, with
 * {@link Modulus} arithmetic. Primes below 2^49 take the faster {@link DoubleResidueRing}. The
 * Gram kernel accumulates exact 128-bit sums of products and reduces once per entry.
 */
final class LongResidueRing implements Ring<long[]> {
    private final Modulus mod;
    private final long p;
    /** 2^64 mod p. */
    private final long twoTo64;
    /** Products summed before the high word is reduced: keeps it below 2^63. */
    private final long steps;

    LongResidueRing(Modulus mod) {
        this.mod = mod;
        this.p = mod.value();
        this.twoTo64 = BigInteger.ONE.shiftLeft(64).mod(BigInteger.valueOf(p)).longValue();
        // each product's high word plus its carry is at most highBound; the sum starts below p
        long highBound = Math.multiplyHigh(p - 1, p - 1) + 1;
        this.steps = Math.max(1, Math.min(1L << 30, (Long.MAX_VALUE - p) / highBound));
    }

    @Override
    public long[] zeros(int n) {
        return new long[n];
    }

    @Override
    public void put(long[] a, int i, BigInteger value) {
        a[i] = mod.reduce(value);
    }

    @Override
    public void put(long[] a, int i, long value) {
        a[i] = mod.reduce(value);
    }

    @Override
    public void addMul(long[] y, int yo, long[] c, int ci, long[] x, int xo, int len) {
        long s = c[ci];
        if (s == 0) {
            return;
        }
        for (int k = 0; k < len; k++) {
            y[yo + k] = mod.add(y[yo + k], mod.multiply(s, x[xo + k]));
        }
    }

    @Override
    public void addMul2(long[] y, int yo, long[] c1, int c1i, long[] x1, int x1o, long[] c2, int c2i, long[] x2,
            int x2o, int len) {
        addMul(y, yo, c1, c1i, x1, x1o, len);
        addMul(y, yo, c2, c2i, x2, x2o, len);
    }

    @Override
    public void mul(long[] y, int yo, long[] c, int ci, long[] x, int xo, int len) {
        long s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] = mod.multiply(s, x[xo + k]);
        }
    }

    @Override
    public void clear(long[] y, int from, int to) {
        Arrays.fill(y, from, to, 0);
    }

    @Override
    public void set(long[] dst, int di, long[] src, int si) {
        dst[di] = src[si];
    }

    @Override
    public long[] sum(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mod.add(a[i], b[i]);
        }
        return out;
    }

    @Override
    public long[] gram(long[] j, int rows, int cols) {
        if (ModularProducts.supports(mod)) {
            return ModularProducts.gram(j, rows, cols, mod);
        }
        long[] t = new long[j.length];
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < cols; a++) {
                t[a * rows + r] = j[r * cols + a];
            }
        }
        long[] h = new long[cols * cols];
        int blocks = (cols + 3) / 4;
        IntStream.range(0, blocks).parallel().forEach(blk -> gramBlock(t, rows, cols, 4 * blk, h));
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < a; b++) {
                h[a * cols + b] = h[b * cols + a];
            }
        }
        return h;
    }

    /**
     * Rows a0..a0+3 of the upper triangle: for each column b ≥ a0, four dot products reading
     * column b of J once (a 4×1 register block, to cut memory traffic). Each product of residues
     * is split into 64-bit words; the low words are summed with carry and the high words (each
     * below {@code highBound}) are summed in a long, reduced mod p every {@code steps} products
     * so that it stays below 2^63.
     */
    private void gramBlock(long[] t, int rows, int cols, int a0, long[] h) {
        int count = Math.min(4, cols - a0);
        int o0 = a0 * rows;
        int o1 = (a0 + Math.min(1, count - 1)) * rows;
        int o2 = (a0 + Math.min(2, count - 1)) * rows;
        int o3 = (a0 + Math.min(3, count - 1)) * rows;
        for (int b = a0; b < cols; b++) {
            int bo = b * rows;
            long lo0 = 0, lo1 = 0, lo2 = 0, lo3 = 0;
            long hi0 = 0, hi1 = 0, hi2 = 0, hi3 = 0;
            int r = 0;
            while (r < rows) {
                int end = (int) Math.min(rows, r + steps);
                for (; r < end; r++) {
                    long y = t[bo + r];
                    long x0 = t[o0 + r];
                    long x1 = t[o1 + r];
                    long x2 = t[o2 + r];
                    long x3 = t[o3 + r];
                    long p0 = x0 * y;
                    long p1 = x1 * y;
                    long p2 = x2 * y;
                    long p3 = x3 * y;
                    long s0 = lo0 + p0;
                    long s1 = lo1 + p1;
                    long s2 = lo2 + p2;
                    long s3 = lo3 + p3;
                    hi0 += Math.multiplyHigh(x0, y) + (Long.compareUnsigned(s0, p0) < 0 ? 1 : 0);
                    hi1 += Math.multiplyHigh(x1, y) + (Long.compareUnsigned(s1, p1) < 0 ? 1 : 0);
                    hi2 += Math.multiplyHigh(x2, y) + (Long.compareUnsigned(s2, p2) < 0 ? 1 : 0);
                    hi3 += Math.multiplyHigh(x3, y) + (Long.compareUnsigned(s3, p3) < 0 ? 1 : 0);
                    lo0 = s0;
                    lo1 = s1;
                    lo2 = s2;
                    lo3 = s3;
                }
                hi0 %= p;
                hi1 %= p;
                hi2 %= p;
                hi3 %= p;
            }
            h[a0 * cols + b] = combine(hi0, lo0);
            if (count > 1 && b >= a0 + 1) {
                h[(a0 + 1) * cols + b] = combine(hi1, lo1);
            }
            if (count > 2 && b >= a0 + 2) {
                h[(a0 + 2) * cols + b] = combine(hi2, lo2);
            }
            if (count > 3 && b >= a0 + 3) {
                h[(a0 + 3) * cols + b] = combine(hi3, lo3);
            }
        }
    }

    /** (hi·2^64 + lo) mod p for 0 ≤ hi &lt; p. */
    private long combine(long hi, long lo) {
        return mod.add(mod.multiply(hi, twoTo64), Long.remainderUnsigned(lo, p));
    }
}
