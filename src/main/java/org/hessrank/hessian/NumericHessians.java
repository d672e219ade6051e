package org.hessrank.hessian;

import java.util.Arrays;
import java.util.Objects;
import org.apfloat.Apfloat;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.Precision;

/**
 * The loss Hessian parts H_O, H_F, H_L in floating point: float64 (as [NBH21]'s code computes
 * them) or apfloat at P decimal digits, for any lowered network, including tanh and sigmoid
 * activations, with the MSE or softmax cross-entropy {@link Loss}. Unlike {@link Hessians}
 * nothing here is exact; use it where the exact paths cannot go (transcendental activations and
 * losses) or to measure how far floating point is from them.
 *
 * <p><b>Definitions</b> (no ½ or 1/N beyond the loss's own ½ for MSE; docs/theorems.md "Setting";
 * for cross-entropy docs/theorems.md "Cross-entropy"): with g_i = ∇_F ℓ_i and A_i = ∇²_F ℓ_i,
 * H_O = Σ_i J_iᵀ A_i J_i, H_F = Σ_i Σ_c g_ic ∇²F_c(x_i), H_L = H_O + H_F. For MSE A_i = I and g_i
 * is the residual, so these are the exact builders' parts (without their integer scale c²). For
 * cross-entropy A_i = (Σ_c y_ic)(diag(s_i) − s_i s_iᵀ).
 *
 * <p><b>Costs</b> (p parameters, N samples, K outputs, T terms in all stages): O(N·K·T + N·K·p²/2
 * + N·p·T) scalar operations (about 1 µs each at 60 digits, boxed doubles a few ns), memory
 * O(p²) boxed scalars during the build. ReLU / leaky ReLU masks are decided by the sign computed
 * in the chosen arithmetic; a pre-activation exactly 0 throws {@link IllegalStateException}.
 * Nothing passed in is modified.
 */
public final class NumericHessians {
    private NumericHessians() {
    }

    /** Three row-major p × p float64 parts. Arrays are not copied: do not modify them. */
    public record Float64Parts(int p, double[] o, double[] f, double[] l) {
        /** The part asked for. */
        public double[] part(Part part) {
            return part.select(o, f, l);
        }
    }

    /** Three row-major p × p apfloat parts at {@code precision}. Arrays are not copied. */
    public record ApfloatParts(int p, Precision precision, Apfloat[] o, Apfloat[] f, Apfloat[] l) {
        /** The part asked for. */
        public Apfloat[] part(Part part) {
            return part.select(o, f, l);
        }
    }

    /**
     * The float64 parts at a real point (θ·α/R, X/R, Y/R rounded to doubles once).
     *
     * @throws IllegalArgumentException if the point does not fit the network or a value overflows
     * @throws IllegalStateException at a ReLU pre-activation exactly 0
     */
    public static Float64Parts float64(LoweredNetwork net, RealPoint point, Loss loss) {
        Double[][][] pt = point.convert(Reals.DOUBLE);
        return float64(net, unbox(pt[0][0]), unbox(pt[1]), unbox(pt[2]), loss);
    }

