package org.hessrank.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.hessian.Float64Hessians;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.Float64Rank;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hessrank bench-scale}: the three Hessian ranks end to end from the spec at growing sizes,
 * by the matrix-free path, the dense modular path and the papers' float64 pipeline, each run in
 * a fresh JVM with a heap cap so that its time and peak memory are its own.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        description = {"Exact ranks of H_O, H_F, H_L at growing sizes, end to end from the spec (point drawn with"
                + " seed 1, N=100): matrix-free (HVPs + random compression), dense modular (p x p mod a prime),"
                + " and the papers' float64 pipeline (float64 Hessian + Hipparchus SVD, numpy tolerance).",
            "Each (case, method) runs in a fresh JVM with the heap cap shown; time excludes JVM start,"
                + " peak memory is that JVM's VmHWM (peak resident set). A method is skipped when its"
                + " estimated time exceeds --max-seconds or its estimated memory exceeds its heap cap.",
            "Prints the table, then a scaling table (time and memory against p, fitted exponents).",
            "Exit codes: 0 ok, 2 bad input."})
public final class ScaleBenchCommand implements Callable<Integer> {
    /** One benchmark case: a spec with its expected ranks (from THEOREMS.md where exact, else -1). */
    record Case(String name, String spec, int samples, String heap, int[] formula, String formulaSource) {
    }

    static final List<Case> TARGETS = List.of(
            new Case("fc-2k", "in(64) -> dense(20) -> dense(20) -> dense(10)", 100, "4g",
                    new int[] {640, 700, 1240}, "FC-O, FC-F, FC-L"),
            new Case("fc-12k", "in(64) -> dense(60) -> dense(60) -> dense(60) -> dense(10)", 100, "4g",
                    new int[] {640, 3400, 3940}, "FC-O, FC-F, FC-L"),
            new Case("fc-93k", "in(64) -> dense(200) -> dense(200) -> dense(200) -> dense(2)", 100, "8g",
                    new int[] {128, 2392, 2516}, "FC-O, FC-F, FC-L"),
            new Case("cnn2d-52k", "in(2,20,20) -> conv(16,k=3) -> dense(10)", 100, "8g",
                    new int[] {-1, 576, -1}, "CNN1-F (H_O: CNN1-O-2D is only a bound, 1000)"));

    /** The scaling series in(64) -> dense(M) x3 -> dense(2): q = 2, ranks 128, 12M − 8, 12M + 116 (FC-O, FC-F, FC-L). */
    static List<Case> series(int[] widths) {
        List<Case> out = new ArrayList<>();
        for (int m : widths) {
            out.add(new Case("fc-M" + m, "in(64) -> dense(" + m + ") -> dense(" + m + ") -> dense(" + m
                    + ") -> dense(2)", 100, "8g", new int[] {128, 12 * m - 8, 12 * m + 116},
                    "FC-O, FC-F, FC-L"));
        }
        return out;
    }

    @Option(names = "--format", defaultValue = "text",
            description = "text (table and scaling fit) | json (one object per run) | csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--cases", split = ",", defaultValue = "targets,series",
            description = "targets | series | a case name (fc-2k, fc-12k, fc-93k, cnn2d-52k, fc-M<width>)"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--series", split = ",", defaultValue = "25,50,100",
            description = "Widths M of the scaling series (default: ${DEFAULT-VALUE}; M=200 is fc-93k).")
    int[] widths;

    @Option(names = "--methods", split = ",", defaultValue = "matrix-free,dense,float64",
            description = "matrix-free (Toeplitz compression) | echelon (matrix-free with the echelon compression,"
                    + " r^2*p) | dense | float64 (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--max-seconds", defaultValue = "900",
            description = "Skip a method whose estimated time exceeds this (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--one", hidden = true, arity = "2", description = "Internal: run one (spec-index method).")
    List<String> one;

    @Option(names = "--spec", hidden = true)
    String spec;

    @Option(names = "--samples", hidden = true, defaultValue = "100")
    int samples;

