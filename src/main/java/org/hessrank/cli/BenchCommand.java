package org.hessrank.cli;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.FractionElimination;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.RandomMatrices;
import org.hessrank.exact.RankResult;
import org.hessrank.numeric.Float64Rank;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hessrank bench}: rank engines side by side on random n×n integer matrices of rank n/4
 * (products of random n×r and r×n factors with entries in [−5, 5]).
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

    @Option(names = "--format", defaultValue = "text",
            description = "text (table) | json (one object per size) | csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--repeats", defaultValue = "3",
            description = "Repetitions of the fast engines; the best time is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    private static final String[] METHODS = {"modular", "deterministic", "bareiss", "bigfraction", "float64-svd"};
    private static final double[] EXPONENTS = {3, 3, 4, 4, 3};

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
        if (format == Format.text) {
            System.out.printf(Locale.ROOT, "# hessrank bench, seed %d, %d cores, Java %s, max %.0f s per method%n", seed,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), maxSeconds);
            System.out.printf(Locale.ROOT, "%6s %5s | %-20s | %-20s | %-12s | %-12s | %-14s | %s%n", "n", "r",
                    "modular s (rank)", "determ. s (primes)", "bareiss s", "bigfrac s", "float64 svd s", "agree");
        } else if (format == Format.csv) {
            System.out.println(org.hessrank.report.Csv.row("n", "r", "modular_s", "deterministic_s",
                    "deterministic_primes", "bareiss_s", "bigfraction_s", "float64_svd_s", "rank", "agree"));
        }
        warmUp();
        double[] lastTime = new double[METHODS.length];
        int[] lastN = new int[METHODS.length];
        for (int n : sizes) {
            int r = n / 4;
            IntegerMatrix m = RandomMatrices.lowRank(new SplittableRandom(seed + n), n, n, r, 5);
            String[] cells = new String[METHODS.length];
            Double[] seconds = new Double[METHODS.length];
            Integer primesUsed = null;
            int[] ranks = new int[METHODS.length];
            java.util.Arrays.fill(ranks, -1);
            for (int k = 0; k < METHODS.length; k++) {
                if (lastN[k] > 0 && lastTime[k] * Math.pow((double) n / lastN[k], EXPONENTS[k]) > maxSeconds) {
                    cells[k] = "skipped";
                    lastN[k] = Integer.MAX_VALUE / 2;
                    lastTime[k] = Double.POSITIVE_INFINITY;
                    continue;
                }
                System.err.printf(Locale.ROOT, "n=%d %s ...%n", n, METHODS[k]);
                int reps = k < 2 ? repeats : 1;
                double best = Double.POSITIVE_INFINITY;
                String extra = "";
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    final int method = k;
                    RankResult res = run(method, m);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    ranks[k] = res.rank();
                    extra = k == 0 ? "(" + res.rank() + ")" : k == 1 ? "(" + res.primes().length + ")" : "";
                    if (k == 1) {
                        primesUsed = res.primes().length;
                    }
                }
                cells[k] = String.format(Locale.ROOT, "%.4f %s", best, extra).trim();
                seconds[k] = best;
                lastTime[k] = best;
                lastN[k] = n;
            }
            String agreement = agreement(ranks);
            switch (format) {
                case csv -> System.out.println(org.hessrank.report.Csv.row(n, r, seconds[0], seconds[1], primesUsed,
                        seconds[2], seconds[3], seconds[4], ranks[0], agreement));
                case json -> System.out.println(org.hessrank.report.Json.object().put("n", n).put("r", r)
                        .put("modularSeconds", seconds[0]).put("deterministicSeconds", seconds[1])
                        .put("deterministicPrimes", primesUsed).put("bareissSeconds", seconds[2])
                        .put("bigfractionSeconds", seconds[3]).put("float64SvdSeconds", seconds[4]).put("rank", ranks[0])
                        .put("agree", agreement));
                default -> System.out.printf(Locale.ROOT, "%6d %5d | %-20s | %-20s | %-12s | %-12s | %-14s | %s%n", n, r,
                        cells[0], cells[1], cells[2], cells[3], cells[4], agreement);
            }
        }
        if (format == Format.text) {
            witnessVerification();
        }
        return 0;
    }

    /**
     * "yes" when every computed rank equals the first exact one (deterministic, else Bareiss,
     * else BigFraction); "n/a" when no exact rank was computed at this size.
     */
    private static String agreement(int[] ranks) {
        int reference = -1;
        for (int k = 1; k <= 3 && reference < 0; k++) {
            reference = ranks[k];
        }
        if (reference < 0) {
            return "n/a (no exact rank at this size)";
        }
        StringBuilder bad = new StringBuilder();
        for (int k = 0; k < METHODS.length; k++) {
            if (ranks[k] >= 0 && ranks[k] != reference) {
                bad.append(' ').append(METHODS[k]).append('=').append(ranks[k]);
            }
        }
        return bad.length() == 0 ? "yes" : "NO (exact " + reference + "):" + bad;
    }

    private RankResult run(int method, IntegerMatrix m) {
        return switch (method) {
            case 0 -> ModularRank.of(seed, 1).rank(m);
            case 1 -> MultiModularRank.of(seed).rank(m);
            case 2 -> Bareiss.engine().rank(m);
            case 3 -> exactInt(() -> FractionElimination.rank(m));
            default -> Float64Rank.estimate(m);
        };
    }

    private static RankResult exactInt(IntSupplier rank) {
        return RankResult.of(rank.getAsInt(), org.hessrank.exact.Grade.DETERMINISTIC, 0, null, null, "bigfraction");
    }

    private void warmUp() {
        IntegerMatrix w = RandomMatrices.lowRank(new SplittableRandom(seed), 300, 300, 75, 5);
        for (int i = 0; i < 3; i++) {
            ModularRank.of(seed + i, 1).rank(w);
            MultiModularRank.of(seed + i).rank(w);
        }
    }

    /** Time to re-check an r×r witness minor exactly with Bareiss, r = 100. */
    private void witnessVerification() {
        IntegerMatrix m = RandomMatrices.lowRank(new SplittableRandom(seed + 400), 400, 400, 100, 5);
        RankResult res = ModularRank.of(seed, 1).rank(m);
        long t0 = System.nanoTime();
        boolean ok = res.witness().verify(m);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "witness verification (Bareiss on the %dx%d minor of a 400x400 rank-100 matrix):"
                + " %.3f s, %s%n", res.witness().size(), res.witness().size(), s, ok ? "nonsingular" : "FAILED");
    }
}
