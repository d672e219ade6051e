package org.hessrank.hessian;

import org.hessrank.net.FixedLinearStage;

/**
 * The rule of a {@link FixedLinearStage} (pooling, flattening): y[out] += coefficient·h[in] per
 * term, with the coefficients from the tape (numerators, scaled to integers, in the exact
 * systems; num/den in the reals). No parameters, no second-order term. Cost O(terms·c·b).
 */
final class FixedLinearRule<V> implements StageRule<V> {
    private final Ring<V> ring;
    private final Tape<V> tape;
    private final FixedLinearStage stage;
    private final int index;

    FixedLinearRule(Ring<V> ring, Tape<V> tape, FixedLinearStage stage, int index) {
        this.ring = ring;
        this.tape = tape;
        this.stage = stage;
        this.index = index;
    }

    @Override
    public void tangent(Batch<V> bt, V x, V y) {
        ring.clear(y, 0, stage.outSize() * bt.stride);
        if (x != null) {
            apply(bt, stage.in(), x, stage.out(), y);
        }
    }

    @Override
    public boolean backward(Batch<V> bt, V cur, boolean live, V x, V prev) {
        if (prev == null || !live) {
            return false;
        }
        ring.clear(prev, 0, stage.inSize() * bt.stride);
        apply(bt, stage.out(), cur, stage.in(), prev);
        return true;
    }

    /** dst[to[t]] += coefficient[t]·src[from[t]] for every term. */
    private void apply(Batch<V> bt, int[] from, V src, int[] to, V dst) {
        V coefficient = tape.coefficients.get(index);
        int stride = bt.stride;
        int len = bt.c * bt.b;
        for (int t = 0; t < to.length; t++) {
            ring.addMul(dst, to[t] * stride, coefficient, t, src, from[t] * stride, len);
        }
    }
}
