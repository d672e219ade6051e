package org.hessrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.hessrank.net.SpecTemplate;
import org.hessrank.report.AtomicFiles;
import org.hessrank.report.Json;
import org.hessrank.report.SvgChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank sweep}: ranks over a family of architectures given by a template. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Exact ranks of H_O, H_F and H_L over a family of architectures: a spec template with"
                + " {variables}, each varied over an integer range.",
            "",
            "Example: hessrank sweep --arch \"in(64) -> dense({w}) -> dense({w}) -> dense(10)\" --vary w=4..56:4"
                + " --samples 100 --out results.csv --plot rank.svg",
            "Several --vary options give their Cartesian product (the first varies slowest). --samples may be a"
                + " template too, e.g. --samples {n} --vary n=10..400:30.",
            "Ranks use the modular method (certified lower bounds with a failure probability per row), the"
                + " maximum over --points points. Exit codes: 0 ok, 2 bad input."})
public final class SweepCommand implements Callable<Integer> {
    /**
     * The most architectures one sweep computes: each --vary range, and the product of all of them
     * (each architecture costs a rank computation and its spec is held in memory).
     */
    static final int MAX_ARCHITECTURES = 10_000;

    @Option(names = "--arch", required = true, paramLabel = "TEMPLATE", description = "Spec template with {variables}.")
    String template;

