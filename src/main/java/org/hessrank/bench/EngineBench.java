package org.hessrank.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.FractionElimination;
import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.RandomMatrices;
import org.hessrank.exact.RankResult;
import org.hessrank.numeric.Float64Rank;

/**
 * The rank engines side by side ({@code hessrank bench}) on random n×n integer matrices of rank
 * n/4: products of random n×r and r×n factors with entries in [−5, 5], drawn from
 * {@code seed + n}. A method is skipped at a size once its time, extrapolated from the previous
 * size by its exponent, exceeds the time limit. Seeded: the matrices and ranks are reproducible;
 * the times are not.
 */
public final class EngineBench {
    /** The methods, in column order: modular, deterministic, Bareiss, BigFraction, float64 SVD. */
    public static final List<String> METHODS = List.of("modular", "deterministic", "bareiss", "bigfraction",
            "float64-svd");
    private static final double[] EXPONENTS = {3, 3, 4, 4, 3};

    private final long seed;
    private final double maxSeconds;
    private final int repeats;

    /**
     * One size's results, per method in {@link #METHODS} order.
     *
     * @param seconds the best time of each method, null where it was skipped
     * @param ranks the rank each method found, −1 where it was skipped
     * @param primes the number of primes the deterministic engine used, null if it was skipped
     * @param agreement {@code yes}, {@code NO (exact r): method=rank ...}, or {@code n/a ...}
     */
    public record Row(int n, int r, List<Double> seconds, List<Integer> ranks, Integer primes, String agreement) {
    }

    /** The time to re-check an r×r witness minor exactly with Bareiss, and whether it was nonsingular. */
    public record WitnessCheck(int size, double seconds, boolean nonsingular) {
    }

    /**
     * A benchmark from {@code seed} (matrices and primes) that skips a method once its
     * extrapolated time exceeds {@code maxSeconds}, repeating the two fast engines
     * {@code repeats} times (the best time counts).
     */
    public EngineBench(long seed, double maxSeconds, int repeats) {
        this.seed = seed;
        this.maxSeconds = maxSeconds;
        this.repeats = repeats;
    }

    /**
     * Warms the fast engines up, then measures every size in turn: {@code progress} receives a
     * line before each method runs, {@code onRow} each size's results as soon as they are known.
     */
    public void run(int[] sizes, Consumer<String> progress, Consumer<Row> onRow) {
        warmUp();
        double[] lastTime = new double[METHODS.size()];
        int[] lastN = new int[METHODS.size()];
        for (int n : sizes) {
            int r = n / 4;
            IntegerMatrix m = RandomMatrices.lowRank(new SplittableRandom(seed + n), n, n, r, 5);
            Double[] seconds = new Double[METHODS.size()];
            Integer primesUsed = null;
            Integer[] ranks = new Integer[METHODS.size()];
            Arrays.fill(ranks, -1);
            for (int k = 0; k < METHODS.size(); k++) {
                if (lastN[k] > 0 && lastTime[k] * Math.pow((double) n / lastN[k], EXPONENTS[k]) > maxSeconds) {
                    lastN[k] = Integer.MAX_VALUE / 2;
                    lastTime[k] = Double.POSITIVE_INFINITY;
                    continue;
                }
                progress.accept(String.format(Locale.ROOT, "n=%d %s ...", n, METHODS.get(k)));
                int reps = k < 2 ? repeats : 1;
                double best = Double.POSITIVE_INFINITY;
                for (int rep = 0; rep < reps; rep++) {
                    long t0 = System.nanoTime();
                    RankResult res = run(k, m);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    ranks[k] = res.rank();
                    if (k == 1) {
                        primesUsed = res.primes().length;
                    }
                }
                seconds[k] = best;
                lastTime[k] = best;
                lastN[k] = n;
            }
            onRow.accept(new Row(n, r, Collections.unmodifiableList(Arrays.asList(seconds)), List.of(ranks),
                    primesUsed, agreement(ranks)));
        }
    }

    /**
     * "yes" when every computed rank equals the first exact one (deterministic, else Bareiss,
     * else BigFraction); "n/a" when no exact rank was computed at this size.
     */
    private static String agreement(Integer[] ranks) {
        int reference = -1;
        for (int k = 1; k <= 3 && reference < 0; k++) {
            reference = ranks[k];
        }
        if (reference < 0) {
            return "n/a (no exact rank at this size)";
        }
        StringBuilder bad = new StringBuilder();
        for (int k = 0; k < METHODS.size(); k++) {
            if (ranks[k] >= 0 && ranks[k] != reference) {
                bad.append(' ').append(METHODS.get(k)).append('=').append(ranks[k]);
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
        return RankResult.of(rank.getAsInt(), Grade.DETERMINISTIC, 0, null, null, "bigfraction");
    }

    private void warmUp() {
        IntegerMatrix w = RandomMatrices.lowRank(new SplittableRandom(seed), 300, 300, 75, 5);
        for (int i = 0; i < 3; i++) {
            ModularRank.of(seed + i, 1).rank(w);
            MultiModularRank.of(seed + i).rank(w);
        }
    }

    /** Time to re-check an r×r witness minor exactly with Bareiss, r = 100, on a 400×400 rank-100 matrix. */
    public WitnessCheck witnessVerification() {
        IntegerMatrix m = RandomMatrices.lowRank(new SplittableRandom(seed + 400), 400, 400, 100, 5);
        RankResult res = ModularRank.of(seed, 1).rank(m);
        long t0 = System.nanoTime();
        boolean ok = res.witness().verify(m);
        double s = (System.nanoTime() - t0) / 1e9;
        return new WitnessCheck(res.witness().size(), s, ok);
    }
}
