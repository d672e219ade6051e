package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.hessrank.bench.PapersPipeline;
import org.hessrank.bench.ScaleBench;
import org.hessrank.hessian.PointOptions;
import org.hessrank.report.Csv;
import org.hessrank.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hessrank bench-scale}: the three Hessian ranks end to end from the spec at growing sizes,
 * by the matrix-free path, the dense modular path and the Java float64 path (EJML), each run in
 * a fresh JVM with a heap cap so that its time and peak memory are its own, and beside them the
 * papers' own pipeline (JAX float64 + numpy SVD) when Python with JAX is installed. The measuring is
 * {@link ScaleBench}'s; this command parses the options, prints, and is the child's entry point
 * (the hidden {@code --one}).
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        description = {"Exact ranks of H_O, H_F, H_L at growing sizes, end to end from the spec (point drawn with"
                + " seed 1, N=100; the graph cases N=64, entries in [-16, 16]): matrix-free (HVPs + random compression), dense modular (p x p mod a prime),"
                + " and the Java float64 path (float64 Hessian + EJML eigenvalues/SVD, numpy tolerance);"
                + " beside them the papers' own pipeline, JAX float64 + numpy SVD (examples/python/papers_pipeline.py,"
                + " its own Gaussian point; deep linear nets only), when python3 with jax is installed.",
            "Each (case, method) runs in a fresh JVM with the heap cap shown; time (wall) and cpu (user +"
                + " system, all threads of that JVM, JIT and GC included) exclude JVM start, peak memory is that JVM's VmHWM (peak resident set). A method is skipped when its"
                + " estimated time exceeds --max-seconds or its estimated memory exceeds its heap cap.",
            "Prints the table, then a scaling table (time and memory against p, fitted exponents).",
            "Exit codes: 0 ok, 2 bad input."})
public final class ScaleBenchCommand implements Callable<Integer> {
    @Mixin
    FormatOption format;

    @Option(names = "--cases", split = ",", defaultValue = "targets,series",
            description = "targets | series | graphs | a case name (fc-2k, fc-12k, fc-93k, cnn2d-52k, fc-M<width>,"
                    + " attn-1k, resmlp-11k) (default: ${DEFAULT-VALUE}).")
    List<String> cases;

    @Option(names = "--series", split = ",", defaultValue = "25,50,100",
            description = "Widths M of the scaling series (default: ${DEFAULT-VALUE}; M=200 is fc-93k).")
    int[] widths;

    @Option(names = "--methods", split = ",", defaultValue = "matrix-free,dense,float64",
            description = "matrix-free (Toeplitz compression) | echelon (matrix-free with the echelon compression,"
                    + " r^2*p) | dense | float64 (the Java float64 path, EJML) (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--max-seconds", defaultValue = "900",
            description = "Skip a method whose estimated time exceeds this (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--papers-pipeline", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Run the papers' pipeline (JAX float64 + numpy SVD) as method jax-numpy: auto = when"
                    + " python3 with jax is found, on = required (exit 2 without it), off = never"
                    + " (default: ${DEFAULT-VALUE}; install: pip install \"jax[cpu]\").")
    String papersPipeline;

    @Option(names = "--python", defaultValue = "python3",
            description = "The Python that runs the papers' pipeline (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--one", hidden = true, arity = "2", description = "Internal: run one (spec-index method).")
    List<String> one;

    @Option(names = "--spec", hidden = true)
    String spec;

    @Option(names = "--samples", hidden = true, defaultValue = "100")
    int samples;

