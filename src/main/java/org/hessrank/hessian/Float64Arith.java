package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.stream.IntStream;

/**
 * {@link Arith} in plain float64 (signed, rounded): the papers' number system. Every operation
 * rounds; used only for the float64 comparison pipeline, never for an exact result.
 */
class Float64Arith implements Arith<double[]> {
    static final Float64Arith INSTANCE = new Float64Arith();

    /** For {@link BoundArith}, which changes only how values enter. */
    Float64Arith() {
    }

    @Override
    public double[] zeros(int n) {
        return new double[n];
    }

    @Override
    public double[] of(BigInteger[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i].doubleValue();
        }
        return out;
    }

    @Override
    public double[] ofLongs(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public boolean isZero(double[] a, int i) {
        return a[i] == 0;
    }

    @Override
    public void fma(double[] dst, int di, double[] a, int ai, double[] b, int bi) {
        dst[di] += a[ai] * b[bi];
    }

    @Override
    public void add(double[] dst, int di, double[] src, int si) {
        dst[di] += src[si];
    }

    @Override
    public void set(double[] dst, int di, double[] src, int si) {
        dst[di] = src[si];
    }

    @Override
    public void scale(double[] dst, int di, double[] m, int mi) {
        dst[di] *= m[mi];
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
