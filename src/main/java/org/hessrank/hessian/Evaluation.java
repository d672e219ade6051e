package org.hessrank.hessian;

import java.math.BigInteger;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * The exact (BigInteger) forward pass of a {@link ScaledNetwork} over all samples: the scaled
 * input of every stage, the activation masks fixed at the point, and the scaled outputs. Both
 * number systems start from it (the modular path reduces these integers mod p), because masks
 * need signs, which residues do not have.
 *
 * <p>Inputs are multiplied by {@code inputScale} (and bias units with them), so that the scaled
 * output is {@code totalScale·F} with {@code totalScale = inputScale·network scale}. Cost
 * O(N·(terms of all stages)) big-integer operations.
 */
final class Evaluation {
    final ScaledNetwork sn;
    final BigInteger inputScale;
    final BigInteger totalScale;
    /** Bias coefficient of stage s: inputScale·unit(s). */
    final BigInteger[] unit;
    /** [sample][stage]: the scaled input vector of the stage. */
    final BigInteger[][][] stageInputs;
    /** [sample][stage]: mask multipliers of an activation stage (den on the positive side, num on the negative), else null. */
    final long[][][] masks;
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

    private Evaluation(ScaledNetwork sn, BigInteger inputScale, BigInteger[] unit, BigInteger[][][] stageInputs,
            long[][][] masks, BigInteger[][] outputs, ZeroHit zeroHit) {
        this.sn = sn;
        this.inputScale = inputScale;
        this.totalScale = inputScale.multiply(sn.scale);
        this.unit = unit;
        this.stageInputs = stageInputs;
        this.masks = masks;
        this.outputs = outputs;
        this.zeroHit = zeroHit;
    }

    static void checkShapes(LoweredNetwork net, BigInteger[] theta, IntegerMatrix x) {
        if (theta.length != net.parameterCount()) {
            throw new IllegalArgumentException("point parameter count (" + theta.length
                    + ") must equal the network's parameter count (" + net.parameterCount() + ")");
        }
        if (x.cols() != net.inputSize()) {
            throw new IllegalArgumentException("point input size (" + x.cols() + ") must equal the network's input size ("
                    + net.inputSize() + ")");
        }
    }

    /** Evaluates every sample. Never throws for zero pre-activations: see {@link #zeroHit}. */
    static Evaluation of(ScaledNetwork sn, BigInteger[] theta, IntegerMatrix x, BigInteger inputScale) {
        checkShapes(sn.net, theta, x);
        int n = x.rows();
        int stageCount = sn.stages.size();
        BigInteger[] unit = new BigInteger[stageCount];
        for (int s = 0; s < stageCount; s++) {
            unit[s] = sn.unit[s].multiply(inputScale);
        }
        BigInteger[][][] inputs = new BigInteger[n][stageCount][];
        long[][][] masks = new long[n][stageCount][];
        BigInteger[][] outputs = new BigInteger[n][];
        ZeroHit hit = null;
        for (int i = 0; i < n; i++) {
            BigInteger[] h = new BigInteger[x.cols()];
            for (int j = 0; j < h.length; j++) {
                h[j] = x.get(i, j).multiply(inputScale);
            }
            for (int s = 0; s < stageCount; s++) {
                inputs[i][s] = h;
                Stage st = sn.stages.get(s);
                BigInteger[] y = zeros(st.outSize());
                if (st instanceof ParameterStage ps) {
                    int off = sn.net.parameterOffset(s);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] = y[to[t]].add(theta[off + tp[t]].multiply(h[ti[t]]));
                    }
                    int[] bo = ps.biasOut(), bp = ps.biasParam();
                    for (int b = 0; b < bo.length; b++) {
                        y[bo[b]] = y[bo[b]].add(theta[off + bp[b]].multiply(unit[s]));
                    }
                } else if (st instanceof FixedLinearStage f) {
                    int[] fo = f.out(), fi = f.in();
                    long[] num = f.numerator();
                    for (int t = 0; t < fo.length; t++) {
                        y[fo[t]] = y[fo[t]].add(h[fi[t]].multiply(BigInteger.valueOf(num[t])));
                    }
                } else {
                    ActivationStage a = (ActivationStage) st;
                    long den = a.activation().slopeDenominator();
                    long num = a.activation().slopeNumerator();
                    boolean kink = ScaledNetwork.isKink(a.activation());
                    long[] mask = new long[h.length];
                    for (int j = 0; j < h.length; j++) {
                        int sign = h[j].signum();
                        if (sign == 0 && kink && hit == null) {
                            hit = new ZeroHit(i, s, j, a.activation().spec());
                        }
                        mask[j] = sign < 0 ? num : den;
                        y[j] = h[j].multiply(BigInteger.valueOf(mask[j]));
                    }
                    masks[i][s] = mask;
                }
                h = y;
            }
            outputs[i] = h;
        }
        return new Evaluation(sn, inputScale, unit, inputs, masks, outputs, hit);
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
