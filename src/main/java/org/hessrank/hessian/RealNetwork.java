package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.hessrank.net.Activation;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.BilinearStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.MonomialStage;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.PolynomialStage;
import org.hessrank.net.Stage;

/**
 * A lowered network evaluated in a real number system (doubles or apfloat): the forward pass
 * with every activation's value, σ' and σ'' (so tanh and sigmoid work), and the MSE or softmax
 * cross-entropy loss. The Hessian parts then come from the one {@link HessianAlgorithm} over a
 * {@link RealsRing}, as for the exact systems.
 *
 * <p>With g_i = ∇_F ℓ_i and A_i = ∇²_F ℓ_i at sample i (see {@link Loss}):
 * <ul>
 *   <li>H_O = Σ_i J_iᵀ A_i J_i (generalized Gauss–Newton). Cost O(N·K·T) for J and
 *       O(N·K·p²/2) for the products (O(N·K²·p) more for cross-entropy).</li>
 *   <li>H_F = Σ_i ∇²_θ (g_iᵀ F(x_i)) with g_i held fixed (curved activations add σ''·ḣ·g),
 *       column blocks by forward-over-reverse, samples in order. Cost O(N·p·T).</li>
 * </ul>
 * T is the number of terms of all stages.
 */
final class RealNetwork<T> {
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

