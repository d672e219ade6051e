package org.hessrank.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.RankEngine;
import org.hessrank.hessian.EvaluatedPoint;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.ModularMatrix;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.LoweredNetwork;

/**
 * Computes the exact facts of a point that the statements use ({@link Instance}).
 *
 * <p>Every rank is exact and deterministic ({@link MultiModularRank}: multi-modular up to the
 * Hadamard bound). The facts:
 * <ul>
 *   <li>{@code r = rank X}, {@code r̃ = rank [X | 1]} (X is N × d, one sample per row);</li>
 *   <li>the residual {@code R = F(X) − Y} (exact, through {@link EvaluatedPoint#forward} and the point's
 *       integer scale), its rank, and the rank of {@code Ω = Rᵀ X} (K × d);</li>
 *   <li>whether the loss gradient {@code g = Jᵀ vec(R)} is exactly 0: first mod a fixed 61-bit prime
 *       (a nonzero residue proves {@code g ≠ 0}), and only if every residue is 0 over ℤ;</li>
 *   <li>for a one-hidden-ReLU-layer net ({@link Families#oneHiddenRelu}), the ranks
 *       {@code rank X_{A_m}} of the rows of X on which hidden unit m is active;</li>
 *   <li>the parameter layers whose weights (biases excluded) are all 0.</li>
 * </ul>
 *
 * <p>Cost: one exact forward pass O(N·T) (T the network's terms), ranks of N × d matrices, one
 * Jacobian mod p O(N·K·T), and for ReLU nets M ranks of at most N × d. Nothing passed in is
 * modified.
 */
public final class Instances {
    private static final long RANK_SEED = 0x7E0_5EEDL;
    /** A fixed 61-bit prime for the gradient test (2^61 − 1). */
    private static final Modulus GRADIENT_PRIME = Modulus.of((1L << 61) - 1);

    private Instances() {
    }

    /**
     * The exact facts of {@code point} for {@code architecture}.
     *
     * @throws IllegalArgumentException if the point does not fit the architecture, or the network
     *     has no exact forward pass (tanh, sigmoid)
     * @throws IllegalStateException if a ReLU / leaky-ReLU pre-activation is exactly 0 at the point
     */
    public static Instance of(Architecture architecture, Point point) {
        Objects.requireNonNull(architecture, "architecture");
        return of(architecture, architecture.lower(), point);
    }

