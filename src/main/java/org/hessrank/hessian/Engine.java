package org.hessrank.hessian;

import java.util.stream.IntStream;
import java.math.BigInteger;
import java.util.List;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * The Hessian algorithm, written once over an {@link Arith}. All quantities are those of the
 * scaled network of an {@link Evaluation}: masks fixed at the point, so every stage is linear in
 * its input and every parameter stage bilinear in (θ, input).
 *
 * <ul>
 *   <li>J row (i, c): backpropagate e_c to every parameter stage's output g_m, then the gradient
 *       block of stage m is G_m(h_m)ᵀ g_m (terms: g[termOut]·h[termIn]; biases: g[biasOut]·unit).
 *       Cost O(N·K·(network terms)).</li>
 *   <li>H_O = JᵀJ. Cost O(N·K·p²/2).</li>
 *   <li>H_F, block (m, l) for parameter stages l &lt; m, column k of stage l: the perturbation
 *       δ = ∂(stage l output)/∂θ_k is propagated linearly to the input z of each later parameter
 *       stage m, and G_m(z)ᵀ g_m is added, where g_m backpropagates the residual. Diagonal blocks
 *       are 0 (each θ_l enters linearly); the upper blocks are the transposes. Cost
 *       O(N·Σ_l p_l·(terms after stage l)).</li>
 * </ul>
 */
final class Engine<V> {
    private final Arith<V> ar;
    private final Evaluation ev;
    private final List<Stage> stages;
    private final int p;
    private final int k;
    private final int n;
    private final V theta;
    private final V units;
    /** Per stage: numerators of a fixed stage, else null. */
    private final V[] numerators;
    /** [sample][stage]: inputs and masks in this number system. */
    private final V[][] inputs;
    private final V[][] masks;
    /** Per parameter stage: parameter → its terms (CSR) and its bias terms (CSR). */
    private final int[][] termStart;
    private final int[][] termList;
    private final int[][] biasStart;
    private final int[][] biasList;

