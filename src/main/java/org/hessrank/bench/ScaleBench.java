package org.hessrank.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.hessian.Float64Hessians;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.Float64Rank;

/**
 * The three Hessian ranks end to end from the spec at growing sizes ({@code hessrank bench-scale}),
 * by the matrix-free path, the dense modular path and the Java float64 path (EJML) (the papers'
 * float64 setting, in Java). Each (case, method) runs in a fresh JVM with a heap cap, so that its
 * time and peak memory are its own; the child is started with the caller's arguments and runs
 * {@link #measureOne}. Beside them, optionally, the papers' own pipeline (JAX float64 + numpy
 * SVD, {@link PapersPipeline}) as a Python child. Points are drawn with seed 1; ranks are
 * reproducible, times and memory are not.
 */
public final class ScaleBench {
    /** The methods, by the names {@link #measureOne} takes. */
    public static final List<String> METHODS = List.of("matrix-free", "echelon", "dense", "float64");

    /**
     * One benchmark case: a spec with its expected ranks (from docs/theorems.md where exact, else -1),
     * and the range R of the point's entries (uniform in [−R, R]) for every method.
     */
    public record Case(String name, String spec, int samples, String heap, int[] formula, String formulaSource,
            long range) {
        /** A case whose point is drawn with the default range R = 2^20. */
        public Case(String name, String spec, int samples, String heap, int[] formula, String formulaSource) {
            this(name, spec, samples, heap, formula, formulaSource, PointOptions.DEFAULT_RANGE);
        }
    }

    /** The fixed target cases. */
    public static final List<Case> TARGETS = List.of(
            new Case("fc-2k", "in(64) -> dense(20) -> dense(20) -> dense(10)", 100, "4g",
                    new int[] {640, 700, 1240}, "FC-O, FC-F, FC-L"),
            new Case("fc-12k", "in(64) -> dense(60) -> dense(60) -> dense(60) -> dense(10)", 100, "4g",
                    new int[] {640, 3400, 3940}, "FC-O, FC-F, FC-L"),
            new Case("fc-93k", "in(64) -> dense(200) -> dense(200) -> dense(200) -> dense(2)", 100, "8g",
                    new int[] {128, 2392, 2516}, "FC-O, FC-F, FC-L"),
            new Case("cnn2d-52k", "in(2,20,20) -> conv(16,k=3) -> dense(10)", 100, "8g",
                    new int[] {-1, 576, -1}, "CNN1-F (H_O: CNN1-O-2D is only a bound, 1000)"));

    /** The formula source of a case no catalogued statement applies to. */
    public static final String NO_FORMULA = "no catalogued formula";

    /** The range of the graph cases' points: small, because their float64 point is the integer point. */
    public static final long GRAPH_RANGE = 16;

    /**
     * The graph networks of issue 12, no catalogued formula: a 2-layer lightning attention net (d = 16,
     * a = 4, t = 8, p = 1,024) and a residual ReLU MLP (p = 10,944), N = 64 each. A graph network is
     * not homogeneous, so its float64 point is the integer point itself ({@code RealPoint.of(net, ...)});
     * every method draws it with R = {@value #GRAPH_RANGE}, so that float64 sees moderate values.
     */
    public static final List<Case> GRAPHS = List.of(
            new Case("attn-1k", "in(16,8) -> attn(a=4) -> attn(a=4) -> dense(2)", 64, "4g",
                    new int[] {-1, -1, -1}, NO_FORMULA, GRAPH_RANGE),
            new Case("resmlp-11k", "in(32) -> dense(48) -> res(dense(48) -> relu -> dense(48))"
                    + " -> res(dense(48) -> relu -> dense(48)) -> dense(4)", 64, "8g",
                    new int[] {-1, -1, -1}, NO_FORMULA, GRAPH_RANGE));

    /**
     * One table row: the case, its parameter count, the method and its heap cap, and seven cells
     * (ranks of H_O, H_F, H_L, seconds, CPU seconds, peak GiB: {@code -} when not run; then the
     * agreement or why the method was skipped or failed).
     */
    public record Row(Case c, int p, String method, String heap, List<String> cells) {
    }

    /** One run of a method, for the scaling fit: parameters, seconds, peak GiB. */
    public record Run(int p, double seconds, double peakGiB) {
    }

