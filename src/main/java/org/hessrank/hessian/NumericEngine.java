package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.hessrank.net.Activation;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * Loss, gradient and Hessian parts of a lowered network over a real number system, written once
 * for doubles and apfloat. Unlike {@link Engine} it evaluates every activation itself (value,
 * first and second derivative), so tanh and sigmoid work, and it knows the softmax
 * cross-entropy loss.
 *
 * <p>With g_i = ∇_F ℓ_i and A_i = ∇²_F ℓ_i at sample i (see {@link Loss}):
 * <ul>
 *   <li>H_O = Σ_i J_iᵀ A_i J_i (generalized Gauss–Newton), J_i by K reverse passes. Cost
 *       O(N·K·T) for J and O(N·K·p²/2) for the products (O(N·K²·p) more for cross-entropy).</li>
 *   <li>H_F = Σ_i ∇²_θ (g_iᵀ F(x_i)) with g_i held fixed, column k by forward-over-reverse:
 *       the tangent of the forward pass along e_k (from k's stage on), then the tangent of the
 *       reverse pass (activations add σ''·ḣ·a), then the tangent of the parameter gradient.
 *       Only rows ≥ k are formed (from k's stage on) and mirrored. Cost O(N·p·T).</li>
 * </ul>
 * T is the number of terms of all stages. Columns and rows run in parallel.
 */
final class NumericEngine<T> {
    private final Reals<T> re;
    private final LoweredNetwork net;
    private final List<Stage> stages;
    private final int p;
    private final int k;
    private final Loss loss;
    private final T[] theta;
    /** Per fixed stage: its coefficients num/den in this system. */
    private final T[][] coefficients;
    /** Per activation stage with a rational slope: the negative-side slope. */
    private final T[] slopes;
    /** Per parameter stage: parameter → its terms and bias terms (CSR). */
    private final int[][] termStart;
    private final int[][] termList;
    private final int[][] biasStart;
    private final int[][] biasList;
    private final int firstParameterStage;

    @SuppressWarnings("unchecked")
    NumericEngine(Reals<T> re, LoweredNetwork net, T[] theta, Loss loss) {
        this.re = re;
        this.net = net;
        this.stages = net.stages();
        this.p = net.parameterCount();
        this.k = net.outputSize();
        this.loss = loss;
        if (theta.length != p) {
            throw new IllegalArgumentException("theta length (" + theta.length + ") must equal the network's"
                    + " parameter count (" + p + ")");
        }
        this.theta = theta;
        int s = stages.size();
        coefficients = re.rows(s);
        slopes = re.zeros(s);
        termStart = new int[s][];
        termList = new int[s][];
        biasStart = new int[s][];
        biasList = new int[s][];
        int first = -1;
        for (int i = 0; i < s; i++) {
            Stage st = stages.get(i);
            if (st instanceof FixedLinearStage f) {
                T[] c = array(f.numerator().length);
                for (int t = 0; t < c.length; t++) {
                    c[t] = re.ratio(BigInteger.valueOf(f.numerator()[t]), BigInteger.valueOf(f.denominator()));
                }
                coefficients[i] = c;
            } else if (st instanceof ActivationStage a) {
                Activation act = a.activation();
                slopes[i] = re.ratio(BigInteger.valueOf(act.slopeNumerator()), BigInteger.valueOf(act.slopeDenominator()));
            } else if (st instanceof ParameterStage ps) {
                if (first < 0) {
                    first = i;
                }
                int[][] csr = Engine.csr(ps.termParam(), ps.parameterCount());
                termStart[i] = csr[0];
                termList[i] = csr[1];
                csr = Engine.csr(ps.biasParam(), ps.parameterCount());
                biasStart[i] = csr[0];
                biasList[i] = csr[1];
            }
        }
        this.firstParameterStage = first < 0 ? s : first;
    }

    T[] array(int n) {
        return re.zeros(n);
    }

    /** One sample's forward pass: the input of every stage, and σ', σ'' at activation stages. */
    final class Trace {
        final T[][] h;
        final T[][] d1;
        final T[][] d2;

        @SuppressWarnings("unchecked")
        Trace(T[] x) {
            int s = stages.size();
            h = re.rows(s + 1);
            d1 = re.rows(s);
            d2 = re.rows(s);
            h[0] = x;
            for (int j = 0; j < s; j++) {
                Stage st = stages.get(j);
                T[] in = h[j];
                T[] y = array(st.outSize());
                if (st instanceof ParameterStage ps) {
                    int off = net.parameterOffset(j);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] = re.add(y[to[t]], re.mul(theta[off + tp[t]], in[ti[t]]));
                    }
                    int[] bo = ps.biasOut(), bp = ps.biasParam();
                    for (int b = 0; b < bo.length; b++) {
                        y[bo[b]] = re.add(y[bo[b]], theta[off + bp[b]]);
                    }
                } else if (st instanceof FixedLinearStage f) {
                    int[] fo = f.out(), fi = f.in();
                    for (int t = 0; t < fo.length; t++) {
                        y[fo[t]] = re.add(y[fo[t]], re.mul(coefficients[j][t], in[fi[t]]));
                    }
                } else {
                    ActivationStage a = (ActivationStage) st;
                    T[] g1 = array(a.size());
                    T[] g2 = array(a.size());
                    for (int u = 0; u < a.size(); u++) {
                        activate(j, a.activation(), in[u], y, g1, g2, u);
                    }
                    d1[j] = g1;
                    d2[j] = g2;
                }
                h[j + 1] = y;
            }
        }

        T[] output() {
            return h[h.length - 1];
        }
    }

    /** y[u] = σ(z), g1[u] = σ'(z), g2[u] = σ''(z). */
    private void activate(int stage, Activation act, T z, T[] y, T[] g1, T[] g2, int u) {
        switch (act.kind()) {
            case LINEAR -> {
                y[u] = z;
                g1[u] = re.one();
                g2[u] = re.zero();
            }
            case RELU, LEAKY_RELU -> {
                int sign = re.signum(z);
                if (sign == 0) {
                    throw new IllegalStateException("pre-activation of unit " + u + " at stage " + stage + " ("
                            + act.spec() + ") is exactly 0: the loss is not differentiable at this point");
                }
                T slope = sign > 0 ? re.one() : slopes[stage];
                y[u] = re.mul(slope, z);
                g1[u] = slope;
                g2[u] = re.zero();
            }
            case TANH -> {
                T t = re.tanh(z);
                T d = re.sub(re.one(), re.mul(t, t));
                y[u] = t;
                g1[u] = d;
                g2[u] = re.mul(re.of(-2), re.mul(t, d));
            }
            case SIGMOID -> {
                // s = 1/(1 + e^{-z}); for z < 0 use e^{z}/(1 + e^{z}) to avoid overflow
                T s;
                if (re.signum(z) >= 0) {
                    s = re.div(re.one(), re.add(re.one(), re.exp(re.sub(re.zero(), z))));
                } else {
                    T e = re.exp(z);
                    s = re.div(e, re.add(re.one(), e));
                }
                T d = re.mul(s, re.sub(re.one(), s));
                y[u] = s;
                g1[u] = d;
                g2[u] = re.mul(d, re.sub(re.one(), re.mul(re.of(2), s)));
            }
            default -> throw new AssertionError(act.kind());
        }
    }

    /** Softmax of the outputs (shifted by the largest for stability). */
    T[] softmax(T[] f) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (re.toDouble(f[c]) > re.toDouble(f[best])) {
                best = c;
            }
        }
        T[] s = array(k);
        T sum = re.zero();
        for (int c = 0; c < k; c++) {
            s[c] = re.exp(re.sub(f[c], f[best]));
            sum = re.add(sum, s[c]);
        }
        for (int c = 0; c < k; c++) {
            s[c] = re.div(s[c], sum);
        }
        return s;
    }

    /** ℓ_i at the outputs f and targets y. */
    T lossValue(T[] f, T[] y) {
        T acc = re.zero();
        if (loss == Loss.MSE) {
            for (int c = 0; c < k; c++) {
                T r = re.sub(f[c], y[c]);
                acc = re.add(acc, re.mul(r, r));
            }
            return re.div(acc, re.of(2));
        }
        T[] s = softmax(f);
        for (int c = 0; c < k; c++) {
            if (re.signum(y[c]) != 0) {
                acc = re.sub(acc, re.mul(y[c], re.log(s[c])));
            }
        }
        return acc;
    }

    /** g = ∇_F ℓ_i. */
    T[] lossGradient(T[] f, T[] y) {
        T[] g = array(k);
        if (loss == Loss.MSE) {
            for (int c = 0; c < k; c++) {
                g[c] = re.sub(f[c], y[c]);
            }
            return g;
        }
        T[] s = softmax(f);
        T total = sum(y);
        for (int c = 0; c < k; c++) {
            g[c] = re.sub(re.mul(total, s[c]), y[c]);
        }
        return g;
    }

    /** A = ∇²_F ℓ_i, K × K row-major (null for MSE, meaning the identity). */
    T[] lossHessian(T[] f, T[] y) {
        if (loss == Loss.MSE) {
            return null;
        }
        T[] s = softmax(f);
        T total = sum(y);
        T[] a = array(k * k);
        for (int c = 0; c < k; c++) {
            for (int e = 0; e < k; e++) {
                T v = re.sub(c == e ? s[c] : re.zero(), re.mul(s[c], s[e]));
                a[c * k + e] = re.mul(total, v);
            }
        }
        return a;
    }

    private T sum(T[] y) {
        T t = re.zero();
        for (T v : y) {
            t = re.add(t, v);
        }
        return t;
    }

    /** Adjoints at the input of every stage (index s) and at the output (index S), for output adjoint gOut. */
    @SuppressWarnings("unchecked")
    T[][] reverse(Trace tr, T[] gOut) {
        int s = stages.size();
        T[][] a = re.rows(s + 1);
        a[s] = gOut;
        for (int j = s - 1; j >= firstParameterStage && j > 0; j--) {
            Stage st = stages.get(j);
            T[] next = a[j + 1];
            T[] prev = array(st.inSize());
            if (st instanceof ParameterStage ps) {
                int off = net.parameterOffset(j);
                int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                for (int t = 0; t < to.length; t++) {
                    prev[ti[t]] = re.add(prev[ti[t]], re.mul(theta[off + tp[t]], next[to[t]]));
                }
            } else if (st instanceof FixedLinearStage f) {
                int[] fo = f.out(), fi = f.in();
                for (int t = 0; t < fo.length; t++) {
                    prev[fi[t]] = re.add(prev[fi[t]], re.mul(coefficients[j][t], next[fo[t]]));
                }
            } else {
                for (int u = 0; u < prev.length; u++) {
                    prev[u] = re.mul(tr.d1[j][u], next[u]);
                }
            }
            a[j] = prev;
        }
        return a;
    }

    /** dst[off_m + param] += Σ h[in]·a[out] over stage m's terms, + a[out] for biases. */
    private void parameterGradient(int m, T[] h, T[] aOut, T[] dst) {
        ParameterStage ps = (ParameterStage) stages.get(m);
        int off = net.parameterOffset(m);
        int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
        for (int t = 0; t < to.length; t++) {
            dst[off + tp[t]] = re.add(dst[off + tp[t]], re.mul(h[ti[t]], aOut[to[t]]));
        }
        int[] bo = ps.biasOut(), bp = ps.biasParam();
        for (int b = 0; b < bo.length; b++) {
            dst[off + bp[b]] = re.add(dst[off + bp[b]], aOut[bo[b]]);
        }
    }

    /** ∇_θ (gᵀF(x)) at one sample. */
    T[] gradient(Trace tr, T[] g) {
        T[][] a = reverse(tr, g);
        T[] grad = array(p);
        for (int m = 0; m < stages.size(); m++) {
            if (stages.get(m) instanceof ParameterStage) {
                parameterGradient(m, tr.h[m], a[m + 1], grad);
            }
        }
        return grad;
    }

    /** Total loss Σ_i ℓ_i and its gradient (index p holds the loss). */
    T[] lossAndGradient(T[][] x, T[][] y) {
        T[] out = array(p + 1);
        T total = re.zero();
        for (int i = 0; i < x.length; i++) {
            Trace tr = new Trace(x[i]);
            total = re.add(total, lossValue(tr.output(), y[i]));
            T[] g = gradient(tr, lossGradient(tr.output(), y[i]));
            for (int j = 0; j < p; j++) {
                out[j] = re.add(out[j], g[j]);
            }
        }
        out[p] = total;
        return out;
    }

    /** The outputs F(x_i), N × K. */
    T[][] outputs(T[][] x) {
        T[][] f = re.rows(x.length);
        for (int i = 0; i < x.length; i++) {
            f[i] = new Trace(x[i]).output();
        }
        return f;
    }

    /** {H_O, H_F}, each p × p row-major, summed over the samples. */
    @SuppressWarnings("unchecked")
    T[][] hessians(T[][] x, T[][] y) {
        T[] o = array(p * p);
        T[] fh = array(p * p);
        for (int i = 0; i < x.length; i++) {
            Trace tr = new Trace(x[i]);
            T[] f = tr.output();
            // Jacobian rows
            T[][] jac = re.rows(k);
            for (int c = 0; c < k; c++) {
                T[] e = array(k);
                e[c] = re.one();
                jac[c] = gradient(tr, e);
            }
            T[] a = lossHessian(f, y[i]);
            T[][] aj;
            if (a == null) {
                aj = jac;
            } else {
                aj = re.rows(k);
                for (int c = 0; c < k; c++) {
                    T[] row = array(p);
                    for (int e = 0; e < k; e++) {
                        T w = a[c * k + e];
                        for (int q = 0; q < p; q++) {
                            row[q] = re.add(row[q], re.mul(w, jac[e][q]));
                        }
                    }
                    aj[c] = row;
                }
            }
            final T[][] jj = jac;
            final T[][] ajj = aj;
            IntStream.range(0, p).parallel().forEach(r -> {
                for (int q = r; q < p; q++) {
                    T acc = o[r * p + q];
                    for (int c = 0; c < k; c++) {
                        acc = re.add(acc, re.mul(jj[c][r], ajj[c][q]));
                    }
                    o[r * p + q] = acc;
                }
            });
            functional(tr, lossGradient(f, y[i]), fh);
        }
        for (int r = 0; r < p; r++) {
            for (int q = r + 1; q < p; q++) {
                o[q * p + r] = o[r * p + q];
                fh[r * p + q] = fh[q * p + r];
            }
        }
        T[][] both = re.rows(2);
        both[0] = o;
        both[1] = fh;
        return both;
    }

    /** fh[j·p + k] += ∂²(gᵀF)/∂θ_j∂θ_k for j ≥ k (the lower triangle), one column per task. */
    private void functional(Trace tr, T[] g, T[] fh) {
        T[][] a = reverse(tr, g);
        int s = stages.size();
        for (int l = 0; l < s; l++) {
            if (!(stages.get(l) instanceof ParameterStage stage)) {
                continue;
            }
            final int sl = l;
            int offL = net.parameterOffset(l);
            IntStream.range(0, stage.parameterCount()).parallel().forEach(q -> {
                column(tr, a, sl, stage, offL + q, q, fh);
            });
        }
    }

    @SuppressWarnings("unchecked")
    private void column(Trace tr, T[][] a, int l, ParameterStage stage, int col, int q, T[] fh) {
        int s = stages.size();
        // forward tangent: dh[j] is the tangent of stage j's input, j > l
        T[][] dh = re.rows(s + 1);
        T[] y = array(stage.outSize());
        int[] to = stage.termOut(), ti = stage.termIn();
        for (int x = termStart[l][q]; x < termStart[l][q + 1]; x++) {
            int t = termList[l][x];
            y[to[t]] = re.add(y[to[t]], tr.h[l][ti[t]]);
        }
        int[] bo = stage.biasOut();
        for (int x = biasStart[l][q]; x < biasStart[l][q + 1]; x++) {
            int b = biasList[l][x];
            y[bo[b]] = re.add(y[bo[b]], re.one());
        }
        dh[l + 1] = y;
        for (int j = l + 1; j < s; j++) {
            Stage st = stages.get(j);
            T[] in = dh[j];
            T[] out = array(st.outSize());
            if (st instanceof ParameterStage ps) {
                int off = net.parameterOffset(j);
                int[] mo = ps.termOut(), mi = ps.termIn(), mp = ps.termParam();
                for (int t = 0; t < mo.length; t++) {
                    out[mo[t]] = re.add(out[mo[t]], re.mul(theta[off + mp[t]], in[mi[t]]));
                }
            } else if (st instanceof FixedLinearStage f) {
                int[] fo = f.out(), fi = f.in();
                for (int t = 0; t < fo.length; t++) {
                    out[fo[t]] = re.add(out[fo[t]], re.mul(coefficients[j][t], in[fi[t]]));
                }
            } else {
                for (int u = 0; u < out.length; u++) {
                    out[u] = re.mul(tr.d1[j][u], in[u]);
                }
            }
            dh[j + 1] = out;
        }
        // reverse tangent: da[j] is the tangent of the adjoint at stage j's input, j > l; da[s] = 0
        T[][] da = re.rows(s + 1);
        da[s] = array(k);
        for (int j = s - 1; j > l; j--) {
            Stage st = stages.get(j);
            T[] next = da[j + 1];
            T[] prev = array(st.inSize());
            if (st instanceof ParameterStage ps) {
                int off = net.parameterOffset(j);
                int[] mo = ps.termOut(), mi = ps.termIn(), mp = ps.termParam();
                for (int t = 0; t < mo.length; t++) {
                    prev[mi[t]] = re.add(prev[mi[t]], re.mul(theta[off + mp[t]], next[mo[t]]));
                }
            } else if (st instanceof FixedLinearStage f) {
                int[] fo = f.out(), fi = f.in();
                for (int t = 0; t < fo.length; t++) {
                    prev[fi[t]] = re.add(prev[fi[t]], re.mul(coefficients[j][t], next[fo[t]]));
                }
            } else {
                T[] d1 = tr.d1[j];
                T[] d2 = tr.d2[j];
                T[] in = dh[j];
                T[] adj = a[j + 1];
                for (int u = 0; u < prev.length; u++) {
                    T v = re.mul(d1[u], next[u]);
                    if (re.signum(d2[u]) != 0) {
                        v = re.add(v, re.mul(d2[u], re.mul(in[u], adj[u])));
                    }
                    prev[u] = v;
                }
            }
            da[j] = prev;
        }
        // tangent of the parameter gradient of stages m ≥ l, rows ≥ col
        for (int m = l; m < s; m++) {
            if (!(stages.get(m) instanceof ParameterStage ps)) {
                continue;
            }
            int off = net.parameterOffset(m);
            int[] mo = ps.termOut(), mi = ps.termIn(), mp = ps.termParam();
            T[] hm = tr.h[m];
            T[] dhm = m == l ? null : dh[m];
            T[] am = a[m + 1];
            T[] dam = da[m + 1];
            for (int t = 0; t < mo.length; t++) {
                int row = off + mp[t];
                if (row < col) {
                    continue;
                }
                T v = re.mul(hm[mi[t]], dam[mo[t]]);
                if (dhm != null) {
                    v = re.add(v, re.mul(dhm[mi[t]], am[mo[t]]));
                }
                fh[row * p + col] = re.add(fh[row * p + col], v);
            }
            int[] mbo = ps.biasOut(), mbp = ps.biasParam();
            for (int b = 0; b < mbo.length; b++) {
                int row = off + mbp[b];
                if (row >= col) {
                    fh[row * p + col] = re.add(fh[row * p + col], dam[mbo[b]]);
                }
            }
        }
    }
}
