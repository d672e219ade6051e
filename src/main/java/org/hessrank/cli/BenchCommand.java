package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.bench.EngineBench;
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
    @Override
    public Integer call() {
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
