package org.hessrank.hessian;

/**
 * One pass of the Hessian algorithm over samples {@code i0 .. i0+c−1} and a block of {@code b}
 * tangent directions. Tangents and signals are laid out {@code [unit·stride + sample·b + vector]}
 * with {@code stride = c·b}, so that each term of a stage is one contiguous strip of c·b
 * entries (or b entries scaled by a per-sample coefficient).
 *
 * <p>{@code directions} (p × b, {@code [parameter·b + vector]}) is nonzero only for parameters in
 * [{@code lo}, {@code hi}); {@code acc} (p × b, same layout) receives the parameter rows; with
 * {@code second} false only first-order terms are formed (the Jacobian, H_O, the signals).
 */
final class Batch<V> {
    final int i0;
    final int c;
    final int b;
    final int stride;
    final V directions;
    final int lo;
    final int hi;
    final V acc;
    final boolean second;

    Batch(int i0, int c, int b, V directions, int lo, int hi, V acc, boolean second) {
        this.i0 = i0;
        this.c = c;
        this.b = b;
        this.stride = c * b;
        this.directions = directions;
        this.lo = lo;
        this.hi = hi;
        this.acc = acc;
        this.second = second;
    }
}
