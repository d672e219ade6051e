package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * Minor bounds for the failure probabilities of the matrix-free path, without a p × p matrix.
 *
 * <p>The Hessian-vector product of {@link HessianVectorProducts} is run once in double precision
 * on absolute values (|θ|, |x|, |residuals|, |masks|, |pooling numerators|) with v = (1, …, 1).
 * Every entry of c²·H_part is a sum of signed products and the same algorithm on absolute values
 * sums their absolute values, so the result bounds the row 1-norms Σ_b |H(a, b)| ≥ ‖row a‖₂.
 * Hadamard's inequality bounds every minor by the product of its rows' norms, so
 * Σ_a max(0, log₂ bound_a) bounds log₂ of every minor. For H_O the bound is on c·J instead, whose
 * rank is rank H_O: Hadamard over the rows of the absolute-value Jacobian. Rounding is covered by
 * {@link BoundArith#SLACK} as in {@link Hessians#log2MinorBounds}; an overflow gives +∞ (and a
 * failure probability of 1, stated as such). Cost: one product, O(N·T), and the absolute Jacobian.
 */
final class MatrixFreeBounds {
    private MatrixFreeBounds() {
    }

    /** log2 bound on every minor of c·J (N·K × p). */
    static double jacobian(Evaluation ev, Point point) {
        Engine<double[]> e = new Engine<>(BoundArith.INSTANCE, ev, point.theta());
        double[] j = e.jacobian();
        int p = ev.sn.net.parameterCount();
        int rows = j.length / Math.max(1, p);
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += BoundArith.positiveLog2(BoundArith.norm(j, r * p, 1, p));
        }
        return s;
    }

    /** log2 bound on every minor of c²·H_F (withO false) or c²·H_L (withO true). */
    static double hessian(Evaluation ev, Point point, boolean withO) {
        double sum = 0;
        for (double a : rowBounds(ev, point, withO)) {
            sum += BoundArith.positiveLog2(a);
        }
        return sum;
    }

    /** Upper bounds on the row 1-norms of c²·H_F (withO false) or c²·H_L (withO true). */
    static double[] rowBounds(Evaluation ev, Point point, boolean withO) {
        LoweredNetwork net = ev.sn.net;
        List<Stage> stages = net.stages();
        int s = stages.size();
        int p = net.parameterCount();
        double[] theta = abs(point.theta());
        double[] acc = new double[p];
        BigInteger[][] res = Hessians.residuals(ev, point);
        int first = ev.sn.parameterStages.length == 0 ? -1 : ev.sn.parameterStages[0];
        if (first < 0) {
            return acc;
        }
        double[] unit = abs(ev.unit);
        for (int i = 0; i < ev.samples(); i++) {
            double[][] hin = new double[s][];
            double[][] g = new double[s][];
            double[][] mask = new double[s][];
            for (int j = 0; j < s; j++) {
                hin[j] = abs(ev.stageInputs[i][j]);
                if (ev.masks[i][j] != null) {
                    mask[j] = new double[ev.masks[i][j].length];
                    for (int u = 0; u < mask[j].length; u++) {
                        mask[j][u] = Math.abs((double) ev.masks[i][j][u]) * BoundArith.SLACK;
                    }
                }
            }
            // residual signals on absolute values
            double[] cur = abs(res[i]);
            for (int j = s - 1; j >= first; j--) {
                Stage st = stages.get(j);
                if (st instanceof ParameterStage) {
                    g[j] = cur;
                    if (j == first) {
                        break;
                    }
                }
                cur = back(stages.get(j), j, net, theta, cur, mask[j], null, null);
            }
            // forward tangent of v = 1
            double[][] dh = new double[s + 1][];
            dh[first] = new double[stages.get(first).inSize()];
            for (int j = first; j < s; j++) {
                Stage st = stages.get(j);
                double[] x = dh[j];
                double[] y = new double[st.outSize()];
                if (st instanceof ParameterStage ps) {
                    int off = net.parameterOffset(j);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        y[to[t]] += theta[off + tp[t]] * x[ti[t]] + hin[j][ti[t]];
                    }
                    for (int bo : ps.biasOut()) {
                        y[bo] += unit[j];
                    }
                } else {
                    y = forward(st, j, x, mask[j]);
                }
                dh[j + 1] = y;
            }
            // backward tangent and accumulation
            double[] d = withO ? dh[s] : new double[net.outputSize()];
            for (int j = s - 1; j >= first; j--) {
                Stage st = stages.get(j);
                if (st instanceof ParameterStage ps) {
                    int off = net.parameterOffset(j);
                    int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
                    for (int t = 0; t < to.length; t++) {
                        acc[off + tp[t]] += hin[j][ti[t]] * d[to[t]] + g[j][to[t]] * dh[j][ti[t]];
                    }
                    int[] bo = ps.biasOut(), bp = ps.biasParam();
                    for (int t = 0; t < bo.length; t++) {
                        acc[off + bp[t]] += unit[j] * d[bo[t]];
                    }
                    if (j == first) {
                        break;
                    }
                }
                d = back(st, j, net, theta, d, mask[j], g[j], st instanceof ParameterStage ? new double[0] : null);
            }
        }
        for (int a = 0; a < p; a++) {
            acc[a] *= BoundArith.SLACK * BoundArith.SLACK;
        }
        return acc;
    }

    /** Signal before stage j from the signal after it; with {@code vg} non-null, adds Vᵀg for V = 1. */
    private static double[] back(Stage st, int j, LoweredNetwork net, double[] theta, double[] cur, double[] mask,
            double[] g, double[] vg) {
        double[] prev = new double[st.inSize()];
        if (st instanceof ParameterStage ps) {
            int off = net.parameterOffset(j);
            int[] to = ps.termOut(), ti = ps.termIn(), tp = ps.termParam();
            for (int t = 0; t < to.length; t++) {
                prev[ti[t]] += theta[off + tp[t]] * cur[to[t]] + (vg != null ? g[to[t]] : 0);
            }
        } else if (st instanceof FixedLinearStage f) {
            int[] fo = f.out(), fi = f.in();
            long[] num = f.numerator();
            for (int t = 0; t < fo.length; t++) {
                prev[fi[t]] += Math.abs((double) num[t]) * BoundArith.SLACK * cur[fo[t]];
            }
        } else {
            for (int u = 0; u < prev.length; u++) {
                prev[u] = cur[u] * mask[u];
            }
        }
        return prev;
    }

    private static double[] forward(Stage st, int j, double[] x, double[] mask) {
        double[] y = new double[st.outSize()];
        if (st instanceof FixedLinearStage f) {
            int[] fo = f.out(), fi = f.in();
            long[] num = f.numerator();
            for (int t = 0; t < fo.length; t++) {
                y[fo[t]] += Math.abs((double) num[t]) * BoundArith.SLACK * x[fi[t]];
            }
        } else {
            ActivationStage a = (ActivationStage) st;
            for (int u = 0; u < a.size(); u++) {
                y[u] = x[u] * mask[u];
            }
        }
        return y;
    }

    private static double[] abs(BigInteger[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = Math.abs(v[k].doubleValue()) * BoundArith.SLACK;
        }
        return out;
    }
}
