package org.hessrank.hessian;

import java.math.BigInteger;

/**
 * {@link Ring} over absolute values in double precision: running the Hessian algorithm on |θ|,
 * |x|, |residual|, |masks| yields, entry by entry, an upper bound on the absolute value of the
 * exact integer result (triangle inequality: every entry is a sum of products). Rounding is
 * covered by {@link #SLACK}: each entry is a sum of at most 2^40 nonnegative rounded terms, so
 * its relative rounding error is far below 2^-12. Used only to state failure probabilities.
 */
final class BoundRing extends Float64Ring {
    static final BoundRing INSTANCE = new BoundRing();
    /** Relative enlargement applied to values as they enter and to final bounds. */
    static final double SLACK = 1 + 0x1p-12;

    private BoundRing() {
    }

    @Override
    public void put(double[] a, int i, BigInteger value) {
        a[i] = Math.abs(value.doubleValue()) * SLACK;
    }

    @Override
    public void put(double[] a, int i, long value) {
        a[i] = Math.abs((double) value) * SLACK;
    }

    /** Exactly 1: a unit direction is not a rounded input. */
    @Override
    public void putOne(double[] a, int i) {
        a[i] = 1;
    }

    /**
     * An upper bound on the Euclidean norm of {@code count} entries of {@code a} starting at
     * {@code start} with the given stride, scaled by the largest entry to avoid overflow.
     */
    static double norm(double[] a, int start, int stride, int count) {
        double max = 0;
        for (int k = 0, i = start; k < count; k++, i += stride) {
            max = Math.max(max, a[i]);
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (int k = 0, i = start; k < count; k++, i += stride) {
            double v = a[i] / max;
            s += v * v;
        }
        return max * Math.sqrt(s) * SLACK;
    }

    /** max(0, log2 v) rounded up slightly; +∞ for an infinite v. */
    static double positiveLog2(double v) {
        if (!(v > 1)) {
            return 0;
        }
        return Math.log(v) / Math.log(2) * SLACK;
    }
}