    @SuppressWarnings("unchecked")
    RealNetwork(Reals<T> re, LoweredNetwork net, T[] theta, Loss loss) {
        this.re = re;
        this.net = net;
        this.stages = net.stages();
        this.p = net.parameterCount();
        this.k = net.outputSize();
        this.loss = loss;
        if (theta.length != p + net.frozenCount()) {
            throw new IllegalArgumentException("theta length (" + theta.length + ") must equal the network's"
                    + " parameter count (" + p + ")" + (net.frozenCount() == 0 ? ""
                            : " plus its frozen weights (" + net.frozenCount() + ")"));
        }
        this.theta = theta;
        int s = stages.size();
        coefficients = re.rows(s);
        slopes = re.zeros(s);
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
            } else if (st instanceof MonomialStage m) {
                T[] c = array(m.termCount());
                for (int t = 0; t < c.length; t++) {
                    c[t] = re.ratio(BigInteger.valueOf(m.coefficient()[t]), BigInteger.ONE);
                }
                coefficients[i] = c;
            } else if (st instanceof PolynomialStage poly) {
                T[] c = array(poly.coefficients().length);
                for (int t = 0; t < c.length; t++) {
                    c[t] = re.ratio(BigInteger.valueOf(poly.coefficients()[t]), BigInteger.ONE);
                }
                coefficients[i] = c;
            }
        }
    }

    T[] array(int n) {
        return re.zeros(n);
    }

    /**
     * One sample's forward pass: the input of every stage (h[s], the concatenation of the nodes
     * it reads; h[S] the output), and σ', σ'' at elementwise stages.
     */
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
            T[][] node = re.rows(s + 1);
            node[0] = x;
            for (int j = 0; j < s; j++) {
                Stage st = stages.get(j);
                T[] in = gather(j, node);
                h[j] = in;
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
                } else if (st instanceof BilinearStage b) {
                    int[] to = b.termOut(), tl = b.termLeft(), tr = b.termRight();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] = re.add(y[to[t]], re.mul(in[tl[t]], in[b.leftSize() + tr[t]]));
                    }
                } else if (st instanceof MonomialStage m) {
                    int[] start = m.start(), factor = m.factor(), to = m.termOut();
                    for (int t = 0; t < to.length; t++) {
                        T v = coefficients[j][t];
                        for (int f = start[t]; f < start[t + 1]; f++) {
                            v = re.mul(v, in[factor[f]]);
                        }
                        y[to[t]] = re.add(y[to[t]], v);
                    }
                } else if (st instanceof PolynomialStage) {
                    T[] g1 = array(st.inSize());
                    T[] g2 = array(st.inSize());
                    for (int u = 0; u < in.length; u++) {
                        polynomial(coefficients[j], in[u], y, g1, g2, u);
                    }
                    d1[j] = g1;
                    d2[j] = g2;
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
                node[j + 1] = y;
            }
            h[s] = node[s];
        }

        T[] output() {
            return h[h.length - 1];
        }
    }

    /** The concatenation of the nodes stage j reads. */
    private T[] gather(int j, T[][] node) {
        int[] in = net.inputs(j);
        if (in.length == 1) {
            return node[in[0]];
        }
        T[] h = array(stages.get(j).inSize());
        int offset = 0;
        for (int k : in) {
            System.arraycopy(node[k], 0, h, offset, node[k].length);
            offset += node[k].length;
        }
        return h;
    }

    /** y[u] = P(z), g1[u] = P'(z), g2[u] = P''(z) by Horner. */
    private void polynomial(T[] c, T z, T[] y, T[] g1, T[] g2, int u) {
        T p0 = re.zero();
        T p1 = re.zero();
        T p2 = re.zero();
        for (int m = c.length - 1; m >= 0; m--) {
            p2 = re.add(re.mul(p2, z), re.mul(re.of(2), p1));
            p1 = re.add(re.mul(p1, z), p0);
            p0 = re.add(re.mul(p0, z), c[m]);
        }
        y[u] = p0;
        g1[u] = p1;
        g2[u] = p2;
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
    /**
     * The one Hessian algorithm over this number system at the samples' traces, with the loss
     * gradients g_i backpropagated: θ, parameter-stage inputs, σ' and σ'' of the activations and
     * the fixed coefficients, laid out for {@link HessianAlgorithm}.
     */
    private HessianAlgorithm<T[]> algorithm(Trace[] traces, T[][] y) {
        int s = stages.size();
        int n = traces.length;
        T[] units = array(s);
        java.util.Arrays.fill(units, re.one());
        Tape<T[]> tape = new Tape<>(s, n, theta, units);
        for (int j = 0; j < s; j++) {
            Stage st = stages.get(j);
            if (st instanceof FixedLinearStage) {
                tape.coefficients.set(j, coefficients[j]);
            } else if (st instanceof MonomialStage) {
                tape.coefficients.set(j, coefficients[j]);
                tape.input.set(j, bySample(traces, tr -> tr.h, j, st.inSize()));
            } else if (st instanceof ParameterStage || st instanceof BilinearStage) {
                tape.input.set(j, bySample(traces, tr -> tr.h, j, st.inSize()));
            } else {
                tape.slope.set(j, bySample(traces, tr -> tr.d1, j, st.inSize()));
                T[] curvature = bySample(traces, tr -> tr.d2, j, st.inSize());
                boolean curved = false;
                for (T v : curvature) {
                    curved |= re.signum(v) != 0;
                }
                tape.curvature.set(j, curved ? curvature : null);
            }
        }
        HessianAlgorithm<T[]> algorithm = new HessianAlgorithm<>(new RealsRing<>(re), net, tape);
        T[] top = array(k * n);
        for (int i = 0; i < n; i++) {
            T[] g = lossGradient(traces[i].output(), y[i]);
            for (int c = 0; c < k; c++) {
                top[c * n + i] = g[c];
            }
        }
        algorithm.backpropagate(top);
        return algorithm;
    }

    /** Stage j's entries of every trace, laid out [unit·N + sample]. */
    private T[] bySample(Trace[] traces, java.util.function.Function<Trace, T[][]> field, int j, int size) {
        int n = traces.length;
        T[] out = array(size * n);
        for (int i = 0; i < n; i++) {
            T[] v = field.apply(traces[i])[j];
            for (int u = 0; u < size; u++) {
                out[u * n + i] = v[u];
            }
        }
        return out;
    }

    private Trace[] traces(T[][] x) {
        @SuppressWarnings("unchecked")
        Trace[] traces = (Trace[]) java.lang.reflect.Array.newInstance(Trace.class, x.length);
        for (int i = 0; i < x.length; i++) {
            traces[i] = new Trace(x[i]);
        }
        return traces;
    }

    /** Total loss Σ_i ℓ_i and its gradient (index p holds the loss). */
    T[] lossAndGradient(T[][] x, T[][] y) {
        Trace[] traces = traces(x);
        T[] gradients = algorithm(traces, y).sampleGradients();
        T[] out = array(p + 1);
        T total = re.zero();
        for (int i = 0; i < x.length; i++) {
            total = re.add(total, lossValue(traces[i].output(), y[i]));
            for (int j = 0; j < p; j++) {
                out[j] = re.add(out[j], gradients[i * p + j]);
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

    /**
     * {H_O, H_F}, each p × p row-major, summed over the samples: H_O = Σ_i J_iᵀA_iJ_i (JᵀJ for
     * MSE, by the Gram kernel), H_F by the one algorithm with the samples in order.
     */
    T[][] hessians(T[][] x, T[][] y) {
        Trace[] traces = traces(x);
        HessianAlgorithm<T[]> algorithm = algorithm(traces, y);
        T[] jac = algorithm.jacobian();
        T[] o = loss == Loss.MSE ? algorithm.outer(jac) : generalizedGaussNewton(traces, y, jac);
        T[][] both = re.rows(2);
        both[0] = o;
        both[1] = algorithm.functional(1);
        return both;
    }

    /** Σ_i J_iᵀA_iJ_i with A_i the loss Hessian at sample i. */
    private T[] generalizedGaussNewton(Trace[] traces, T[][] y, T[] jac) {
        T[] o = array(p * p);
        for (int i = 0; i < traces.length; i++) {
            T[][] jj = re.rows(k);
            for (int c = 0; c < k; c++) {
                jj[c] = java.util.Arrays.copyOfRange(jac, (i * k + c) * p, (i * k + c + 1) * p);
            }
            T[] a = lossHessian(traces[i].output(), y[i]);
            T[][] aj = re.rows(k);
            for (int c = 0; c < k; c++) {
                T[] row = array(p);
                for (int e = 0; e < k; e++) {
                    T w = a[c * k + e];
                    for (int q = 0; q < p; q++) {
                        row[q] = re.add(row[q], re.mul(w, jj[e][q]));
                    }
                }
                aj[c] = row;
            }
            IntStream.range(0, p).parallel().forEach(r -> {
                for (int q = r; q < p; q++) {
                    T acc = o[r * p + q];
                    for (int c = 0; c < k; c++) {
                        acc = re.add(acc, re.mul(jj[c][r], aj[c][q]));
                    }
                    o[r * p + q] = acc;
                }
            });
        }
        for (int r = 0; r < p; r++) {
            for (int q = r + 1; q < p; q++) {
                o[q * p + r] = o[r * p + q];
            }
        }
        return o;
    }
}