    /**
     * The result of {@link #measureOne}: the three ranks, the wall time, the peak resident memory, and
     * the CPU time (user + system, every thread of the JVM: JIT and GC included) over the same span as
     * the wall time (NaN where the JVM cannot tell).
     */
    public record Measurement(int rankO, int rankF, int rankL, double seconds, double peakGiB, double cpuSeconds) {
        /** The line a child prints and {@link ScaleBench} parses back. */
        public String line() {
            return String.format(Locale.ROOT, "O=%d F=%d L=%d seconds=%.3f peakGiB=%.3f cpuSeconds=%.3f", rankO, rankF,
                    rankL, seconds, peakGiB, cpuSeconds);
        }
    }

    private final double maxSeconds;
    private final BiFunction<Case, String, List<String>> childArguments;
    private final Consumer<String> progress;
    private final PapersPipeline papers;

    /**
     * A benchmark that skips a method whose estimated time exceeds {@code maxSeconds}. A child JVM
     * runs {@code java -Xmx<heap> -cp <this class path>} followed by
     * {@code childArguments.apply(case, method)}, which must make it call {@link #measureOne} and
     * print {@link Measurement#line()} last on stdout. {@code progress} receives a line as each
     * child starts.
     */
    public ScaleBench(double maxSeconds, BiFunction<Case, String, List<String>> childArguments,
            Consumer<String> progress) {
        this(maxSeconds, childArguments, progress, null);
    }

    /**
     * The same, and after the methods of each case the papers' own pipeline ({@link PapersPipeline},
     * JAX float64 + numpy SVD, as method {@value PapersPipeline#METHOD}) when {@code papers} is not
     * null and available; it is skipped like the others when its estimated time exceeds
     * {@code maxSeconds} or its memory the machine's.
     */
    public ScaleBench(double maxSeconds, BiFunction<Case, String, List<String>> childArguments,
            Consumer<String> progress, PapersPipeline papers) {
        this.maxSeconds = maxSeconds;
        this.childArguments = childArguments;
        this.progress = progress;
        this.papers = papers == null || papers.missing().isPresent() ? null : papers;
    }

    /** The scaling series in(64) -> dense(M) x3 -> dense(2): q = 2, ranks 128, 12M − 8, 12M + 116 (FC-O, FC-F, FC-L). */
    public static List<Case> series(int[] widths) {
        List<Case> out = new ArrayList<>();
        for (int m : widths) {
            out.add(new Case("fc-M" + m, "in(64) -> dense(" + m + ") -> dense(" + m + ") -> dense(" + m
                    + ") -> dense(2)", 100, "8g", new int[] {128, 12 * m - 8, 12 * m + 116},
                    "FC-O, FC-F, FC-L"));
        }
        return out;
    }

    /** The case of a target name ({@code fc-2k}, …), a graph name ({@code attn-1k}, …) or a series name {@code fc-M<width>}. */
    public static Optional<Case> byName(String name) {
        Case found = null;
        for (Case t : concat(TARGETS, GRAPHS)) {
            if (t.name.equals(name)) {
                found = t;
            }
        }
        if (found == null && name.matches("fc-M\\d+")) {
            found = series(new int[] {Integer.parseInt(name.substring(4))}).get(0);
        }
        return Optional.ofNullable(found);
    }

