package org.hessrank.hessian;

import java.util.Arrays;

/** What the rings on {@code double[]} share: allocation, clearing and copying. */
abstract class DoubleArrayRing implements Ring<double[]> {
    @Override
    public double[] zeros(int n) {
        return new double[n];
    }

    @Override
    public void clear(double[] y, int from, int to) {
        Arrays.fill(y, from, to, 0);
    }

    @Override
    public void set(double[] dst, int di, double[] src, int si) {
        dst[di] = src[si];
    }
}
