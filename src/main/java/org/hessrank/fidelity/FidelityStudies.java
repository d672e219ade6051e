package org.hessrank.fidelity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.hessrank.exact.Primes;
import org.hessrank.hessian.Part;
import org.hessrank.report.AtomicFiles;
import org.hessrank.report.SvgChart;
import org.hessrank.theory.Catalogue;
import org.hessrank.theory.Instance;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.NumericRank;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;

/**
 * The three sweeps of {@code hessrank fidelity study} (tables and figures of
 * {@code proofs-check/fidelity/}). Each writes {@code <study>.csv} (one row per
 * configuration and Hessian part), {@code <study>.md} (tables and the first failures) and SVG
 * figures into the output directory. Seeded: the same seed writes the same files.
 *
 * <p>Linear formulas are docs/theorems.md FC-O, FC-F, FC-L ([NBH21], tag paper) for fully connected
 * nets without bias: r = min(d, N), q = min(r, K, M_1..M_{L−1}), s = min(r, K),
 * rank H_O = q(r + K − q), rank H_F = 2qΣM + 2qs − Lq², rank H_L = 2qΣM + q(r + K) − Lq²; for
 * cross-entropy K becomes K − 1 (docs/theorems.md "Cross-entropy", paper).
 */
public final class FidelityStudies {
    /** The studies, by the names {@link #run} takes. */
    public static final List<String> STUDIES = List.of("float64", "nonlinear", "cross-entropy");

    private final Path out;
    private final Precision high;
    private final long seed;
    private final Consumer<String> progress;
    private final Tolerance tol = Tolerance.numpyDefault();