    private static List<Case> concat(List<Case> a, List<Case> b) {
        List<Case> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Runs every method on every case in turn, each in a child JVM unless skipped; {@code onRow}
     * receives each row as soon as it is known. Returns the runs per method, for
     * {@link #exponent}.
     */
    public Map<String, List<Run>> run(List<Case> cases, List<String> methods, Consumer<Row> onRow)
            throws IOException, InterruptedException {
        Map<String, List<Run>> scaling = new LinkedHashMap<>();
        Map<String, double[]> lastCost = new LinkedHashMap<>();
        for (Case c : cases) {
            int p = Architecture.parse(c.spec).lower().parameterCount();
            int[] exact = null;
            for (String m : methods) {
                String skip = skipReason(m, p, lastCost.get(m));
                String[] row;
                if (skip != null) {
                    row = new String[] {"-", "-", "-", "-", "-", "-", skip};
                } else {
                    Map<String, String> r = child(c, m);
                    if (r.containsKey("error")) {
                        row = new String[] {"-", "-", "-", "-", "-", "-", "failed: " + r.get("error")};
                    } else {
                        int[] ranks = {Integer.parseInt(r.get("O")), Integer.parseInt(r.get("F")),
                            Integer.parseInt(r.get("L"))};
                        double sec = Double.parseDouble(r.get("seconds"));
                        double peak = Double.parseDouble(r.get("peakGiB"));
                        double cpu = Double.parseDouble(r.getOrDefault("cpuSeconds", "NaN"));
                        if (!m.equals("float64") && exact == null) {
                            exact = ranks;
                        }
                        lastCost.put(m, new double[] {p, sec});
                        scaling.computeIfAbsent(m, k -> new ArrayList<>()).add(new Run(p, sec, peak));
                        row = new String[] {Integer.toString(ranks[0]), Integer.toString(ranks[1]),
                            Integer.toString(ranks[2]), String.format(Locale.ROOT, "%.2f", sec),
                            String.format(Locale.ROOT, "%.2f", cpu), String.format(Locale.ROOT, "%.2f", peak),
                            agreement(m, ranks, exact, c)};
                    }
                }
                onRow.accept(new Row(c, p, m, heapFor(m, c), List.of(row)));
            }
            if (papers != null) {
                onRow.accept(papersRow(c, p, exact, lastCost, scaling));
            }
        }
        return scaling;
    }

    /** The papers' pipeline on one case: run, or skipped with the reason, or failed with the script's message. */
    private Row papersRow(Case c, int p, int[] exact, Map<String, double[]> lastCost, Map<String, List<Run>> scaling)
            throws InterruptedException {
        String m = PapersPipeline.METHOD;
        String skip = !PapersPipeline.takes(c.spec) ? "not run: not a deep linear net in(d) -> dense(m1) -> ... -> dense(K)"
                : PapersPipeline.skipReason(p, lastCost.get(m), maxSeconds, PapersPipeline.physicalMemoryBytes());
        String[] row;
        if (skip != null) {
            row = new String[] {"-", "-", "-", "-", "-", "-", skip};
        } else {
            progress.accept(String.format(Locale.ROOT, "bench-scale: %s %s ...", c.name, m));
            try {
                PapersPipeline.Result r = papers.run(c.spec, c.samples, 1);
                int[] ranks = {r.rankO(), r.rankF(), r.rankL()};
                lastCost.put(m, new double[] {p, r.seconds()});
                scaling.computeIfAbsent(m, k -> new ArrayList<>()).add(new Run(p, r.seconds(), r.peakGiB()));
                String agreement = exact == null ? "no exact rank to compare"
                        : Arrays.equals(ranks, exact) ? m + " = exact"
                        : m + " WRONG (exact " + exact[0] + "/" + exact[1] + "/" + exact[2] + ")";
                row = new String[] {Integer.toString(ranks[0]), Integer.toString(ranks[1]), Integer.toString(ranks[2]),
                    String.format(Locale.ROOT, "%.2f", r.seconds()), String.format(Locale.ROOT, "%.2f", r.cpuSeconds()),
                    String.format(Locale.ROOT, "%.2f", r.peakGiB()), String.format(Locale.ROOT,
                            "%s; build %.2f s + numpy SVD %.2f s; own Gaussian point", agreement, r.buildSeconds(),
                            r.rankSeconds())};
            } catch (IOException e) {
                row = new String[] {"-", "-", "-", "-", "-", "-", "not run: " + e.getMessage()};
            }
        }
        return new Row(c, p, m, "-", List.of(row));
    }

    private static String agreement(String method, int[] ranks, int[] exact, Case c) {
        StringBuilder s = new StringBuilder();
        if (method.equals("float64")) {
            s.append(exact == null ? "no exact rank to compare"
                    : Arrays.equals(ranks, exact) ? "float64 = exact" : "float64 WRONG (exact "
                            + exact[0] + "/" + exact[1] + "/" + exact[2] + ")");
        } else if (exact != null && !Arrays.equals(ranks, exact)) {
            s.append("DISAGREES with the first exact method; ");
        }
        if (!method.equals("float64")) {
            boolean ok = true;
            boolean any = false;
            for (int k = 0; k < 3; k++) {
                ok &= c.formula[k] < 0 || c.formula[k] == ranks[k];
                any |= c.formula[k] >= 0;
            }
            s.append(!any ? c.formulaSource : ok ? "= formulas (" + c.formulaSource + ")"
                    : "FORMULA MISMATCH (" + c.formulaSource + ")");
        }
        if (c.range != PointOptions.DEFAULT_RANGE) {
            s.append("; point range +-").append(c.range);
        }
        return s.toString();
    }

    /** The heap cap of a method's child JVM: the case's for the matrix-free paths, 16g for dense ones. */
    public static String heapFor(String method, Case c) {
        return method.equals("matrix-free") || method.equals("echelon") ? c.heap : "16g";
    }

    /** Why a method is skipped at this size, or null: memory from its formula, time extrapolated. */
    private String skipReason(String method, int p, double[] last) {
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
            // reference machine (docs/scale.md; float64: EJML, three 2000 x 2000 symmetric eigensolves
            // under load), so that --cases series does not start a run far over the limit
            double[] base = last != null ? last : method.equals("dense") ? new double[] {1880, 2.5}
                    : new double[] {2000, 20};
            double est = base[1] * Math.pow(p / base[0], method.equals("dense") ? 2.5 : 3);
            if (est > maxSeconds) {
                return String.format(Locale.ROOT, "skipped: est. %.0f s > --max-seconds", est);
            }
        }
        return null;
    }

    private Map<String, String> child(Case c, String method) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heapFor(method, c), "-cp",
                System.getProperty("java.class.path")));
        cmd.addAll(childArguments.apply(c, method));
        progress.accept(String.format(Locale.ROOT, "bench-scale: %s %s ...", c.name, method));
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

    /**
     * Runs one method in this JVM, end to end from the spec (the point drawn with seed 1 and
     * {@code samples} samples): {@code matrix-free}, {@code echelon} and {@code dense} as
     * {@code hessrank rank} does it, failure-probability bounds included; {@code float64} in the
     * papers' setting, in Java (float64 Hessian, singular values by {@link Float64Rank}, numpy's tolerance).
     */
    public static Measurement measureOne(String spec, String method, int samples, Consumer<String> progress) {
        return measureOne(spec, method, samples, PointOptions.DEFAULT_RANGE, progress);
    }

    /**
     * {@link #measureOne(String, String, int, Consumer)} at a point whose entries are uniform in
     * [−range, range], for every method (float64 at that integer point too).
     */
    public static Measurement measureOne(String spec, String method, int samples, long range,
            Consumer<String> progress) {
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        PointOptions options = PointOptions.defaults().withSamples(samples).withSeed(1).withRange(range);
        LoweredNetwork net = Architecture.parse(spec).lower();
        int p = net.parameterCount();
        int[] ranks = new int[3];
        switch (method) {
            case "matrix-free", "echelon", "dense" -> {
                Observations m = HessianRanks.observe(net, options, 1, method.equals("dense") ? HessianRanks.Method.MODULAR
                                : HessianRanks.Method.MATRIX_FREE, method.equals("echelon")
                                        ? MatrixFreeRanks.Compression.ECHELON : MatrixFreeRanks.Compression.TOEPLITZ,
                        progress::accept);
                for (Part part : Part.hessianParts()) {
                    ranks[part.ordinal()] = m.rank(part);
                }
            }
            default -> {
                double[][] h = Float64Hessians.of(net, Points.draw(net, options));
                for (Part part : Part.hessianParts()) {
                    progress.accept("float64: singular values of H_" + part);
                    double[] s = Float64Rank.singularValues(h[part.ordinal()], p, p);
                    h[part.ordinal()] = null;
                    ranks[part.ordinal()] = Float64Rank.numpyRank(s, p, p);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = processCpuSeconds() - cpu0;
        return new Measurement(ranks[0], ranks[1], ranks[2], seconds, peakGiB(), cpu);
    }

    /** User + system CPU seconds of this JVM so far, all threads (NaN where the JVM cannot tell). */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** VmHWM of this process in GiB (NaN off Linux). */
    public static double peakGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / (double) (1L << 20);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The CPU model from /proc/cpuinfo, or {@code unknown CPU}. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    /**
     * The least-squares slope of log(y) against log(p) over {@code runs}: the fitted exponent of
     * time or memory (NaN when every run has the same p).
     *
     * @throws IllegalArgumentException for fewer than two runs
     */
    public static double exponent(List<Run> runs, ToDoubleFunction<Run> y) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("runs (" + runs.size() + ") must be >= 2 for a fit");
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = runs.size();
        for (Run x : runs) {
            double a = Math.log(x.p()), b = Math.log(y.applyAsDouble(x));
            sx += a;
            sy += b;
            sxx += a * a;
            sxy += a * b;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
