package org.hessrank.hessian;

import java.math.BigInteger;

/**
 * A number system in which the one Hessian algorithm ({@link HessianAlgorithm}) runs: exact ℤ
 * ({@link BigRing}), residues mod p ({@link DoubleResidueRing} for p &lt; 2^49, the fast kernel;
 * {@link LongResidueRing} for any p &lt; 2^62), entrywise bounds on absolute values
 * ({@link BoundRing}), float64 ({@link Float64Ring}) and any {@link Reals} (apfloat, boxed
 * doubles: {@link RealsRing}).
 *
 * <p>{@code V} is the array type. Every operation works on a strip of {@code len} consecutive
 * entries scaled by one coefficient taken from a coefficient array, which is the shape of every
 * loop of the algorithm (a term of a stage applied to a block of samples × vectors): each number
 * system keeps primitive arrays in its hot loop. Operations never allocate except where stated.
 */
interface Ring<V> {
    V zeros(int n);

    /** a[i] = value, reduced (or converted) into this number system. */
    void put(V a, int i, BigInteger value);

    /** a[i] = value, reduced (or converted) into this number system. */
    void put(V a, int i, long value);

    /** a[i] = 1 exactly (a unit direction of the dense Hessian). */
    default void putOne(V a, int i) {
        put(a, i, 1L);
    }

    /** The values reduced (or converted) into this number system; a new array. */
    default V of(BigInteger[] values) {
        V out = zeros(values.length);
        for (int i = 0; i < values.length; i++) {
            put(out, i, values[i]);
        }
        return out;
    }

    /** The values reduced (or converted) into this number system; a new array. */
    default V ofLongs(long[] values) {
        V out = zeros(values.length);
        for (int i = 0; i < values.length; i++) {
            put(out, i, values[i]);
        }
        return out;
    }

    /** y[yo + k] += c[ci]·x[xo + k] for k &lt; len. */
    void addMul(V y, int yo, V c, int ci, V x, int xo, int len);

    /** y[yo + k] += c1[c1i]·x1[x1o + k] + c2[c2i]·x2[x2o + k] for k &lt; len (the two products summed first). */
    void addMul2(V y, int yo, V c1, int c1i, V x1, int x1o, V c2, int c2i, V x2, int x2o, int len);

    /** y[yo + k] = c[ci]·x[xo + k] for k &lt; len. */
    void mul(V y, int yo, V c, int ci, V x, int xo, int len);

    /**
     * y[yo + k] = d1[di]·x[xo + k] + d2[di]·(t[to + k]·a[di]) for k &lt; len: the backward tangent
     * through an elementwise activation with second derivative d2 and adjoint a (tanh and
     * sigmoid in the reals, {@code pow} and {@code poly} in every system). This default forms
     * d2·a once into a one-entry array and uses {@link #mul} and {@link #addMul}.
     */
    default void secondOrder(V y, int yo, V d1, V d2, V a, int di, V x, int xo, V t, int to, int len) {
        mul(y, yo, d1, di, x, xo, len);
        V curvedSignal = zeros(1);
        addMul(curvedSignal, 0, d2, di, a, di, 1);
        addMul(y, yo, curvedSignal, 0, t, to, len);
    }

    /** y[from..to) = 0. */
    void clear(V y, int from, int to);

    /** dst[di] = src[si]. */
    void set(V dst, int di, V src, int si);

    /**
     * The Gram matrix {@code JᵀJ} (cols × cols, full, symmetric) of the rows×cols row-major
     * matrix {@code j}, summed over rows in order. Cost O(rows·cols²/2) multiply-adds.
     */
    V gram(V j, int rows, int cols);

    /** The elementwise sum a + b (new array). */
    V sum(V a, V b);
}
