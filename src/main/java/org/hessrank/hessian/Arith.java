package org.hessrank.hessian;

import java.math.BigInteger;

/**
 * The few array operations the Hessian algorithm needs, over one number system. {@code V} is
 * the vector type ({@code BigInteger[]} exactly, {@code long[]} of residues mod p): the
 * algorithm in {@link Engine} is written once, and each number system keeps primitive arrays
 * in its hot loops (no boxing of residues).
 */
interface Arith<V> {
    V zeros(int n);

    /** The values reduced into this number system. */
    V of(BigInteger[] values);

    V ofLongs(long[] values);

    boolean isZero(V a, int i);

    /** dst[di] += a[ai]·b[bi]. */
    void fma(V dst, int di, V a, int ai, V b, int bi);

    /** dst[di] += src[si]. */
    void add(V dst, int di, V src, int si);

    /** dst[di] = src[si]. */
    void set(V dst, int di, V src, int si);

    /** dst[di] = dst[di]·m[mi]. */
    void scale(V dst, int di, V m, int mi);

    /**
     * The Gram matrix {@code JᵀJ} (cols × cols, full, symmetric) of the rows×cols row-major
     * matrix {@code j}. Cost O(rows·cols²/2) multiply-adds.
     */
    V gram(V j, int rows, int cols);

    /** The elementwise sum a + b (new vector). */
    V sum(V a, V b);
}
