package org.hessrank.hessian;

import java.math.BigInteger;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.BilinearStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.MonomialStage;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.PolynomialStage;
import org.hessrank.net.Stage;

/**
 * The exact (BigInteger) forward pass of a {@link ScaledNetwork} over all samples: the scaled
 * input of every stage (the concatenation of the nodes it reads), σ' and σ'' of every
 * elementwise stage (the masks of (leaky) ReLU, fixed at the point, as slopes), and the scaled
 * outputs. Both number systems start from it (the modular path reduces these integers mod p),
 * because masks need signs, which residues do not have.
 *
 * <p>Inputs are multiplied by {@code inputScale}; every node then carries the scale
 * {@link ScaledNetwork#scales} gives it, and the scaled output is {@code totalScale·F}. Cost
 * O(N·(terms of all stages)) big-integer operations.
 */
final class Evaluation {
    final ScaledNetwork sn;
    final BigInteger inputScale;
    final BigInteger totalScale;
    /** Bias coefficient of stage s: the scale of its input. */
    final BigInteger[] unit;
    /** Per fixed linear stage: the scaled coefficients of its terms. */
    final BigInteger[][] coefficients;
    /** [sample][stage]: the scaled input vector of the stage. */
    final BigInteger[][][] stageInputs;
    /** [sample][stage]: σ' of an elementwise stage at its input (slope den or num for (leaky) ReLU), else null. */
    final BigInteger[][][] slopes;
    /** [sample][stage]: σ'' of a curved elementwise stage (pow, poly of degree ≥ 2), else null. */
    final BigInteger[][][] curvatures;
    /** [sample]: the scaled output totalScale·F(x). */
    final BigInteger[][] outputs;
    /** First zero pre-activation of a ReLU / leaky ReLU met, or null. */
    final ZeroHit zeroHit;

    record ZeroHit(int sample, int stage, int unit, String activation) {
        String message() {
            return "pre-activation of unit " + unit + " at stage " + stage + " (" + activation
                    + ") is exactly 0 at sample " + sample + ": the loss is not differentiable at this point";
        }
    }

    private Evaluation(ScaledNetwork sn, BigInteger inputScale, ScaledNetwork.Scales scales, BigInteger[][][] stageInputs,
            BigInteger[][][] slopes, BigInteger[][][] curvatures, BigInteger[][] outputs, ZeroHit zeroHit) {
        this.sn = sn;
        this.inputScale = inputScale;
        this.totalScale = scales.output();
        this.unit = scales.unit;
        this.coefficients = scales.coefficients;
        this.stageInputs = stageInputs;
        this.slopes = slopes;
        this.curvatures = curvatures;
        this.outputs = outputs;
        this.zeroHit = zeroHit;
    }

    /** Checks θ ++ φ and X against the network (their lengths). */
    static void checkShapes(LoweredNetwork net, BigInteger[] theta, BigInteger[] frozen, IntegerMatrix x) {
        if (theta.length != net.parameterCount()) {
            throw new IllegalArgumentException("point parameter count (" + theta.length
                    + ") must equal the network's parameter count (" + net.parameterCount() + ")");
        }
        if (frozen.length != net.frozenCount()) {
            throw new IllegalArgumentException("point frozen weight count (" + frozen.length
                    + ") must equal the network's frozen weight count (" + net.frozenCount() + ")");
        }
        if (x.cols() != net.inputSize()) {
            throw new IllegalArgumentException("point input size (" + x.cols() + ") must equal the network's input size ("
                    + net.inputSize() + ")");
        }
    }