    @Option(names = "--range", hidden = true, defaultValue = "" + PointOptions.DEFAULT_RANGE)
    long range;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = format.out();
        if (one != null && !one.isEmpty()) {
            Progress progress = format.progress();
            ScaleBench.Measurement m = ScaleBench.measureOne(spec, one.get(1), samples, range,
                    phase -> progress.note("%s", phase));
            progress.done();
            out.println(m.line());
            return ExitCodes.OK;
        }
        List<ScaleBench.Case> list = new ArrayList<>();
        for (String c : cases) {
            if (c.equals("targets")) {
                list.addAll(ScaleBench.TARGETS);
            } else if (c.equals("series")) {
                list.addAll(ScaleBench.series(widths));
            } else if (c.equals("graphs")) {
                list.addAll(ScaleBench.GRAPHS);
            } else {
                list.add(ScaleBench.byName(c).orElseThrow(() -> new IllegalArgumentException("--cases entry (" + c
                        + ") must be targets, series, graphs or a case name")));
            }
        }
        for (String m : methods) {
            if (!ScaleBench.METHODS.contains(m)) {
                throw new IllegalArgumentException("--methods entry (" + m
                        + ") must be matrix-free, echelon, dense or float64");
            }
        }
        PapersPipeline.Mode mode = PapersPipeline.Mode.of("--papers-pipeline", papersPipeline);
        PapersPipeline papers = mode == PapersPipeline.Mode.OFF ? null
                : PapersPipeline.locate(python, PapersPipeline.defaultScript());
        if (mode == PapersPipeline.Mode.ON && papers.missing().isPresent()) {
            throw new IllegalArgumentException("--papers-pipeline (on): " + papers.missing().get());
        }
        String papersNote = papers == null ? null : papers.missing()
                .map(why -> "JAX/numpy pipeline: not run (" + why + ")")
                .orElse(PapersPipeline.METHOD + " = " + PapersPipeline.LABEL + ", " + PapersPipeline.SCRIPT
                        + ", its own Gaussian point (seed 1); float64 = float64 Hessian + EJML eigenvalues/SVD in Java,"
                        + " at the integer point");
        if (format.get() == Format.text) {
            out.printf(Locale.ROOT, "# hessrank bench-scale: %d cores, %s, Java %s, max heap per run as shown%n",
                    Runtime.getRuntime().availableProcessors(), ScaleBench.cpuModel(), System.getProperty("java.version"));
            if (papersNote != null) {
                out.printf(Locale.ROOT, "# %s%n", papersNote);
            }
            out.printf(Locale.ROOT, "%-10s %7s %-11s %5s %8s %8s %8s %9s %9s %8s  %s%n", "case", "p", "method", "heap",
                    "H_O", "H_F", "H_L", "seconds", "cpu s", "peak GiB", "agreement");
        } else if (papersNote != null) {
            format.err().println("bench-scale: " + papersNote);
        }
        if (format.get() == Format.csv) {
            out.println(Csv.row("case", "p", "method", "heap", "rank_O", "rank_F", "rank_L", "seconds", "cpu_seconds",
                    "peak_gib", "agreement"));
        }
        ScaleBench bench = new ScaleBench(maxSeconds, (c, m) -> List.of(Main.class.getName(), "bench-scale", "--one",
                c.name(), m, "--spec", c.spec(), "--samples", Integer.toString(c.samples()), "--range",
                Long.toString(c.range())),
                format.err()::println, papers);
        Map<String, List<ScaleBench.Run>> scaling = bench.run(list, methods, row -> {
            print(out, row);
            out.flush();
        });
        if (format.get() == Format.text) {
            printScaling(out, scaling);
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ScaleBench.Row r) {
        List<String> row = r.cells();
        switch (format.get()) {
            case csv -> out.println(Csv.row(r.c().name(), r.p(), r.method(), r.heap(), dash(row.get(0)),
                    dash(row.get(1)), dash(row.get(2)), dash(row.get(3)), dash(row.get(4)), dash(row.get(5)),
                    row.get(6)));
            case json -> out.println(Json.object().put("case", r.c().name()).put("p", r.p()).put("method", r.method())
                    .put("heap", r.heap()).put("rank_O", dash(row.get(0))).put("rank_F", dash(row.get(1)))
                    .put("rank_L", dash(row.get(2))).put("seconds", dash(row.get(3)))
                    .put("cpuSeconds", dash(row.get(4))).put("peakGiB", dash(row.get(5)))
                    .put("agreement", row.get(6)));
            default -> out.printf(Locale.ROOT, "%-10s %7d %-11s %5s %8s %8s %8s %9s %9s %8s  %s%n", r.c().name(),
                    r.p(), r.method(), r.heap(), row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5),
                    row.get(6));
        }
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

    /** The scaling table: per method, its runs and the fitted exponents of time and memory against p. */
    private static void printScaling(PrintWriter out, Map<String, List<ScaleBench.Run>> scaling) {
        out.printf(Locale.ROOT, "%n# scaling: time and peak memory against p (fitted exponent over all runs"
                + " of the method; FC-L ranks grow like sqrt(p) in the series)%n");
        out.printf(Locale.ROOT, "%-11s %-60s %10s %10s%n", "method", "p: seconds / peak GiB", "time ~ p^", "mem ~ p^");
        for (Map.Entry<String, List<ScaleBench.Run>> e : scaling.entrySet()) {
            List<ScaleBench.Run> runs = e.getValue();
            StringBuilder sb = new StringBuilder();
            for (ScaleBench.Run x : runs) {
                sb.append(String.format(Locale.ROOT, "%d: %.2f/%.2f  ", x.p(), x.seconds(), x.peakGiB()));
            }
            out.printf(Locale.ROOT, "%-11s %-60s %10s %10s%n", e.getKey(), sb.toString().trim(),
                    exponent(runs, ScaleBench.Run::seconds), exponent(runs, ScaleBench.Run::peakGiB));
        }
    }

    private static String exponent(List<ScaleBench.Run> runs, ToDoubleFunction<ScaleBench.Run> y) {
        return runs.size() < 2 ? "n/a" : String.format(Locale.ROOT, "%.2f", ScaleBench.exponent(runs, y));
    }
}
