package org.hessrank.hessian;

import org.hessrank.net.ParameterStage;

/**
 * The rule of a {@link ParameterStage}, bilinear in (θ, h): y[out] += θ[param]·h[in] per term,
 * y[out] += θ[param]·unit per bias term. Its tangent is W·ẋ + V·h (V: the directions of its
 * parameters); backwards it passes Wᵀ·ġ (+ Vᵀ·g, second order) and adds the parameter rows
 * G(h)ᵀ·ġ (+ G(ẋ)ᵀ·g, second order), where g is the loss signal at its output (from the tape).
 * A frozen stage (weights φ from the tape after θ) has no parameter rows and no directions: it
 * is a linear map that the point fixes. Cost per pass: O(terms·c·b).
 */
final class ParameterRule<V> implements StageRule<V> {
    private final Ring<V> ring;
    private final Tape<V> tape;
    private final ParameterStage stage;
    private final int index;
    private final int offset;
    /** Parameter → its terms and bias terms (CSR), for directions supported on few parameters. */
    private final int[] termStart;
    private final int[] termList;
    private final int[] biasStart;
    private final int[] biasList;

    ParameterRule(Ring<V> ring, Tape<V> tape, ParameterStage stage, int index, int offset) {
        this.ring = ring;
        this.tape = tape;
        this.stage = stage;
        this.index = index;
        this.offset = offset;
        int[][] csr = csr(stage.termParam(), stage.parameterCount());
        this.termStart = csr[0];
        this.termList = csr[1];
        csr = csr(stage.biasParam(), stage.parameterCount());
        this.biasStart = csr[0];
        this.biasList = csr[1];
    }

    /** Groups indices 0..len−1 by key: start[key]..start[key+1] in list. */
    static int[][] csr(int[] keys, int keyCount) {
        int[] start = new int[keyCount + 1];
        for (int key : keys) {
            start[key + 1]++;
        }
        for (int i = 0; i < keyCount; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = start.clone();
        int[] list = new int[keys.length];
        for (int t = 0; t < keys.length; t++) {
            list[fill[keys[t]]++] = t;
        }
        return new int[][] {start, list};
    }

    @Override
    public void tangent(Batch<V> bt, V x, V y) {
        int stride = bt.stride;
        ring.clear(y, 0, stage.outSize() * stride);
        int[] to = stage.termOut(), ti = stage.termIn(), tp = stage.termParam();
        if (x != null) {
            int len = bt.c * bt.b;
            for (int t = 0; t < to.length; t++) {
                ring.addMul(y, to[t] * stride, tape.theta, offset + tp[t], x, ti[t] * stride, len);
            }
        }
        int qlo = Math.max(0, bt.lo - offset);
        int qhi = Math.min(stage.parameterCount(), bt.hi - offset);
        int n = tape.samples;
        V h = tape.input.get(index);
        int[] bo = stage.biasOut();
        for (int q = qlo; q < qhi; q++) {
            int vo = (offset + q) * bt.b;
            for (int e = termStart[q]; e < termStart[q + 1]; e++) {
                int t = termList[e];
                int yo = to[t] * stride;
                int ho = ti[t] * n + bt.i0;
                for (int ii = 0; ii < bt.c; ii++) {
                    ring.addMul(y, yo + ii * bt.b, h, ho + ii, bt.directions, vo, bt.b);
                }
            }
            for (int e = biasStart[q]; e < biasStart[q + 1]; e++) {
                int yo = bo[biasList[e]] * stride;
                for (int ii = 0; ii < bt.c; ii++) {
                    ring.addMul(y, yo + ii * bt.b, tape.unit, index, bt.directions, vo, bt.b);
                }
            }
        }
    }

    @Override
    public boolean backward(Batch<V> bt, V cur, boolean live, V x, V prev) {
        int stride = bt.stride;
        int b = bt.b;
        int n = tape.samples;
        V h = tape.input.get(index);
        V g = tape.signal.get(index);
        boolean second = bt.second && x != null;
        int[] to = stage.termOut(), ti = stage.termIn(), tp = stage.termParam();
        if (bt.acc != null && !stage.isFrozen() && (live || second)) {
            for (int t = 0; t < to.length; t++) {
                int ao = (offset + tp[t]) * b;
                int ho = ti[t] * n + bt.i0;
                int go = to[t] * n + bt.i0;
                int co = to[t] * stride;
                int xo = ti[t] * stride;
                for (int ii = 0; ii < bt.c; ii++) {
                    if (second && live) {
                        ring.addMul2(bt.acc, ao, h, ho + ii, cur, co + ii * b, g, go + ii, x, xo + ii * b, b);
                    } else if (live) {
                        ring.addMul(bt.acc, ao, h, ho + ii, cur, co + ii * b, b);
                    } else {
                        ring.addMul(bt.acc, ao, g, go + ii, x, xo + ii * b, b);
                    }
                }
            }
            if (live) {
                int[] bo = stage.biasOut(), bp = stage.biasParam();
                for (int t = 0; t < bo.length; t++) {
                    int ao = (offset + bp[t]) * b;
                    for (int ii = 0; ii < bt.c; ii++) {
                        ring.addMul(bt.acc, ao, tape.unit, index, cur, bo[t] * stride + ii * b, b);
                    }
                }
            }
        }
        int qlo = Math.max(0, bt.lo - offset);
        int qhi = Math.min(stage.parameterCount(), bt.hi - offset);
        boolean directed = bt.second && qlo < qhi;
        if (prev == null || !(live || directed)) {
            return false;
        }
        ring.clear(prev, 0, stage.inSize() * stride);
        int len = bt.c * b;
        if (live) {
            for (int t = 0; t < to.length; t++) {
                ring.addMul(prev, ti[t] * stride, tape.theta, offset + tp[t], cur, to[t] * stride, len);
            }
        }
        for (int q = qlo; directed && q < qhi; q++) {
            int vo = (offset + q) * b;
            for (int e = termStart[q]; e < termStart[q + 1]; e++) {
                int t = termList[e];
                int po = ti[t] * stride;
                int go = to[t] * n + bt.i0;
                for (int ii = 0; ii < bt.c; ii++) {
                    ring.addMul(prev, po + ii * b, g, go + ii, bt.directions, vo, b);
                }
            }
        }
        return true;
    }
}
