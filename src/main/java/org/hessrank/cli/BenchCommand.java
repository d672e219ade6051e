package org.hessrank.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.bench.EngineBench;
import org.hessrank.bench.Float64Bench;
import org.hessrank.report.Csv;
import org.hessrank.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hessrank bench}: rank engines side by side on random n×n integer matrices of rank n/4
 * (products of random n×r and r×n factors with entries in [−5, 5]); the measuring is
 * {@link EngineBench}'s, this command parses the options and prints.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the rank engines side by side on random n x n integer matrices of rank n/4"
                + " (B*C with B n x r, C r x n, entries in [-5,5]).",
            "Columns: modular (1 random 49-bit prime), deterministic (multi-modular), Bareiss over Z,"
                + " BigFraction Gaussian elimination (Hipparchus), float64 SVD with numpy's tolerance.",
            "With --float64 N: instead, hessrank's float64 rank (EJML, all cores) of a seeded random N x N"
                + " symmetric matrix of rank 0.62*N, side by side with numpy's matrix_rank and eigvalsh on the"
                + " same matrix (python3 examples/python/numpy_rank.py, with its BLAS threads and with one; when python3"
                + " with numpy is installed).",
            "A method is skipped at a size when its time, extrapolated from the previous size, exceeds"
                + " --max-seconds. Progress goes to stderr; the table to stdout.",
            "Exit codes: 0 ok, 2 bad input."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "100,200,400,1000,2000,4000",
            description = "Matrix sizes n (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--max-seconds", defaultValue = "60",
            description = "Skip a slow method once its extrapolated time exceeds this (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed for matrices and primes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    FormatOption format;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Repetitions of the fast engines; the best time is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--float64", paramLabel = "N",
            description = "Compare the float64 rank with numpy on an N x N symmetric matrix instead (e.g. 2000).")
    Integer float64;

    @Option(names = "--numpy-script", defaultValue = "examples/python/numpy_rank.py", paramLabel = "PATH",
            description = "numpy's side of --float64 (default: ${DEFAULT-VALUE}).")
    Path numpyScript;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (float64 != null) {
            return float64();
        }
        for (int n : sizes) {
            if (n < 4) {
                throw new IllegalArgumentException("--sizes entry (" + n + ") must be >= 4");
            }
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats (" + repeats + ") must be >= 1");
        }
        PrintWriter out = format.out();
        if (format.get() == Format.text) {
            out.printf(Locale.ROOT, "# hessrank bench, seed %d, %d cores, Java %s, max %.0f s per method%n", seed,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), maxSeconds);
            out.printf(Locale.ROOT, "%6s %5s | %-20s | %-20s | %-12s | %-12s | %-14s | %s%n", "n", "r",
                    "modular s (rank)", "determ. s (primes)", "bareiss s", "bigfrac s", "float64 svd s", "agree");
        } else if (format.get() == Format.csv) {
            out.println(Csv.row("n", "r", "modular_s", "deterministic_s", "deterministic_primes", "bareiss_s",
                    "bigfraction_s", "float64_svd_s", "rank", "agree"));
        }
        EngineBench bench = new EngineBench(seed, maxSeconds, repeats);
        bench.run(sizes, format.err()::println, row -> print(out, row));
        if (format.get() == Format.text) {
            EngineBench.WitnessCheck w = bench.witnessVerification();
            out.printf(Locale.ROOT, "witness verification (Bareiss on the %dx%d minor of a 400x400 rank-100 matrix):"
                    + " %.3f s, %s%n", w.size(), w.size(), w.seconds(), w.nonsingular() ? "nonsingular" : "FAILED");
        }
        return ExitCodes.OK;
    }

    private int float64() throws IOException, InterruptedException {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats (" + repeats + ") must be >= 1");
        }
        Float64Bench.Result res = Float64Bench.run(seed, float64, repeats, numpyScript, format.err()::println);
        PrintWriter out = format.out();
        double numpy = res.timings().stream().filter(t -> t.engine().startsWith("numpy matrix_rank"))
                .mapToDouble(Float64Bench.Timing::best).min().orElse(Double.NaN);
        if (format.get() == Format.text) {
            out.printf(Locale.ROOT, "# hessrank bench --float64 %d: a %dx%d symmetric matrix of rank %d (seed %d),"
                    + " %d cores, load %.1f, Java %s, best of %d%n", res.n(), res.n(), res.n(), res.r(), seed,
                    Runtime.getRuntime().availableProcessors(), res.loadAverage(), System.getProperty("java.version"),
                    repeats);
            out.printf(Locale.ROOT, "%-36s %6s %9s %9s %s%n", "engine", "rank", "first s", "best s",
                    "best / fastest numpy matrix_rank");
        } else if (format.get() == Format.csv) {
            out.println(Csv.row("engine", "n", "r", "rank", "first_s", "best_s", "ratio_to_numpy_matrix_rank"));
        }
        for (Float64Bench.Timing t : res.timings()) {
            double ratio = t.best() / numpy;
            switch (format.get()) {
                case csv -> out.println(Csv.row(t.engine(), res.n(), res.r(), t.rank(), t.first(), t.best(), ratio));
                case json -> out.println(Json.object().put("engine", t.engine()).put("n", res.n()).put("r", res.r())
                        .put("rank", t.rank()).put("firstSeconds", t.first()).put("bestSeconds", t.best())
                        .put("ratioToNumpyMatrixRank", ratio));
                default -> out.printf(Locale.ROOT, "%-36s %6d %9.3f %9.3f %s%n", t.engine(), t.rank(), t.first(),
                        t.best(), Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio));
            }
        }
        if (res.numpyNote() != null) {
            format.err().println(res.numpyNote());
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, EngineBench.Row row) {
        List<Double> seconds = row.seconds();
        switch (format.get()) {
            case csv -> out.println(Csv.row(row.n(), row.r(), seconds.get(0), seconds.get(1), row.primes(),
                    seconds.get(2), seconds.get(3), seconds.get(4), row.ranks().get(0), row.agreement()));
            case json -> out.println(Json.object().put("n", row.n()).put("r", row.r())
                    .put("modularSeconds", seconds.get(0)).put("deterministicSeconds", seconds.get(1))
                    .put("deterministicPrimes", row.primes()).put("bareissSeconds", seconds.get(2))
                    .put("bigfractionSeconds", seconds.get(3)).put("float64SvdSeconds", seconds.get(4))
                    .put("rank", row.ranks().get(0)).put("agree", row.agreement()));
            default -> {
                String[] cells = new String[seconds.size()];
                for (int k = 0; k < cells.length; k++) {
                    String extra = k == 0 ? "(" + row.ranks().get(0) + ")" : k == 1 ? "(" + row.primes() + ")" : "";
                    cells[k] = seconds.get(k) == null ? "skipped"
                            : String.format(Locale.ROOT, "%.4f %s", seconds.get(k), extra).trim();
                }
                out.printf(Locale.ROOT, "%6d %5d | %-20s | %-20s | %-12s | %-12s | %-14s | %s%n", row.n(), row.r(),
                        cells[0], cells[1], cells[2], cells[3], cells[4], row.agreement());
            }
        }
    }
}
