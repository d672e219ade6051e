package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@link Ring} in plain float64 (signed, rounded): the papers' number system. Every operation
 * rounds; used only for the float64 comparison pipeline, never for an exact result.
 */
class Float64Ring extends DoubleArrayRing {
    static final Float64Ring INSTANCE = new Float64Ring();

    /** For {@link BoundRing}, which changes only how values enter. */
    Float64Ring() {
    }

    @Override
    public void put(double[] a, int i, BigInteger value) {
        a[i] = value.doubleValue();
    }

    @Override
    public void put(double[] a, int i, long value) {
        a[i] = value;
    }

    @Override
    public void addMul(double[] y, int yo, double[] c, int ci, double[] x, int xo, int len) {
        double s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] += s * x[xo + k];
        }
    }

    @Override
    public void addMul2(double[] y, int yo, double[] c1, int c1i, double[] x1, int x1o, double[] c2, int c2i,
            double[] x2, int x2o, int len) {
        double s1 = c1[c1i];
        double s2 = c2[c2i];
        for (int k = 0; k < len; k++) {
            y[yo + k] += s1 * x1[x1o + k] + s2 * x2[x2o + k];
        }
    }

    @Override
    public void mul(double[] y, int yo, double[] c, int ci, double[] x, int xo, int len) {
        double s = c[ci];
        for (int k = 0; k < len; k++) {
            y[yo + k] = s * x[xo + k];
        }
    }

    @Override
    public double[] gram(double[] j, int rows, int cols) {
        double[] h = new double[cols * cols];
        IntStream.range(0, cols).parallel().forEach(a -> {
            int base = a * cols;
            for (int r = 0; r < rows; r++) {
                double c = j[r * cols + a];
                if (c != 0) {
                    int rb = r * cols;
                    for (int b = 0; b < cols; b++) {
                        h[base + b] += c * j[rb + b];
                    }
                }
            }
        });
        return h;
    }

    @Override
    public double[] sum(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
