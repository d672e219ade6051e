package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;

/** {@link Arith} over ℤ on {@code BigInteger[]}. */
final class BigArith implements Arith<BigInteger[]> {
    static final BigArith INSTANCE = new BigArith();

    private BigArith() {
    }

    @Override
    public BigInteger[] zeros(int n) {
        BigInteger[] z = new BigInteger[n];
        Arrays.fill(z, BigInteger.ZERO);
        return z;
    }

    @Override
    public BigInteger[] of(BigInteger[] values) {
        return values.clone();
    }

    @Override
    public BigInteger[] ofLongs(long[] values) {
        BigInteger[] out = new BigInteger[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = BigInteger.valueOf(values[i]);
        }
        return out;
    }

    @Override
    public boolean isZero(BigInteger[] a, int i) {
        return a[i].signum() == 0;
    }

    @Override
    public void fma(BigInteger[] dst, int di, BigInteger[] a, int ai, BigInteger[] b, int bi) {
        BigInteger x = a[ai];
        BigInteger y = b[bi];
        if (x.signum() != 0 && y.signum() != 0) {
            dst[di] = dst[di].add(x.multiply(y));
        }
    }

    @Override
    public void add(BigInteger[] dst, int di, BigInteger[] src, int si) {
        if (src[si].signum() != 0) {
            dst[di] = dst[di].add(src[si]);
        }
    }

    @Override
    public void set(BigInteger[] dst, int di, BigInteger[] src, int si) {
        dst[di] = src[si];
    }

    @Override
    public void scale(BigInteger[] dst, int di, BigInteger[] m, int mi) {
        dst[di] = dst[di].multiply(m[mi]);
    }

    @Override
    public BigInteger[] gram(BigInteger[] j, int rows, int cols) {
        BigInteger[] t = new BigInteger[j.length];
        for (int r = 0; r < rows; r++) {
            for (int a = 0; a < cols; a++) {
                t[a * rows + r] = j[r * cols + a];
            }
        }
        BigInteger[] h = new BigInteger[cols * cols];
        IntStream.range(0, cols).parallel().forEach(a -> {
            int ao = a * rows;
            for (int b = a; b < cols; b++) {
                int bo = b * rows;
                BigInteger s = BigInteger.ZERO;
                for (int r = 0; r < rows; r++) {
                    BigInteger x = t[ao + r];
                    BigInteger y = t[bo + r];
                    if (x.signum() != 0 && y.signum() != 0) {
                        s = s.add(x.multiply(y));
                    }
                }
                h[a * cols + b] = s;
            }
        });
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < a; b++) {
                h[a * cols + b] = h[b * cols + a];
            }
        }
        return h;
    }

    @Override
    public BigInteger[] sum(BigInteger[] a, BigInteger[] b) {
        BigInteger[] out = new BigInteger[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i].add(b[i]);
        }
        return out;
    }
}
