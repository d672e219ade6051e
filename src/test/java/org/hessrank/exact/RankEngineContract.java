package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RankEngine} must pass. Subclass it, implement {@link #engine()}, and
 * every test below runs against that engine. Tests are seeded ({@link SplittableRandom}) and
 * silent when passing; a failure message names the case seed and the shape, so it can be
 * replayed.
 *
 * <p>Expected ranks come from the slow, independent {@link Oracles} (brute-force minors for
 * matrices up to 6×6, BigFraction elimination beyond), or from a construction whose rank is
 * known (products of full-rank factors, unimodular transformations).
 *
 * <p>What a result must satisfy ({@link #checkRank}):
 * <ul>
 *   <li>the grade is {@link Grade#DETERMINISTIC} (failure probability 0) or
 *       {@link Grade#CERTIFIED_LOWER_BOUND} (failure probability in [0, 1e-6], and the rank never
 *       exceeds the true rank: a lower bound above the truth is unsound, not unlucky);
 *   <li>the rank equals the true rank (for certified results this can fail with the stated
 *       probability, which at 1e-6 over the few thousand cases here is negligible);
 *   <li>if a witness is given, its size is the rank and {@link Witness#verify} holds;
 *   <li>the input is not modified.
 * </ul>
 */
abstract class RankEngineContract {
    /** Largest failure probability a certified result may state. */
    static final double MAX_FAILURE_PROBABILITY = 1e-6;

    /** The engine under test; may return a fresh or a shared instance. */
    protected abstract RankEngine engine();

    // ------------------------------------------------------------------------------ checking

    /**
     * Runs the engine on {@code m}, checks every contract invariant and that the rank is
     * {@code expected}, and returns the result.
     */
    protected final RankResult checkRank(IntegerMatrix m, int expected, String what) {
        RankEngine engine = engine();
        BigInteger[] before = m.toRowMajor();
        RankResult r = engine.rank(m);
        String where = engine.name() + " on " + m.rows() + "x" + m.cols() + " (" + what + ")";
        assertNotNull(r, where + ": null result");
        assertArrayEquals(before, m.toRowMajor(), where + ": input was modified");
        assertTrue(r.rank() >= 0 && r.rank() <= Math.min(m.rows(), m.cols()),
                () -> where + ": rank " + r.rank() + " outside [0, min(rows, cols)]");
        assertNotNull(r.method(), where + ": null method");
        assertFalse(r.method().isBlank(), where + ": blank method");
        switch (r.grade()) {
            case DETERMINISTIC -> assertEquals(0.0, r.failureProbability(),
                    where + ": deterministic result with nonzero failure probability");
            case CERTIFIED_LOWER_BOUND -> {
                assertTrue(r.failureProbability() >= 0 && r.failureProbability() <= MAX_FAILURE_PROBABILITY,
                        () -> where + ": failure probability " + r.failureProbability() + " not in [0, "
                                + MAX_FAILURE_PROBABILITY + "]");
                assertTrue(r.rank() <= expected, () -> where + ": certified lower bound " + r.rank()
                        + " exceeds the true rank " + expected + " (unsound)");
            }
            default -> fail(where + ": grade " + r.grade() + " is not exact");
        }
        Witness w = r.witness();
        if (w != null) {
            assertEquals(r.rank(), w.size(), where + ": witness size");
            assertTrue(w.verify(m), () -> where + ": witness " + java.util.Arrays.toString(w.rows()) + " x "
                    + java.util.Arrays.toString(w.cols()) + " is not a nonsingular minor");
        }
        assertEquals(expected, r.rank(), () -> where + ": rank (" + r + ")");
        return r;
    }

    /** Checks against the best oracle for the size. */
    protected final RankResult checkAgainstOracle(IntegerMatrix m, String what) {
        int expected = m.rows() <= Oracles.BRUTE_FORCE_LIMIT && m.cols() <= Oracles.BRUTE_FORCE_LIMIT
                ? Oracles.bruteForceRank(m)
                : Oracles.fractionRank(m);
        return checkRank(m, expected, what);
    }

    // ------------------------------------------------------------------------------ generators

    static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** 0, ±1, and values at and around ±2^63 and 2^64: where long arithmetic overflows. */
    static final BigInteger[] EXTREMES = {
        BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
        BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE),
        BigInteger.valueOf(Long.MAX_VALUE - 1), BigInteger.valueOf(Long.MIN_VALUE + 1),
        TWO_63, TWO_63.add(BigInteger.ONE), TWO_63.negate().subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(62), BigInteger.ONE.shiftLeft(62).negate(), TWO_64, TWO_64.subtract(BigInteger.ONE),
        BigInteger.valueOf(Integer.MAX_VALUE), BigInteger.valueOf(Integer.MIN_VALUE),
    };

    static BigInteger small(SplittableRandom rnd) {
        return BigInteger.valueOf(rnd.nextInt(-2, 3));
    }

    static BigInteger ternary(SplittableRandom rnd) {
        return BigInteger.valueOf(rnd.nextInt(-1, 2));
    }

    static BigInteger moderate(SplittableRandom rnd) {
        return BigInteger.valueOf(rnd.nextLong(-1_000_000, 1_000_001));
    }

    static BigInteger extreme(SplittableRandom rnd) {
        return EXTREMES[rnd.nextInt(EXTREMES.length)];
    }

    /** A random integer with {@code bits} bits (so about 0.3·bits decimal digits), random sign. */
    static BigInteger huge(SplittableRandom rnd, int bits) {
        BigInteger v = new BigInteger(bits, new Random(rnd.nextLong())).setBit(bits - 1);
        return rnd.nextBoolean() ? v : v.negate();
    }

    static IntegerMatrix random(SplittableRandom rnd, int rows, int cols, Function<SplittableRandom, BigInteger> gen) {
        BigInteger[] e = new BigInteger[rows * cols];
        for (int k = 0; k < e.length; k++) {
            e[k] = gen.apply(rnd);
        }
        return IntegerMatrix.of(rows, cols, e);
    }

    /** B·C with B rows×r and C r×cols random: rank at most r, usually exactly r. */
    static IntegerMatrix lowRank(SplittableRandom rnd, int rows, int cols, int r,
            Function<SplittableRandom, BigInteger> gen) {
        return random(rnd, rows, r, gen).multiply(random(rnd, r, cols, gen));
    }

    /** A random matrix of the given full rank r (≤ rows, cols): retries until the oracle agrees. */
    static IntegerMatrix fullRank(SplittableRandom rnd, int rows, int cols, Function<SplittableRandom, BigInteger> gen) {
        for (int attempt = 0; attempt < 100; attempt++) {
            IntegerMatrix m = random(rnd, rows, cols, gen);
            if (Oracles.fractionRank(m) == Math.min(rows, cols)) {
                return m;
            }
        }
        throw new AssertionError("no full-rank " + rows + "x" + cols + " matrix in 100 attempts");
    }

    /**
     * A random unimodular n×n matrix: the identity after {@code ops} elementary integer row
     * operations (add k·row j to row i with 0 < |k| ≤ 3, swap two rows, negate a row).
     */
    static IntegerMatrix unimodular(SplittableRandom rnd, int n, int ops) {
        BigInteger[][] u = IntegerMatrix.identity(n).toArray();
        for (int t = 0; t < ops && n > 0; t++) {
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            int kind = rnd.nextInt(4);
            if (kind <= 1 && i != j) {
                BigInteger k = BigInteger.valueOf(rnd.nextBoolean() ? rnd.nextInt(1, 4) : -rnd.nextInt(1, 4));
                for (int c = 0; c < n; c++) {
                    u[i][c] = u[i][c].add(k.multiply(u[j][c]));
                }
            } else if (kind == 2) {
                BigInteger[] s = u[i];
                u[i] = u[j];
                u[j] = s;
            } else {
                for (int c = 0; c < n; c++) {
                    u[i][c] = u[i][c].negate();
                }
            }
        }
        return n == 0 ? IntegerMatrix.zero(0, 0) : IntegerMatrix.of(u);
    }

    // ------------------------------------------------------------------------------ edge shapes

    @Test
    void emptyShapesHaveRankZero() {
        int[][] shapes = {{0, 0}, {0, 1}, {1, 0}, {0, 7}, {7, 0}, {0, 100}, {100, 0}};
        for (int[] s : shapes) {
            checkRank(IntegerMatrix.zero(s[0], s[1]), 0, "empty");
        }
    }

    @Test
    void oneByOne() {
        checkRank(IntegerMatrix.zero(1, 1), 0, "1x1 zero");
        for (BigInteger v : EXTREMES) {
            if (v.signum() != 0) {
                checkRank(IntegerMatrix.of(new BigInteger[][] {{v}}), 1, "1x1 " + v);
            }
        }
        BigInteger big = BigInteger.TEN.pow(300).add(BigInteger.ONE);
        checkRank(IntegerMatrix.of(new BigInteger[][] {{big}}), 1, "1x1 10^300+1");
        checkRank(IntegerMatrix.of(new BigInteger[][] {{big.negate()}}), 1, "1x1 -(10^300+1)");
    }

    @Test
    void zeroMatrices() {
        int[][] shapes = {{1, 5}, {5, 1}, {3, 3}, {10, 7}, {7, 10}, {25, 25}};
        for (int[] s : shapes) {
            checkRank(IntegerMatrix.zero(s[0], s[1]), 0, "zero");
        }
    }

    @Test
    void identitiesScaledIdentitiesAndPermutations() {
        SplittableRandom rnd = new SplittableRandom(101);
        for (int n = 1; n <= 20; n++) {
            IntegerMatrix id = IntegerMatrix.identity(n);
            checkRank(id, n, "identity");
            BigInteger c = EXTREMES[1 + rnd.nextInt(EXTREMES.length - 1)];
            BigInteger[] e = id.toRowMajor();
            for (int k = 0; k < e.length; k++) {
                e[k] = e[k].multiply(c);
            }
            checkRank(IntegerMatrix.of(n, n, e), n, c + "·identity");
            int[] perm = java.util.stream.IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            checkRank(id.submatrix(perm, all), n, "permutation");
            // identity with one row dropped, embedded in a wider/taller zero frame
            checkRank(id.submatrix(java.util.Arrays.copyOf(perm, n - 1), all), n - 1, "identity minus a row");
            checkRank(id.submatrix(all, java.util.Arrays.copyOf(perm, n - 1)), n - 1, "identity minus a column");
        }
    }

    // ------------------------------------------------------------------------------ big entries

    private static IntegerMatrix of(BigInteger[][] rows) {
        return IntegerMatrix.of(rows);
    }

    private static BigInteger b(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void entriesAroundTwoToThe63() {
        BigInteger max = b(Long.MAX_VALUE);
        BigInteger min = b(Long.MIN_VALUE);
        BigInteger one = BigInteger.ONE;
        checkRank(of(new BigInteger[][] {{max, min}, {min, max}}), 2, "det = -(2^64-1)");
        checkRank(of(new BigInteger[][] {{min, min}, {min, min}}), 1, "all Long.MIN_VALUE");
        checkRank(of(new BigInteger[][] {{max, min}, {max.negate(), min.negate()}}), 1, "negated row");
        checkRank(of(new BigInteger[][] {{max, max.subtract(one)}, {max.subtract(one), max.subtract(b(2))}}), 2,
                "near 2^63 with det -1");
        checkRank(of(new BigInteger[][] {{TWO_63, TWO_63.add(one)}, {TWO_63.add(one), TWO_63.add(b(2))}}), 2,
                "2^63.. with det -1");
        // rows equal modulo 2^64 but not equal: a long-overflow engine would see rank 1
        checkRank(of(new BigInteger[][] {{one, b(2)}, {one.add(TWO_64), b(2).add(TWO_64)}}), 2, "equal mod 2^64");
        checkRank(of(new BigInteger[][] {{one, b(2)}, {one.add(TWO_64), b(2).add(TWO_64.shiftLeft(1))}}), 1,
                "proportional with 2^64 multiplier");
        // every entry a multiple of 2^63: rank must not collapse
        BigInteger[] e = IntegerMatrix.identity(4).toRowMajor();
        for (int k = 0; k < e.length; k++) {
            e[k] = e[k].multiply(TWO_63);
        }
        checkRank(IntegerMatrix.of(4, 4, e), 4, "2^63·I");
    }

    @Test
    void randomExtremeEntries() {
        SplittableRandom master = new SplittableRandom(202);
        for (int t = 0; t < 150; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(1, 9);
            int cols = rnd.nextInt(1, 9);
            IntegerMatrix m = rnd.nextBoolean()
                    ? random(rnd, rows, cols, RankEngineContract::extreme)
                    : lowRank(rnd, rows, cols, rnd.nextInt(0, Math.min(rows, cols) + 1), RankEngineContract::extreme);
            checkAgainstOracle(m, "extreme entries, seed " + seed);
        }
    }

    @Test
    void entriesWithHundredsOfDigits() {
        SplittableRandom master = new SplittableRandom(303);
        for (int t = 0; t < 25; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(1, 11);
            int cols = rnd.nextInt(1, 11);
            int r = rnd.nextInt(0, Math.min(rows, cols) + 1);
            // 500-1000 bit entries: 150-300 digits; products of two such have 300-600 digits
            int bits = rnd.nextInt(500, 1001);
            IntegerMatrix m = t % 3 == 0
                    ? random(rnd, rows, cols, x -> huge(x, bits))
                    : lowRank(rnd, rows, cols, r, x -> huge(x, bits));
            checkAgainstOracle(m, "hundreds of digits, seed " + seed);
        }
        // a huge common factor must not change the rank
        BigInteger f = BigInteger.TEN.pow(400).add(BigInteger.valueOf(3));
        SplittableRandom rnd = new SplittableRandom(304);
        IntegerMatrix a = lowRank(rnd, 8, 9, 5, RankEngineContract::small);
        BigInteger[] e = a.toRowMajor();
        for (int k = 0; k < e.length; k++) {
            e[k] = e[k].multiply(f);
        }
        checkRank(IntegerMatrix.of(8, 9, e), Oracles.fractionRank(a), "(10^400+3)·A");
    }

    /**
     * Multiples of products of the largest primes below 2^62, 2^31 and 2^26 (the moduli a modular
     * engine is most likely to pick deterministically): reducing mod such a prime gives the zero
     * matrix, so an engine must not rely on a fixed list of such primes.
     */
    @Test
    void multiplesOfLikelyModuli() {
        BigInteger product = BigInteger.ONE;
        for (int bits : new int[] {62, 63, 31, 26, 32}) {
            BigInteger p = BigInteger.ONE.shiftLeft(bits);
            for (int k = 0; k < 3; k++) {
                p = previousPrime(p);
                product = product.multiply(p);
            }
        }
        SplittableRandom rnd = new SplittableRandom(305);
        for (int r = 1; r <= 4; r++) {
            IntegerMatrix a = lowRank(rnd, 6, 5, r, RankEngineContract::small);
            BigInteger[] e = a.toRowMajor();
            for (int k = 0; k < e.length; k++) {
                e[k] = e[k].multiply(product);
            }
            checkRank(IntegerMatrix.of(6, 5, e), Oracles.bruteForceRank(a), "A times product of likely moduli");
        }
    }

    private static BigInteger previousPrime(BigInteger n) {
        BigInteger p = n.subtract(BigInteger.ONE);
        while (!p.isProbablePrime(64)) {
            p = p.subtract(BigInteger.ONE);
        }
        return p;
    }

    // ------------------------------------------------------------------------------ invariances

    @Test
    void transposeHasTheSameRank() {
        SplittableRandom master = new SplittableRandom(404);
        for (int t = 0; t < 60; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(0, 13);
            int cols = rnd.nextInt(0, 16);
            int r = rnd.nextInt(0, Math.min(rows, cols) + 1);
            IntegerMatrix m = lowRank(rnd, rows, cols, r, RankEngineContract::small);
            int expected = Oracles.fractionRank(m);
            checkRank(m, expected, "A, seed " + seed);
            checkRank(m.transpose(), expected, "transpose, seed " + seed);
        }
    }

    @Test
    void unimodularTransformationsKeepTheRank() {
        SplittableRandom master = new SplittableRandom(505);
        for (int t = 0; t < 40; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(1, 11);
            int cols = rnd.nextInt(1, 11);
            int r = rnd.nextInt(0, Math.min(rows, cols) + 1);
            IntegerMatrix a = lowRank(rnd, rows, cols, r, RankEngineContract::small);
            IntegerMatrix u = unimodular(rnd, rows, 3 * rows);
            IntegerMatrix v = unimodular(rnd, cols, 3 * cols);
            // the transformations really are unimodular (independent oracle)
            assertEquals(BigInteger.ONE, Oracles.hipparchusDeterminant(u).abs(), "det U, seed " + seed);
            assertEquals(BigInteger.ONE, Oracles.hipparchusDeterminant(v).abs(), "det V, seed " + seed);
            int expected = Oracles.fractionRank(a);
            checkRank(a, expected, "A, seed " + seed);
            checkRank(u.multiply(a).multiply(v), expected, "U·A·V, seed " + seed);
        }
    }

    @Test
    void productsOfFullRankFactors() {
        SplittableRandom master = new SplittableRandom(606);
        for (int t = 0; t < 50; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(1, 21);
            int cols = rnd.nextInt(1, 21);
            int r = rnd.nextInt(1, Math.min(rows, cols) + 1);
            Function<SplittableRandom, BigInteger> gen = t % 2 == 0 ? RankEngineContract::ternary
                    : RankEngineContract::moderate;
            IntegerMatrix b = fullRank(rnd, rows, r, gen);
            IntegerMatrix c = fullRank(rnd, r, cols, gen);
            // rank(BC) >= rank B + rank C - r = r (Sylvester), and <= r
            checkRank(b.multiply(c), r, "B·C with full-rank factors, r=" + r + ", seed " + seed);
        }
    }

    // ------------------------------------------------------------------------------ random vs oracles

    @Test
    void smallRandomMatricesAgainstBruteForce() {
        SplittableRandom master = new SplittableRandom(707);
        for (int t = 0; t < 400; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(0, 7);
            int cols = rnd.nextInt(0, 7);
            IntegerMatrix m = switch (t % 4) {
                case 0 -> random(rnd, rows, cols, RankEngineContract::ternary);
                case 1 -> random(rnd, rows, cols, x -> x.nextInt(3) == 0 ? BigInteger.ONE : BigInteger.ZERO);
                case 2 -> lowRank(rnd, rows, cols, rnd.nextInt(0, Math.min(rows, cols) + 1), RankEngineContract::small);
                default -> lowRank(rnd, rows, cols, rnd.nextInt(0, Math.min(rows, cols) + 1),
                        RankEngineContract::moderate);
            };
            checkRank(m, Oracles.bruteForceRank(m), "small random, seed " + seed);
        }
    }

    @Test
    void randomLowRankMatricesOfSeveralShapes() {
        SplittableRandom master = new SplittableRandom(808);
        int[][] shapes = {{20, 6}, {6, 20}, {15, 15}, {20, 20}, {1, 20}, {20, 1}, {12, 17}};
        for (int[] s : shapes) {
            for (int r = 0; r <= Math.min(s[0], s[1]); r += Math.max(1, Math.min(s[0], s[1]) / 4)) {
                long seed = master.nextLong();
                SplittableRandom rnd = new SplittableRandom(seed);
                IntegerMatrix m = lowRank(rnd, s[0], s[1], r, RankEngineContract::small);
                RankResult res = checkAgainstOracle(m, "low rank r<=" + r + ", seed " + seed);
                assertTrue(res.rank() <= r, "rank of a product through dimension r");
            }
        }
    }

    @Test
    void mediumRandomMatricesAgainstFractionOracle() {
        SplittableRandom master = new SplittableRandom(909);
        for (int t = 0; t < 60; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(7, 21);
            int cols = rnd.nextInt(7, 21);
            int r = rnd.nextInt(0, Math.min(rows, cols) + 1);
            Function<SplittableRandom, BigInteger> gen = switch (t % 3) {
                case 0 -> RankEngineContract::small;
                case 1 -> RankEngineContract::moderate;
                default -> RankEngineContract::extreme;
            };
            IntegerMatrix m = t % 5 == 4 ? random(rnd, rows, cols, gen) : lowRank(rnd, rows, cols, r, gen);
            checkAgainstOracle(m, "medium random, seed " + seed);
        }
    }

    /** Large enough to take any blocked or parallel path an engine has (Bareiss parallelises above 64×64). */
    @Test
    void largerMatricesOfKnownRank() {
        SplittableRandom rnd = new SplittableRandom(1010);
        int[][] cases = {{90, 80, 37}, {80, 90, 80}, {100, 3, 3}, {3, 100, 2}};
        for (int[] c : cases) {
            IntegerMatrix b = fullRank(rnd, c[0], c[2], RankEngineContract::small);
            IntegerMatrix d = fullRank(rnd, c[2], c[1], RankEngineContract::small);
            checkRank(b.multiply(d), c[2], "B·C with full-rank factors, r=" + c[2]);
        }
    }

    // ------------------------------------------------------------------------------ API behaviour

    @Test
    void repeatedCallsAgree() {
        SplittableRandom rnd = new SplittableRandom(1111);
        IntegerMatrix m = lowRank(rnd, 12, 14, 7, RankEngineContract::moderate);
        RankResult first = checkAgainstOracle(m, "first call");
        RankResult second = checkAgainstOracle(m, "second call");
        assertEquals(first.rank(), second.rank());
        assertEquals(first.grade(), second.grade());
    }

    @Test
    void nameIsAShortToken() {
        String name = engine().name();
        assertNotNull(name);
        assertTrue(name.matches("[a-z][a-z0-9-]*"), () -> "engine name '" + name + "' must be a lower-case token");
    }

    @Test
    void nullInputIsRefused() {
        assertThrows(NullPointerException.class, () -> engine().rank(null));
    }
}
