package org.hessrank.fidelity;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.NumericHessians;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Stage;
import org.hessrank.numeric.ApfloatRank;
import org.hessrank.numeric.Float64Rank;
import org.hessrank.numeric.NumericRank;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;

/**
 * Numeric ranks beside exact ones at the same point: the measurement behind {@code rank --numeric},
 * {@code fidelity point} and the fidelity studies. The numeric paths run at the {@link RealPoint}
 * (the drawn integer point divided by its range, weights times 2^a); the exact ranks are those of
 * the equivalent integer point (same ranks, see {@link RealPoint}), built mod a random 49-bit
 * prime: certified lower bounds, exact except with the stated probability. Exact ranks exist only
 * for piecewise-linear networks with the MSE loss.
 */
public final class NumericRanks {
    private NumericRanks() {
    }

    /**
     * The ranks of one Hessian part at one point.
     *
     * @param exact the exact rank (mod a random prime), or −1 when there is none (tanh, sigmoid,
     *     cross-entropy, or not asked for)
     * @param failure the probability that {@code exact} is below the rank at this point (NaN
     *     without an exact rank)
     * @param float64 the float64 SVD rank, or null when not computed
     * @param high the apfloat rank, or null when not computed
     */
    public record ExactAndNumeric(int exact, double failure, NumericRank float64, NumericRank high) {
        /** True when {@code r} is computed, an exact rank exists and they differ. */
        public boolean disagrees(NumericRank r) {
            return r != null && exact >= 0 && r.rank() != exact;
        }
    }

    /** True when every activation is linear, ReLU or leaky ReLU (so the Hessian is exact over Q). */
    public static boolean exactOverQ(LoweredNetwork net) {
        for (Stage st : net.stages()) {
            if (st instanceof ActivationStage a && !a.activation().isPiecewiseLinear()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ranks of H_O, H_F, H_L at one real point. Cost: one dense p×p Hessian per number system
     * asked for, and its elimination or SVD ({@code O(p³)}).
     *
     * @param float64 compute the float64 ranks
     * @param high the apfloat precision, or null for none
     * @param primeSource the source of the random prime of the exact ranks (advanced when used)
     * @param exact compute exact ranks (only where {@link #exactOverQ} and the loss is MSE)
     * @return an unmodifiable map from each part to its ranks
     */
    public static Map<Part, ExactAndNumeric> evaluate(LoweredNetwork net, RealPoint rp, Loss loss, boolean float64,
            Precision high, Tolerance tolerance, SplittableRandom primeSource, boolean exact) {
        return evaluate(net, rp, loss, float64, high, tolerance, primeSource, exact, phase -> { });
    }

    /**
     * {@link #evaluate(LoweredNetwork, RealPoint, Loss, boolean, Precision, Tolerance, SplittableRandom, boolean)},
     * naming each phase to {@code progress} as it starts ("exact ranks", "float64 Hessians",
     * "float64 SVD H_O", "60-digit Hessians", "60-digit elimination H_L", …). At high precision
     * the apfloat phases take nearly all the time (see docs/fidelity.md).
     */
    public static Map<Part, ExactAndNumeric> evaluate(LoweredNetwork net, RealPoint rp, Loss loss, boolean float64,
            Precision high, Tolerance tolerance, SplittableRandom primeSource, boolean exact,
            java.util.function.Consumer<String> progress) {
        int p = net.parameterCount();
        // the exact ranks come from the measurement spine (modular, one prime from primeSource)
        boolean withExact = exact && loss == Loss.MSE && exactOverQ(net);
        if (withExact) {
            progress.accept("exact ranks");
        }
        Observation o = withExact ? HessianRanks.observe(net,
                rp.equivalentIntegerPoint(net), 0, HessianRanks.Method.MODULAR, MatrixFreeRanks.Compression.TOEPLITZ,
                primeSource, "exact", phase -> { }) : null;
        Map<Part, NumericRank> f64 = new EnumMap<>(Part.class);
        if (float64) {
            progress.accept("float64 Hessians");
            NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, loss);
            for (Part part : Part.hessianParts()) {
                progress.accept("float64 SVD H_" + part);
                f64.put(part, Float64Rank.of(d.part(part), p, p, tolerance));
            }
        }
        Map<Part, NumericRank> apfloat = new EnumMap<>(Part.class);
        if (high != null) {
            String digits = high.decimalDigits() + "-digit ";
            progress.accept(digits + "Hessians (p = " + p + ")");
            NumericHessians.ApfloatParts a = NumericHessians.apfloat(net, rp, loss, high);
            for (Part part : Part.hessianParts()) {
                progress.accept(digits + "elimination H_" + part);
                apfloat.put(part, ApfloatRank.of(a.part(part), p, p, high, tolerance));
            }
        }
        Map<Part, ExactAndNumeric> out = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            out.put(part, new ExactAndNumeric(o == null ? -1 : o.rank(part),
                    o == null ? Double.NaN : o.failureProbability(part), f64.get(part), apfloat.get(part)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** A spectral gap for tables: {@code 3.2 dec}, {@code inf}, or {@code -} for NaN. */
    public static String decades(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        return Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, "%.1f dec", d);
    }
}
