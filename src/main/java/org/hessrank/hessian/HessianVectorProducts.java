package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.hessrank.exact.BlackBox;
import org.hessrank.exact.BlackBoxFamily;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * Exact Hessian-vector products mod a prime p &lt; 2^49: c²·H_O·v, c²·H_F·v and c²·H_L·v for blocks
 * of vectors, with the same scaling c as {@link Hessians} (so {@code apply(part, v)} equals
 * {@code Hessians.modular(net, point, p).part(part)·v} entry by entry) and without ever forming a
 * p × p matrix.
 *
 * <p><b>Algorithm</b> (forward-over-reverse through the bilinear stages, masks fixed at the point).
 * Write ℓ = ½Σ_i‖e_i‖², e_i = F(x_i) − y_i, and for a parameter stage m with input h_m let g_m be
 * the residual backpropagated to its output; the gradient block of stage m is Σ_i G_m(h_m)ᵀg_m
 * (terms: g[out]·h[in]). Differentiating along v:
 * <ul>
 *   <li>forward tangent: δh_{m+1} = W_m·δh_m + V_m·h_m (V_m: v's block of stage m), through
 *       fixed stages and masks; δF = J·v at the output;</li>
 *   <li>backward tangent: δg at the output is J·v (the H_O part) and, passing a parameter stage
 *       backwards, δg_in = W_mᵀδg_m + V_mᵀg_m (the second term belongs to H_F);</li>
 *   <li>H·v block of stage m: Σ_i δg_m·h_mᵀ + g_m·δh_mᵀ (the second term belongs to H_F).</li>
 * </ul>
 * H_O·v = Jᵀ(J·v) keeps only the J·v source; H_F·v only the terms with g; H_L·v both.
 *
 * <p><b>Layout and arithmetic.</b> A block of vectors is split into sub-blocks run in parallel;
 * each sub-block walks the samples in chunks, holding every stage's tangent as [unit][sample][vector]
 * so that each term of a stage is one long vectorisable "y ← y + c·x mod p" over (samples ×
 * vectors). Residues are kept in doubles and every multiply-add is exact (the FMA kernel of
 * {@link ModularElimination}), lazily reduced to [0, p].
 *
 * <p><b>Cost</b> per vector: about 6·N·T multiply-adds mod p ({@link #applyFL}: about 8·N·T for
 * both H_F·v and H_L·v) (T = number of terms of all
 * parameter stages, N samples), plus O(N·(fixed-stage terms)). Construction: one exact forward
 * pass (BigInteger, O(N·T)) and a backward pass of the residuals mod p. Memory O(N·(sum of
 * stage sizes)·block + p·block). Immutable after construction and thread-safe.
 */
public final class HessianVectorProducts {
    private static final int TARGET_CHUNK = 512;
    private static final int SUB_BLOCK = 32;

    private final LoweredNetwork net;
    private final Evaluation ev;
    private final Point point;
    private final Modulus modulus;
    private final long prime;
    private final double pd;
    private final double pinv;
    private final List<Stage> stages;
    private final int p;
    private final int n;
    private final int first;
    private final double[] theta;
    private final double[] unit;
    private final double[][] numerators;
    /** [stage] scaled input of a parameter stage, [unit·N + sample]. */
    private final double[][] h;
    /** [stage] residual signal at a parameter stage's output, [unit·N + sample]. */
    private final double[][] g;
    /** [stage] activation multipliers, [unit·N + sample]. */
    private final double[][] masks;

    private HessianVectorProducts(LoweredNetwork net, Point point, Evaluation ev, Modulus modulus) {
        this.net = net;
        this.point = point;
        this.ev = ev;
        this.modulus = modulus;
        this.prime = modulus.value();
        this.pd = prime;
        this.pinv = 1.0 / prime;
        this.stages = net.stages();
        this.p = net.parameterCount();
        this.n = point.samples();
        int s = stages.size();
        int firstParam = -1;
        for (int j = 0; j < s && firstParam < 0; j++) {
            if (stages.get(j) instanceof ParameterStage) {
                firstParam = j;
            }
        }
        this.first = firstParam;
        BigInteger[] th = point.theta();
        this.theta = new double[p];
        for (int k = 0; k < p; k++) {
            theta[k] = modulus.reduce(th[k]);
        }
        this.unit = new double[s];
        this.numerators = new double[s][];
        this.h = new double[s][];
        this.g = new double[s][];
        this.masks = new double[s][];
        for (int j = 0; j < s; j++) {
            unit[j] = modulus.reduce(ev.unit[j]);
            Stage st = stages.get(j);
            if (st instanceof FixedLinearStage f) {
                numerators[j] = new double[f.numerator().length];
                for (int t = 0; t < numerators[j].length; t++) {
                    numerators[j][t] = modulus.reduce(f.numerator()[t]);
                }
            } else if (st instanceof ParameterStage) {
                h[j] = new double[st.inSize() * n];
                for (int i = 0; i < n; i++) {
                    BigInteger[] in = ev.stageInputs[i][j];
                    for (int u = 0; u < in.length; u++) {
                        h[j][u * n + i] = modulus.reduce(in[u]);
                    }
                }
                g[j] = new double[st.outSize() * n];
            } else {
                masks[j] = new double[st.inSize() * n];
                for (int i = 0; i < n; i++) {
                    long[] m = ev.masks[i][j];
                    for (int u = 0; u < m.length; u++) {
                        masks[j][u * n + i] = modulus.reduce(m[u]);
                    }
                }
            }
        }
        residualSignals(Hessians.residuals(ev, point));
    }

    /**
     * Products for the network at the point, mod {@code modulus}.
     *
     * @throws IllegalArgumentException if the prime is not below 2^49, the network has tanh or
     *     sigmoid, or the point does not fit the network
     * @throws IllegalStateException if a ReLU pre-activation is exactly 0 at the point
     */
    public static HessianVectorProducts of(LoweredNetwork net, Point point, Modulus modulus) {
        Objects.requireNonNull(modulus, "modulus");
        if (modulus.value() >= (1L << ModularElimination.FAST_PRIME_BITS)) {
            throw new IllegalArgumentException("modulus (" + modulus.value() + ") must be < 2^"
                    + ModularElimination.FAST_PRIME_BITS);
        }
        return new HessianVectorProducts(net, point, Hessians.evaluateAnySize(net, point), modulus);
    }

    /** Backpropagates the residuals mod p, recording the signal at each parameter stage's output. */
    private void residualSignals(BigInteger[][] residuals) {
        int s = stages.size();
        for (int i = 0; i < n; i++) {
            long[] cur = new long[residuals[i].length];
            for (int c = 0; c < cur.length; c++) {
                cur[c] = modulus.reduce(residuals[i][c]);
            }
            for (int j = s - 1; j >= first && first >= 0; j--) {
                Stage st = stages.get(j);
                long[] prev = new long[st.inSize()];
                if (st instanceof ParameterStage ps) {
                    for (int u = 0; u < cur.length; u++) {
                        g[j][u * n + i] = cur[u];
                    }
                    if (j == first) {
                        break;
                    }
                    int off = net.parameterOffset(j);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        prev[ti[t]] = modulus.add(prev[ti[t]], modulus.multiply((long) theta[off + tp[t]], cur[to[t]]));
                    }
                } else if (st instanceof FixedLinearStage f) {
                    int[] fo = f.out(), fi = f.in();
                    for (int t = 0; t < fo.length; t++) {
                        prev[fi[t]] = modulus.add(prev[fi[t]], modulus.multiply((long) numerators[j][t], cur[fo[t]]));
                    }
                } else {
                    for (int u = 0; u < prev.length; u++) {
                        prev[u] = modulus.multiply(cur[u], (long) masks[j][u * n + i]);
                    }
                }
                cur = prev;
            }
        }
    }

    /** p, the number of parameters. */
    public int dimension() {
        return p;
    }

    public long prime() {
        return prime;
    }

    /** The integer scale c (see {@link Hessians}). */
    public BigInteger scale() {
        return ev.totalScale;
    }

    /** c²·H_part·v mod p for one vector of residues (any longs; reduced first). */
    public long[] apply(Part part, long[] v) {
        if (v.length != p) {
            throw new IllegalArgumentException("vector length (" + v.length + ") must equal the parameter count ("
                    + p + ")");
        }
        double[] x = new double[p];
        for (int k = 0; k < p; k++) {
            x[k] = modulus.reduce(v[k]);
        }
        double[][] out = new double[1][p];
        apply(part, new double[][] {x}, out);
        long[] r = new long[p];
        for (int k = 0; k < p; k++) {
            r[k] = canonical(out[0][k]);
        }
        return r;
    }

    /** This part as a {@link BlackBox} mod p. */
    public BlackBox blackBox(Part part) {
        Objects.requireNonNull(part, "part");
        return new BlackBox() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public long prime() {
                return prime;
            }

            @Override
            public void apply(double[][] in, double[][] out) {
                HessianVectorProducts.this.apply(part, in, out);
            }
        };
    }

    /**
     * out[j] = c²·H_part·in[j] mod p for every j; inputs are canonical residues held in doubles
     * (not modified); outputs are canonical. Sub-blocks of vectors run in parallel.
     */
    public void apply(Part part, double[][] in, double[][] out) {
        Objects.requireNonNull(part, "part");
        run(in, out, null, part != Part.F, part != Part.O);
    }

    /**
     * outF[j] = c²·H_F·in[j] and outL[j] = c²·H_L·in[j] mod p together: one forward pass, the
     * backward pass twice (about 8/12 of the cost of two {@link #apply} calls).
     */
    public void applyFL(double[][] in, double[][] outF, double[][] outL) {
        Objects.requireNonNull(outL, "outL");
        run(in, outF, outL, true, true);
    }

    /** H_F and H_L as a {@link BlackBoxFamily} (map 0 is H_F, map 1 is H_L), applied together when both are wanted. */
    public BlackBoxFamily familyFL() {
        return new BlackBoxFamily() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public long prime() {
                return prime;
            }

            @Override
            public int count() {
                return 2;
            }

            @Override
            public void apply(double[][] in, boolean[] wanted, double[][][] out) {
                if (wanted[0] && wanted[1]) {
                    applyFL(in, out[0], out[1]);
                } else if (wanted[0]) {
                    HessianVectorProducts.this.apply(Part.F, in, out[0]);
                } else if (wanted[1]) {
                    HessianVectorProducts.this.apply(Part.L, in, out[1]);
                }
            }
        };
    }

    private void run(double[][] in, double[][] out, double[][] out2, boolean withO, boolean withF) {
        double[][][] outs = out2 == null ? new double[][][] {out} : new double[][][] {out, out2};
        for (double[][] o : outs) {
            if (in.length != o.length) {
                throw new IllegalArgumentException("out length (" + o.length + ") must equal in length (" + in.length
                        + ")");
            }
            for (int j = 0; j < in.length; j++) {
                if (in[j].length != p || o[j].length != p) {
                    throw new IllegalArgumentException("vector " + j + " length must equal the parameter count (" + p
                            + ")");
                }
            }
        }
        int m = in.length;
        if (first < 0 || m == 0) {
            for (double[][] o : outs) {
                for (double[] v : o) {
                    java.util.Arrays.fill(v, 0);
                }
            }
            return;
        }
        int subBlocks = (m + SUB_BLOCK - 1) / SUB_BLOCK;
        int cores = Runtime.getRuntime().availableProcessors();
        if (subBlocks < cores && m >= 2 * 8) {
            subBlocks = Math.min(cores, m / 8);
        }
        final int tasks = subBlocks;
        IntStream range = IntStream.range(0, tasks);
        if (tasks > 1) {
            range = range.parallel();
        }
        range.forEach(task -> {
            int j0 = (int) ((long) m * task / tasks);
            int j1 = (int) ((long) m * (task + 1) / tasks);
            subBlock(in, out, out2, j0, j1, withO, withF);
        });
    }

    private long canonical(double v) {
        long x = (long) v;
        return x == prime ? 0 : x;
    }

    /**
     * Vectors j0..j1−1: one pass over the samples in chunks. With {@code out2} non-null (a pair),
     * out gets H_F·v and out2 gets H_L·v = H_F·v + H_O·v from one forward pass.
     */
    private void subBlock(double[][] in, double[][] out, double[][] out2, int j0, int j1, boolean withO,
            boolean withF) {
        boolean pair = out2 != null;
        int b = j1 - j0;
        double[] vt = new double[p * b];
        for (int j = 0; j < b; j++) {
            double[] v = in[j0 + j];
            for (int k = 0; k < p; k++) {
                vt[k * b + j] = v[k];
            }
        }
        double[] acc = new double[p * b];
        int cs = Math.max(1, Math.min(n, TARGET_CHUNK / b));
        int s = stages.size();
        double[][] fwd = new double[s + 1][];
        double[][] bwd = new double[s + 1][];
        for (int j = 0; j <= s; j++) {
            int size = j < s ? stages.get(j).inSize() : net.outputSize();
            fwd[j] = new double[size * cs * b];
            bwd[j] = new double[size * cs * b];
        }
        double[] accO = pair ? new double[p * b] : null;
        for (int i0 = 0; i0 < n; i0 += cs) {
            int c = Math.min(cs, n - i0);
            forwardChunk(vt, b, i0, c, cs * b, fwd);
            if (pair) {
                backwardChunk(vt, acc, b, i0, c, cs * b, fwd, bwd, false, true);
                backwardChunk(vt, accO, b, i0, c, cs * b, fwd, bwd, true, false);
            } else {
                backwardChunk(vt, acc, b, i0, c, cs * b, fwd, bwd, withO, withF);
            }
        }
        for (int j = 0; j < b; j++) {
            double[] o = out[j0 + j];
            double[] o2 = pair ? out2[j0 + j] : null;
            for (int k = 0; k < p; k++) {
                long x = (long) acc[k * b + j];
                x = x == prime ? 0 : x;
                o[k] = x;
                if (pair) {
                    long y = x + (long) accO[k * b + j];
                    y = y >= prime ? y - prime : y;
                    o2[k] = y >= prime ? y - prime : y;
                }
            }
        }
    }

    /**
     * Samples i0..i0+c−1. Row stride of every tangent array is {@code stride} (= chunk size ·
     * b); entry (unit u, sample i0+ii, vector j) sits at u·stride + ii·b + j.
     */
    private void forwardChunk(double[] vt, int b, int i0, int c, int stride, double[][] fwd) {
        int s = stages.size();
        int len = c * b;
        // forward tangent: fwd[j] = tangent of stage j's input; zero up to the first parameter stage
        java.util.Arrays.fill(fwd[first], 0);
        for (int j = first; j < s; j++) {
            Stage st = stages.get(j);
            double[] x = fwd[j];
            double[] y = fwd[j + 1];
            java.util.Arrays.fill(y, 0);
            if (st instanceof ParameterStage ps) {
                int off = net.parameterOffset(j);
                int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                double[] hj = h[j];
                for (int t = 0; t < to.length; t++) {
                    int yo = to[t] * stride;
                    if (j > first) {
                        addMul(y, yo, theta[off + tp[t]], x, ti[t] * stride, len);
                    }
                    int vo = (off + tp[t]) * b;
                    int ho = ti[t] * n + i0;
                    for (int ii = 0; ii < c; ii++) {
                        addMul(y, yo + ii * b, hj[ho + ii], vt, vo, b);
                    }
                }
                int[] bo = ps.biasOut(), bp = ps.biasParam();
                for (int t = 0; t < bo.length; t++) {
                    int vo = (off + bp[t]) * b;
                    for (int ii = 0; ii < c; ii++) {
                        addMul(y, bo[t] * stride + ii * b, unit[j], vt, vo, b);
                    }
                }
            } else if (st instanceof FixedLinearStage f) {
                int[] fo = f.out(), fi = f.in();
                double[] num = numerators[j];
                for (int t = 0; t < fo.length; t++) {
                    addMul(y, fo[t] * stride, num[t], x, fi[t] * stride, len);
                }
            } else {
                scaleBySample(y, x, masks[j], ((ActivationStage) st).size(), i0, c, b, stride);
            }
        }
    }

    /**
     * The backward tangent for samples i0..i0+c−1 after {@link #forwardChunk}, accumulating block
     * rows of H·v into {@code acc}: seeded with J·v when {@code withO}, with the residual terms
     * when {@code withF}.
     */
    private void backwardChunk(double[] vt, double[] acc, int b, int i0, int c, int stride, double[][] fwd,
            double[][] bwd, boolean withO, boolean withF) {
        int s = stages.size();
        int len = c * b;
        // backward tangent: bwd[j + 1] = signal at stage j's output
        double[] top = bwd[s];
        if (withO) {
            System.arraycopy(fwd[s], 0, top, 0, top.length);
        } else {
            java.util.Arrays.fill(top, 0);
        }
        for (int j = s - 1; j >= first; j--) {
            Stage st = stages.get(j);
            double[] cur = bwd[j + 1];
            if (st instanceof ParameterStage ps) {
                int off = net.parameterOffset(j);
                int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                double[] hj = h[j];
                double[] gj = g[j];
                double[] dh = fwd[j];
                for (int t = 0; t < to.length; t++) {
                    int ao = (off + tp[t]) * b;
                    int ho = ti[t] * n + i0;
                    int go = to[t] * n + i0;
                    int co = to[t] * stride;
                    int xo = ti[t] * stride;
                    for (int ii = 0; ii < c; ii++) {
                        addMul(acc, ao, hj[ho + ii], cur, co + ii * b, b);
                        if (withF && j > first) {
                            addMul(acc, ao, gj[go + ii], dh, xo + ii * b, b);
                        }
                    }
                }
                int[] bo = ps.biasOut(), bp = ps.biasParam();
                for (int t = 0; t < bo.length; t++) {
                    int ao = (off + bp[t]) * b;
                    for (int ii = 0; ii < c; ii++) {
                        addMul(acc, ao, unit[j], cur, bo[t] * stride + ii * b, b);
                    }
                }
                if (j == first) {
                    break;
                }
                double[] prev = bwd[j];
                java.util.Arrays.fill(prev, 0);
                for (int t = 0; t < to.length; t++) {
                    int po = ti[t] * stride;
                    addMul(prev, po, theta[off + tp[t]], cur, to[t] * stride, len);
                    if (withF) {
                        int vo = (off + tp[t]) * b;
                        int go = to[t] * n + i0;
                        for (int ii = 0; ii < c; ii++) {
                            addMul(prev, po + ii * b, gj[go + ii], vt, vo, b);
                        }
                    }
                }
            } else if (st instanceof FixedLinearStage f) {
                double[] prev = bwd[j];
                java.util.Arrays.fill(prev, 0);
                int[] fo = f.out(), fi = f.in();
                double[] num = numerators[j];
                for (int t = 0; t < fo.length; t++) {
                    addMul(prev, fi[t] * stride, num[t], cur, fo[t] * stride, len);
                }
            } else {
                scaleBySample(bwd[j], cur, masks[j], ((ActivationStage) st).size(), i0, c, b, stride);
            }
        }
    }

    /** y[u, ii, ·] = x[u, ii, ·]·mask[u, i0 + ii] mod p. */
    private void scaleBySample(double[] y, double[] x, double[] mask, int size, int i0, int c, int b, int stride) {
        for (int u = 0; u < size; u++) {
            for (int ii = 0; ii < c; ii++) {
                double m = mask[u * n + i0 + ii];
                int o = u * stride + ii * b;
                if (m == 1) {
                    System.arraycopy(x, o, y, o, b);
                } else {
                    java.util.Arrays.fill(y, o, o + b, 0);
                    addMul(y, o, m, x, o, b);
                }
            }
        }
    }

    /**
     * y[yo+k] ← (y[yo+k] + c·x[xo+k]) mod p for k &lt; len, exactly, with y, x lazily in [0, p] and c
     * a canonical residue: computed as y − (p − c)·x with the exact FMA kernel (see
     * {@code ModularElimination.DoubleKernel.axpy}).
     */
    private void addMul(double[] y, int yo, double c, double[] x, int xo, int len) {
        if (c == 0) {
            return;
        }
        final double pp = pd;
        final double pi = pinv;
        final double nc = pp - c;
        for (int k = 0; k < len; k++) {
            double u = x[xo + k];
            double hh = nc * u;
            double l = Math.fma(nc, u, -hh);
            double r = Math.fma(-Math.floor(hh * pi), pp, hh) + l;
            double v = y[yo + k] - r;
            y[yo + k] = Math.fma(-Math.floor(v * pi), pp, v);
        }
    }

    /** The network and point these products are for. */
    LoweredNetwork network() {
        return net;
    }

    Point point() {
        return point;
    }

    Evaluation evaluation() {
        return ev;
    }
}
