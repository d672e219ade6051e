package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.stream.IntStream;
import org.hessrank.exact.Modulus;

/**
 * {@link Arith} over ℤ/p on {@code long[]} residues in [0, p), with {@link Modulus} arithmetic.
 * The Gram kernel accumulates exact 128-bit sums of products and reduces once per entry.
 */
final class ModArith implements Arith<long[]> {
    private final Modulus mod;
    private final long p;
    /** 2^64 mod p. */
    private final long twoTo64;

    ModArith(Modulus mod) {
        this.mod = mod;
        this.p = mod.value();
        this.twoTo64 = BigInteger.ONE.shiftLeft(64).mod(BigInteger.valueOf(p)).longValue();
    }

    @Override
    public long[] zeros(int n) {
        return new long[n];
    }

    @Override
    public long[] of(BigInteger[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mod.reduce(values[i]);
        }
        return out;
    }

    @Override
    public long[] ofLongs(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mod.reduce(values[i]);
        }
        return out;
    }

    @Override
    public boolean isZero(long[] a, int i) {
        return a[i] == 0;
    }

    @Override
    public void fma(long[] dst, int di, long[] a, int ai, long[] b, int bi) {
        dst[di] = mod.add(dst[di], mod.multiply(a[ai], b[bi]));
    }

    @Override
    public void add(long[] dst, int di, long[] src, int si) {
        dst[di] = mod.add(dst[di], src[si]);
    }

    @Override
    public void set(long[] dst, int di, long[] src, int si) {
        dst[di] = src[si];
    }

    @Override
    public void scale(long[] dst, int di, long[] m, int mi) {
        dst[di] = mod.multiply(dst[di], m[mi]);
    }

    @Override
    public long[] gram(long[] j, int rows, int cols) {
        long[] t = new long[j.length];
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < cols; a++) {
                t[a * rows + r] = j[r * cols + a];
            }
        }
        long[] h = new long[cols * cols];
        IntStream.range(0, cols).parallel().forEach(a -> {
            int ao = a * rows;
            for (int b = a; b < cols; b++) {
                h[a * cols + b] = dot(t, ao, b * rows, rows);
            }
        });
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < a; b++) {
                h[a * cols + b] = h[b * cols + a];
            }
        }
        return h;
    }

    /**
     * Σ t[ao+r]·t[bo+r] mod p. Residues are below 2^62, so each product is below 2^124: its
     * high word is below 2^60. The low words are summed with carry into {@code hi}, which is
     * reduced mod p every 4 products so it stays below 2^63.
     */
    private long dot(long[] t, int ao, int bo, int n) {
        long hi = 0;
        long lo = 0;
        int r = 0;
        while (r < n) {
            int end = Math.min(n, r + 4);
            for (; r < end; r++) {
                long x = t[ao + r];
                long y = t[bo + r];
                long pl = x * y;
                long ph = Math.multiplyHigh(x, y);
                long s = lo + pl;
                if (Long.compareUnsigned(s, pl) < 0) {
                    ph++;
                }
                lo = s;
                hi += ph;
            }
            hi %= p;
        }
        // (hi·2^64 + lo) mod p
        return mod.add(mod.multiply(hi, twoTo64), Long.remainderUnsigned(lo, p));
    }

    @Override
    public long[] sum(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mod.add(a[i], b[i]);
        }
        return out;
    }
}