    /**
     * As {@link #of(Architecture, Point)}, with the architecture already lowered ({@code net} must be
     * {@code architecture.lower()}): callers that measure several points lower it once.
     */
    public static Instance of(Architecture architecture, LoweredNetwork net, Point point) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        return of(architecture, EvaluatedPoint.of(net, point));
    }

    /**
     * As {@link #of(Architecture, Point)}, at a point already evaluated ({@code at.network()} must be
     * {@code architecture.lower()}): the forward pass the Hessians were built from serves the facts.
     */
    public static Instance of(Architecture architecture, EvaluatedPoint at) {
        Objects.requireNonNull(architecture, "architecture");
        Point point = at.point();
        IntegerMatrix x = point.inputs();
        int n = x.rows();
        int d = x.cols();
        if (d != architecture.input().size()) {
            throw new IllegalArgumentException("point input size (" + d + ") must equal the architecture's input size ("
                    + architecture.input().size() + ")");
        }
        int r = rank(x);
        int rt = rank(appendOnes(x));
        IntegerMatrix residual = residual(at);
        int residualRank = rank(residual);
        int omegaRank = rank(residual.transpose().multiply(x));
        boolean gradientZero = gradientZero(at, residual);
        List<Integer> active = activeRanks(architecture, point);
        return new Instance(architecture, n, r, rt, residualRank, OptionalInt.of(omegaRank), active,
                zeroWeightLayers(architecture, point), gradientZero, activeResidualsGeneric(architecture, point,
                        residual));
    }

    /** The exact rank of {@code m} (deterministic multi-modular). */
    static int rank(IntegerMatrix m) {
        if (m.rows() == 0 || m.cols() == 0) {
            return 0;
        }
        RankEngine engine = MultiModularRank.of(RANK_SEED);
        return engine.rank(m).rank();
    }

    private static IntegerMatrix appendOnes(IntegerMatrix x) {
        BigInteger[][] a = new BigInteger[x.rows()][x.cols() + 1];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                a[i][j] = x.get(i, j);
            }
            a[i][x.cols()] = BigInteger.ONE;
        }
        return IntegerMatrix.of(a);
    }

    /** c·(F(X) − Y), N × K, an integer matrix (c the point's scale; see {@link Hessians}). */
    static IntegerMatrix residual(EvaluatedPoint at) {
        Point point = at.point();
        IntegerMatrix cf = at.forward();
        BigInteger c = at.scale();
        BigInteger factor = c.divide(point.targetDenominator());
        IntegerMatrix y = point.targets();
        BigInteger[][] r = new BigInteger[cf.rows()][cf.cols()];
        for (int i = 0; i < cf.rows(); i++) {
            for (int k = 0; k < cf.cols(); k++) {
                r[i][k] = cf.get(i, k).subtract(factor.multiply(y.get(i, k)));
            }
        }
        return IntegerMatrix.of(r);
    }

    private static boolean gradientZero(EvaluatedPoint at, IntegerMatrix residual) {
        int rows = residual.rows() * residual.cols();
        if (residual.rows() == 0 || isZero(residual)) {
            return true;
        }
        ModularMatrix j = at.jacobian(GRADIENT_PRIME);
        long[] rr = residual.residues(GRADIENT_PRIME.value()); // row-major: index i·K + c, as J's rows
        for (int col = 0; col < j.cols(); col++) {
            long acc = 0;
            for (int row = 0; row < rows; row++) {
                acc = GRADIENT_PRIME.add(acc, GRADIENT_PRIME.multiply(j.get(row, col), rr[row]));
            }
            if (acc != 0) {
                return false;
            }
        }
        IntegerMatrix exact = at.jacobian();
        for (int col = 0; col < exact.cols(); col++) {
            BigInteger acc = BigInteger.ZERO;
            for (int row = 0; row < rows; row++) {
                acc = acc.add(exact.get(row, col).multiply(residual.get(row / residual.cols(), row % residual.cols())));
            }
            if (acc.signum() != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(IntegerMatrix m) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (m.get(i, j).signum() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * For a one-hidden-ReLU-layer net, the sample indices of each active set A_m (hidden unit m
     * positive); empty for other nets.
     *
     * @throws IllegalStateException if a pre-activation is exactly 0
     */
    static List<int[]> activeSets(Architecture a, Point point) {
        Optional<Families.Relu1> relu = Families.oneHiddenRelu(a);
        if (relu.isEmpty()) {
            return List.of();
        }
        int first = 1;
        while (!a.layer(first).hasParameters()) {
            first++;
        }
        int off = a.parameterOffset(first);
        IntegerMatrix x = point.inputs();
        int d = x.cols();
        List<int[]> out = new ArrayList<>();
        for (int m = 0; m < relu.get().hidden(); m++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < x.rows(); i++) {
                BigInteger pre = BigInteger.ZERO;
                for (int c = 0; c < d; c++) {
                    pre = pre.add(point.theta(off + m * d + c).multiply(x.get(i, c)));
                }
                if (pre.signum() == 0) {
                    throw new IllegalStateException("sample " + i + ", hidden unit " + m
                            + ": pre-activation is exactly 0 (the loss is not twice differentiable there)");
                }
                if (pre.signum() > 0) {
                    rows.add(i);
                }
            }
            out.add(rows.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** {@code rank X_{A_m}} per hidden unit m of a one-hidden-ReLU-layer net; empty for other nets. */
    static List<Integer> activeRanks(Architecture a, Point point) {
        IntegerMatrix x = point.inputs();
        List<Integer> out = new ArrayList<>();
        for (int[] rows : activeSets(a, point)) {
            out.add(rows.length == 0 ? 0 : rank(x.submatrix(rows, range(x.cols()))));
        }
        return out;
    }

    /**
     * For a one-hidden-ReLU-layer net: whether every active set's residual block R_{A_m} has rank
     * min(|A_m|, K); true for other nets.
     */
    static boolean activeResidualsGeneric(Architecture a, Point point, IntegerMatrix residual) {
        int k = residual.cols();
        for (int[] rows : activeSets(a, point)) {
            if (rows.length > 0 && rank(residual.submatrix(rows, range(k))) < Math.min(rows.length, k)) {
                return false;
            }
        }
        return true;
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int c = 0; c < n; c++) {
            all[c] = c;
        }
        return all;
    }

    /** The parameter layers (from 1) whose weights, biases excluded, are all 0 at the point. */
    static List<Integer> zeroWeightLayers(Architecture a, Point point) {
        if (point.parameterCount() != a.parameterCount()) {
            throw new IllegalArgumentException("point parameter count (" + point.parameterCount()
                    + ") must equal the architecture's (" + a.parameterCount() + ")");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= a.layerCount(); i++) {
            Layer l = a.layer(i);
            if (!l.hasParameters()) {
                continue;
            }
            int weights = a.parameterCount(i) - biasCount(a, i);
            int off = a.parameterOffset(i);
            boolean zero = true;
            for (int t = 0; t < weights && zero; t++) {
                zero = point.theta(off + t).signum() == 0;
            }
            if (zero) {
                out.add(i);
            }
        }
        return out;
    }

    /** The number of biases of parameter layer {@code i} (they follow its weights). */
    static int biasCount(Architecture a, int i) {
        Layer l = a.layer(i);
        if (l instanceof Layer.Dense d) {
            return d.bias() ? d.units() : 0;
        } else if (l instanceof Layer.Conv c) {
            return c.bias() ? c.channels() : 0;
        } else if (l instanceof Layer.Local lc) {
            return lc.bias() ? lc.channels() * a.shape(i).length() : 0;
        }
        return 0;
    }
}