    @Option(names = "--vary", required = true, paramLabel = "name=a..b[:step]",
            description = "A variable and its integer range (inclusive; step default 1). Repeatable.")
    List<String> vary;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N",
            description = "Samples N, or a template like {n} (default: input size + 1).")
    String samples;

    @Mixin
    PointSeedOption seed;

    @Option(names = "--points", defaultValue = "1", description = "Points per architecture (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--range", defaultValue = "1048576", description = "Entry range R (default: 2^20).")
    long range;

    @Option(names = "--out", paramLabel = "CSV_FILE", description = "Write one CSV row per architecture.")
    Path out;

    @Option(names = "--plot", paramLabel = "rank.svg",
            description = "Write an SVG chart of the ranks against the first variable.")
    Path plot;

    @Option(names = "--y", defaultValue = "rank", description = "Plot rank or ratio (rank/p) (default: ${DEFAULT-VALUE}).")
    YAxis yAxis;

    @Mixin
    LayersOption layers;

    @Mixin
    FormatOption format;
    /** What the chart's y axis shows. */
    public enum YAxis { rank, ratio }


    record Row(Map<String, Integer> values, String arch, int parameters, int samples, int[] ranks, String grade,
            double failure, double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        if (points < 1) {
            throw new IllegalArgumentException("--points (" + points + ") must be >= 1");
        }
        if (out != null) {
            AtomicFiles.checkWritable(out, "--out");
        }
        if (plot != null) {
            AtomicFiles.checkWritable(plot, "--plot");
        }
        layers.load();
        Map<String, int[]> ranges = parseRanges();
        checkVariablesUsed(ranges);
        List<Map<String, Integer>> grid = grid(ranges);
        // validate every architecture before any rank is computed
        List<Architecture> archs = new ArrayList<>();
        List<Integer> sampleCounts = new ArrayList<>();
        for (Map<String, Integer> values : grid) {
            archs.add(Architecture.parse(substitute(template, values)));
            int n = integer(substitute(samples, values).trim(), "--samples");
            if (n < 0) {
                throw new IllegalArgumentException("--samples (" + n + ") must be >= 1 (or 0 for input size + 1)");
            }
            sampleCounts.add(n);
        }
        Progress progress = format.progress();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            Map<String, Integer> values = grid.get(i);
            Architecture arch = archs.get(i);
            Advice.requireDense("sweep", EngineChoice.modular, true, arch.parameterCount());
            org.hessrank.net.LoweredNetwork net = arch.lower();
            Advice.requireExact(net, "sweep");
            int n = sampleCounts.get(i);
            PointOptions options = PointOptions.defaults().withSamples(n).withRange(range).withSeed(seed.get());
            final int index = i;
            long t0 = System.nanoTime();
            Observations m = HessianRanks.observe(net, options, points, HessianRanks.Method.MODULAR,
                    phase -> progress.note("sweep %d/%d %s: %s", index + 1, grid.size(), values, phase));
            int[] ranks = {m.rank(Part.O), m.rank(Part.F), m.rank(Part.L)};
            double failure = Math.max(m.failureProbability(Part.O), Math.max(m.failureProbability(Part.F),
                    m.failureProbability(Part.L)));
            rows.add(new Row(values, arch.spec(), m.parameters(), m.samples(), ranks,
                    m.best(Part.O).grade().label(), failure, (System.nanoTime() - t0) / 1e9));
        }
        progress.done();
        String csv = csv(rows, ranges.keySet());
        if (out != null) {
            AtomicFiles.write(out, csv);
        }
        if (plot != null) {
            AtomicFiles.write(plot, chart(rows, ranges.keySet().iterator().next()).render());
        }
        print(format.out(), rows, ranges.keySet(), csv);
        return ExitCodes.OK;
    }

    /** {@code text} as an int, or a message naming {@code what} and the text. */
    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + ") must be an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
        }
    }

    /** The number of values of each range and their product, as "1000 x 1000 x 1000 = 1000000000". */
    private static String product(Map<String, int[]> ranges) {
        List<String> counts = new ArrayList<>();
        java.math.BigInteger product = java.math.BigInteger.ONE;
        for (int[] r : ranges.values()) {
            long count = ((long) r[1] - r[0]) / r[2] + 1;
            counts.add(Long.toString(count));
            product = product.multiply(java.math.BigInteger.valueOf(count));
        }
        return String.join(" x ", counts) + " = " + product;
    }

    private Map<String, int[]> parseRanges() {
        long product = 1;
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (SpecTemplate.Range r : SpecTemplate.ranges(vary).values()) {
            long count = r.count();
            if (count > MAX_ARCHITECTURES) {
                throw new IllegalArgumentException("--vary " + r.name() + " has " + count + " values; at most "
                        + MAX_ARCHITECTURES);
            }
            ranges.put(r.name(), new int[] {r.lo(), r.hi(), r.step()});
            // each count is at most MAX_ARCHITECTURES, so the product stays far from overflow until it is refused
            product = Math.min(product, Integer.MAX_VALUE) * count;
        }
        if (product > MAX_ARCHITECTURES) {
            throw new IllegalArgumentException("--vary ranges give " + product(ranges) + " architectures (their"
                    + " product); at most " + MAX_ARCHITECTURES + " per sweep");
        }
        return ranges;
    }

    private void checkVariablesUsed(Map<String, int[]> ranges) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("--arch", template);
        texts.put("--samples", samples);
        SpecTemplate.checkVariables(texts, ranges.keySet());
    }

    private static List<Map<String, Integer>> grid(Map<String, int[]> ranges) {
        List<Map<String, Integer>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>());
        for (Map.Entry<String, int[]> e : ranges.entrySet()) {
            List<Map<String, Integer>> next = new ArrayList<>();
            for (Map<String, Integer> partial : grid) {
                for (long v = e.getValue()[0]; v <= e.getValue()[1]; v += e.getValue()[2]) {
                    Map<String, Integer> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), (int) v);
                    next.add(m);
                }
            }
            grid = next;
        }
        return grid;
    }

    static String substitute(String text, Map<String, Integer> values) {
        return SpecTemplate.substitute(text, values);
    }

    private static String csv(List<Row> rows, Iterable<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(n).append(',');
        }
        sb.append("arch,parameters,samples,rank_O,rank_F,rank_L,grade,failure_probability,seconds\n");
        for (Row r : rows) {
            for (int v : r.values().values()) {
                sb.append(v).append(',');
            }
            sb.append('"').append(r.arch()).append("\",").append(r.parameters()).append(',').append(r.samples());
            for (int k : r.ranks()) {
                sb.append(',').append(k);
            }
            sb.append(',').append(r.grade()).append(',').append(String.format(Locale.ROOT, "%.3g", r.failure()))
                    .append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append('\n');
        }
        return sb.toString();
    }

    private SvgChart chart(List<Row> rows, String first) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Integer> others = new LinkedHashMap<>(r.values());
            others.remove(first);
            groups.computeIfAbsent(others.isEmpty() ? "" : " " + others, k -> new ArrayList<>()).add(r);
        }
        SvgChart.Builder b = SvgChart.builder("hessrank sweep: " + template).axes(first,
                yAxis == YAxis.ratio ? "rank / p" : "rank");
        String[] parts = {"H_O", "H_F", "H_L"};
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            List<Row> rs = g.getValue();
            for (int k = 0; k < 3; k++) {
                double[] x = new double[rs.size()];
                double[] y = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    x[i] = rs.get(i).values().get(first);
                    y[i] = rs.get(i).ranks()[k] / (yAxis == YAxis.ratio ? (double) rs.get(i).parameters() : 1.0);
                }
                b.line(parts[k] + g.getKey(), x, y);
            }
        }
        return b.build();
    }

    private void print(PrintWriter out, List<Row> rows, Iterable<String> names, String csv) {
        switch (format.get()) {
            case csv -> out.print(csv);
            case json -> {
                for (Row r : rows) {
                    out.println(Json.object().put("values", r.values()).put("arch", r.arch())
                            .put("parameters", r.parameters()).put("samples", r.samples()).put("rank_O", r.ranks()[0])
                            .put("rank_F", r.ranks()[1]).put("rank_L", r.ranks()[2]).put("grade", r.grade())
                            .put("failureProbability", r.failure()).put("seconds", r.seconds()));
                }
            }
            default -> {
                StringBuilder header = new StringBuilder();
                for (String n : names) {
                    header.append(String.format(Locale.ROOT, "%6s ", n));
                }
                out.printf(Locale.ROOT, "%s%10s %7s %7s %7s %7s  %s%n", header, "params", "N", "H_O", "H_F",
                        "H_L", "seconds");
                for (Row r : rows) {
                    StringBuilder vals = new StringBuilder();
                    for (int v : r.values().values()) {
                        vals.append(String.format(Locale.ROOT, "%6d ", v));
                    }
                    out.printf(Locale.ROOT, "%s%10d %7d %7d %7d %7d  %.3f%n", vals, r.parameters(), r.samples(),
                            r.ranks()[0], r.ranks()[1], r.ranks()[2], r.seconds());
                }
                double worst = rows.stream().mapToDouble(Row::failure).max().orElse(0);
                out.printf(Locale.ROOT, "ranks: certified lower bounds, each exact except with probability <="
                        + " %.2g (modular, seed %d)%n", worst, seed.get());
            }
        }
    }
}
