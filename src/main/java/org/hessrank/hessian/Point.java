package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.hessrank.exact.IntegerMatrix;

/**
 * A point at which Hessians are built: integer parameters θ (length p), the frozen weights φ of
 * the network's frozen layers (often none), inputs X (N samples × input size, one sample per row)
 * and targets Y (N × output size), all exact.
 *
 * <p>Targets are {@code targetNumerators / targetDenominator}. The denominator is 1 except for
 * {@link PointOptions.Targets#INTERPOLATE} points of networks with rational coefficients (average
 * pooling, leaky-ReLU slopes), where Y = F(X) is rational; the Hessian builders absorb it into
 * their integer scale (see {@link Hessians}).
 *
 * <p>A drawn point also records the options it was drawn with, the number of redraws caused by
 * zero pre-activations and the seed of the accepted draw. Immutable: factories copy their input
 * and accessors return copies or immutable values.
 */
public final class Point {
    private final BigInteger[] theta;
    private final BigInteger[] frozen;
    private final IntegerMatrix inputs;
    private final IntegerMatrix targetNumerators;
    private final BigInteger targetDenominator;
    private final PointOptions options;
    private final int redraws;
    private final long drawSeed;

    private Point(BigInteger[] theta, BigInteger[] frozen, IntegerMatrix inputs, IntegerMatrix targetNumerators,
            BigInteger targetDenominator, PointOptions options, int redraws, long drawSeed) {
        this.theta = theta;
        this.frozen = frozen;
        this.inputs = inputs;
        this.targetNumerators = targetNumerators;
        this.targetDenominator = targetDenominator;
        this.options = options;
        this.redraws = redraws;
        this.drawSeed = drawSeed;
    }

    /**
     * A hand-made point with integer targets.
     *
     * @throws IllegalArgumentException if X and Y have different numbers of rows
     */
    public static Point of(BigInteger[] theta, IntegerMatrix inputs, IntegerMatrix targets) {
        return of(theta, inputs, targets, BigInteger.ONE);
    }

    /**
     * A hand-made point with targets {@code targetNumerators / targetDenominator}.
     *
     * @throws IllegalArgumentException if X and Y have different numbers of rows or the
     *     denominator is not positive
     */
    public static Point of(BigInteger[] theta, IntegerMatrix inputs, IntegerMatrix targetNumerators,
            BigInteger targetDenominator) {
        return create(theta, new BigInteger[0], inputs, targetNumerators, targetDenominator, null, 0, 0L);
    }

    /**
     * A hand-made point of a network with frozen layers: θ, the frozen weights φ (in the order of
     * the network's frozen layers, each row-major then its bias), X and integer targets.
     *
     * @throws IllegalArgumentException if X and Y have different numbers of rows
     */
    public static Point of(BigInteger[] theta, BigInteger[] frozen, IntegerMatrix inputs, IntegerMatrix targets) {
        return create(theta, frozen, inputs, targets, BigInteger.ONE, null, 0, 0L);
    }

    static Point create(BigInteger[] theta, BigInteger[] frozen, IntegerMatrix inputs, IntegerMatrix targetNumerators,
            BigInteger targetDenominator, PointOptions options, int redraws, long drawSeed) {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(frozen, "frozen");
        BigInteger[] f = frozen.clone();
        for (int k = 0; k < f.length; k++) {
            if (f[k] == null) {
                throw new NullPointerException("frozen[" + k + "] is null");
            }
        }
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targetNumerators, "targets");
        Objects.requireNonNull(targetDenominator, "targetDenominator");
        BigInteger[] t = theta.clone();
        for (int k = 0; k < t.length; k++) {
            if (t[k] == null) {
                throw new NullPointerException("theta[" + k + "] is null");
            }
        }
        if (inputs.rows() != targetNumerators.rows()) {
            throw new IllegalArgumentException("targets rows (" + targetNumerators.rows()
                    + ") must equal inputs rows (" + inputs.rows() + ")");
        }
        if (targetDenominator.signum() <= 0) {
            throw new IllegalArgumentException("targetDenominator (" + targetDenominator + ") must be > 0");
        }
        return new Point(t, f, inputs, targetNumerators, targetDenominator, options, redraws, drawSeed);
    }

    /** θ (a copy). */
    public BigInteger[] theta() {
        return theta.clone();
    }

    /** θ_k. */
    public BigInteger theta(int k) {
        return theta[k];
    }

    public int parameterCount() {
        return theta.length;
    }

    /** φ, the frozen weights (a copy; empty for networks without frozen layers). */
    public BigInteger[] frozen() {
        return frozen.clone();
    }

    /** θ ++ φ: the array every forward pass indexes (frozen stages sit at offset p + their place in φ). */
    BigInteger[] weights() {
        return weights(theta, frozen);
    }

    /** θ ++ φ as one new array. */
    static BigInteger[] weights(BigInteger[] theta, BigInteger[] frozen) {
        BigInteger[] w = Arrays.copyOf(theta, theta.length + frozen.length);
        System.arraycopy(frozen, 0, w, theta.length, frozen.length);
        return w;
    }

    /** X, N × inputSize. */
    public IntegerMatrix inputs() {
        return inputs;
    }

    /** N. */
    public int samples() {
        return inputs.rows();
    }

    /** The numerators of Y, N × outputSize. Equal to Y when {@link #targetDenominator()} is 1. */
    public IntegerMatrix targets() {
        return targetNumerators;
    }

    /** The common positive denominator of Y (1 unless interpolating through rational coefficients). */
    public BigInteger targetDenominator() {
        return targetDenominator;
    }

    /** The options this point was drawn with; empty for hand-made points. */
    public Optional<PointOptions> options() {
        return Optional.ofNullable(options);
    }

    /** How many draws were rejected for a zero ReLU / leaky-ReLU pre-activation. */
    public int redraws() {
        return redraws;
    }

    /**
     * The seed of the accepted draw: the options' seed when {@link #redraws()} is 0, otherwise
     * the derived seed (see {@link Points}). 0 for hand-made points.
     */
    public long drawSeed() {
        return drawSeed;
    }

    /** A copy with θ replaced (same X, Y; no draw record). */
    public Point withTheta(BigInteger[] newTheta) {
        return create(newTheta, frozen, inputs, targetNumerators, targetDenominator, null, 0, 0L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point q && Arrays.equals(theta, q.theta) && Arrays.equals(frozen, q.frozen)
                && inputs.equals(q.inputs)
                && targetNumerators.equals(q.targetNumerators) && targetDenominator.equals(q.targetDenominator)
                && Objects.equals(options, q.options) && redraws == q.redraws && drawSeed == q.drawSeed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(theta), Arrays.hashCode(frozen), inputs, targetNumerators, targetDenominator, options, redraws,
                drawSeed);
    }

    @Override
    public String toString() {
        return "Point[p=" + theta.length + (frozen.length == 0 ? "" : ", frozen=" + frozen.length) + ", N=" + inputs.rows() + ", d=" + inputs.cols() + ", K="
                + targetNumerators.cols() + (options == null ? ", hand-made" : ", seed=" + options.seed())
                + (redraws == 0 ? "" : ", redraws=" + redraws) + "]";
    }
}