    @Override
    public Integer call() throws Exception {
        if (one != null && !one.isEmpty()) {
            return runOne(one.get(1));
        }
        List<Case> list = new ArrayList<>();
        for (String c : cases) {
            if (c.equals("targets")) {
                list.addAll(TARGETS);
            } else if (c.equals("series")) {
                list.addAll(series(widths));
            } else {
                Case found = null;
                for (Case t : TARGETS) {
                    if (t.name.equals(c)) {
                        found = t;
                    }
                }
                if (found == null && c.matches("fc-M\\d+")) {
                    found = series(new int[] {Integer.parseInt(c.substring(4))}).get(0);
                }
                if (found == null) {
                    throw new IllegalArgumentException("--cases entry (" + c + ") must be targets, series or a case name");
                }
                list.add(found);
            }
        }
        for (String m : methods) {
            if (!List.of("matrix-free", "echelon", "dense", "float64").contains(m)) {
                throw new IllegalArgumentException("--methods entry (" + m
                        + ") must be matrix-free, echelon, dense or float64");
            }
        }
        if (format == Format.text) {
            System.out.printf(Locale.ROOT, "# hessrank bench-scale: %d cores, %s, Java %s, max heap per run as shown%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-10s %7s %-11s %5s %8s %8s %8s %9s %8s  %s%n", "case", "p", "method", "heap",
                    "H_O", "H_F", "H_L", "seconds", "peak GiB", "agreement");
        } else if (format == Format.csv) {
            System.out.println(org.hessrank.report.Csv.row("case", "p", "method", "heap", "rank_O", "rank_F", "rank_L",
                    "seconds", "peak_gib", "agreement"));
        }
        Map<String, List<double[]>> scaling = new LinkedHashMap<>();
        Map<String, double[]> lastCost = new LinkedHashMap<>();
        for (Case c : list) {
            int p = Architecture.parse(c.spec).lower().parameterCount();
            int[] exact = null;
            for (String m : methods) {
                String skip = skipReason(m, p, c, lastCost.get(m));
                String[] row;
                if (skip != null) {
                    row = new String[] {"-", "-", "-", "-", "-", skip};
                } else {
                    Map<String, String> r = child(c, m);
                    if (r.containsKey("error")) {
                        row = new String[] {"-", "-", "-", "-", "-", "failed: " + r.get("error")};
                    } else {
                        int[] ranks = {Integer.parseInt(r.get("O")), Integer.parseInt(r.get("F")),
                            Integer.parseInt(r.get("L"))};
                        double sec = Double.parseDouble(r.get("seconds"));
                        double peak = Double.parseDouble(r.get("peakGiB"));
                        if (!m.equals("float64") && exact == null) {
                            exact = ranks;
                        }
                        lastCost.put(m, new double[] {p, sec});
                        scaling.computeIfAbsent(m, k -> new ArrayList<>()).add(new double[] {p, sec, peak});
                        row = new String[] {Integer.toString(ranks[0]), Integer.toString(ranks[1]),
                            Integer.toString(ranks[2]), String.format(Locale.ROOT, "%.2f", sec),
                            String.format(Locale.ROOT, "%.2f", peak), agreement(m, ranks, exact, c)};
                    }
                }
                switch (format) {
                    case csv -> System.out.println(org.hessrank.report.Csv.row(c.name, p, m, heapFor(m, c),
                            dash(row[0]), dash(row[1]), dash(row[2]), dash(row[3]), dash(row[4]), row[5]));
                    case json -> System.out.println(org.hessrank.report.Json.object().put("case", c.name).put("p", p)
                            .put("method", m).put("heap", heapFor(m, c)).put("rank_O", dash(row[0]))
                            .put("rank_F", dash(row[1])).put("rank_L", dash(row[2])).put("seconds", dash(row[3]))
                            .put("peakGiB", dash(row[4])).put("agreement", row[5]));
                    default -> System.out.printf(Locale.ROOT, "%-10s %7d %-11s %5s %8s %8s %8s %9s %8s  %s%n", c.name, p,
                            m, heapFor(m, c), row[0], row[1], row[2], row[3], row[4], row[5]);
                }
                System.out.flush();
            }
        }
        if (format == Format.text) {
            printScaling(scaling);
        }
        return 0;
    }

