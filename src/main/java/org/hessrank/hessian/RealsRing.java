package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.stream.IntStream;

/**
 * {@link Ring} over a {@link Reals} number system on boxed arrays (apfloat at P digits, or
 * {@code Double}): every operation rounds as the number system does. Operations are performed
 * in the order the numeric Hessians have always used (products of coefficient by entry, sums
 * left to right), so results are reproducible to the last digit.
 */
final class RealsRing<T> implements Ring<T[]> {
    private final Reals<T> re;

    RealsRing(Reals<T> re) {
        this.re = re;
    }

    @Override
    public T[] zeros(int n) {
        return re.zeros(n);
    }

    @Override
    public void put(T[] a, int i, BigInteger value) {
        a[i] = re.ratio(value, BigInteger.ONE);
    }

    @Override
    public void put(T[] a, int i, long value) {
        a[i] = re.of(value);
    }

    @Override
    public void addMul(T[] y, int yo, T[] c, int ci, T[] x, int xo, int len) {
        T s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] = re.add(y[yo + k], re.mul(s, x[xo + k]));
        }
    }

    @Override
    public void addMul2(T[] y, int yo, T[] c1, int c1i, T[] x1, int x1o, T[] c2, int c2i, T[] x2, int x2o, int len) {
        T s1 = c1[c1i];
        T s2 = c2[c2i];
        for (int k = 0; k < len; k++) {
            T v = re.add(re.mul(s1, x1[x1o + k]), re.mul(x2[x2o + k], s2));
            y[yo + k] = re.add(y[yo + k], v);
        }
    }

    @Override
    public void mul(T[] y, int yo, T[] c, int ci, T[] x, int xo, int len) {
        T s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] = re.mul(s, x[xo + k]);
        }
    }

    @Override
    public void secondOrder(T[] y, int yo, T[] d1, T[] d2, T[] a, int di, T[] x, int xo, T[] t, int to, int len) {
        T first = d1[di];
        T second = d2[di];
        boolean curved = re.signum(second) != 0;
        for (int k = 0; k < len; k++) {
            T v = re.mul(first, x[xo + k]);
            if (curved) {
                v = re.add(v, re.mul(second, re.mul(t[to + k], a[di])));
            }
            y[yo + k] = v;
        }
    }

    @Override
    public void clear(T[] y, int from, int to) {
        java.util.Arrays.fill(y, from, to, re.zero());
    }

    @Override
    public void set(T[] dst, int di, T[] src, int si) {
        dst[di] = src[si];
    }

    @Override
    public T[] gram(T[] j, int rows, int cols) {
        T[] h = re.zeros(cols * cols);
        IntStream.range(0, cols).parallel().forEach(a -> {
            for (int b = a; b < cols; b++) {
                T acc = re.zero();
                for (int r = 0; r < rows; r++) {
                    acc = re.add(acc, re.mul(j[r * cols + a], j[r * cols + b]));
                }
                h[a * cols + b] = acc;
                h[b * cols + a] = acc;
            }
        });
        return h;
    }

    @Override
    public T[] sum(T[] a, T[] b) {
        T[] out = re.zeros(a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = re.add(a[i], b[i]);
        }
        return out;
    }
}