    /**
     * The float64 parts at θ, X (N × d), Y (N × K).
     *
     * @throws IllegalArgumentException if the shapes do not fit the network or an entry is not
     *     finite
     * @throws IllegalStateException at a ReLU pre-activation exactly 0
     */
    public static Float64Parts float64(LoweredNetwork net, double[] theta, double[][] x, double[][] y, Loss loss) {
        check(net, theta.length, x, y, loss);
        Reals<Double> re = Reals.DOUBLE;
        RealNetwork<Double> e = new RealNetwork<>(re, net, box(theta), loss);
        Double[][] h = e.hessians(box(x), box(y));
        int p = net.parameterCount();
        double[] o = unbox(h[0]);
        double[] f = unbox(h[1]);
        double[] l = new double[p * p];
        for (int i = 0; i < l.length; i++) {
            l[i] = o[i] + f[i];
        }
        for (double[] part : new double[][] {o, f}) {
            for (double v : part) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("float64 Hessian entry (" + v + ") is not finite: the point"
                            + " overflows double precision");
                }
            }
        }
        return new Float64Parts(p, o, f, l);
    }

    /** The apfloat parts at a real point (θ·α/R, X/R, Y/R rounded to P digits once). */
    public static ApfloatParts apfloat(LoweredNetwork net, RealPoint point, Loss loss, Precision precision) {
        Reals<Apfloat> re = Reals.apfloat(precisionDigits(precision));
        Apfloat[][][] pt = point.convert(re);
        return apfloat(net, pt[0][0], pt[1], pt[2], loss, precision);
    }

    /**
     * The apfloat parts at θ, X, Y (entries rounded to P digits).
     *
     * @throws IllegalArgumentException if the precision is float64 or the shapes do not fit
     */
    public static ApfloatParts apfloat(LoweredNetwork net, Apfloat[] theta, Apfloat[][] x, Apfloat[][] y, Loss loss,
            Precision precision) {
        Reals<Apfloat> re = Reals.apfloat(precisionDigits(precision));
        check(net, theta.length, x, y, loss);
        RealNetwork<Apfloat> e = new RealNetwork<>(re, net, round(re, theta), loss);
        Apfloat[][] h = e.hessians(round(re, x), round(re, y));
        int p = net.parameterCount();
        Apfloat[] l = re.zeros(p * p);
        for (int i = 0; i < l.length; i++) {
            l[i] = re.add(h[0][i], h[1][i]);
        }
        return new ApfloatParts(p, precision, h[0], h[1], l);
    }

    /** The total loss Σ_i ℓ_i (index p) and its gradient (indices 0..p−1), in float64. */
    public static double[] lossAndGradient(LoweredNetwork net, double[] theta, double[][] x, double[][] y, Loss loss) {
        check(net, theta.length, x, y, loss);
        RealNetwork<Double> e = new RealNetwork<>(Reals.DOUBLE, net, box(theta), loss);
        return unbox(e.lossAndGradient(box(x), box(y)));
    }

    /** The total loss (index p) and its gradient, in apfloat at {@code precision}. */
    public static Apfloat[] lossAndGradient(LoweredNetwork net, Apfloat[] theta, Apfloat[][] x, Apfloat[][] y,
            Loss loss, Precision precision) {
        Reals<Apfloat> re = Reals.apfloat(precisionDigits(precision));
        check(net, theta.length, x, y, loss);
        RealNetwork<Apfloat> e = new RealNetwork<>(re, net, round(re, theta), loss);
        return e.lossAndGradient(round(re, x), round(re, y));
    }

    /** The network outputs F(x_i) in float64, N × K. */
    public static double[][] outputs(LoweredNetwork net, double[] theta, double[][] x) {
        RealNetwork<Double> e = new RealNetwork<>(Reals.DOUBLE, net, box(theta), Loss.MSE);
        return unbox(e.outputs(box(x)));
    }

    private static int precisionDigits(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        if (precision.isFloat64()) {
            throw new IllegalArgumentException("precision (float64) must be a number of digits for the apfloat path");
        }
        return precision.decimalDigits();
    }

    private static void check(LoweredNetwork net, int thetaLength, Object[][] x, Object[][] y, Loss loss) {
        check(net, thetaLength, java.util.Arrays.stream(x).mapToInt(r -> r.length).toArray(),
                java.util.Arrays.stream(y).mapToInt(r -> r.length).toArray(), loss);
    }

    private static void check(LoweredNetwork net, int thetaLength, double[][] x, double[][] y, Loss loss) {
        check(net, thetaLength, java.util.Arrays.stream(x).mapToInt(r -> r.length).toArray(),
                java.util.Arrays.stream(y).mapToInt(r -> r.length).toArray(), loss);
    }

    /** Shapes of θ, X and Y (given by their row lengths) against the network. */
    private static void check(LoweredNetwork net, int thetaLength, int[] xRowLengths, int[] yRowLengths, Loss loss) {
        Objects.requireNonNull(net, "network");
        Objects.requireNonNull(loss, "loss");
        if (thetaLength != net.parameterCount() + net.frozenCount()) {
            throw new IllegalArgumentException("theta length (" + thetaLength + ") must equal the network's parameter"
                    + " count (" + net.parameterCount() + ")" + (net.frozenCount() == 0 ? ""
                            : " plus its frozen weights (" + net.frozenCount() + "), θ ++ φ"));
        }
        checkRows(net, xRowLengths.length, yRowLengths.length);
        for (int len : xRowLengths) {
            if (len != net.inputSize()) {
                throw new IllegalArgumentException("input row length (" + len + ") must equal the network's"
                        + " input size (" + net.inputSize() + ")");
            }
        }
        for (int len : yRowLengths) {
            if (len != net.outputSize()) {
                throw new IllegalArgumentException("target row length (" + len + ") must equal the network's"
                        + " output size (" + net.outputSize() + ")");
            }
        }
    }

    private static void checkRows(LoweredNetwork net, int xRows, int yRows) {
        if (xRows != yRows) {
            throw new IllegalArgumentException("targets rows (" + yRows + ") must equal inputs rows (" + xRows + ")");
        }
        Hessians.checkDenseSize(net.parameterCount(), xRows, net.outputSize());
    }

    private static Double[] box(double[] a) {
        Double[] b = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("entry " + i + " (" + a[i] + ") must be finite");
            }
            b[i] = a[i];
        }
        return b;
    }

    private static Double[][] box(double[][] a) {
        return Arrays.stream(a).map(NumericHessians::box).toArray(Double[][]::new);
    }

    private static double[] unbox(Double[] a) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }

    private static double[][] unbox(Double[][] a) {
        return Arrays.stream(a).map(NumericHessians::unbox).toArray(double[][]::new);
    }

    private static Apfloat[] round(Reals<Apfloat> re, Apfloat[] a) {
        Apfloat[] b = new Apfloat[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = re.of(Objects.requireNonNull(a[i], "entry"));
        }
        return b;
    }

    private static Apfloat[][] round(Reals<Apfloat> re, Apfloat[][] a) {
        return Arrays.stream(a).map(row -> round(re, row)).toArray(Apfloat[][]::new);
    }
}
