package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.net.LoweredNetwork;

/**
 * Builders of the MSE loss Hessian parts H_O, H_F, H_L at a point, exactly over ℤ and mod a prime,
 * by one algorithm ({@link HessianAlgorithm}) written over every number system ({@link Ring}).
 *
 * <p><b>Loss and factors.</b> ℓ(θ) = ½ Σ_i ||F(x_i) − y_i||² (docs/theorems.md, "Setting"). Then
 * H_O = Σ_i J_iᵀJ_i and H_F = Σ_i Σ_c (F_c(x_i) − y_ic)·∇²F_c(x_i) exactly, with no further
 * factor: the ½ cancels against the square, and the papers' 1/N (mean instead of sum) is dropped
 * because a positive constant changes no rank.
 *
 * <p><b>Integer scaling.</b> Average pooling (denominator s²) and leaky-ReLU slopes (num/den)
 * have rational coefficients. The builders multiply each fixed linear stage by its denominator
 * and each (leaky) ReLU by its slope denominator (mask entries den on the active side, num on
 * the negative side); a bias entering after such stages is multiplied by the product of their
 * factors. The network output then becomes c·F for a constant integer c ≥ 1, where c is the
 * product of all these factors, times the smallest factor that clears the targets' denominator.
 * Hence (c·J) is an integer matrix, and the builders return
 * <pre>
 *   o = c²·H_O = (cJ)ᵀ(cJ),   f = c²·H_F = Σ_i Σ_c (c·F_c − c·y_ic)·∇²(c·F_c),   l = o + f,
 * </pre>
 * all integers, recording c as {@link HessianParts#scale()}. Ranks are unchanged.
 *
 * <p><b>Activations.</b> ReLU masks are fixed at the point (the exact forward pass decides
 * them); a pre-activation exactly 0 makes the point non-differentiable and the builders throw
 * {@link IllegalStateException} naming the sample, stage and unit. Tanh and sigmoid are refused
 * with {@link IllegalArgumentException}.
 *
 * <p><b>Costs</b> (p parameters, N samples, K outputs, T = total number of terms of all stages):
 * forward pass O(N·T) big-integer operations; Jacobian O(N·K·T); H_O O(N·K·p²/2) multiply-adds;
 * H_F O(N·Σ_l p_l·T_{&gt;l}) multiply-adds, where T_{&gt;l} counts the terms after parameter stage
 * l (about N·p·T). Memory O(p² + N·K·p). The modular path does the same operations on
 * {@code long} residues; H_O uses both cores. Nothing passed in is modified.
 */
public final class Hessians {
    private Hessians() {
    }

    /**
     * The exact integer parts c²·H_O, c²·H_F, c²·H_L.
     *
     * @throws IllegalArgumentException if the network has tanh/sigmoid or the point does not fit it
     * @throws IllegalStateException if a ReLU / leaky-ReLU pre-activation is exactly 0
     */
    public static ExactHessians exact(LoweredNetwork net, Point point) {
        return EvaluatedPoint.of(net, checkDense(net, point)).exact();
    }

    /**
     * The parts c²·H_O, c²·H_F, c²·H_L reduced mod {@code modulus}. Equal to
     * {@link #exact} reduced mod p, at a fraction of the cost.
     *
     * @throws IllegalArgumentException if the network has tanh/sigmoid or the point does not fit it
     * @throws IllegalStateException if a ReLU / leaky-ReLU pre-activation is exactly 0
     */
    public static ModularHessians modular(LoweredNetwork net, Point point, Modulus modulus) {
        Objects.requireNonNull(modulus, "modulus");
        return EvaluatedPoint.of(net, checkDense(net, point)).modular(modulus);
    }

    /**
     * log2 of a bound on the absolute value of every minor of c²·H_O, c²·H_F and c²·H_L (in that
     * order). It feeds the failure probability of a modular rank, which needs no exact Hessian.
     *
     * <p>Method: the Jacobian and H_F are recomputed on absolute values in double precision
     * (see {@link BoundRing}), which bounds every entry. Row a of H_O = JᵀJ has norm at most
     * ‖J_a‖·‖J‖_F (Cauchy–Schwarz on its entries), so JᵀJ itself is never formed; rows of H_L are
     * bounded by the sum of the two. Hadamard's inequality then bounds every minor by the product
     * of the row bounds (each taken as at least 1). Cost: about that of the Jacobian plus H_F mod p.
     */
    public static double[] log2MinorBounds(LoweredNetwork net, Point point) {
        return EvaluatedPoint.of(net, checkDense(net, point)).log2MinorBounds();
    }

    /** c·J: N·K rows (row i·K + c is ∂F_c(x_i)/∂θ, times the scale) by p columns. */
    public static IntegerMatrix jacobian(LoweredNetwork net, Point point) {
        return EvaluatedPoint.of(net, checkJacobian(net, point)).jacobian();
    }

    /**
     * c·J mod p (see {@link #jacobian(LoweredNetwork, Point)}), for any p: only the N·K × p
     * Jacobian must fit one array (no dense-Hessian limit).
     *
     * @throws IllegalArgumentException if N·K·p ≥ 2^31 or the point does not fit the network
     */
    public static ModularMatrix jacobian(LoweredNetwork net, Point point, Modulus modulus) {
        return EvaluatedPoint.of(net, checkJacobian(net, point)).jacobian(modulus);
    }

    /**
     * log₂ of an upper bound on every |entry| of c·J: the Jacobian computed on absolute values in
     * double precision with rounding slack ({@link BoundRing}). Cost O(N·K·T).
     */
    public static double log2JacobianEntryBound(LoweredNetwork net, Point point) {
        return EvaluatedPoint.of(net, checkJacobian(net, point)).log2JacobianEntryBound();
    }

