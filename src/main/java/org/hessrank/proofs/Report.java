package org.hessrank.proofs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.hessrank.net.Architecture;
import org.hessrank.report.AtomicFiles;
import org.hessrank.report.JsonReader;
import org.hessrank.report.SvgChart;
import org.hessrank.theory.Catalogue;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Statement;
import org.hessrank.theory.SweepStatement;

/**
 * Turns the result lines of a run (one JSON object per job, sorted by index) into
 * {@code results.jsonl}, {@code results.csv}, {@code REPORT.md} and the eight SVG figures. Everything
 * is computed from the lines alone, so a merge of shards writes the same files as a single run.
 */
public final class Report {
    private final List<String> lines;
    private final List<Map<String, Object>> rows;
    private final String profile;
    private final String version;

    private Report(List<String> lines, String profile, String version) {
        this.lines = lines;
        this.profile = profile;
        this.version = version;
        this.rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(JsonReader.parseObject(lines.get(i), "results.jsonl line " + (i + 1)));
        }
    }

    /**
     * @param lines the result lines, in any order (sorted here by index; duplicates refused)
     * @param version printed in the report header (e.g. "hessrank 0.1.0 (commit …)")
     */
    public static Report of(List<String> lines, String profile, String version) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> Long.compare(index(a), index(b)));
        for (int i = 1; i < sorted.size(); i++) {
            if (index(sorted.get(i)) == index(sorted.get(i - 1))) {
                throw new IllegalArgumentException("job index (" + index(sorted.get(i)) + ") appears twice in the shards");
            }
        }
        return new Report(sorted, profile, version);
    }

    private static long index(String line) {
        return (Long) JsonReader.parseObject(line, "result line").get("index");
    }

    /** Writes every output file into {@code dir} (which must exist), each atomically. */
    public void write(Path dir) throws java.io.IOException {
        AtomicFiles.createDirectories(dir.resolve("figures"));
        String jsonl = String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
        AtomicFiles.write(dir.resolve("results.jsonl"), jsonl);
        AtomicFiles.write(dir.resolve("results.csv"), csv());
        for (Map.Entry<String, SvgChart> f : figures().entrySet()) {
            AtomicFiles.write(dir.resolve("figures").resolve(f.getKey() + ".svg"), f.getValue().render());
        }
        AtomicFiles.write(dir.resolve("REPORT.md"), markdown(sha256(jsonl)));
    }

    /** SHA-256 of the results.jsonl text (the checksum of the results). */
    public String checksum() {
        return sha256(String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"));
    }

    private String csv() {
        StringBuilder sb = new StringBuilder("index,id,figure,x,arch,samples,seed,parameters,rank_O,rank_F,rank_L,grade,"
                + "failure_probability\n");
        for (Map<String, Object> r : rows) {
            Map<?, ?> rank = (Map<?, ?>) r.get("rank");
            sb.append(r.get("index")).append(',').append(r.get("id")).append(',').append(r.get("figure")).append(',')
                    .append(num(r.get("x"))).append(",\"").append(r.get("arch")).append("\",").append(r.get("samples"))
                    .append(',').append(r.get("seed")).append(',').append(r.get("parameters")).append(',')
                    .append(rank.get("O")).append(',').append(rank.get("F")).append(',').append(rank.get("L"))
                    .append(',').append(r.get("grade")).append(',').append(r.get("failureProbability")).append('\n');
        }
        return sb.toString();
    }

    private static String num(Object o) {
        double d = ((Number) o).doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Per statement: instances, largest p, tight, holds, violated, below-exact, a counterexample. */
    private static final class Tally {
        int instances;
        int tight;
        int holds;
        int violated;
        int below;
        long largestP;
        String counterexample;
    }

    private String markdown(String checksum) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Statement s : Catalogue.all()) {
            tallies.put(s.id(), new Tally());
        }
        int figurePoints = 0;
        int cases = 0;
        int skipped = 0;
        double worstFailure = 0;
        for (Map<String, Object> r : rows) {
            if (r.containsKey("skipped")) {
                skipped++;
            }
            if (((String) r.get("figure")).startsWith("cases-")) {
                cases++;
            } else {
                figurePoints++;
            }
            worstFailure = Math.max(worstFailure, Double.parseDouble((String) r.get("failureProbability")));
            long p = (Long) r.get("parameters");
            for (Object o : (List<?>) r.get("statements")) {
                Map<?, ?> v = (Map<?, ?>) o;
                Tally t = tallies.computeIfAbsent((String) v.get("id"), k -> new Tally());
                t.instances++;
                t.largestP = Math.max(t.largestP, p);
                switch ((String) v.get("verdict")) {
                    case "tight" -> t.tight++;
                    case "holds" -> t.holds++;
                    case "violated" -> t.violated++;
                    default -> t.below++;
                }
            }
            Object ce = r.get("counterexample");
            if (ce instanceof Map<?, ?> m) {
                Tally t = tallies.get((String) m.get("statement"));
                if (t != null && t.counterexample == null) {
                    t.counterexample = "`" + m.get("command") + "`";
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# hessrank proofs-check report\n\n");
        sb.append("- ").append(version).append('\n');
        sb.append("- profile: ").append(profile).append("; ").append(rows.size()).append(" instances (")
                .append(figurePoints).append(" figure points, ").append(cases).append(" random cases")
                .append(skipped == 0 ? "" : ", of which " + skipped + " skipped: no draw avoided a zero ReLU pre-activation")
                .append(")\n");
        sb.append("- seeds: figure points ").append(Plan.SEED).append(" (2 points each), random cases ")
                .append(Plan.CASE_SEED).append('\n');
        sb.append("- checksum of results.jsonl (SHA-256): `").append(checksum).append("`\n");
        sb.append(String.format(Locale.ROOT, "- grade of every rank: certified lower bound (elimination mod a random"
                + " 49-bit prime, witness minor), equal to the exact rank except with probability <= %.1e per"
                + " instance; a violation is certified by the witness, a below-exact verdict was re-checked at a"
                + " second point%n%n", worstFailure));
        sb.append("## Statements\n\n");
        sb.append("| id | source | provenance | kind | target | instances | largest p | tight % | holds | violated |"
                + " below-exact | counterexample |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Statement s : Catalogue.all()) {
            Tally t = tallies.get(s.id());
            if (s instanceof SweepStatement) {
                continue;
            }
            String tightPct = t.instances == 0 ? "—" : String.format(Locale.ROOT, "%.0f%%", 100.0 * t.tight / t.instances);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s | %d | %d | %d | %s |%n",
                    s.id(), s.source(), s.provenance().name().toLowerCase(Locale.ROOT),
                    s.kind().name().toLowerCase(Locale.ROOT), s.target().targetName(), t.instances,
                    t.instances == 0 ? "—" : Long.toString(t.largestP), tightPct, t.holds, t.violated, t.below,
                    t.counterexample == null ? "" : t.counterexample));
        }
        sb.append("\n## Growth laws\n\n| id | sweep | verdict | detail |\n|---|---|---|---|\n");
        for (String[] sweep : new String[][] {{"FC-SQRT", "fig1-width"}, {"FC-SQRT", "fig5-sqrt"},
            {"CNN-SQRT", "fig4-cnn"}}) {
            sb.append(sweepRow(sweep[0], sweep[1]));
        }
        sb.append("\n## Figures\n\n");
        for (String f : figures().keySet()) {
            sb.append("![").append(f).append("](figures/").append(f).append(".svg)\n\n");
        }
        return sb.toString();
    }

    private String sweepRow(String id, String figure) {
        List<Map<String, Object>> pts = figure(figure);
        if (pts.isEmpty()) {
            return "| " + id + " | " + figure + " | not run | |\n";
        }
        SweepStatement s = (SweepStatement) Catalogue.byId(id);
        Architecture base = Architecture.parse((String) pts.get(0).get("arch"));
        Instance inst = Instance.generic(base, ((Long) pts.get(0).get("samples")).intValue());
        List<SweepStatement.Sample> samples = new ArrayList<>();
        for (Map<String, Object> r : pts) {
            samples.add(new SweepStatement.Sample((int) ((Number) r.get("x")).doubleValue(), (Long) r.get("parameters"),
                    (Long) ((Map<?, ?>) r.get("rank")).get("L")));
        }
        try {
            SweepStatement.GrowthCheck v = s.check(inst, samples);
            return "| " + id + " | " + figure + " | " + v.outcome().name().toLowerCase(Locale.ROOT) + " | "
                    + v.detail().replace("|", "/") + " |\n";
        } catch (IllegalArgumentException e) {
            return "| " + id + " | " + figure + " | not applicable | " + e.getMessage().replace("|", "/") + " |\n";
        }
    }

    private List<Map<String, Object>> figure(String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (name.equals(r.get("figure"))) {
                out.add(r);
            }
        }
        return out;
    }

    private static long rank(Map<String, Object> r, String part) {
        return (Long) ((Map<?, ?>) r.get("rank")).get(part);
    }

    private static double predicted(Map<String, Object> r, String id) {
        for (Object o : (List<?>) r.get("statements")) {
            Map<?, ?> v = (Map<?, ?>) o;
            if (id.equals(v.get("id"))) {
                return ((Number) v.get("predicted")).doubleValue();
            }
        }
        return Double.NaN;
    }

    /** {@code f} of every row, in order: one series of a chart. O(rows). */
    private static double[] column(List<Map<String, Object>> rows, ToDoubleFunction<Map<String, Object>> f) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(rows.get(i));
        }
        return out;
    }

    /** A figure row's x value. */
    private static double x(Map<String, Object> r) {
        return ((Number) r.get("x")).doubleValue();
    }

    private Map<String, SvgChart> figures() {
        Map<String, SvgChart> out = new LinkedHashMap<>();
        String[][] figs = {
            {"fig1-width", "[NBH21] width sweep: d=64, K=10, N=100, hidden [w, w]", "hidden width w"},
            {"fig2-depth", "depth sweep: d=16, K=10, N=50, hidden width 25", "hidden layers"},
            {"fig3-samples", "sample sweep: d=64, hidden [10, 10], K=10", "samples N"}};
        for (String[] f : figs) {
            List<Map<String, Object>> pts = figure(f[0]);
            if (pts.isEmpty()) {
                continue;
            }
            SvgChart.Builder b = SvgChart.builder(f[1]).axes(f[2], "rank / p");
            String[] parts = {"O", "F", "L"};
            for (String part : parts) {
                b.line("rank H_" + part + " / p (exact)", column(pts, Report::x),
                        column(pts, r -> rank(r, part) / (double) (Long) r.get("parameters")));
            }
            for (int k = 0; k < 3; k++) {
                String id = "FC-" + parts[k];
                b.dashed(id + " formula", column(pts, Report::x),
                        column(pts, r -> predicted(r, id) / (double) (Long) r.get("parameters")), k);
            }
            out.put(f[0], b.build());
        }
        List<Map<String, Object>> cnn = figure("fig4-cnn");
        if (!cnn.isEmpty()) {
            double[] x = column(cnn, Report::x);
            double[] rank = column(cnn, r -> rank(r, "L"));
            double[] p = column(cnn, r -> (Long) r.get("parameters"));
            out.put("fig4-cnn", SvgChart.builder("[SHS23] linear CNN in(1,12) -> conv(m,3) -> conv(m,3) -> dense(2), N=40")
                    .axes("hidden channels m", "count").line("rank H_L (exact)", x, rank).line("parameters p", x, p)
                    .build());
        }
        literatureFigure(out, "fig6-attn-a", "[HMK25] lightning attention in(3,3) -> attn(a), N = p + 2",
                "key dimension a", r -> org.hessrank.theory.LiteratureStatements.attentionDimension(3, (long) x(r), 1));
        literatureFigure(out, "fig7-attn-t", "[HMK25] lightning attention in(3,t) -> attn(a=2), N = p + 2",
                "tokens t", r -> org.hessrank.theory.LiteratureStatements.attentionDimension(3, 2, 1));
        literatureFigure(out, "fig8-poly-k", "[KTB19] polynomial MLP in(3) -> dense(3) -> pow(k) -> dense(3)",
                "power k", r -> predicted(r, "PMLP-DIM"));
        List<Map<String, Object>> fc = figure("fig5-sqrt");
        if (!fc.isEmpty() || !cnn.isEmpty()) {
            SvgChart.Builder b = SvgChart.builder("rank H_L against p (log-log)").axes("parameters p", "rank H_L")
                    .logLog();
            addLogLog(b, "FC in(8) -> dense(w) x3 -> dense(4)", fc);
            addLogLog(b, "CNN in(1,12) -> conv(m,3) x2 -> dense(2)", cnn);
            out.put("fig5-sqrt", b.build());
        }
        return out;
    }

    /** Measured rank H_O against the paper's formula over x. */
    private void literatureFigure(Map<String, SvgChart> out, String name, String title, String axis,
            java.util.function.ToDoubleFunction<Map<String, Object>> formula) {
        List<Map<String, Object>> pts = figure(name);
        if (pts.isEmpty()) {
            return;
        }
        out.put(name, SvgChart.builder(title).axes(axis, "rank H_O").line("rank H_O (exact)", column(pts, Report::x),
                column(pts, r -> rank(r, "O"))).dashed("the paper's formula", column(pts, Report::x),
                        column(pts, formula), 0).build());
    }

    private static void addLogLog(SvgChart.Builder b, String name, List<Map<String, Object>> pts) {
        if (pts.size() < 2) {
            return;
        }
        double[] p = new double[pts.size()];
        double[] r = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            p[i] = (Long) pts.get(i).get("parameters");
            r[i] = rank(pts.get(i), "L");
        }
        double[] fit = SvgChart.logLogFit(p, r);
        b.line(String.format(Locale.ROOT, "%s: fitted slope %.2f", name, fit[0]), p, r);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