    /**
     * Studies writing into {@code out} (an existing directory), at {@code high} digits for the
     * apfloat ranks, with points drawn from {@code seed}; {@code progress} receives one line per
     * configuration (for a terminal; it may ignore them).
     */
    public FidelityStudies(Path out, Precision high, long seed, Consumer<String> progress) {
        this.out = out;
        this.high = high;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Runs the study named {@code study} (one of {@link #STUDIES}) and writes its files.
     *
     * @throws IllegalArgumentException for an unknown study
     * @throws IOException if a file cannot be written (files already written stay; each file is
     *     written atomically)
     */
    public void run(String study) throws IOException {
        switch (study) {
            case "float64" -> float64();
            case "nonlinear" -> nonlinear();
            case "cross-entropy" -> crossEntropy();
            default -> throw new IllegalArgumentException("study (" + study
                    + ") must be float64, nonlinear or cross-entropy");
        }
    }

    private void note(String format, Object... args) {
        progress.accept(String.format(Locale.ROOT, format, args));
    }

    /**
     * {O, F, L} predicted by the catalogue's FC-O, FC-F, FC-L for the linear net with K replaced by
     * {@code kEff}, at a generic point with N samples.
     */
    static int[] linearFormulas(int d, int[] hidden, int kEff, int n) {
        Instance generic = Instance.generic(Architecture.parse(spec(d, hidden, kEff, null)), n);
        int[] out = new int[3];
        String[] ids = {"FC-O", "FC-F", "FC-L"};
        for (int k = 0; k < 3; k++) {
            out[k] = (int) Catalogue.byId(ids[k]).predict(generic).orElseThrow(() -> new IllegalStateException(
                    "FC formulas do not apply to " + spec(d, hidden, kEff, null)));
        }
        return out;
    }

    static String spec(int d, int[] hidden, int k, String act) {
        StringBuilder sb = new StringBuilder("in(" + d + ")");
        for (int m : hidden) {
            sb.append(" -> dense(").append(m).append(')');
            if (act != null) {
                sb.append(" -> ").append(act);
            }
        }
        return sb.append(" -> dense(").append(k).append(')').toString();
    }

    private Map<Part, NumericRanks.ExactAndNumeric> eval(String spec, int n, int weightScale, Loss loss,
            PointOptions.Targets targets, boolean withHigh, boolean exact) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        PointOptions o = PointOptions.defaults().withSeed(seed).withSamples(n).withTargets(targets);
        RealPoint rp = RealPoint.of(Points.draw(net, o), o.range(), weightScale);
        return NumericRanks.evaluate(net, rp, loss, true, withHigh ? high : null, tol,
                Primes.sourceFor(seed), exact);
    }

    private static int params(String spec) {
        return Architecture.parse(spec).parameterCount();
    }

    /** A number for the CSV and Markdown tables: two decimals, {@code inf}/{@code -inf}, or empty for NaN. */
    private static String f(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A computed rank, or empty when not computed. */
    private static String r(NumericRank x) {
        return x == null ? "" : Integer.toString(x.rank());
    }

    /** log10(v_i / v_1) of a numeric rank's values (1-based i), NaN if not computed. */
    private static double rel(NumericRank x, int i) {
        if (x == null || i < 1 || i > x.valueCount()) {
            return Double.NaN;
        }
        return x.log10Value(i - 1) - x.log10Value(0);
    }

    // ---------------------------------------------------------------------------------------------
    // Study 1: float64 on linear nets

    private record Config(String sweep, double x, int d, int[] hidden, int k, int n, int scale) {
    }

    private void float64() throws IOException {
        List<Config> configs = new ArrayList<>();
        for (int m : new int[] {4, 8, 12, 16, 20, 24}) {
            configs.add(new Config("width", m, 8, new int[] {m, m}, 4, 12, 0));
        }
        for (int l : new int[] {2, 4, 8, 12, 16, 20, 24, 28, 32}) {
            int[] hidden = new int[l - 1];
            Arrays.fill(hidden, 5);
            configs.add(new Config("depth", l, 5, hidden, 3, 8, 0));
        }
        for (int a = 8; a >= -12; a -= 2) {
            configs.add(new Config("scale", a, 5, new int[] {5, 5, 5}, 3, 8, a));
        }
        StringBuilder csv = new StringBuilder("sweep,x,spec,N,p,weight_scale_log2,part,formula,exact,float64,"
                + "apfloat,log10_s_r_rel,log10_s_r1_rel,log10_threshold_rel,float64_gap_decades,float64_wrong\n");
        StringBuilder md = new StringBuilder("# Study 1: where float64 goes wrong on linear networks\n\n"
                + "Generated by `hessrank fidelity study float64` (seed " + seed + ", apfloat " + high
                + " digits where p <= 250). Real point theta*2^a/R, X/R, Y/R with R = 2^20 (MSE, random targets);"
                + " exact ranks at the same point (mod a 49-bit prime). `s_r/s_1` is the smallest singular value"
                + " float64 must keep (r = exact rank) relative to the largest; the numpy threshold is"
                + " p*eps relative to s_1 (log10 shown).\n\n");
        java.util.Map<String, String> firstFail = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<double[]>> plot = new java.util.LinkedHashMap<>();
        String lastSweep = "";
        for (Config c : configs) {
            String spec = spec(c.d, c.hidden, c.k, null);
            int p = params(spec);
            note("float64 study: %s = %s (p = %d)", c.sweep, f(c.x), p);
            Map<Part, NumericRanks.ExactAndNumeric> res = eval(spec, c.n, c.scale, Loss.MSE, PointOptions.Targets.RANDOM,
                    p <= 250, true);
            int[] formula = linearFormulas(c.d, c.hidden, c.k, c.n);
            if (!c.sweep.equals(lastSweep)) {
                md.append("\n## Sweep: ").append(c.sweep).append("\n\n| ").append(c.sweep)
                        .append(" | p | part | formula | exact | float64 | apfloat | log10 s_r/s_1 | log10 s_(r+1)/s_1"
                                + " | log10 threshold/s_1 | float64 |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
                lastSweep = c.sweep;
            }
            boolean anyWrong = false;
            double[] point = new double[7];
            point[0] = c.x;
            for (Part part : Part.hessianParts()) {
                NumericRanks.ExactAndNumeric pr = res.get(part);
                int e = pr.exact();
                NumericRank fr = pr.float64();
                boolean wrong = fr.rank() != e;
                anyWrong |= wrong;
                double sr = rel(fr, e);
                double sr1 = rel(fr, e + 1);
                double thr = fr.log10Threshold() - fr.log10Value(0);
                point[1 + part.ordinal()] = sr;
                point[4] = thr;
                csv.append(String.join(",", c.sweep, f(c.x), '"' + spec + '"', Integer.toString(c.n),
                        Integer.toString(p), Integer.toString(c.scale), "H_" + part, Integer.toString(formula[part.ordinal()]),
                        Integer.toString(e), r(fr), r(pr.high()), f(sr), f(sr1), f(thr), f(fr.gapDecades()),
                        Boolean.toString(wrong))).append('\n');
                md.append(String.format(Locale.ROOT, "| %s | %d | H_%s | %d | %d | %d | %s | %s | %s | %s | %s |%n",
                        f(c.x).replace(".00", ""), p, part, formula[part.ordinal()], e, fr.rank(),
                        pr.high() == null ? "-" : r(pr.high()) + (pr.high().rank() == e ? "" : " (!)"), f(sr), f(sr1), f(thr),
                        wrong ? "**wrong**" : "ok"));
            }
            plot.computeIfAbsent(c.sweep, z -> new ArrayList<>()).add(point);
            if (anyWrong && !firstFail.containsKey(c.sweep)) {
                firstFail.put(c.sweep, c.sweep + " = " + f(c.x).replace(".00", "") + " (d = " + c.d + ", hidden "
                        + compact(c.hidden) + ", K = " + c.k + ", N = " + c.n + ", weights x 2^" + c.scale + ", p = " + p
                        + ")");
            }
        }
        md.append("\n## First failing configuration per sweep\n\n");
        for (String sweep : plot.keySet()) {
            md.append("- ").append(sweep).append(": ").append(firstFail.getOrDefault(sweep, "none in the range swept"))
                    .append('\n');
        }
        for (Map.Entry<String, List<double[]>> en : plot.entrySet()) {
            List<double[]> pts = en.getValue();
            double[] x = col(pts, 0);
            String xLabel = en.getKey().equals("scale") ? "weight scale log2(alpha)"
                    : en.getKey().equals("depth") ? "depth L (weight matrices)" : "hidden width M (p = M^2 + 12M)";
            SvgChart.Builder chart = SvgChart.builder("float64 on linear nets: " + en.getKey() + " sweep")
                    .axes(xLabel, "log10 of s_r / s_1 (r = exact rank)");
            chart.add("H_O", x, col(pts, 1), false).add("H_F", x, col(pts, 2), false).add("H_L", x, col(pts, 3), false)
                    .add("numpy threshold", x, col(pts, 4), true);
            AtomicFiles.write(out.resolve("float64-" + en.getKey() + ".svg"), chart.build().render());
        }
        AtomicFiles.write(out.resolve("float64.csv"), csv.toString());
        AtomicFiles.write(out.resolve("float64.md"), md.toString());
    }

    /** Hidden widths as {@code [5 x 27]} when all equal, else {@code [6, 4]}. */
    static String compact(int[] hidden) {
        boolean same = Arrays.stream(hidden).allMatch(h -> h == hidden[0]);
        return same && hidden.length > 2 ? "[" + hidden[0] + " x " + hidden.length + "]" : Arrays.toString(hidden);
    }

    private static double[] col(List<double[]> pts, int i) {
        double[] c = new double[pts.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = pts.get(j)[i];
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // Study 2: ReLU and tanh against the linear formulas

    private void nonlinear() throws IOException {
        record Net(String name, int d, int[] hidden, int k) {
        }
        List<Net> nets = List.of(new Net("one-hidden", 6, new int[] {8}, 3), new Net("deep", 5, new int[] {6, 6}, 3));
        int[] samples = {2, 4, 8, 12, 24, 48};
        int small = -3;
        StringBuilder csv = new StringBuilder("net,spec_linear,N,NK_over_p,p,part,linear_formula,relu_exact,"
                + "relu_float64,relu_float64_gap,tanh_apfloat,tanh_apfloat_gap,tanh_float64,tanh_float64_gap,"
                + "tanh_small_float64,tanh_small_float64_gap\n");
        StringBuilder md = new StringBuilder("# Study 2: ReLU and tanh ranks against the linear formulas\n\n"
                + "Generated by `hessrank fidelity study nonlinear` (seed " + seed + "). MSE, random targets, real point"
                + " theta/R, X/R, Y/R (weights and inputs uniform in [-1, 1]). ReLU: exact rank (mod a 49-bit prime)"
                + " and float64. tanh: " + high + "-digit apfloat elimination (numpy-style threshold"
                + " max|a|*p*10^(1-" + high + ")) and float64 SVD (numpy threshold); 'small' multiplies the weights by"
                + " 2^" + small + ". Gaps in decades at each method's own cut.\n");
        for (Net net : nets) {
            String lin = spec(net.d, net.hidden, net.k, null);
            String relu = spec(net.d, net.hidden, net.k, "relu");
            String tanh = spec(net.d, net.hidden, net.k, "tanh");
            int p = params(lin);
            md.append("\n## ").append(net.name).append(": `").append(tanh).append("` (p = ").append(p).append(")\n\n")
                    .append("| N | NK/p | part | linear formula | ReLU exact | ReLU float64 | tanh ").append(high)
                    .append("-digit (gap) | tanh float64 (gap) | tanh small float64 (gap) |\n"
                            + "|---|---|---|---|---|---|---|---|---|\n");
            double[][][] series = new double[3][7][samples.length];
            for (int si = 0; si < samples.length; si++) {
                int n = samples[si];
                double ratio = (double) n * net.k / p;
                note("nonlinear study: %s, N = %d", net.name, n);
                int[] formula = linearFormulas(net.d, net.hidden, net.k, n);
                Map<Part, NumericRanks.ExactAndNumeric> rr = eval(relu, n, 0, Loss.MSE, PointOptions.Targets.RANDOM, false,
                        true);
                Map<Part, NumericRanks.ExactAndNumeric> tr = eval(tanh, n, 0, Loss.MSE, PointOptions.Targets.RANDOM, true,
                        false);
                Map<Part, NumericRanks.ExactAndNumeric> ts = eval(tanh, n, small, Loss.MSE, PointOptions.Targets.RANDOM,
                        false, false);
                for (Part part : Part.hessianParts()) {
                    NumericRanks.ExactAndNumeric a = rr.get(part);
                    NumericRanks.ExactAndNumeric b = tr.get(part);
                    NumericRanks.ExactAndNumeric c = ts.get(part);
                    int i = part.ordinal();
                    csv.append(String.join(",", net.name, '"' + lin + '"', Integer.toString(n), f(ratio),
                            Integer.toString(p), "H_" + part, Integer.toString(formula[i]), Integer.toString(a.exact()),
                            r(a.float64()), f(a.float64().gapDecades()), r(b.high()), f(b.high().gapDecades()), r(b.float64()),
                            f(b.float64().gapDecades()), r(c.float64()), f(c.float64().gapDecades())))
                            .append('\n');
                    md.append(String.format(Locale.ROOT, "| %d | %.2f | H_%s | %d | %d | %d | %d (%s) | %d (%s) |"
                            + " %d (%s) |%n", n, ratio, part, formula[i], a.exact(), a.float64().rank(), b.high().rank(),
                            NumericRanks.decades(b.high().gapDecades()), b.float64().rank(),
                            NumericRanks.decades(b.float64().gapDecades()), c.float64().rank(),
                            NumericRanks.decades(c.float64().gapDecades())));
                    double[][] s = series[i];
                    s[0][si] = ratio;
                    s[1][si] = formula[i];
                    s[2][si] = a.exact();
                    s[3][si] = b.high().rank();
                    s[4][si] = b.float64().rank();
                    s[5][si] = c.float64().rank();
                    s[6][si] = Math.min(p, n * net.k);
                }
            }
            for (Part part : Part.hessianParts()) {
                double[][] s = series[part.ordinal()];
                SvgChart.Builder chart = SvgChart.builder(net.name + " net (p = " + p + "): rank of H_" + part)
                        .axes("N*K / p", "rank");
                chart.add("linear formula", s[0], s[1], true).add("ReLU exact", s[0], s[2], false)
                        .add("tanh " + high + " digits", s[0], s[3], false).add("tanh float64", s[0], s[4], false)
                        .add("tanh x2^" + small + " float64", s[0], s[5], false);
                AtomicFiles.write(out.resolve("nonlinear-" + net.name + "-H_" + part + ".svg"), chart.build().render());
            }
        }
        scaleSweep(md);
        AtomicFiles.write(out.resolve("nonlinear.csv"), csv.toString());
        AtomicFiles.write(out.resolve("nonlinear.md"), md.toString());
    }

    /** tanh one-hidden net at N·K = p: ranks as the weights shrink towards the linear regime. */
    private void scaleSweep(StringBuilder md) throws IOException {
        int d = 6;
        int[] hidden = {8};
        int k = 3;
        int n = 24;
        String tanh = spec(d, hidden, k, "tanh");
        int p = params(tanh);
        int[] formula = linearFormulas(d, hidden, k, n);
        int[] scales = {0, -4, -8, -12, -16, -20, -24, -28};
        md.append("\n## Weight scale: `").append(tanh).append("`, N = ").append(n).append(" (NK/p = ")
                .append(f((double) n * k / p)).append(")\n\nWeights times 2^a; tanh(z) = z - z^3/3 + ..., so the"
                        + " nonlinear part of the Hessian shrinks relative to the linear one as the weights do.\n\n"
                        + "| a | part | linear formula | ").append(high).append("-digit (gap) | float64 (gap) |\n"
                        + "|---|---|---|---|---|\n");
        double[][] ys = new double[7][scales.length];
        double[] x = new double[scales.length];
        for (int si = 0; si < scales.length; si++) {
            int a = scales[si];
            x[si] = a;
            note("nonlinear study: tanh weight scale 2^%d", a);
            Map<Part, NumericRanks.ExactAndNumeric> res = eval(tanh, n, a, Loss.MSE, PointOptions.Targets.RANDOM, true,
                    false);
            for (Part part : Part.hessianParts()) {
                NumericRanks.ExactAndNumeric pr = res.get(part);
                int i = part.ordinal();
                md.append(String.format(Locale.ROOT, "| %d | H_%s | %d | %d (%s) | %d (%s) |%n", a, part, formula[i],
                        pr.high().rank(), NumericRanks.decades(pr.high().gapDecades()), pr.float64().rank(),
                        NumericRanks.decades(pr.float64().gapDecades())));
                ys[i][si] = pr.float64().rank();
                ys[3 + i][si] = pr.high().rank();
            }
            ys[6][si] = formula[0];
        }
        SvgChart.Builder chart = SvgChart.builder("tanh one-hidden net (p = " + p + ", N = " + n
                + "): ranks vs weight scale").axes("log2 of the weight scale", "rank");
        chart.add("H_O float64", x, ys[0], false).add("H_F float64", x, ys[1], false).add("H_L float64", x, ys[2], false)
                .add("H_O " + high + " digits", x, ys[3], false).add("linear H_O formula", x, ys[6], true);
        AtomicFiles.write(out.resolve("nonlinear-scale.svg"), chart.build().render());
        md.append(String.format(Locale.ROOT, "%nLinear formulas here: H_O %d, H_F %d, H_L %d.%n", formula[0], formula[1],
                formula[2]));
    }

    // ---------------------------------------------------------------------------------------------
    // Study 3: cross-entropy on linear nets

    private void crossEntropy() throws IOException {
        record Net(int d, int[] hidden, int k, int n) {
        }
        List<Net> nets = List.of(new Net(4, new int[] {3}, 3, 6), new Net(6, new int[] {5, 4}, 3, 10),
                new Net(5, new int[] {4, 4}, 4, 8), new Net(8, new int[] {6}, 5, 10), new Net(6, new int[] {5}, 2, 8),
                new Net(5, new int[] {4, 4, 4}, 3, 6), new Net(3, new int[] {6}, 6, 12));
        StringBuilder csv = new StringBuilder("spec,N,p,part,formula_K,formula_K_minus_1,apfloat,apfloat_gap,float64,"
                + "float64_gap\n");
        StringBuilder md = new StringBuilder("# Study 3: softmax cross-entropy on linear networks\n\n"
                + "Generated by `hessrank fidelity study cross-entropy` (seed " + seed + "). One-hot targets, real point"
                + " theta/R, X/R (the targets are divided by R too, which scales the loss and every Hessian part by"
                + " 1/R: ranks unchanged). Ranks by " + high + "-digit apfloat elimination and float64 SVD; formulas"
                + " FC-O/F/L with K and with K - 1.\n\n| net | N | p | part | formula (K) | formula (K-1) | " + high
                + "-digit (gap) | float64 (gap) |\n|---|---|---|---|---|---|---|---|\n");
        int matchK1 = 0;
        int matchK = 0;
        int total = 0;
        for (Net net : nets) {
            String spec = spec(net.d, net.hidden, net.k, null);
            int p = params(spec);
            note("cross-entropy study: %s", spec);
            Map<Part, NumericRanks.ExactAndNumeric> res = eval(spec, net.n, 0, Loss.CROSS_ENTROPY,
                    PointOptions.Targets.ONE_HOT, true, false);
            int[] fk = linearFormulas(net.d, net.hidden, net.k, net.n);
            int[] fk1 = linearFormulas(net.d, net.hidden, net.k - 1, net.n);
            for (Part part : Part.hessianParts()) {
                NumericRanks.ExactAndNumeric pr = res.get(part);
                int i = part.ordinal();
                total++;
                matchK1 += pr.high().rank() == fk1[i] ? 1 : 0;
                matchK += pr.high().rank() == fk[i] ? 1 : 0;
                csv.append(String.join(",", '"' + spec + '"', Integer.toString(net.n), Integer.toString(p), "H_" + part,
                        Integer.toString(fk[i]), Integer.toString(fk1[i]), r(pr.high()), f(pr.high().gapDecades()),
                        r(pr.float64()), f(pr.float64().gapDecades()))).append('\n');
                md.append(String.format(Locale.ROOT, "| `%s` | %d | %d | H_%s | %d | %d | %d (%s)%s | %d (%s) |%n", spec,
                        net.n, p, part, fk[i], fk1[i], pr.high().rank(), NumericRanks.decades(pr.high().gapDecades()),
                        pr.high().rank() == fk1[i] ? "" : " **(!)**", pr.float64().rank(),
                        NumericRanks.decades(pr.float64().gapDecades())));
            }
        }
        md.append(String.format(Locale.ROOT, "%nThe %s-digit rank equals the formula with K - 1 in %d of %d cases,"
                + " the formula with K in %d.%n", high, matchK1, total, matchK));
        AtomicFiles.write(out.resolve("cross-entropy.csv"), csv.toString());
        AtomicFiles.write(out.resolve("cross-entropy.md"), md.toString());
    }
}
