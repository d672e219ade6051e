package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;
import org.hipparchus.fraction.BigFraction;

/**
 * A slow, independent oracle for the exact MSE loss Hessians of an {@link Architecture}, graph
 * layers included. It interprets the {@link Layer} records directly, in second-order forward mode
 * over ℚ ({@link HyperDual} numbers over {@link BigFraction}); it uses nothing of the engine (no
 * lowering, no stages, no {@code LoweredNetwork}, no {@code HessianAlgorithm}), so it can judge
 * it.
 *
 * <p><b>Semantics</b> (those of the {@link Layer} javadoc, re-implemented here):
 * <ul>
 * <li>dense: {@code y_o = Σ_i W[o·n + i]·x_i (+ b_o)} over the flattened input;</li>
 * <li>conv (1D = 2D with kernel height 1): output {@code (o, y, x)} at flat index
 *     {@code (o·H_out + y)·W_out + x} is {@code Σ_{c,a,b} W[((o·C_in + c)·k_h + a)·k_w + b]·
 *     in(c, y·s_h + a − p_h, x·s_w + b − p_w)} (zero outside the input), plus bias {@code b_o};</li>
 * <li>local (1D): {@code W[((o·L_out + x)·C_in + c)·k + j]}, bias {@code b[o·L_out + x]};</li>
 * <li>avgpool(s): mean over non-overlapping windows of s positions (1D) or s×s pixels (2D), per
 *     channel, trailing positions dropped;</li>
 * <li>flatten, id: the identity on the flat data; linear, relu, leakyrelu(n/d): slope by the sign
 *     of the exact pre-activation, an exactly zero one refused;</li>
 * <li>pow(k): {@code x^k}; poly(c0..cn): {@code Σ c_m x^m}; res(B): {@code h + B(h)};
 *     add(B1|…|Bm): {@code Σ B_k(h)}; mul(L|R): {@code L(h) ⊙ R(h)};</li>
 * <li>attn(a, heads, v) on a signal (d, t), entry (c, j) at {@code c·t + j}: per head
 *     {@code Q, K ∈ ℚ^{a×d}}, {@code V ∈ ℚ^{e×d}} (parameters Q, K, V, each row-major), output
 *     token i {@code Σ_j ⟨Q x_i, K x_j⟩·V x_j}, heads summed, entry (r, i) at {@code r·t + i};</li>
 * <li>frozen dense / conv read their weights (row-major, then bias) from φ, in the order of the
 *     frozen layers, and are not parameters.</li>
 * </ul>
 * Parameters (and φ) are consumed layer by layer; inside a block branch by branch, left to right.
 *
 * <p><b>Loss parts</b> (no ½, no 1/N): {@code H_O = Σ_i J_iᵀJ_i},
 * {@code H_F = Σ_i Σ_c r_ic·∇²F_c(x_i)} with {@code r = F − y}, {@code H_L = H_O + H_F}, exact.
 *
 * <p><b>Cost</b>: one forward pass per sample and per unordered pair of parameters,
 * O(p²·N·forward) BigFraction operations: fine for p ≤ ~60. Nothing passed in is modified.
 *
 * <p><b>Failures</b>: every evaluation throws {@link IllegalStateException} at an exactly zero
 * relu / leakyrelu pre-activation (naming the layer and the unit), and
 * {@link IllegalArgumentException} for tanh, sigmoid and custom layers or a point that does not
 * fit the architecture.
 */
final class GraphOracle {
    private final Architecture arch;

    private GraphOracle(Architecture arch) {
        this.arch = arch;
    }

    static GraphOracle of(Architecture arch) {
        return new GraphOracle(Objects.requireNonNull(arch, "architecture"));
    }

    /**
     * The exact parts at one point.
     *
     * @param outputs F, N × K
     * @param o H_O, p × p
     * @param f H_F, p × p
     * @param l H_L = H_O + H_F, p × p
     */
    record Result(BigFraction[][] outputs, BigFraction[][] o, BigFraction[][] f, BigFraction[][] l) {
    }

