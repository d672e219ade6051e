package org.hessrank.hessian;

import org.hessrank.net.BilinearStage;

/**
 * The rule of a {@link BilinearStage} over its input [a; b]: y[out] += a[l]·b[r] per term. Its
 * tangent is ȧ·b + a·ḃ; backwards a receives b·ġ and b receives a·ġ, plus ḃ·g and ȧ·g in second
 * order (g the loss signal at the output, from the tape). The values a and b at the point come
 * from the tape's stage input. No parameters. Cost per pass O(terms·c·b).
 */
final class BilinearRule<V> implements StageRule<V> {
    private final Ring<V> ring;
    private final Tape<V> tape;
    private final BilinearStage stage;
    private final int index;
    private final int left;

    BilinearRule(Ring<V> ring, Tape<V> tape, BilinearStage stage, int index) {
        this.ring = ring;
        this.tape = tape;
        this.stage = stage;
        this.index = index;
        this.left = stage.leftSize();
    }

    @Override
    public void tangent(Batch<V> bt, V x, V y) {
        int stride = bt.stride;
        ring.clear(y, 0, stage.outSize() * stride);
        if (x == null) {
            return;
        }
        V h = tape.input.get(index);
        int n = tape.samples;
        int[] to = stage.termOut(), tl = stage.termLeft(), tr = stage.termRight();
        for (int t = 0; t < to.length; t++) {
            int l = tl[t];
            int r = left + tr[t];
            for (int ii = 0; ii < bt.c; ii++) {
                int o = ii * bt.b;
                int i = bt.i0 + ii;
                ring.addMul2(y, to[t] * stride + o, h, l * n + i, x, r * stride + o, h, r * n + i, x, l * stride + o,
                        bt.b);
            }
        }
    }

    @Override
    public boolean backward(Batch<V> bt, V cur, boolean live, V x, V prev) {
        boolean second = bt.second && x != null;
        if (prev == null || !(live || second)) {
            return false;
        }
        int stride = bt.stride;
        int b = bt.b;
        ring.clear(prev, 0, stage.inSize() * stride);
        V h = tape.input.get(index);
        V g = tape.signal.get(index);
        int n = tape.samples;
        int[] to = stage.termOut(), tl = stage.termLeft(), tr = stage.termRight();
        for (int t = 0; t < to.length; t++) {
            int l = tl[t];
            int r = left + tr[t];
            int co = to[t] * stride;
            for (int ii = 0; ii < bt.c; ii++) {
                int o = ii * b;
                int i = bt.i0 + ii;
                int go = to[t] * n + i;
                if (live && second) {
                    ring.addMul2(prev, l * stride + o, h, r * n + i, cur, co + o, g, go, x, r * stride + o, b);
                    ring.addMul2(prev, r * stride + o, h, l * n + i, cur, co + o, g, go, x, l * stride + o, b);
                } else if (live) {
                    ring.addMul(prev, l * stride + o, h, r * n + i, cur, co + o, b);
                    ring.addMul(prev, r * stride + o, h, l * n + i, cur, co + o, b);
                } else {
                    ring.addMul(prev, l * stride + o, g, go, x, r * stride + o, b);
                    ring.addMul(prev, r * stride + o, g, go, x, l * stride + o, b);
                }
            }
        }
        return true;
    }
}
