package org.hessrank.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.NumericHessians;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Stage;
import org.hessrank.numeric.ApfloatRank;
import org.hessrank.numeric.Float64Rank;
import org.hessrank.numeric.NumericRank;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;
import org.hessrank.report.Json;

/**
 * Numeric ranks beside exact ones at the same point: the logic behind {@code rank --numeric} and
 * {@code fidelity point}. The numeric paths run at the {@link RealPoint} (the drawn integer
 * point divided by its range, weights times 2^a); the exact ranks are those of the equivalent
 * integer point (same ranks, see {@link RealPoint}), built mod a random 49-bit prime: certified
 * lower bounds, exact except with the printed probability. Exact ranks exist only for
 * piecewise-linear networks with the MSE loss.
 */
final class NumericReport {
    private NumericReport() {
    }

    /** The exact and numeric ranks of one part at one point. */
    static final class ExactAndNumeric {
        /** The exact rank, or −1 when there is none (tanh, sigmoid, cross-entropy). */
        int exact = -1;
        double failure = Double.NaN;
        NumericRank float64;
        NumericRank high;

        /** True when a numeric rank differs from the exact one. */
        boolean disagrees(NumericRank r) {
            return r != null && exact >= 0 && r.rank() != exact;
        }
    }

    /** True when every activation is linear, ReLU or leaky ReLU. */
    static boolean exactOverQ(LoweredNetwork net) {
        for (Stage st : net.stages()) {
            if (st instanceof ActivationStage a && !a.activation().isPiecewiseLinear()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ranks of H_O, H_F, H_L at one real point.
     *
     * @param float64 compute the float64 ranks
     * @param high the apfloat precision, or null for none
     */
    static Map<Part, ExactAndNumeric> evaluate(LoweredNetwork net, RealPoint rp, Loss loss, boolean float64, Precision high,
            Tolerance tolerance, SplittableRandom primeSource, boolean exact) {
        Map<Part, ExactAndNumeric> out = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            out.put(part, new ExactAndNumeric());
        }
        int p = net.parameterCount();
        if (exact && loss == Loss.MSE && exactOverQ(net)) {
            Point eq = rp.equivalentIntegerPoint(net);
            Observation o = HessianRanks.observe(net, eq, 0, HessianRanks.Method.MODULAR,
                    MatrixFreeRanks.Compression.TOEPLITZ, primeSource, "exact", phase -> { });
            for (Part part : Part.hessianParts()) {
                ExactAndNumeric pr = out.get(part);
                pr.exact = o.rank(part);
                pr.failure = o.failureProbability(part);
            }
        }
        if (float64) {
            NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, loss);
            for (Part part : Part.hessianParts()) {
                out.get(part).float64 = Float64Rank.of(d.part(part), p, p, tolerance);
            }
        }
        if (high != null) {
            NumericHessians.ApfloatParts a = NumericHessians.apfloat(net, rp, loss, high);
            for (Part part : Part.hessianParts()) {
                out.get(part).high = ApfloatRank.of(a.part(part), p, p, high, tolerance);
            }
        }
        return out;
    }

    /**
     * {@code rank --numeric}: per point, the exact ranks at the real point beside the numeric
     * ones, every disagreement flagged. Returns the exit code (0; disagreements are findings, not
     * errors).
     */
    static int run(PointMixin point, int points, String numeric, String tol, Format format) {
        Precision precision = Precision.parse(numeric);
        Tolerance tolerance = Tolerance.parse(tol);
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        SplittableRandom primeSource = org.hessrank.exact.Primes.sourceFor(point.seed);
        List<Json> jsonPoints = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder csv = new StringBuilder(org.hessrank.report.Csv.row("arch", "seed", "samples", "part", "exact",
                "exact_failure_probability", "numeric", "numeric_method", "gap_decades", "clear_gap", "disagrees"))
                .append('\n');
        int disagreements = 0;
        boolean exact = exactOverQ(net);
        text.append(String.format(Locale.ROOT, "architecture  %s%n", arch.spec()));
        text.append(String.format(Locale.ROOT, "parameters    %d%n", net.parameterCount()));
        text.append(String.format(Locale.ROOT, "numeric       %s, tolerance %s, at the real point theta/R, X/R, Y/R"
                + " (R = %d)%n", precision.isFloat64() ? "float64 SVD" : precision + "-digit apfloat elimination",
                tolerance, point.range));
        text.append(exact ? "exact         ranks at the same real point (equivalent integer point mod a random prime)\n"
                : "exact         none: " + "the network has tanh or sigmoid, which are not exact over Q\n");
        for (int k = 0; k < points; k++) {
            Progress.note("point %d/%d", k + 1, points);
            RealPoint rp = RealPoint.of(org.hessrank.hessian.Points.draw(net, point.options(k)), point.range, 0);
            Map<Part, ExactAndNumeric> r = evaluate(net, rp, Loss.MSE, precision.isFloat64(),
                    precision.isFloat64() ? null : precision, tolerance, primeSource, exact);
            Json jp = Json.object().put("seed", point.seed + k).put("samples", rp.integerPoint().samples());
            Json parts = Json.object();
            text.append(String.format(Locale.ROOT, "%npoint %d (seed %d, N=%d)%n", k + 1, point.seed + k,
                    rp.integerPoint().samples()));
            text.append(String.format(Locale.ROOT, "%-5s %6s %8s  %-9s %8s  %s%n", "part", "exact", "numeric", "verdict",
                    "gap", "values around the cut (| marks it)"));
            for (Part part : Part.hessianParts()) {
                ExactAndNumeric pr = r.get(part);
                NumericRank nr = precision.isFloat64() ? pr.float64 : pr.high;
                boolean bad = pr.disagrees(nr);
                if (bad) {
                    disagreements++;
                }
                String verdict = pr.exact < 0 ? "-" : bad ? "DISAGREE" : "agree";
                csv.append(org.hessrank.report.Csv.row(arch.spec(), point.seed + k, rp.integerPoint().samples(),
                        "H_" + part, pr.exact < 0 ? null : pr.exact, pr.exact < 0 ? null : pr.failure, nr.rank(),
                        nr.method(), nr.gapDecades(), nr.clearGap(), bad)).append('\n');
                text.append(String.format(Locale.ROOT, "H_%-3s %6s %8d  %-9s %8s  %s%s%n", part,
                        pr.exact < 0 ? "n/a" : Integer.toString(pr.exact), nr.rank(), verdict,
                        decades(nr.gapDecades()), nr.aroundCut(2), nr.clearGap() ? "" : "  (gap unclear)"));
                parts.put(part.name(), Json.object().put("exact", pr.exact < 0 ? null : pr.exact)
                        .put("exactFailureProbability", pr.exact < 0 ? null : pr.failure)
                        .put("numeric", toJson(nr)).put("disagrees", bad));
            }
            jp.put("hessian", parts);
            jsonPoints.add(jp);
        }
        Progress.done();
        if (format == Format.csv) {
            System.out.print(csv);
        } else if (format == Format.json) {
            System.out.println(Json.object().put("arch", arch.spec()).put("parameters", net.parameterCount())
                    .put("precision", precision.toString()).put("tolerance", tolerance.toString())
                    .put("range", point.range).put("seed", point.seed).put("points", jsonPoints)
                    .put("disagreements", disagreements));
        } else {
            text.append(String.format(Locale.ROOT, "%n%s%n", disagreements == 0 ? (exact
                    ? "numeric and exact ranks agree everywhere" : "no exact ranks to compare")
                    : disagreements + " DISAGREEMENT(S) between numeric and exact ranks"));
            System.out.print(text);
        }
        return 0;
    }

    static String decades(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        return Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, "%.1f dec", d);
    }

    static Json toJson(NumericRank r) {
        if (r == null) {
            return null;
        }
        int lo = Math.max(0, r.rank() - 3);
        int hi = Math.min(r.valueCount(), r.rank() + 3);
        List<String> around = new ArrayList<>();
        for (int i = lo; i < hi; i++) {
            around.add(NumericRank.format(r.log10Value(i)));
        }
        return Json.object().put("rank", r.rank()).put("method", r.method()).put("grade", "numerical-estimate")
                .put("tolerance", r.tolerance().toString()).put("threshold", NumericRank.format(r.log10Threshold()))
                .put("gapDecades", r.gapDecades()).put("clearGap", r.clearGap())
                .put("largestGapRank", r.largestGapRank()).put("valuesFrom", lo + 1).put("values", around);
    }
}
