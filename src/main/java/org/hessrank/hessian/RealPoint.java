package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * The real-valued point that the papers' float64 pipeline would see, made from an integer
 * {@link Point} drawn in [−R, R]: θ·α/R, X/R, Y/R with α = 2^a a weight scale. Entries then lie
 * in [−α, α] and [−1, 1], like the O(1) Gaussian draws of [NBH21]'s code, instead of the ±2^20
 * integers the exact path uses. With the default R = 2^20 the point is exactly representable in
 * float64 (an integer below 2^53 times a power of two), so the float64 path's only errors are
 * those of computing the Hessian and its SVD.
 *
 * <p><b>Its exact rank.</b> The Hessians at this rational point have the same ranks as the
 * integer Hessians at {@link #equivalentIntegerPoint(LoweredNetwork)}, which the exact paths
 * compute. Derivation (positively homogeneous networks: linear, ReLU, leaky ReLU, pooling; MSE):
 * write stage j's weights as (α/R)·w_j, its bias as (α/R)·β_j and the input as ξ/R. With
 * t_j = α^j / R^(j+1) for the j-th parameter stage (1-based), induction over the stages gives
 * F(ξ/R; θ) = t_L·F(ξ; w, β̃) with β̃_j = (R^j / α^(j−1))·β_j, because every activation
 * commutes with positive scalars. The loss is then
 * ½Σ||t_L·F(ξ; w, β̃) − η/R||² = t_L²·½Σ||F(ξ; w, β̃) − ỹ||², ỹ = η·R^L/α^L. As a function of
 * θ it is t_L² times the loss at (w, β̃) = D⁻¹θ for a fixed invertible diagonal D, so each
 * Hessian part at θ equals t_L²·D⁻ᵀ·(that part at the integer point)·D⁻¹: same rank for H_O, H_F
 * and H_L. The integer point has the same θ except that biases of the j-th parameter stage are
 * multiplied by R^j/α^(j−1), the same X, and targets η·R^L/α^L (a rational target
 * denominator is allowed). Immutable.
 */
public final class RealPoint {
    private final Point point;
    private final long range;
    private final int weightScaleLog2;

    private RealPoint(Point point, long range, int weightScaleLog2) {
        this.point = point;
        this.range = range;
        this.weightScaleLog2 = weightScaleLog2;
    }

    /**
     * @param point the integer point (entries in [−range, range])
     * @param range R ≥ 1, the divisor
     * @param weightScaleLog2 a, with α = 2^a multiplying every parameter; |a| ≤ 60
     * @throws IllegalArgumentException if range &lt; 1 or |a| &gt; 60
     */
    public static RealPoint of(Point point, long range, int weightScaleLog2) {
        Objects.requireNonNull(point, "point");
        if (range < 1) {
            throw new IllegalArgumentException("range (" + range + ") must be >= 1");
        }
        if (Math.abs(weightScaleLog2) > 60) {
            throw new IllegalArgumentException("weight scale log2 (" + weightScaleLog2 + ") must be in [-60, 60]");
        }
        return new RealPoint(point, range, weightScaleLog2);
    }

    /**
     * The real point of {@code net} at {@code point}: divided by {@code range}, weights times
     * 2^a, for a homogeneous chain; the integer point itself (R = 1) for any other network (blocks,
     * products, polynomials, frozen layers), whose ranks a division would change.
     *
     * @throws IllegalArgumentException if a weight scale is asked for such a network
     */
    public static RealPoint of(LoweredNetwork net, Point point, long range, int weightScaleLog2) {
        if (net.isHomogeneousChain()) {
            return of(point, range, weightScaleLog2);
        }
        if (weightScaleLog2 != 0) {
            throw new IllegalArgumentException("weight scale (2^" + weightScaleLog2 + ") applies to homogeneous chains"
                    + " only: the real point of a network with blocks, products, polynomials or frozen layers is the"
                    + " integer point itself");
        }
        return of(point, 1, 0);
    }

    /**
     * The point drawn with {@code options}, divided by its range, weight scale 1; for a network
     * that is not a homogeneous chain (blocks, products, polynomials, frozen layers) the integer
     * point itself (range 1), the only real point whose exact ranks the exact paths give.
     */
    public static RealPoint draw(LoweredNetwork net, PointOptions options) {
        return of(net, Points.draw(net, options), options.range(), 0);
    }

    public Point integerPoint() {
        return point;
    }

    public long range() {
        return range;
    }

    public int weightScaleLog2() {
        return weightScaleLog2;
    }

    /** α·θ_k/R as numerator and denominator. */
    BigInteger[] theta(int k) {
        return scaled(point.theta(k));
    }

    private BigInteger[] scaled(BigInteger num) {
        BigInteger den = BigInteger.valueOf(range);
        if (weightScaleLog2 >= 0) {
            num = num.shiftLeft(weightScaleLog2);
        } else {
            den = den.shiftLeft(-weightScaleLog2);
        }
        return new BigInteger[] {num, den};
    }

    /**
     * The point in a real number system: {θ ++ φ (1 × (p + f)), X (N × d), Y (N × K)}, each entry
     * rounded once; the frozen weights φ are scaled as θ is.
     */
    <T> T[][][] convert(Reals<T> re) {
        int p = point.parameterCount();
        BigInteger[] frozen = point.frozen();
        T[][][] out = re.blocks(3);
        T[] th = re.zeros(p + frozen.length);
        for (int j = 0; j < p + frozen.length; j++) {
            BigInteger[] r = scaled(j < p ? point.theta(j) : frozen[j - p]);
            th[j] = re.ratio(r[0], r[1]);
        }
        T[][] wrap = re.rows(1);
        wrap[0] = th;
        out[0] = wrap;
        out[1] = matrix(re, point.inputs(), BigInteger.valueOf(range));
        out[2] = matrix(re, point.targets(), BigInteger.valueOf(range).multiply(point.targetDenominator()));
        return out;
    }

    private static <T> T[][] matrix(Reals<T> re, IntegerMatrix m, BigInteger den) {
        T[][] a = re.rows(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            T[] row = re.zeros(m.cols());
            for (int j = 0; j < m.cols(); j++) {
                row[j] = re.ratio(m.get(i, j), den);
            }
            a[i] = row;
        }
        return a;
    }

    /**
     * The integer point whose exact Hessian parts have the same ranks as the Hessian parts at
     * this real point (see the class comment): biases of the j-th parameter stage times
     * R^j/α^(j−1), targets times R^L/α^L.
     *
     * @throws IllegalArgumentException if a scaled bias is not an integer (a weight scale above
     *     the powers of two in R, with biases)
     */
    public Point equivalentIntegerPoint(LoweredNetwork net) {
        Objects.requireNonNull(net, "network");
        if (!net.isHomogeneousChain() && (range != 1 || weightScaleLog2 != 0)) {
            throw new IllegalArgumentException("range (" + range + ") and weight scale (2^" + weightScaleLog2
                    + ") must be 1 for a network that is not a homogeneous chain (blocks, products, polynomials or"
                    + " frozen layers): its real point is the integer point itself");
        }
        if (!net.isHomogeneousChain()) {
            return point;
        }
        if (net.parameterCount() != point.parameterCount()) {
            throw new IllegalArgumentException("point parameter count (" + point.parameterCount()
                    + ") must equal the network's parameter count (" + net.parameterCount() + ")");
        }
        BigInteger r = BigInteger.valueOf(range);
        BigInteger[] theta = point.theta();
        int j = 0;
        for (int s = 0; s < net.stages().size(); s++) {
            Stage st = net.stages().get(s);
            if (!(st instanceof ParameterStage ps)) {
                continue;
            }
            j++;
            // R^j / 2^(a(j−1))
            BigInteger num = r.pow(j);
            BigInteger den = BigInteger.ONE;
            long shift = (long) weightScaleLog2 * (j - 1);
            if (shift >= 0) {
                den = den.shiftLeft((int) shift);
            } else {
                num = num.shiftLeft((int) -shift);
            }
            int off = net.parameterOffset(s);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int b : ps.biasParam()) {
                if (!seen.add(b)) {
                    continue;
                }
                BigInteger[] qr = theta[off + b].multiply(num).divideAndRemainder(den);
                if (qr[1].signum() != 0) {
                    throw new IllegalArgumentException("weight scale 2^" + weightScaleLog2 + " with range " + range
                            + ": bias " + (off + b) + " scaled by R^" + j + "/2^" + shift
                            + " is not an integer; use a smaller weight scale or a range divisible by 2^"
                            + weightScaleLog2);
                }
                theta[off + b] = qr[0];
            }
        }
        int layers = j;
        BigInteger tNum = r.pow(layers);
        BigInteger tDen = point.targetDenominator();
        long shift = (long) weightScaleLog2 * layers;
        if (shift >= 0) {
            tDen = tDen.shiftLeft((int) shift);
        } else {
            tNum = tNum.shiftLeft((int) -shift);
        }
        IntegerMatrix y = point.targets();
        BigInteger[] ys = new BigInteger[y.rows() * y.cols()];
        for (int i = 0; i < y.rows(); i++) {
            for (int c = 0; c < y.cols(); c++) {
                ys[i * y.cols() + c] = y.get(i, c).multiply(tNum);
            }
        }
        BigInteger g = tDen;
        for (BigInteger v : ys) {
            g = g.gcd(v);
        }
        if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
            for (int i = 0; i < ys.length; i++) {
                ys[i] = ys[i].divide(g);
            }
            tDen = tDen.divide(g);
        }
        return Point.of(theta, point.inputs(), IntegerMatrix.of(y.rows(), y.cols(), ys), tDen);
    }

    @Override
    public String toString() {
        return "RealPoint[" + point + " / " + range + (weightScaleLog2 == 0 ? "" : ", weights x 2^" + weightScaleLog2)
                + "]";
    }
}
