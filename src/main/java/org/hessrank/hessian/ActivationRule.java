package org.hessrank.hessian;

/**
 * The rule of an elementwise stage ({@code ActivationStage}, {@code PolynomialStage}): the
 * tangent is σ'(z)·ẋ; backwards the signal is σ'(z)·ġ, plus σ''(z)·ẋ·g in second order when the
 * function is curved ({@code pow}, {@code poly} in every system, tanh and sigmoid in the reals;
 * never for (leaky) ReLU, whose mask is fixed at the point). σ', σ'' and g come from the tape.
 * Cost O(size·c·b).
 */
final class ActivationRule<V> implements StageRule<V> {
    private final Ring<V> ring;
    private final Tape<V> tape;
    private final int size;
    private final int index;

    ActivationRule(Ring<V> ring, Tape<V> tape, int size, int index) {
        this.ring = ring;
        this.tape = tape;
        this.size = size;
        this.index = index;
    }

    @Override
    public void tangent(Batch<V> bt, V x, V y) {
        if (x == null) {
            ring.clear(y, 0, size * bt.stride);
            return;
        }
        scale(bt, x, y);
    }

    @Override
    public boolean backward(Batch<V> bt, V cur, boolean live, V x, V prev) {
        if (prev == null) {
            return false;
        }
        V curvature = tape.curvature.get(index);
        if (!bt.second || x == null || curvature == null) {
            if (live) {
                scale(bt, cur, prev);
            }
            return live;
        }
        if (!live) {
            // σ''·ẋ·g is the only source: read the signal as the zeros it is
            ring.clear(cur, 0, size * bt.stride);
        }
        int n = tape.samples;
        for (int u = 0; u < size; u++) {
            for (int ii = 0; ii < bt.c; ii++) {
                int o = u * bt.stride + ii * bt.b;
                ring.secondOrder(prev, o, tape.slope.get(index), curvature, tape.signal.get(index), u * n + bt.i0 + ii, cur,
                        o, x, o, bt.b);
            }
        }
        return true;
    }

    /** dst = σ'·src, sample by sample. */
    private void scale(Batch<V> bt, V src, V dst) {
        V slope = tape.slope.get(index);
        int n = tape.samples;
        for (int u = 0; u < size; u++) {
            for (int ii = 0; ii < bt.c; ii++) {
                int o = u * bt.stride + ii * bt.b;
                ring.mul(dst, o, slope, u * n + bt.i0 + ii, src, o, bt.b);
            }
        }
    }
}