    @SuppressWarnings("unchecked")
    Engine(Arith<V> ar, Evaluation ev, BigInteger[] thetaValues) {
        this.ar = ar;
        this.ev = ev;
        this.stages = ev.sn.stages;
        this.p = ev.sn.net.parameterCount();
        this.k = ev.sn.net.outputSize();
        this.n = ev.samples();
        this.theta = ar.of(thetaValues);
        this.units = ar.of(ev.unit);
        int s = stages.size();
        this.numerators = (V[]) new Object[s];
        this.termStart = new int[s][];
        this.termList = new int[s][];
        this.biasStart = new int[s][];
        this.biasList = new int[s][];
        for (int i = 0; i < s; i++) {
            Stage st = stages.get(i);
            if (st instanceof FixedLinearStage f) {
                numerators[i] = ar.ofLongs(f.numerator());
            } else if (st instanceof ParameterStage ps) {
                int[][] csr = csr(ps.termParam(), ps.parameterCount());
                termStart[i] = csr[0];
                termList[i] = csr[1];
                csr = csr(ps.biasParam(), ps.parameterCount());
                biasStart[i] = csr[0];
                biasList[i] = csr[1];
            }
        }
        this.inputs = (V[][]) new Object[n][s];
        this.masks = (V[][]) new Object[n][s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                inputs[i][j] = ar.of(ev.stageInputs[i][j]);
                if (ev.masks[i][j] != null) {
                    masks[i][j] = ar.ofLongs(ev.masks[i][j]);
                }
            }
        }
    }

    /** Groups indices 0..len−1 by key: start[key]..start[key+1] in list. Shared with {@link NumericEngine}. */
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

    /** The scaled outputs, N·K row-major. */
    V forward() {
        V out = ar.zeros(n * k);
        for (int i = 0; i < n; i++) {
            V o = ar.of(ev.outputs[i]);
            for (int c = 0; c < k; c++) {
                ar.set(out, i * k + c, o, c);
            }
        }
        return out;
    }

    /** Backpropagates {@code gOut} (at the network output) of sample i: the signal at each stage's output. */
    @SuppressWarnings("unchecked")
    private V[] backprop(int i, V gOut) {
        int s = stages.size();
        V[] g = (V[]) new Object[s];
        V cur = gOut;
        for (int j = s - 1; j >= 0; j--) {
            g[j] = cur;
            if (j == 0 || !needsSignalBefore(j)) {
                break;
            }
            Stage st = stages.get(j);
            V prev = ar.zeros(st.inSize());
            if (st instanceof ParameterStage ps) {
                int off = ev.sn.net.parameterOffset(j);
                int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                for (int t = 0; t < to.length; t++) {
                    ar.fma(prev, ti[t], theta, off + tp[t], cur, to[t]);
                }
            } else if (st instanceof FixedLinearStage f) {
                int[] fo = f.out(), fi = f.in();
                V num = numerators[j];
                for (int t = 0; t < fo.length; t++) {
                    ar.fma(prev, fi[t], num, t, cur, fo[t]);
                }
            } else {
                V mask = masks[i][j];
                for (int u = 0; u < st.inSize(); u++) {
                    ar.set(prev, u, cur, u);
                    ar.scale(prev, u, mask, u);
                }
            }
            cur = prev;
        }
        return g;
    }

    /** True if some parameter stage lies before stage j. */
    private boolean needsSignalBefore(int j) {
        return ev.sn.parameterStages.length > 0 && ev.sn.parameterStages[0] < j;
    }

    /** dst[base + off_m + param] += G_m(h)ᵀ g, including biases. */
    private void addParameterGradient(int m, V h, V g, V dst, int base) {
        ParameterStage ps = (ParameterStage) stages.get(m);
        int off = base + ev.sn.net.parameterOffset(m);
        int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
        for (int t = 0; t < to.length; t++) {
            ar.fma(dst, off + tp[t], g, to[t], h, ti[t]);
        }
        int[] bo = ps.biasOut(), bp = ps.biasParam();
        for (int b = 0; b < bo.length; b++) {
            ar.fma(dst, off + bp[b], g, bo[b], units, m);
        }
    }

    /** J of the scaled network: N·K rows (sample-major) × p, row-major. */
    V jacobian() {
        V j = ar.zeros(n * k * p);
        long[] e = new long[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                e[c] = 1;
                V[] g = backprop(i, ar.ofLongs(e));
                e[c] = 0;
                for (int m : ev.sn.parameterStages) {
                    addParameterGradient(m, inputs[i][m], g[m], j, (i * k + c) * p);
                }
            }
        }
        return j;
    }

    /** H_O = JᵀJ, p × p row-major. */
    V outer(V jacobian) {
        return ar.gram(jacobian, n * k, p);
    }

    /** H_F = Σ_i Σ_c r_ic ∇²F_c(x_i), p × p row-major, with r the scaled residuals (N·K row-major). */
    V functional(BigInteger[][] residuals) {
        V h = ar.zeros(p * p);
        int[] ps = ev.sn.parameterStages;
        for (int i = 0; i < n; i++) {
            V[] g = backprop(i, ar.of(residuals[i]));
            for (int li = 0; li + 1 < ps.length; li++) {
                int l = ps[li];
                ParameterStage stage = (ParameterStage) stages.get(l);
                int offL = ev.sn.net.parameterOffset(l);
                int[] to = stage.termOut(), ti = stage.termIn();
                int[] bo = stage.biasOut();
                V hl = inputs[i][l];
                int lastParameterStage = ps[ps.length - 1];
                final V[] gi = g;
                final int sample = i;
                // columns q are independent: rows offL+q of the upper triangle, one per task
                IntStream.range(0, stage.parameterCount()).parallel().forEach(q -> {
                    V z = ar.zeros(stage.outSize());
                    for (int x = termStart[l][q]; x < termStart[l][q + 1]; x++) {
                        int t = termList[l][x];
                        ar.add(z, to[t], hl, ti[t]);
                    }
                    for (int x = biasStart[l][q]; x < biasStart[l][q + 1]; x++) {
                        int b = biasList[l][x];
                        ar.add(z, bo[b], units, l);
                    }
                    int rowBase = (offL + q) * p;
                    for (int s = l + 1; s <= lastParameterStage; s++) {
                        Stage st = stages.get(s);
                        if (st instanceof ParameterStage pm) {
                            int offM = ev.sn.net.parameterOffset(s);
                            int[] mo = pm.termOut(), mi = pm.termIn(), mp = pm.termParam();
                            V gm = gi[s];
                            for (int t = 0; t < mo.length; t++) {
                                ar.fma(h, rowBase + offM + mp[t], gm, mo[t], z, mi[t]);
                            }
                            if (s < lastParameterStage) {
                                V y = ar.zeros(pm.outSize());
                                for (int t = 0; t < mo.length; t++) {
                                    ar.fma(y, mo[t], theta, offM + mp[t], z, mi[t]);
                                }
                                z = y;
                            }
                        } else if (st instanceof FixedLinearStage f) {
                            V y = ar.zeros(f.outSize());
                            int[] fo = f.out(), fi = f.in();
                            for (int t = 0; t < fo.length; t++) {
                                ar.fma(y, fo[t], numerators[s], t, z, fi[t]);
                            }
                            z = y;
                        } else {
                            V mask = masks[sample][s];
                            for (int u = 0; u < ((ActivationStage) st).size(); u++) {
                                ar.scale(z, u, mask, u);
                            }
                        }
                    }
                });
            }
        }
        // mirror the upper blocks (rows of earlier stages) into the lower ones
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                ar.set(h, b * p + a, h, a * p + b);
            }
        }
        return h;
    }

    V sum(V a, V b) {
        return ar.sum(a, b);
    }
}
