package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.hessrank.exact.Primes;
import org.hessrank.fidelity.NumericRanks;
import org.hessrank.fidelity.NumericRanks.ExactAndNumeric;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.NumericRank;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;
import org.hessrank.report.Json;

/**
 * {@code rank --numeric}: numeric ranks beside exact ones at the same points
 * ({@link NumericRanks}), printed in each format, plus the JSON of a numeric rank shared with
 * {@code fidelity point}.
 */
final class NumericReport {
    private NumericReport() {
    }

    /**
     * {@code rank --numeric}: per point, the exact ranks at the real point beside the numeric
     * ones, every disagreement flagged. Returns the exit code (0; disagreements are findings, not
     * errors).
     */
    static int run(PointMixin point, int points, String numeric, String tol, Format format, PrintWriter out,
            Progress progress) {
        Precision precision = Precision.parse(numeric, "--numeric");
        Tolerance tolerance = Tolerance.parse(tol);
        Architecture arch = point.architecture();
        LoweredNetwork net = arch.lower();
        SplittableRandom primeSource = Primes.sourceFor(point.seed);
        List<Json> jsonPoints = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder csv = new StringBuilder(org.hessrank.report.Csv.row("arch", "seed", "samples", "part", "exact",
                "exact_failure_probability", "numeric", "numeric_method", "gap_decades", "clear_gap", "disagrees"))
                .append('\n');
        int disagreements = 0;
        boolean exact = NumericRanks.exactOverQ(net);
        text.append(String.format(Locale.ROOT, "architecture  %s%n", arch.spec()));
        text.append(String.format(Locale.ROOT, "parameters    %d%n", net.parameterCount()));
        text.append(String.format(Locale.ROOT, "numeric       %s, tolerance %s, %s%n",
                precision.isFloat64() ? "float64 SVD" : precision + "-digit apfloat elimination", tolerance,
                net.isHomogeneousChain() ? "at the real point theta/R, X/R, Y/R (R = " + point.range + ")"
                        : "at the integer point itself (a graph network: dividing by R would change its ranks;"
                                + " choose a small --range)"));
        text.append(exact ? "exact         ranks at the same real point (equivalent integer point mod a random prime)\n"
                : "exact         none: " + "the network has tanh or sigmoid, which are not exact over Q\n");
        for (int k = 0; k < points; k++) {
            int at = k + 1;
            RealPoint rp = RealPoint.of(net, org.hessrank.hessian.Points.draw(net, point.options(k)), point.range, 0);
            Map<Part, ExactAndNumeric> r = NumericRanks.evaluate(net, rp, Loss.MSE, precision.isFloat64(),
                    precision.isFloat64() ? null : precision, tolerance, primeSource, exact,
                    phase -> progress.note("point %d/%d: %s", at, points, phase));
            Json jp = Json.object().put("seed", point.seed + k).put("samples", rp.integerPoint().samples());
            Json parts = Json.object();
            text.append(String.format(Locale.ROOT, "%npoint %d (seed %d, N=%d)%n", k + 1, point.seed + k,
                    rp.integerPoint().samples()));
            text.append(String.format(Locale.ROOT, "%-5s %6s %8s  %-9s %8s  %s%n", "part", "exact", "numeric", "verdict",
                    "gap", "values around the cut (| marks it)"));
            for (Part part : Part.hessianParts()) {
                ExactAndNumeric pr = r.get(part);
                NumericRank nr = precision.isFloat64() ? pr.float64() : pr.high();
                boolean bad = pr.disagrees(nr);
                if (bad) {
                    disagreements++;
                }
                String verdict = pr.exact() < 0 ? "-" : bad ? "DISAGREE" : "agree";
                csv.append(org.hessrank.report.Csv.row(arch.spec(), point.seed + k, rp.integerPoint().samples(),
                        "H_" + part, pr.exact() < 0 ? null : pr.exact(), pr.exact() < 0 ? null : pr.failure(),
                        nr.rank(), nr.method(), nr.gapDecades(), nr.clearGap(), bad)).append('\n');
                text.append(String.format(Locale.ROOT, "H_%-3s %6s %8d  %-9s %8s  %s%s%n", part,
                        pr.exact() < 0 ? "n/a" : Integer.toString(pr.exact()), nr.rank(), verdict,
                        NumericRanks.decades(nr.gapDecades()), nr.aroundCut(2),
                        nr.clearGap() ? "" : "  (gap unclear)"));
                parts.put(part.name(), Json.object().put("exact", pr.exact() < 0 ? null : pr.exact())
                        .put("exactFailureProbability", pr.exact() < 0 ? null : pr.failure())
                        .put("numeric", toJson(nr)).put("disagrees", bad));
            }
            jp.put("hessian", parts);
            jsonPoints.add(jp);
        }
        progress.done();
        if (format == Format.csv) {
            out.print(csv);
        } else if (format == Format.json) {
            out.println(Json.object().put("arch", arch.spec()).put("parameters", net.parameterCount())
                    .put("precision", precision.toString()).put("tolerance", tolerance.toString())
                    .put("range", point.range).put("seed", point.seed).put("points", jsonPoints)
                    .put("disagreements", disagreements));
        } else {
            text.append(String.format(Locale.ROOT, "%n%s%n", disagreements == 0 ? (exact
                    ? "numeric and exact ranks agree everywhere" : "no exact ranks to compare")
                    : disagreements + " DISAGREEMENT(S) between numeric and exact ranks"));
            out.print(text);
        }
        return ExitCodes.OK;
    }

    /** A numeric rank as JSON: rank, method, grade, tolerance, threshold, gap and the values around the cut. */
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
