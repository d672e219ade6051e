package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the CLI in-process ({@link CliRunner}): seeded random and mutated specs, Matrix Market
 * files, option values and conjecture expressions. Every case must end with exit 0 or 2 (1 only
 * where a statement can legitimately fail: a refuted conjecture), no stack trace and no exception
 * class name on stderr, one line on stderr for bad input, within a time limit, without a heap
 * peak past {@link #HEAP_LIMIT}, and without leaving a file behind when it fails.
 *
 * <p>The test command runs {@value #DEFAULT_CASES} cases per kind (a few seconds). A longer run:
 * {@code mvn test -Dtest=FuzzTest -Dhessrank.fuzz.cases=20000 [-Dhessrank.fuzz.seed=7]}. Every
 * assertion message holds the seed of its case and the command line; a failure found this way is
 * kept in {@link #regressions()} as a named case.
 */
class FuzzTest {
    static final int DEFAULT_CASES = 8;
    /** The most heap one case may reach (the limits refuse anything estimated above a few hundred MB here). */
    static final long HEAP_LIMIT = 3L << 30;
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    static int cases() {
        String v = System.getProperty("hessrank.fuzz.cases", "");
        return v.isBlank() || v.equals("0") ? DEFAULT_CASES : Integer.parseInt(v.trim());
    }

    static long baseSeed() {
        String v = System.getProperty("hessrank.fuzz.seed", "");
        return v.isBlank() ? 16 : Long.parseLong(v.trim());
    }

    // ------------------------------------------------------------------------------ the contract

    /**
     * Runs {@code args} in a fresh directory {@code work} and checks the contract. {@code mayRefute}:
     * exit 1 is allowed (the command reports a refuted statement).
     */
    static void check(String label, Path work, boolean mayRefute, List<String> args) throws IOException {
        List<String> before = listing(work);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        String shown = label + ": hessrank " + String.join(" ", args.stream().map(FuzzTest::abbreviate).toList());
        CliRunner.Run r = assertTimeoutPreemptively(TIME_LIMIT, () -> CliRunner.run(args.toArray(String[]::new)),
                shown);
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        String what = shown + "\n-> exit " + r.code() + "\nstderr: " + abbreviate(r.err()) + "\nstdout: "
                + abbreviate(r.out());
        Set<Integer> allowed = mayRefute ? Set.of(0, 1, 2) : Set.of(0, 2);
        assertTrue(allowed.contains(r.code()), what);
        assertFalse(r.err().contains("Exception") || r.err().contains("Error:") && r.err().contains("java.")
                || r.err().contains("\tat "), what);
        if (r.code() == ExitCodes.BAD_INPUT) {
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("hessrank: "), what);
            assertEquals("", r.out(), what);
            assertEquals(before, listing(work), "files left behind: " + what);
        }
        assertTrue(peak < HEAP_LIMIT, "heap peak " + (peak >> 20) + " MiB: " + what);
    }

    static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    Path work(String kind, long seed) throws IOException {
        return Files.createDirectories(dir.resolve(kind + "-" + seed));
    }

    // ------------------------------------------------------------------------------ generators

    static final String[] HOSTILE_NUMBERS = {"0", "-1", "1", "2147483647", "2147483648", "-2147483648",
        "9223372036854775807", "99999999999999999999", "1000000000", "100000", "1e9", "NaN", "", " ", "x", "3.5",
        "0x10", "१२"};

    static String number(SplittableRandom rng) {
        return rng.nextInt(4) == 0 ? HOSTILE_NUMBERS[rng.nextInt(HOSTILE_NUMBERS.length)]
                : Integer.toString(rng.nextInt(1, 6));
    }

    /** A small spec from the grammar, mostly valid. */
    static String spec(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder();
        boolean image = rng.nextInt(5) == 0;
        boolean signal = !image && rng.nextInt(4) == 0;
        sb.append(image ? "in(1," + rng.nextInt(2, 5) + "," + rng.nextInt(2, 5) + ")"
                : signal ? "in(" + rng.nextInt(1, 3) + "," + rng.nextInt(3, 7) + ")" : "in(" + rng.nextInt(1, 6) + ")");
        int layers = rng.nextInt(1, 5);
        for (int i = 0; i < layers; i++) {
            sb.append(" -> ").append(switch (rng.nextInt(12)) {
                case 0 -> "relu";
                case 1 -> "conv(" + rng.nextInt(1, 3) + ",k=" + rng.nextInt(1, 4) + ")";
                case 2 -> "pow(" + rng.nextInt(1, 4) + ")";
                case 3 -> "dense(" + rng.nextInt(1, 5) + ",bias)";
                case 4 -> "res(dense(" + rng.nextInt(1, 4) + ") -> dense(" + rng.nextInt(1, 4) + "))";
                case 5 -> "tanh";
                case 6 -> "poly(" + rng.nextInt(-3, 4) + "," + rng.nextInt(-3, 4) + ")";
                case 7 -> "avgpool(" + rng.nextInt(1, 3) + ")";
                case 8 -> "dense(" + rng.nextInt(1, 4) + ",frozen)";
                default -> "dense(" + rng.nextInt(1, 5) + ")";
            });
        }
        return sb.toString();
    }

    static final String ALPHABET = "()->,=|x0123456789-+ adefilnoprsuwkv→\u0000\u00e9{}";

    /** {@code text} with a few random edits: deletions, insertions, duplications, number swaps. */
    static String mutate(SplittableRandom rng, String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = rng.nextInt(1, 4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rng.nextInt(sb.length());
            switch (rng.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
                case 2 -> {
                    int end = Math.min(sb.length(), at + rng.nextInt(1, 12));
                    sb.insert(at, sb.substring(at, end));
                }
                case 3 -> sb.insert(at, HOSTILE_NUMBERS[rng.nextInt(HOSTILE_NUMBERS.length)]);
                default -> sb.replace(at, Math.min(sb.length(), at + 1), Integer.toString(rng.nextInt(0, 40)));
            }
        }
        return sb.toString();
    }

    /** A conjecture expression over family fc's names, with hostile numbers and nesting now and then. */
    static String expression(SplittableRandom rng, int depth) {
        if (depth == 0 || rng.nextInt(3) == 0) {
            return switch (rng.nextInt(6)) {
                case 0 -> new String[] {"q", "r", "K", "d", "N", "L", "p", "s"}[rng.nextInt(8)];
                case 1 -> "hidden(" + rng.nextInt(0, 5) + ")";
                case 2 -> HOSTILE_NUMBERS[rng.nextInt(9)].replace("-", "");
                case 3 -> "sum(hidden)";
                default -> Integer.toString(rng.nextInt(0, 10));
            };
        }
        String a = expression(rng, depth - 1);
        String b = expression(rng, depth - 1);
        return switch (rng.nextInt(10)) {
            case 0 -> a + " + " + b;
            case 1 -> a + " - " + b;
            case 2 -> a + " * " + b;
            case 3 -> a + " / " + b;
            case 4 -> "(" + a + ")^" + rng.nextInt(0, 70);
            case 5 -> "min(" + a + ", " + b + ")";
            case 6 -> "sum(i = 1.." + (rng.nextBoolean() ? "L-1" : b) + ", " + a + ")";
            case 7 -> "div(" + a + ", " + b + ")";
            case 8 -> "binom(" + a + ", " + b + ")";
            default -> "(" + a + ") < (" + b + ")";
        };
    }

    /** A small Matrix Market text, mostly valid, then perhaps mutated. */
    static String matrixMarket(SplittableRandom rng) {
        int rows = rng.nextInt(0, 5);
        int cols = rng.nextInt(0, 5);
        boolean coordinate = rng.nextBoolean();
        String symmetry = rng.nextInt(4) == 0 ? "symmetric" : rng.nextInt(6) == 0 ? "skew-symmetric" : "general";
        if (!symmetry.equals("general")) {
            cols = rows;
        }
        StringBuilder sb = new StringBuilder("%%MatrixMarket matrix " + (coordinate ? "coordinate" : "array")
                + " integer " + symmetry + "\n% fuzz\n");
        List<String> entries = new ArrayList<>();
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                boolean stored = symmetry.equals("general") || (symmetry.equals("symmetric") ? i >= j : i > j);
                if (!stored) {
                    continue;
                }
                String v = rng.nextInt(8) == 0 ? "123456789012345678901234567890" : Integer.toString(rng.nextInt(-4, 5));
                if (coordinate) {
                    if (rng.nextBoolean()) {
                        entries.add((i + 1) + " " + (j + 1) + " " + v);
                    }
                } else {
                    entries.add(v);
                }
            }
        }
        String declaredRows = rng.nextInt(10) == 0 ? number(rng) : Integer.toString(rows);
        String declaredCols = rng.nextInt(10) == 0 ? "28000" : Integer.toString(cols);
        sb.append(declaredRows).append(' ').append(declaredCols);
        if (coordinate) {
            sb.append(' ').append(rng.nextInt(10) == 0 ? number(rng) : Integer.toString(entries.size()));
        }
        sb.append('\n');
        entries.forEach(e -> sb.append(e).append('\n'));
        String text = sb.toString();
        return rng.nextInt(3) == 0 ? mutate(rng, text) : text;
    }

    // ------------------------------------------------------------------------------ the suites

    @Test
    void randomAndMutatedSpecs() throws IOException {
        for (int c = 0; c < cases(); c++) {
            long seed = baseSeed() * 1_000_003 + c;
            SplittableRandom rng = new SplittableRandom(seed);
            String spec = rng.nextInt(3) == 0 ? mutate(rng, spec(rng)) : spec(rng);
            List<String> args = new ArrayList<>(List.of("rank", "--arch", spec, "--samples",
                    Integer.toString(rng.nextInt(0, 6))));
            if (rng.nextBoolean()) {
                args.addAll(List.of("--format", rng.nextBoolean() ? "json" : "csv"));
            }
            // rank may report a violated catalogue statement (exit 1) only as a finding: allowed, but printed
            check("spec seed " + seed, work("spec", seed), true, args);
        }
    }

    @Test
    void randomAndMutatedMatrixMarketFiles() throws IOException {
        for (int c = 0; c < cases(); c++) {
            long seed = baseSeed() * 1_000_033 + c;
            SplittableRandom rng = new SplittableRandom(seed);
            Path work = work("mtx", seed);
            Path f = work.resolve("m.mtx");
            if (rng.nextInt(10) == 0) {
                byte[] garbage = new byte[rng.nextInt(1, 200)];
                rng.nextBytes(garbage);
                Files.write(f, garbage);
            } else {
                Files.writeString(f, matrixMarket(rng), StandardCharsets.UTF_8);
            }
            String method = new String[] {"modular", "deterministic", "bareiss"}[rng.nextInt(3)];
            check("matrix seed " + seed, work, false, List.of("matrix-rank", "--method", method, "--verify",
                    f.toString()));
        }
    }

    /** One option of a working command line replaced by a hostile value. */
    @Test
    void hostileOptionValues() throws IOException {
        for (int c = 0; c < cases(); c++) {
            long seed = baseSeed() * 1_000_037 + c;
            SplittableRandom rng = new SplittableRandom(seed);
            Path work = work("option", seed);
            Path m = Files.writeString(work.resolve("m.mtx"), "%%MatrixMarket matrix array integer general\n2 2\n1\n2\n3\n4\n");
            List<List<String>> commands = List.of(
                    List.of("rank", "--arch", "in(3) -> dense(2) -> dense(2)", "--samples", "4", "--points", "1",
                            "--seed", "3", "--range", "100", "--data-rank", "2"),
                    List.of("hessian", "--arch", "in(3) -> dense(2) -> dense(2)", "--out",
                            work.resolve("h.mtx").toString(), "--samples", "4", "--seed", "2", "--range", "50"),
                    List.of("sweep", "--arch", "in({a}) -> dense(2)", "--vary", "a=2..3", "--samples", "3",
                            "--points", "1", "--range", "100"),
                    List.of("matrix-rank", "--primes", "2", "--seed", "5", m.toString()),
                    List.of("conjecture", "--family", "fc", "--part", "O", "--bound", "q*(r+K-q)", "--tries", "2",
                            "--max-params", "30", "--max-samples", "4", "--seed", "1"),
                    List.of("check", "--tries", "2", "--max-params", "30", "--seed", "1"),
                    List.of("fidelity", "point", "--arch", "in(2) -> dense(2) -> dense(1)", "--samples", "3"));
            List<String> args = new ArrayList<>(commands.get(rng.nextInt(commands.size())));
            List<Integer> values = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                if (args.get(i - 1).startsWith("--") && !args.get(i - 1).equals("--out")
                        && !args.get(i - 1).equals("--family")) {
                    values.add(i);
                }
            }
            int at = values.get(rng.nextInt(values.size()));
            String hostile = rng.nextInt(8) == 0 ? "9".repeat(rng.nextInt(20, 100_000))
                    : rng.nextBoolean() ? HOSTILE_NUMBERS[rng.nextInt(HOSTILE_NUMBERS.length)]
                    : mutate(rng, args.get(at));
            args.set(at, hostile);
            boolean mayRefute = args.get(0).equals("conjecture") || args.get(0).equals("check")
                    || args.get(0).equals("rank");
            check("option seed " + seed, work, mayRefute, args);
        }
    }

    @Test
    void randomConjectureExpressions() throws IOException {
        for (int c = 0; c < cases(); c++) {
            long seed = baseSeed() * 1_000_039 + c;
            SplittableRandom rng = new SplittableRandom(seed);
            String expr = expression(rng, rng.nextInt(1, 5));
            if (rng.nextInt(4) == 0) {
                expr = mutate(rng, expr);
            }
            List<String> args = new ArrayList<>(List.of("conjecture", "--family", "fc", "--part", "O", "--bound",
                    expr, "--tries", "2", "--max-params", "30", "--max-samples", "4", "--seed", Long.toString(seed)));
            if (rng.nextInt(3) == 0) {
                args.addAll(List.of("--where", expression(rng, 2) + " >= 0"));
            }
            check("expression seed " + seed, work("expr", seed), true, args);
        }
    }

    // ------------------------------------------------------------------------------ regressions

    /** Every crash the fuzzer (and issue #16) found, kept as named cases. */
    static Stream<Object[]> regressionCases() {
        return Stream.of(
                new Object[] {"samples overflowing int arrays (NegativeArraySizeException)",
                    List.of("rank", "--arch", "in(4) -> dense(3) -> dense(2)", "--path", "dense", "--samples",
                            "1000000000")},
                new Object[] {"sweep range ending at Integer.MAX_VALUE (an int loop that never ended)",
                    List.of("sweep", "--arch", "in({a}) -> dense(1)", "--vary", "a=2147483646..2147483647")},
                new Object[] {"sweep range with int-overflowing length",
                    List.of("sweep", "--arch", "in({a}) -> dense(1)", "--vary", "a=-2147483648..2147483647")},
                new Object[] {"nested constant index ranges (hours of iterations)",
                    List.of("conjecture", "--family", "fc", "--part", "O", "--bound",
                            "sum(i = 1..1000, sum(j = 1..1000, sum(k = 1..1000, i*j*k)))")},
                new Object[] {"nested index ranges over quantities",
                    List.of("conjecture", "--family", "fc", "--part", "O", "--bound",
                            "sum(i = 1..999999, sum(j = 1..999999, q))", "--tries", "2")},
                new Object[] {"a range whose length overflows a long",
                    List.of("conjecture", "--family", "fc", "--part", "O", "--bound",
                            "sum(i = -9223372036854775807..9223372036854775807, q)", "--tries", "2")},
                new Object[] {"sweep --samples not a number, after the first architectures were computed",
                    List.of("sweep", "--arch", "in({a}) -> dense(1)", "--vary", "a=2..3", "--samples",
                            "99999999999")});
    }

    @Test
    void regressions() throws IOException {
        List<Object[]> all = regressionCases().toList();
        for (int i = 0; i < all.size(); i++) {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) all.get(i)[1];
            check("regression '" + all.get(i)[0] + "'", work("regression", i), false, args);
        }
    }

    /** The generators are seeded: the same seed gives the same cases (so a printed seed reproduces one). */
    @Test
    void generatorsAreReproducible() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(spec(new SplittableRandom(seed)), spec(new SplittableRandom(seed)));
            assertEquals(matrixMarket(new SplittableRandom(seed)), matrixMarket(new SplittableRandom(seed)));
            assertEquals(expression(new SplittableRandom(seed), 4), expression(new SplittableRandom(seed), 4));
        }
    }
}