    /** The one algorithm in {@code ring} at the point of {@code ev}, residual signals computed. */
    static <V> HessianAlgorithm<V> algorithm(Ring<V> ring, Evaluation ev, Point point) {
        return HessianAlgorithm.exact(ring, ev, point.weights(), residuals(ev, point));
    }


    /** The point, after the size checks of the Jacobian (before any forward pass). */
    private static Point checkJacobian(LoweredNetwork net, Point point) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        checkJacobianSize(point.samples(), net.outputSize(), net.parameterCount());
        return point;
    }

    /** The point, after the size checks of the dense parts (before any forward pass). */
    private static Point checkDense(LoweredNetwork net, Point point) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        Evaluation.checkShapes(net, point.theta(), point.frozen(), point.inputs());
        checkDenseSize(net.parameterCount(), point.samples(), net.outputSize());
        return point;
    }

    /** The N·K × p Jacobian must fit one Java array. */
    static void checkJacobianSize(int samples, int outputs, int p) {
        if ((long) samples * outputs * p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Jacobian size N*K*p (%d*%d*%d) must be < 2^31 entries", samples, outputs, p));
        }
    }

    /**
     * Refuses a network whose Hessians are not exact over ℚ (a tanh or sigmoid activation), as
     * every exact Hessian here does; cost O(stages).
     *
     * @throws IllegalArgumentException naming the first such activation and its stage
     */
    public static void requireExact(LoweredNetwork net) {
        ScaledNetwork.checkExact(net);
    }

    /** c·F(X): N × K, row i the scaled output at sample i. Cost O(N·T). */
    public static IntegerMatrix forward(LoweredNetwork net, Point point) {
        return EvaluatedPoint.of(net, point).forward();
    }

    /** The scale c used for this network and point (see the class comment). */
    public static BigInteger scale(LoweredNetwork net, Point point) {
        ScaledNetwork sn = ScaledNetwork.of(net);
        return sn.scales(inputScale(sn, point)).output();
    }

    /**
     * The smallest input scale u found so that the output scale clears the targets' denominator
     * (c·y integral): u = den/gcd(den, c) for a network homogeneous in its input, raised further
     * when a polynomial stage makes the output scale grow faster than u.
     */
    private static BigInteger inputScale(ScaledNetwork sn, Point point) {
        BigInteger den = point.targetDenominator();
        BigInteger u = den.divide(den.gcd(sn.scale));
        for (int round = 0; round < 64; round++) {
            BigInteger missing = den.divide(den.gcd(sn.scales(u).output()));
            if (missing.equals(BigInteger.ONE)) {
                return u;
            }
            u = u.multiply(missing);
        }
        throw new IllegalStateException("no input scale clears the target denominator " + den);
    }

    static Evaluation evaluate(LoweredNetwork net, Point point) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        Evaluation.checkShapes(net, point.theta(), point.frozen(), point.inputs());
        checkDenseSize(net.parameterCount(), point.samples(), net.outputSize());
        return evaluateAnySize(net, point);
    }

    /**
     * The exact forward pass at the point, for any parameter count (the matrix-free path, the
     * Jacobian and the outputs need no p × p array).
     *
     * @throws IllegalArgumentException if the point does not fit the network
     * @throws IllegalStateException if a ReLU pre-activation is exactly 0 at the point
     */
    static Evaluation evaluateAnySize(LoweredNetwork net, Point point) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(point, "point");
        ScaledNetwork sn = ScaledNetwork.of(net);
        Evaluation.checkShapes(net, point.theta(), point.frozen(), point.inputs());
        if (point.targets().cols() != net.outputSize()) {
            throw new IllegalArgumentException("point target size (" + point.targets().cols()
                    + ") must equal the network's output size (" + net.outputSize() + ")");
        }
        Limits.requireValueBits(net, largestEntry(point));
        Evaluation ev = Evaluation.of(sn, point.weights(), point.inputs(), inputScale(sn, point));
        if (ev.zeroHit != null) {
            throw new IllegalStateException(ev.zeroHit.message());
        }
        return ev;
    }

    /** max(1, |θ|, |φ|, |X|) over every entry of the point. */
    static BigInteger largestEntry(Point point) {
        BigInteger m = BigInteger.ONE;
        for (BigInteger v : point.weights()) {
            m = m.max(v.abs());
        }
        IntegerMatrix x = point.inputs();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                m = m.max(x.get(i, j).abs());
            }
        }
        return m;
    }

    /** The largest p whose dense p × p Hessian fits one Java array (p² &lt; 2^31). */
    public static final int MAX_DENSE_PARAMETERS = 46_340;

    static void checkDenseSize(int p, int n, int k) {
        if (p > MAX_DENSE_PARAMETERS) {
            throw new IllegalArgumentException("parameter count (" + p + ") must be <= " + MAX_DENSE_PARAMETERS
                    + " for a dense Hessian (p² = " + (long) p * p + " entries, about "
                    + ((long) p * p * 8 * 3 >> 30) + " GiB per three parts mod p)");
        }
        if ((long) n * k * p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Jacobian size N·K·p (" + n + "·" + k + "·" + p
                    + ") must be < 2^31 entries");
        }
    }

    /** r_i = c·F(x_i) − c·y_i, exact integers (c·y is integral by the choice of c). */
    static BigInteger[][] residuals(Evaluation ev, Point point) {
        BigInteger factor = ev.totalScale.divide(point.targetDenominator());
        int k = point.targets().cols();
        BigInteger[][] r = new BigInteger[ev.samples()][k];
        for (int i = 0; i < r.length; i++) {
            for (int c = 0; c < k; c++) {
                r[i][c] = ev.outputs[i][c].subtract(factor.multiply(point.targets().get(i, c)));
            }
        }
        return r;
    }
}