    /**
     * Evaluates every sample at the weights θ ++ φ. Never throws for zero pre-activations: see
     * {@link #zeroHit}.
     */
    static Evaluation of(ScaledNetwork sn, BigInteger[] weights, IntegerMatrix x, BigInteger inputScale) {
        LoweredNetwork net = sn.net;
        int n = x.rows();
        int stageCount = sn.stages.size();
        ScaledNetwork.Scales scales = sn.scales(inputScale);
        BigInteger[][][] inputs = new BigInteger[n][stageCount][];
        BigInteger[][][] slopes = new BigInteger[n][stageCount][];
        BigInteger[][][] curvatures = new BigInteger[n][stageCount][];
        BigInteger[][] outputs = new BigInteger[n][];
        ZeroHit hit = null;
        for (int i = 0; i < n; i++) {
            BigInteger[][] node = new BigInteger[stageCount + 1][];
            BigInteger[] x0 = new BigInteger[x.cols()];
            for (int j = 0; j < x0.length; j++) {
                x0[j] = x.get(i, j).multiply(inputScale);
            }
            node[0] = x0;
            for (int s = 0; s < stageCount; s++) {
                Stage st = sn.stages.get(s);
                BigInteger[] h = gather(net, s, node);
                inputs[i][s] = h;
                BigInteger[] y = zeros(st.outSize());
                if (st instanceof ParameterStage ps) {
                    int off = net.parameterOffset(s);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] = y[to[t]].add(weights[off + tp[t]].multiply(h[ti[t]]));
                    }
                    int[] bo = ps.biasOut(), bp = ps.biasParam();
                    for (int b = 0; b < bo.length; b++) {
                        y[bo[b]] = y[bo[b]].add(weights[off + bp[b]].multiply(scales.unit[s]));
                    }
                } else if (st instanceof FixedLinearStage f) {
                    int[] fo = f.out(), fi = f.in();
                    BigInteger[] c = scales.coefficients[s];
                    for (int t = 0; t < fo.length; t++) {
                        y[fo[t]] = y[fo[t]].add(h[fi[t]].multiply(c[t]));
                    }
                } else if (st instanceof BilinearStage b) {
                    int[] to = b.termOut(), tl = b.termLeft(), tr = b.termRight();
                    int left = b.leftSize();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] = y[to[t]].add(h[tl[t]].multiply(h[left + tr[t]]));
                    }
                } else if (st instanceof MonomialStage m) {
                    BigInteger[] c = scales.coefficients[s];
                    int[] start = m.start(), factor = m.factor(), to = m.termOut();
                    for (int t = 0; t < to.length; t++) {
                        BigInteger v = c[t];
                        for (int f = start[t]; f < start[t + 1]; f++) {
                            v = v.multiply(h[factor[f]]);
                        }
                        y[to[t]] = y[to[t]].add(v);
                    }
                } else if (st instanceof PolynomialStage) {
                    BigInteger[] c = scales.coefficients[s];
                    BigInteger[] d1 = new BigInteger[h.length];
                    BigInteger[] d2 = c.length > 2 ? new BigInteger[h.length] : null;
                    for (int u = 0; u < h.length; u++) {
                        BigInteger[] v = polynomial(c, h[u]);
                        y[u] = v[0];
                        d1[u] = v[1];
                        if (d2 != null) {
                            d2[u] = v[2];
                        }
                    }
                    slopes[i][s] = d1;
                    curvatures[i][s] = d2;
                } else {
                    ActivationStage a = (ActivationStage) st;
                    BigInteger den = BigInteger.valueOf(a.activation().slopeDenominator());
                    BigInteger num = BigInteger.valueOf(a.activation().slopeNumerator());
                    boolean kink = ScaledNetwork.isKink(a.activation());
                    BigInteger[] mask = new BigInteger[h.length];
                    for (int j = 0; j < h.length; j++) {
                        int sign = h[j].signum();
                        if (sign == 0 && kink && hit == null) {
                            hit = new ZeroHit(i, s, j, a.activation().spec());
                        }
                        mask[j] = sign < 0 ? num : den;
                        y[j] = h[j].multiply(mask[j]);
                    }
                    slopes[i][s] = mask;
                }
                node[s + 1] = y;
            }
            outputs[i] = node[stageCount];
        }
        return new Evaluation(sn, inputScale, scales, inputs, slopes, curvatures, outputs, hit);
    }

    /** The concatenation of the nodes stage s reads (the node itself when it reads one). */
    static BigInteger[] gather(LoweredNetwork net, int s, BigInteger[][] node) {
        int[] in = net.inputs(s);
        if (in.length == 1) {
            return node[in[0]];
        }
        BigInteger[] h = new BigInteger[net.stages().get(s).inSize()];
        int offset = 0;
        for (int k : in) {
            System.arraycopy(node[k], 0, h, offset, node[k].length);
            offset += node[k].length;
        }
        return h;
    }

    /** P(z), P'(z), P''(z) for P = Σ c_m z^m, by Horner. */
    static BigInteger[] polynomial(BigInteger[] c, BigInteger z) {
        BigInteger p0 = BigInteger.ZERO;
        BigInteger p1 = BigInteger.ZERO;
        BigInteger p2 = BigInteger.ZERO;
        for (int m = c.length - 1; m >= 0; m--) {
            p2 = p2.multiply(z).add(p1.shiftLeft(1));
            p1 = p1.multiply(z).add(p0);
            p0 = p0.multiply(z).add(c[m]);
        }
        return new BigInteger[] {p0, p1, p2};
    }

    static BigInteger[] zeros(int n) {
        BigInteger[] z = new BigInteger[n];
        java.util.Arrays.fill(z, BigInteger.ZERO);
        return z;
    }

    int samples() {
        return outputs.length;
    }
}