    /** F and ∂F/∂θ at one sample: outputs (K) and the Jacobian (K × p). */
    record FirstOrder(BigFraction[] outputs, BigFraction[][] jacobian) {
    }

    // ------------------------------------------------------------------ the parts

    /** The parts at an engine {@link Point} (targets numerators / denominator). */
    Result hessians(Point point) {
        return hessians(fractions(point.theta()), fractions(point.frozen()), rows(point.inputs(), BigInteger.ONE),
                rows(point.targets(), point.targetDenominator()));
    }

    /** The parts at θ, φ, samples x (N × d) and targets y (N × K), all rational. */
    Result hessians(BigFraction[] theta, BigFraction[] phi, BigFraction[][] x, BigFraction[][] y) {
        int p = checkPoint(theta, phi, x, y);
        int n = x.length;
        int k = arch.outputSize();
        BigFraction[][] o = zeros(p, p);
        BigFraction[][] f = zeros(p, p);
        BigFraction[][] outputs = new BigFraction[n][];
        HyperDual[] frozen = constants(phi);
        for (int s = 0; s < n; s++) {
            HyperDual[] in = constants(x[s]);
            HyperDual[] plain = forward(constants(theta), frozen, in);
            outputs[s] = new BigFraction[k];
            BigFraction[] r = new BigFraction[k];
            for (int c = 0; c < k; c++) {
                outputs[s][c] = plain[c].v;
                r[c] = plain[c].v.subtract(y[s][c]);
            }
            BigFraction[][] jac = new BigFraction[k][p];
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    HyperDual[] out = forward(seeded(theta, i, j), frozen, in);
                    BigFraction second = BigFraction.ZERO;
                    for (int c = 0; c < k; c++) {
                        if (i == j) {
                            jac[c][i] = out[c].a;
                        }
                        second = second.add(r[c].multiply(out[c].c));
                    }
                    f[i][j] = f[i][j].add(second);
                }
            }
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    BigFraction dot = BigFraction.ZERO;
                    for (int c = 0; c < k; c++) {
                        dot = dot.add(jac[c][i].multiply(jac[c][j]));
                    }
                    o[i][j] = o[i][j].add(dot);
                }
            }
        }
        BigFraction[][] l = zeros(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                o[j][i] = o[i][j];
                f[j][i] = f[i][j];
                l[i][j] = o[i][j].add(f[i][j]);
                l[j][i] = l[i][j];
            }
        }
        return new Result(outputs, o, f, l);
    }

    /** F(x) and ∂F/∂θ (K × p) at one sample: p first-order passes (ε1 only). */
    FirstOrder firstOrder(BigFraction[] theta, BigFraction[] phi, BigFraction[] x) {
        checkPoint(theta, phi, new BigFraction[][] {x}, null);
        int p = theta.length;
        int k = arch.outputSize();
        HyperDual[] frozen = constants(phi);
        HyperDual[] in = constants(x);
        BigFraction[] outputs = new BigFraction[k];
        HyperDual[] plain = forward(constants(theta), frozen, in);
        for (int c = 0; c < k; c++) {
            outputs[c] = plain[c].v;
        }
        BigFraction[][] jac = new BigFraction[k][p];
        for (int i = 0; i < p; i++) {
            HyperDual[] t = constants(theta);
            t[i] = HyperDual.of(theta[i], BigFraction.ONE, BigFraction.ZERO, BigFraction.ZERO);
            HyperDual[] out = forward(t, frozen, in);
            for (int c = 0; c < k; c++) {
                jac[c][i] = out[c].a;
            }
        }
        return new FirstOrder(outputs, jac);
    }

    /** ∂F/∂x (K × d) at one sample: d first-order passes seeding the input. */
    BigFraction[][] inputJacobian(BigFraction[] theta, BigFraction[] phi, BigFraction[] x) {
        checkPoint(theta, phi, new BigFraction[][] {x}, null);
        int k = arch.outputSize();
        BigFraction[][] jac = new BigFraction[k][x.length];
        for (int i = 0; i < x.length; i++) {
            HyperDual[] in = constants(x);
            in[i] = HyperDual.of(x[i], BigFraction.ONE, BigFraction.ZERO, BigFraction.ZERO);
            HyperDual[] out = forward(constants(theta), constants(phi), in);
            for (int c = 0; c < k; c++) {
                jac[c][i] = out[c].a;
            }
        }
        return jac;
    }

    /** ∇_θ of ½ Σ_i ‖F(x_i) − y_i‖², i.e. Σ_i J_iᵀ(F(x_i) − y_i), exactly. */
    BigFraction[] lossGradient(BigFraction[] theta, BigFraction[] phi, BigFraction[][] x, BigFraction[][] y) {
        int p = checkPoint(theta, phi, x, y);
        BigFraction[] g = new BigFraction[p];
        java.util.Arrays.fill(g, BigFraction.ZERO);
        for (int s = 0; s < x.length; s++) {
            FirstOrder fo = firstOrder(theta, phi, x[s]);
            for (int c = 0; c < fo.outputs().length; c++) {
                BigFraction r = fo.outputs()[c].subtract(y[s][c]);
                for (int i = 0; i < p; i++) {
                    g[i] = g[i].add(r.multiply(fo.jacobian()[c][i]));
                }
            }
        }
        return g;
    }

    /**
     * The network on hyper-dual numbers: θ, φ and one sample x, each entry carrying its own
     * ε-parts (the seeds). Returns the K outputs.
     */
    HyperDual[] forward(HyperDual[] theta, HyperDual[] phi, HyperDual[] x) {
        Pass pass = new Pass(theta, phi);
        Signal out = pass.chain(arch.layers(), new Signal(x.clone(), arch.input()), "");
        if (pass.pc != theta.length || pass.fc != phi.length) {
            throw new IllegalStateException("oracle consumed " + pass.pc + " parameters and " + pass.fc
                    + " frozen weights, expected " + theta.length + " and " + phi.length);
        }
        if (!out.shape.equals(arch.outputShape())) {
            throw new IllegalStateException("oracle output shape " + out.shape + " differs from "
                    + arch.outputShape());
        }
        return out.values;
    }

    // ------------------------------------------------------------------ interpreter

    private record Signal(HyperDual[] values, Shape shape) {
    }

    /** One forward pass: the cursors into θ and φ. */
    private static final class Pass {
        private final HyperDual[] theta;
        private final HyperDual[] phi;
        int pc;
        int fc;

        Pass(HyperDual[] theta, HyperDual[] phi) {
            this.theta = theta;
            this.phi = phi;
        }

        /** The next {@code count} weights of θ, or of φ for a frozen layer. */
        HyperDual[] take(boolean frozen, int count, String who) {
            HyperDual[] src = frozen ? phi : theta;
            int at = frozen ? fc : pc;
            if (at + count > src.length) {
                throw new IllegalArgumentException(who + ": needs " + count + (frozen ? " frozen weights" : " parameters")
                        + " at offset " + at + ", only " + src.length + " given");
            }
            HyperDual[] w = java.util.Arrays.copyOfRange(src, at, at + count);
            if (frozen) {
                fc += count;
            } else {
                pc += count;
            }
            return w;
        }

        Signal chain(List<Layer> layers, Signal in, String where) {
            Signal s = in;
            for (int k = 0; k < layers.size(); k++) {
                s = layer(layers.get(k), s, where + layers.get(k).name() + " " + (k + 1));
            }
            return s;
        }

        Signal layer(Layer layer, Signal in, String who) {
            if (layer instanceof Layer.Dense d) {
                return dense(d, in, who);
            } else if (layer instanceof Layer.Conv c) {
                return conv(c, in, who);
            } else if (layer instanceof Layer.Local lc) {
                return local(lc, in, who);
            } else if (layer instanceof Layer.AvgPool ap) {
                return avgpool(ap, in, who);
            } else if (layer instanceof Layer.Flatten) {
                return new Signal(in.values, Shape.vector(in.shape.size()));
            } else if (layer instanceof Layer.Id) {
                return in;
            } else if (layer instanceof Layer.Act a) {
                return activation(a.activation(), in, who);
            } else if (layer instanceof Layer.Pow pw) {
                HyperDual[] y = new HyperDual[in.values.length];
                for (int u = 0; u < y.length; u++) {
                    HyperDual r = in.values[u];
                    for (int m = 1; m < pw.power(); m++) {
                        r = r.multiply(in.values[u]);
                    }
                    y[u] = r;
                }
                return new Signal(y, in.shape);
            } else if (layer instanceof Layer.Poly py) {
                List<Long> cs = py.coefficients();
                HyperDual[] y = new HyperDual[in.values.length];
                for (int u = 0; u < y.length; u++) {
                    HyperDual r = HyperDual.constant(new BigFraction(cs.get(cs.size() - 1)));
                    for (int m = cs.size() - 2; m >= 0; m--) {
                        r = r.multiply(in.values[u]).add(HyperDual.constant(new BigFraction(cs.get(m))));
                    }
                    y[u] = r;
                }
                return new Signal(y, in.shape);
            } else if (layer instanceof Layer.Res r) {
                Signal b = chain(r.block(), in, who + " block: ");
                if (!b.shape.equals(in.shape)) {
                    throw new IllegalArgumentException(who + ": block output " + b.shape + " differs from " + in.shape);
                }
                return new Signal(sum(in.values, b.values), in.shape);
            } else if (layer instanceof Layer.Add a) {
                Signal total = null;
                for (int k = 0; k < a.branches().size(); k++) {
                    Signal b = chain(a.branches().get(k), in, who + " branch " + (k + 1) + ": ");
                    if (total != null && !b.shape.equals(total.shape)) {
                        throw new IllegalArgumentException(who + ": branch shapes differ");
                    }
                    total = total == null ? b : new Signal(sum(total.values, b.values), b.shape);
                }
                return total;
            } else if (layer instanceof Layer.Mul m) {
                Signal left = chain(m.left(), in, who + " left: ");
                Signal right = chain(m.right(), in, who + " right: ");
                if (!left.shape.equals(right.shape)) {
                    throw new IllegalArgumentException(who + ": branch shapes differ");
                }
                HyperDual[] y = new HyperDual[left.values.length];
                for (int u = 0; u < y.length; u++) {
                    y[u] = left.values[u].multiply(right.values[u]);
                }
                return new Signal(y, left.shape);
            } else if (layer instanceof Layer.Attn at) {
                return attention(at, in, who);
            }
            throw new IllegalArgumentException(who + ": the oracle does not interpret " + layer.spec());
        }

        private Signal dense(Layer.Dense d, Signal in, String who) {
            int n = in.values.length;
            int k = d.units();
            HyperDual[] w = take(d.frozen(), k * n + (d.bias() ? k : 0), who);
            HyperDual[] y = new HyperDual[k];
            for (int o = 0; o < k; o++) {
                HyperDual acc = d.bias() ? w[k * n + o] : HyperDual.ZERO;
                for (int i = 0; i < n; i++) {
                    acc = acc.add(w[o * n + i].multiply(in.values[i]));
                }
                y[o] = acc;
            }
            return new Signal(y, Shape.vector(k));
        }

        private Signal conv(Layer.Conv cv, Signal in, String who) {
            Shape s = in.shape;
            boolean oneD = s.kind() == Shape.Kind.SIGNAL;
            if (s.kind() == Shape.Kind.VECTOR) {
                throw new IllegalArgumentException(who + ": conv needs a signal or an image, got " + s);
            }
            int kh = oneD ? 1 : cv.kernel().height();
            int kw = cv.kernel().width();
            int sh = oneD ? 1 : cv.stride().height();
            int sw = cv.stride().width();
            int ph = oneD ? 0 : cv.padding().height();
            int pw = cv.padding().width();
            int cin = s.channels();
            int hin = s.height();
            int win = s.width();
            int cout = cv.channels();
            int hout = (hin + 2 * ph - kh) / sh + 1;
            int wout = (win + 2 * pw - kw) / sw + 1;
            int weights = cout * cin * kh * kw;
            HyperDual[] w = take(cv.frozen(), weights + (cv.bias() ? cout : 0), who);
            HyperDual[] y = new HyperDual[cout * hout * wout];
            for (int o = 0; o < cout; o++) {
                for (int oy = 0; oy < hout; oy++) {
                    for (int ox = 0; ox < wout; ox++) {
                        HyperDual acc = cv.bias() ? w[weights + o] : HyperDual.ZERO;
                        for (int c = 0; c < cin; c++) {
                            for (int a = 0; a < kh; a++) {
                                int iy = oy * sh + a - ph;
                                for (int b = 0; b < kw; b++) {
                                    int ix = ox * sw + b - pw;
                                    if (iy < 0 || iy >= hin || ix < 0 || ix >= win) {
                                        continue; // zero padding
                                    }
                                    acc = acc.add(w[((o * cin + c) * kh + a) * kw + b]
                                            .multiply(in.values[(c * hin + iy) * win + ix]));
                                }
                            }
                        }
                        y[(o * hout + oy) * wout + ox] = acc;
                    }
                }
            }
            return new Signal(y, oneD ? Shape.signal(cout, wout) : Shape.image(cout, hout, wout));
        }

        private Signal local(Layer.Local lc, Signal in, String who) {
            Shape s = in.shape;
            if (s.kind() != Shape.Kind.SIGNAL) {
                throw new IllegalArgumentException(who + ": local needs a signal, got " + s);
            }
            int k = lc.kernel();
            int cin = s.channels();
            int lin = s.length();
            int cout = lc.channels();
            int lout = (lin + 2 * lc.padding() - k) / lc.stride() + 1;
            int weights = cout * lout * cin * k;
            HyperDual[] w = take(false, weights + (lc.bias() ? cout * lout : 0), who);
            HyperDual[] y = new HyperDual[cout * lout];
            for (int o = 0; o < cout; o++) {
                for (int x = 0; x < lout; x++) {
                    HyperDual acc = lc.bias() ? w[weights + o * lout + x] : HyperDual.ZERO;
                    for (int c = 0; c < cin; c++) {
                        for (int j = 0; j < k; j++) {
                            int ix = x * lc.stride() + j - lc.padding();
                            if (ix >= 0 && ix < lin) {
                                acc = acc.add(w[((o * lout + x) * cin + c) * k + j].multiply(in.values[c * lin + ix]));
                            }
                        }
                    }
                    y[o * lout + x] = acc;
                }
            }
            return new Signal(y, Shape.signal(cout, lout));
        }

        private Signal avgpool(Layer.AvgPool ap, Signal in, String who) {
            Shape s = in.shape;
            int w = ap.window();
            boolean oneD = s.kind() == Shape.Kind.SIGNAL;
            if (s.kind() == Shape.Kind.VECTOR) {
                throw new IllegalArgumentException(who + ": avgpool needs a signal or an image, got " + s);
            }
            int wh = oneD ? 1 : w;
            int hout = s.height() / wh;
            int wout = s.width() / w;
            BigFraction mean = new BigFraction(1, (long) wh * w);
            HyperDual[] y = new HyperDual[s.channels() * hout * wout];
            for (int c = 0; c < s.channels(); c++) {
                for (int oy = 0; oy < hout; oy++) {
                    for (int ox = 0; ox < wout; ox++) {
                        HyperDual acc = HyperDual.ZERO;
                        for (int a = 0; a < wh; a++) {
                            for (int b = 0; b < w; b++) {
                                acc = acc.add(in.values[(c * s.height() + oy * wh + a) * s.width() + ox * w + b]);
                            }
                        }
                        y[(c * hout + oy) * wout + ox] = acc.scale(mean);
                    }
                }
            }
            return new Signal(y, oneD ? Shape.signal(s.channels(), wout) : Shape.image(s.channels(), hout, wout));
        }

        private static Signal activation(Activation act, Signal in, String who) {
            if (!act.isPiecewiseLinear()) {
                throw new IllegalArgumentException(who + ": " + act.spec() + " has no exact Hessian");
            }
            if (act.kind() == Activation.Kind.LINEAR) {
                return in;
            }
            BigFraction negative = new BigFraction(act.slopeNumerator(), act.slopeDenominator());
            HyperDual[] y = new HyperDual[in.values.length];
            for (int u = 0; u < y.length; u++) {
                int sign = in.values[u].v.signum();
                if (sign == 0) {
                    throw new IllegalStateException(who + ": pre-activation of unit " + u + " is exactly 0");
                }
                y[u] = sign > 0 ? in.values[u] : in.values[u].scale(negative);
            }
            return new Signal(y, in.shape);
        }

        private Signal attention(Layer.Attn at, Signal in, String who) {
            Shape s = in.shape;
            if (s.kind() != Shape.Kind.SIGNAL) {
                throw new IllegalArgumentException(who + ": attn needs a signal (d,t), got " + s);
            }
            int d = s.channels();
            int t = s.length();
            int a = at.keyDim();
            int e = at.valueDim() == 0 ? d : at.valueDim();
            HyperDual[] y = new HyperDual[e * t];
            java.util.Arrays.fill(y, HyperDual.ZERO);
            for (int h = 0; h < at.heads(); h++) {
                String head = who + " head " + (h + 1);
                HyperDual[][] q = perToken(take(false, a * d, head + " Q"), a, d, t, in.values);
                HyperDual[][] k = perToken(take(false, a * d, head + " K"), a, d, t, in.values);
                HyperDual[][] v = perToken(take(false, e * d, head + " V"), e, d, t, in.values);
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        HyperDual score = HyperDual.ZERO;
                        for (int r = 0; r < a; r++) {
                            score = score.add(q[i][r].multiply(k[j][r]));
                        }
                        for (int r = 0; r < e; r++) {
                            y[r * t + i] = y[r * t + i].add(score.multiply(v[j][r]));
                        }
                    }
                }
            }
            return new Signal(y, Shape.signal(e, t));
        }

        /** M·x_j for every token j: result[j][r] = Σ_c M[r·d + c]·x[c·t + j]. */
        private static HyperDual[][] perToken(HyperDual[] m, int rows, int d, int t, HyperDual[] x) {
            HyperDual[][] out = new HyperDual[t][rows];
            for (int j = 0; j < t; j++) {
                for (int r = 0; r < rows; r++) {
                    HyperDual acc = HyperDual.ZERO;
                    for (int c = 0; c < d; c++) {
                        acc = acc.add(m[r * d + c].multiply(x[c * t + j]));
                    }
                    out[j][r] = acc;
                }
            }
            return out;
        }

        private static HyperDual[] sum(HyperDual[] x, HyperDual[] y) {
            HyperDual[] z = new HyperDual[x.length];
            for (int u = 0; u < z.length; u++) {
                z[u] = x[u].add(y[u]);
            }
            return z;
        }
    }

    // ------------------------------------------------------------------ hyper-dual numbers

    /**
     * A hyper-dual number {@code v + ε1·a + ε2·b + ε1ε2·c} over ℚ, with ε1² = ε2² = 0: for a
     * polynomial (or piecewise-linear away from its kinks) f, {@code f(x + ε1 + ε2)} carries f,
     * f', f' and f'' exactly. Immutable; zero parts are skipped, so values without seeds cost one
     * BigFraction operation per operation.
     */
    static final class HyperDual {
        static final HyperDual ZERO = constant(BigFraction.ZERO);

        final BigFraction v;
        final BigFraction a;
        final BigFraction b;
        final BigFraction c;

        private HyperDual(BigFraction v, BigFraction a, BigFraction b, BigFraction c) {
            this.v = v;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        static HyperDual of(BigFraction v, BigFraction a, BigFraction b, BigFraction c) {
            return new HyperDual(Objects.requireNonNull(v), Objects.requireNonNull(a), Objects.requireNonNull(b),
                    Objects.requireNonNull(c));
        }

        static HyperDual constant(BigFraction v) {
            return new HyperDual(v, BigFraction.ZERO, BigFraction.ZERO, BigFraction.ZERO);
        }

        HyperDual add(HyperDual o) {
            return new HyperDual(plus(v, o.v), plus(a, o.a), plus(b, o.b), plus(c, o.c));
        }

        HyperDual multiply(HyperDual o) {
            return new HyperDual(times(v, o.v),
                    plus(times(v, o.a), times(a, o.v)),
                    plus(times(v, o.b), times(b, o.v)),
                    plus(plus(times(v, o.c), times(c, o.v)), plus(times(a, o.b), times(b, o.a))));
        }

        HyperDual scale(BigFraction s) {
            return new HyperDual(times(v, s), times(a, s), times(b, s), times(c, s));
        }

        private static BigFraction plus(BigFraction x, BigFraction y) {
            return x.signum() == 0 ? y : y.signum() == 0 ? x : x.add(y);
        }

        private static BigFraction times(BigFraction x, BigFraction y) {
            return x.signum() == 0 || y.signum() == 0 ? BigFraction.ZERO : x.multiply(y);
        }

        @Override
        public String toString() {
            return v + " + " + a + "ε1 + " + b + "ε2 + " + c + "ε1ε2";
        }
    }

    // ------------------------------------------------------------------ helpers

    private int checkPoint(BigFraction[] theta, BigFraction[] phi, BigFraction[][] x, BigFraction[][] y) {
        if (theta.length != arch.parameterCount()) {
            throw new IllegalArgumentException("theta length (" + theta.length + ") must be p ("
                    + arch.parameterCount() + ")");
        }
        if (phi.length != arch.frozenCount()) {
            throw new IllegalArgumentException("frozen length (" + phi.length + ") must be " + arch.frozenCount());
        }
        for (int s = 0; s < x.length; s++) {
            if (x[s].length != arch.input().size()) {
                throw new IllegalArgumentException("sample " + s + " size (" + x[s].length + ") must be "
                        + arch.input().size());
            }
            if (y != null && y[s].length != arch.outputSize()) {
                throw new IllegalArgumentException("target " + s + " size (" + y[s].length + ") must be "
                        + arch.outputSize());
            }
        }
        if (y != null && y.length != x.length) {
            throw new IllegalArgumentException("targets (" + y.length + ") must match samples (" + x.length + ")");
        }
        return theta.length;
    }

    private static HyperDual[] seeded(BigFraction[] theta, int i, int j) {
        HyperDual[] t = constants(theta);
        t[i] = HyperDual.of(theta[i], BigFraction.ONE, i == j ? BigFraction.ONE : BigFraction.ZERO, BigFraction.ZERO);
        if (i != j) {
            t[j] = HyperDual.of(theta[j], BigFraction.ZERO, BigFraction.ONE, BigFraction.ZERO);
        }
        return t;
    }

    static HyperDual[] constants(BigFraction[] xs) {
        HyperDual[] h = new HyperDual[xs.length];
        for (int u = 0; u < h.length; u++) {
            h[u] = HyperDual.constant(xs[u]);
        }
        return h;
    }

    static BigFraction[] fractions(BigInteger[] xs) {
        BigFraction[] f = new BigFraction[xs.length];
        for (int u = 0; u < f.length; u++) {
            f[u] = new BigFraction(xs[u]);
        }
        return f;
    }

    /** The rows of {@code m / den}. */
    static BigFraction[][] rows(org.hessrank.exact.IntegerMatrix m, BigInteger den) {
        BigFraction[][] r = new BigFraction[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                r[i][j] = new BigFraction(m.get(i, j), den);
            }
        }
        return r;
    }

    private static BigFraction[][] zeros(int rows, int cols) {
        BigFraction[][] z = new BigFraction[rows][cols];
        for (BigFraction[] row : z) {
            java.util.Arrays.fill(row, BigFraction.ZERO);
        }
        return z;
    }
}