    /** A table cell as a JSON/CSV value: null for "-", a number when it parses, else the text. */
    private static Object dash(String cell) {
        if (cell.equals("-")) {
            return null;
        }
        try {
            return cell.contains(".") ? (Object) Double.parseDouble(cell) : (Object) Long.parseLong(cell);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    private static String agreement(String method, int[] ranks, int[] exact, Case c) {
        StringBuilder s = new StringBuilder();
        if (method.equals("float64")) {
            s.append(exact == null ? "no exact rank to compare"
                    : java.util.Arrays.equals(ranks, exact) ? "float64 = exact" : "float64 WRONG (exact "
                            + exact[0] + "/" + exact[1] + "/" + exact[2] + ")");
        } else if (exact != null && !java.util.Arrays.equals(ranks, exact)) {
            s.append("DISAGREES with the first exact method; ");
        }
        if (!method.equals("float64")) {
            boolean ok = true;
            for (int k = 0; k < 3; k++) {
                ok &= c.formula[k] < 0 || c.formula[k] == ranks[k];
            }
            s.append(ok ? "= formulas (" + c.formulaSource + ")" : "FORMULA MISMATCH (" + c.formulaSource + ")");
        }
        return s.toString();
    }

    private static String heapFor(String method, Case c) {
        return method.equals("matrix-free") || method.equals("echelon") ? c.heap : "16g";
    }

    /** Why a method is skipped at this size, or null: memory from its formula, time extrapolated. */
    private String skipReason(String method, int p, Case c, double[] last) {
        double heap = 16.0 * (1L << 30);
        if (method.equals("dense") || method.equals("float64")) {
            if (p > Hessians.MAX_DENSE_PARAMETERS) {
                return "skipped: p > " + Hessians.MAX_DENSE_PARAMETERS + " (p x p array)";
            }
            double bytes = (method.equals("dense") ? 5.0 : 6.0) * 8 * p * (double) p;
            if (bytes > 0.9 * heap) {
                return String.format(Locale.ROOT, "skipped: needs ~%.0f GiB", bytes / (1L << 30));
            }
            // before any run of the method in this invocation: a (p, seconds) measured on the
            // reference machine (docs/scale.md), so that --cases series does not start a 27-min SVD
            double[] base = last != null ? last : method.equals("dense") ? new double[] {1880, 2.5}
                    : new double[] {2900, 1647};
            double est = base[1] * Math.pow(p / base[0], method.equals("dense") ? 2.5 : 3);
            if (est > maxSeconds) {
                return String.format(Locale.ROOT, "skipped: est. %.0f s > --max-seconds", est);
            }
        }
        return null;
    }

    private Map<String, String> child(Case c, String method) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heapFor(method, c), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "bench-scale", "--one", c.name,
                method, "--spec", c.spec, "--samples", Integer.toString(c.samples)));
        System.err.printf(Locale.ROOT, "bench-scale: %s %s ...%n", c.name, method);
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                last = line;
            }
        }
        int code = proc.waitFor();
        Map<String, String> out = new LinkedHashMap<>();
        if (code != 0 || last == null) {
            out.put("error", "exit " + code);
            return out;
        }
        Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(last);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Runs one method in this JVM; prints {@code O=.. F=.. L=.. seconds=.. peakGiB=..}. */
    private int runOne(String method) {
        long t0 = System.nanoTime();
        LoweredNetwork net = Architecture.parse(spec).lower();
        int p = net.parameterCount();
        int[] ranks = new int[3];
        switch (method) {
            case "matrix-free", "echelon", "dense" -> {
                // end to end as `hessrank rank` does it, bounds for the failure probability included
                Observations m = HessianRanks.observe(net, PointOptions.defaults().withSamples(samples)
                        .withSeed(1), 1, method.equals("dense") ? HessianRanks.Method.MODULAR
                                : HessianRanks.Method.MATRIX_FREE, method.equals("echelon")
                                        ? MatrixFreeRanks.Compression.ECHELON : MatrixFreeRanks.Compression.TOEPLITZ,
                        phase -> Progress.note("%s", phase));
                for (Part part : Part.hessianParts()) {
                    ranks[part.ordinal()] = m.rank(part);
                }
            }
            default -> {
                double[][] h = Float64Hessians.of(net, Points.draw(net, PointOptions.defaults().withSamples(samples)
                        .withSeed(1)));
                for (Part part : Part.hessianParts()) {
                    Progress.note("float64: SVD of H_%s", part);
                    double[][] a = new double[p][];
                    for (int i = 0; i < p; i++) {
                        a[i] = java.util.Arrays.copyOfRange(h[part.ordinal()], i * p, (i + 1) * p);
                    }
                    h[part.ordinal()] = null;
                    double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false)).getSingularValues();
                    double tol = Float64Rank.numpyTolerance(s, p, p);
                    for (double v : s) {
                        ranks[part.ordinal()] += v > tol ? 1 : 0;
                    }
                }
            }
        }
        Progress.done();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "O=%d F=%d L=%d seconds=%.3f peakGiB=%.3f%n", ranks[0], ranks[1], ranks[2],
                seconds, peakGiB());
        return 0;
    }

    /** VmHWM of this process in GiB (NaN off Linux). */
    static double peakGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / (double) (1L << 20);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    /** Least-squares slope of log(time) and log(memory) against log(p), per method. */
    private static void printScaling(Map<String, List<double[]>> scaling) {
        System.out.printf(Locale.ROOT, "%n# scaling: time and peak memory against p (fitted exponent over all runs"
                + " of the method; FC-L ranks grow like sqrt(p) in the series)%n");
        System.out.printf(Locale.ROOT, "%-11s %-60s %10s %10s%n", "method", "p: seconds / peak GiB", "time ~ p^", "mem ~ p^");
        for (Map.Entry<String, List<double[]>> e : scaling.entrySet()) {
            List<double[]> pts = e.getValue();
            StringBuilder sb = new StringBuilder();
            for (double[] x : pts) {
                sb.append(String.format(Locale.ROOT, "%d: %.2f/%.2f  ", (int) x[0], x[1], x[2]));
            }
            System.out.printf(Locale.ROOT, "%-11s %-60s %10s %10s%n", e.getKey(), sb.toString().trim(),
                    slope(pts, 1), slope(pts, 2));
        }
    }

    private static String slope(List<double[]> pts, int k) {
        if (pts.size() < 2) {
            return "n/a";
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = pts.size();
        for (double[] x : pts) {
            double a = Math.log(x[0]), b = Math.log(x[k]);
            sx += a;
            sy += b;
            sxx += a * a;
            sxy += a * b;
        }
        return String.format(Locale.ROOT, "%.2f", (n * sxy - sx * sy) / (n * sxx - sx * sx));
    }
}
