package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;

/** {@link Ring} over ℤ on {@code BigInteger[]}: exact, no bound on the entries' size. */
final class BigRing implements Ring<BigInteger[]> {
    static final BigRing INSTANCE = new BigRing();

    private BigRing() {
    }

    @Override
    public BigInteger[] zeros(int n) {
        BigInteger[] z = new BigInteger[n];
        Arrays.fill(z, BigInteger.ZERO);
        return z;
    }

    @Override
    public void put(BigInteger[] a, int i, BigInteger value) {
        a[i] = value;
    }

    @Override
    public void put(BigInteger[] a, int i, long value) {
        a[i] = BigInteger.valueOf(value);
    }

    @Override
    public void addMul(BigInteger[] y, int yo, BigInteger[] c, int ci, BigInteger[] x, int xo, int len) {
        BigInteger s = c[ci];
        if (s.signum() == 0) {
            return;
        }
        for (int k = 0; k < len; k++) {
            BigInteger v = x[xo + k];
            if (v.signum() != 0) {
                y[yo + k] = y[yo + k].add(s.multiply(v));
            }
        }
    }

    @Override
    public void addMul2(BigInteger[] y, int yo, BigInteger[] c1, int c1i, BigInteger[] x1, int x1o, BigInteger[] c2,
            int c2i, BigInteger[] x2, int x2o, int len) {
        addMul(y, yo, c1, c1i, x1, x1o, len);
        addMul(y, yo, c2, c2i, x2, x2o, len);
    }

    @Override
    public void mul(BigInteger[] y, int yo, BigInteger[] c, int ci, BigInteger[] x, int xo, int len) {
        BigInteger s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] = s.multiply(x[xo + k]);
        }
    }

    @Override
    public void clear(BigInteger[] y, int from, int to) {
        Arrays.fill(y, from, to, BigInteger.ZERO);
    }

    @Override
    public void set(BigInteger[] dst, int di, BigInteger[] src, int si) {
        dst[di] = src[si];
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
