package org.hessrank.hessian;

import org.hessrank.net.MonomialStage;

/**
 * The rule of a {@link MonomialStage}: y[out] += c·Π_k x[f_k] per term. With ∂_k the product of
 * the other factors (times c) and ∂_kl the product of all factors but k and l, the tangent is
 * Σ_k ∂_k·ẋ[f_k]; backwards x[f_k] receives ∂_k·ġ, plus Σ_{l≠k} ∂_kl·g·ẋ[f_l] in second order (g
 * the loss signal at the output, from the tape). ∂_k and ∂_kl at the point are formed once per
 * sample when the rule is made. No parameters of its own (a polynomial custom layer reads its
 * parameters from a node). Cost per pass O(Σ_t k_t²·c·b) for terms of k_t factors.
 */
final class MonomialRule<V> implements StageRule<V> {
    private final Ring<V> ring;
    private final Tape<V> tape;
    private final MonomialStage stage;
    private final int index;
    /** First-order partials, [(start[t] + k)·N + sample]. */
    private final V partial;
    /** Offset of term t's second-order partials (k_t·(k_t − 1) of them, k-major) in {@link #pair}. */
    private final int[] pairStart;
    /** Second-order partials, [(pairStart[t] + k·(k_t − 1) + l')·N + sample] with l' = l minus (l > k). */
    private final V pair;

    MonomialRule(Ring<V> ring, Tape<V> tape, MonomialStage stage, int index) {
        this.ring = ring;
        this.tape = tape;
        this.stage = stage;
        this.index = index;
        int n = tape.samples;
        int[] start = stage.start();
        int terms = stage.termCount();
        this.partial = ring.zeros(start[terms] * n);
        this.pairStart = new int[terms + 1];
        for (int t = 0; t < terms; t++) {
            int k = start[t + 1] - start[t];
            pairStart[t + 1] = pairStart[t] + k * (k - 1);
        }
        this.pair = ring.zeros(Math.max(1, pairStart[terms]) * n);
        for (int t = 0; t < terms; t++) {
            int k = start[t + 1] - start[t];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < k; a++) {
                    ring.set(partial, (start[t] + a) * n + i, product(t, a, -1, i), 0);
                    for (int b = 0, c = 0; b < k; b++) {
                        if (b != a) {
                            ring.set(pair, (pairStart[t] + a * (k - 1) + c) * n + i, product(t, a, b, i), 0);
                            c++;
                        }
                    }
                }
            }
        }
    }

    /** c_t times the factors of term t but the ones at positions {@code skip1}, {@code skip2}, at sample i. */
    private V product(int t, int skip1, int skip2, int i) {
        int n = tape.samples;
        V x = tape.input.get(index);
        V acc = ring.zeros(1);
        ring.set(acc, 0, tape.coefficients.get(index), t);
        int[] start = stage.start();
        int[] factor = stage.factor();
        for (int a = 0; a < start[t + 1] - start[t]; a++) {
            if (a != skip1 && a != skip2) {
                V next = ring.zeros(1);
                ring.addMul(next, 0, acc, 0, x, factor[start[t] + a] * n + i, 1);
                acc = next;
            }
        }
        return acc;
    }

    @Override
    public void tangent(Batch<V> bt, V x, V y) {
        int stride = bt.stride;
        ring.clear(y, 0, stage.outSize() * stride);
        if (x == null) {
            return;
        }
        int n = tape.samples;
        int[] start = stage.start(), factor = stage.factor(), to = stage.termOut();
        for (int t = 0; t < to.length; t++) {
            for (int f = start[t]; f < start[t + 1]; f++) {
                for (int ii = 0; ii < bt.c; ii++) {
                    ring.addMul(y, to[t] * stride + ii * bt.b, partial, f * n + bt.i0 + ii, x,
                            factor[f] * stride + ii * bt.b, bt.b);
                }
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
        int n = tape.samples;
        ring.clear(prev, 0, stage.inSize() * stride);
        V g = tape.signal.get(index);
        int[] start = stage.start(), factor = stage.factor(), to = stage.termOut();
        V scalar = ring.zeros(1);
        for (int t = 0; t < to.length; t++) {
            int k = start[t + 1] - start[t];
            for (int a = 0; a < k; a++) {
                int po = factor[start[t] + a] * stride;
                for (int ii = 0; ii < bt.c; ii++) {
                    int i = bt.i0 + ii;
                    if (live) {
                        ring.addMul(prev, po + ii * b, partial, (start[t] + a) * n + i, cur, to[t] * stride + ii * b, b);
                    }
                    if (!second) {
                        continue;
                    }
                    for (int c = 0, l = 0; l < k; l++) {
                        if (l == a) {
                            continue;
                        }
                        ring.clear(scalar, 0, 1);
                        ring.addMul(scalar, 0, pair, (pairStart[t] + a * (k - 1) + c) * n + i, g, to[t] * n + i, 1);
                        ring.addMul(prev, po + ii * b, scalar, 0, x, factor[start[t] + l] * stride + ii * b, b);
                        c++;
                    }
                }
            }
        }
        return true;
    }
}
