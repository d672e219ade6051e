package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hessrank.exact.Memory;
import org.hessrank.hessian.Limits;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #16, "bad input never crashes, hangs or exhausts memory": every hostile input is refused
 * with exit 2 and one line naming the option, the value and the limit (with the estimate where
 * memory is the reason), nothing on stdout, no file left, within seconds.
 */
class BadInputLimitsTest {
    static final String NET = "in(4) -> dense(3) -> dense(2)";

    @TempDir
    Path dir;

    /** Runs {@code args} and checks the bad-input contract; returns the one stderr line. */
    static String refused(Path dir, String... args) throws IOException {
        List<String> before = names(dir);
        CliRunner.Run r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRunner.run(args),
                String.join(" ", args));
        String what = String.join(" ", args) + " -> " + r.code() + "\n" + r.out() + r.err();
        assertEquals(ExitCodes.BAD_INPUT, r.code(), what);
        assertEquals("", r.out(), what);
        assertEquals(1, r.err().lines().count(), what);
        assertTrue(r.err().startsWith("hessrank: "), what);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
        assertEquals(before, names(dir), "files left behind by " + what);
        return r.err().strip();
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    static Stream<Object[]> cases() {
        String deep = "in(4)" + " -> dense(4)".repeat(10_000);
        return Stream.of(
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound", "q/0"},
                    List.of("expression \"q/0\" at position 2: division by zero")},
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound",
                    "4611686018427387904*4"}, List.of("at position 20", "overflows a 64-bit integer")},
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound",
                    "sum(i=1..3000000000,0)"}, List.of("a range of more than the limit of 1000000 values")},
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound", "q",
                    "--where", "4611686018427387904*4 > 0"}, List.of("position 20", "overflows a 64-bit integer")},
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound", "hidden(100)",
                    "--tries", "3"}, List.of("could not be evaluated at 3 of 3 case(s), no result",
                        "expression \"hidden(100)\": hidden(100): index 100 is outside")},
                new Object[] {new String[] {"conjecture", "--family", "fc", "--part", "O", "--bound", "q", "--where",
                    "hidden(100) > 0", "--tries", "2"}, List.of("expression \"hidden(100) > 0\"")},
                new Object[] {new String[] {"rank", "--arch", NET, "--path", "dense", "--samples", "1000000000"},
                    List.of("samples (1000000000)", "more than one array holds", "GiB", "lower --samples")},
                new Object[] {new String[] {"hessian", "--arch", NET, "--out", "H.mtx", "--samples", "1000000000"},
                    List.of("samples (1000000000)", "GiB")},
                new Object[] {new String[] {"fidelity", "point", "--arch", NET, "--samples", "1000000000"},
                    List.of("samples (1000000000)", "GiB")},
                new Object[] {new String[] {"rank", "--arch", NET, "--samples", "2000000000"},
                    List.of("samples (2000000000)", "4000000000 x 18", "GiB")},
                new Object[] {new String[] {"rank", "--arch", NET, "--path", "dense", "--samples", "2000000000"},
                    List.of("samples (2000000000)", "GiB")},
                new Object[] {new String[] {"hessian", "--arch", NET, "--out", "H.mtx", "--samples", "100000000"},
                    List.of("samples (100000000): a point", "GiB, more than", "lower --samples")},
                new Object[] {new String[] {"sweep", "--arch", "in({a}) -> dense({b}) -> dense({c})", "--vary",
                    "a=1..1000", "--vary", "b=1..1000", "--vary", "c=1..1000"},
                    List.of("--vary ranges give 1000 x 1000 x 1000 = 1000000000 architectures", "at most 10000")},
                new Object[] {new String[] {"sweep", "--arch", "in({a}) -> dense(2)", "--vary",
                    "a=1..99999999999"}, List.of("--vary (a=1..99999999999)", "beyond 2^31 - 1")},
                new Object[] {new String[] {"sweep", "--arch", "in({a}) -> dense(2)", "--vary",
                    "a=2147483640..2147483647"}, List.of("parameter count so far (4294967280) exceeds 2147483647")},
                new Object[] {new String[] {"rank", "--arch", deep},
                    List.of("network of 10000 stages", "p = 160000", "limit of 1000 stages")});
    }

    @ParameterizedTest
    @MethodSource("cases")
    void refusedWithTheOptionTheValueAndTheLimit(String[] args, List<String> fragments) throws IOException {
        List<String> a = new ArrayList<>(List.of(args));
        int out = a.indexOf("--out");
        if (out >= 0) {
            a.set(out + 1, dir.resolve(a.get(out + 1)).toString());
        }
        String line = refused(dir, a.toArray(String[]::new));
        for (String f : fragments) {
            assertTrue(line.contains(f), "expected '" + f + "' in: " + line);
        }
    }

    @Test
    void matrixRankCapsPrimes() throws IOException {
        Path m = Files.writeString(dir.resolve("m.mtx"), "%%MatrixMarket matrix array integer general\n2 2\n1\n2\n3\n4\n");
        String line = refused(dir, "matrix-rank", "--primes", "1000000000", m.toString());
        assertTrue(line.contains("--primes (1000000000) must be in 1..100"), line);
        assertEquals(0, CliRunner.run("matrix-rank", "--primes", "100", m.toString()).code());
    }

    /** A 59-byte file declaring 28000 x 28000 with one entry: rank 1 at once, read sparsely. */
    @Test
    void matrixRankReadsSparseFilesSparsely() throws IOException {
        Path m = Files.writeString(dir.resolve("big.mtx"),
                "%%MatrixMarket matrix coordinate integer general\n28000 28000 1\n5 7 3\n");
        CliRunner.Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRunner.run("matrix-rank",
                "--format", "json", "--verify", m.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.jsonLong("rank"));
        assertEquals(28000, r.jsonLong("rows"));
        assertEquals(1, r.jsonLong("nonzeroRows"));
        // a diagonal needs its 28000 x 28000 dense matrix: refused with the estimate unless it fits
        StringBuilder diag = new StringBuilder("%%MatrixMarket matrix coordinate pattern general\n28000 28000 28000\n");
        for (int i = 1; i <= 28000; i++) {
            diag.append(i).append(' ').append(i).append('\n');
        }
        Path d = Files.writeString(dir.resolve("diag.mtx"), diag, StandardCharsets.UTF_8);
        if (Memory.available() * Memory.SHARE < 24.0 * 28000 * 28000) {
            String line = refused(dir, "matrix-rank", d.toString());
            assertTrue(line.contains("line 2: dimensions 28000 x 28000 (its nonzero rows and columns) need about 17.5"
                    + " GiB as a dense matrix, more than"), line);
        }
    }

    @Test
    void outputPathsAreCheckedBeforeAnyWork() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("d"));
        Path file = Files.writeString(dir.resolve("f"), "x");
        String hessian = refused(dir, "hessian", "--arch", NET, "--out", sub.toString());
        assertEquals("hessrank: --out (" + sub + ") is a directory; give a file name", hessian);
        String sweep = refused(dir, "sweep", "--arch", "in({a}) -> dense(2)", "--vary", "a=2..3", "--out",
                sub.toString());
        assertEquals("hessrank: --out (" + sub + ") is a directory; give a file name", sweep);
        String proc = refused(dir, "sweep", "--arch", "in({a}) -> dense(2)", "--vary", "a=2..3", "--out",
                "/proc/r.csv");
        assertTrue(proc.startsWith("hessrank: --out (/proc/r.csv): cannot create a file in /proc ("), proc);
        String proofs = refused(dir, "proofs-check", "--out", file.toString());
        assertEquals("hessrank: --out (" + file + ") exists and is not a directory", proofs);
        String merge = refused(dir, "proofs-merge", "--out", file.toString(), sub.toString());
        assertEquals("hessrank: --out (" + file + ") exists and is not a directory", merge);
    }

    /** hessian, sweep and proofs-merge write files with one mode: that of any new file here (umask). */
    @Test
    void outputFilesHaveTheUsualMode() throws IOException {
        var expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path h = dir.resolve("h.mtx");
        Path s = dir.resolve("s.csv");
        assertEquals(0, CliRunner.run("hessian", "--arch", NET, "--out", h.toString()).code());
        assertEquals(0, CliRunner.run("sweep", "--arch", "in({a}) -> dense(2)", "--vary", "a=2..3", "--out",
                s.toString()).code());
        assertEquals(expected, Files.getPosixFilePermissions(h));
        assertEquals(expected, Files.getPosixFilePermissions(s));
    }

    /**
     * {@code HESSRANK_JAVA_OPTS=-Xmx40g} on a smaller machine: estimates are held against the
     * physical memory, so a point that fits the heap but not the machine is refused with the
     * estimate (a real JVM with a heap larger than the machine).
     */
    @Test
    void aHeapLargerThanTheMachineIsNotTrusted() throws Exception {
        long physical = Memory.physical();
        if (physical == Long.MAX_VALUE || physical > (1L << 40)) {
            return; // the JVM does not report the machine's memory
        }
        long heapGiB = physical / (1L << 30) + 16;
        double perSample = Limits.pointBytes(Architecture.parse(NET).lower(), 1, BigInteger.valueOf(1 << 20));
        long samples = (long) (physical / perSample);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heapGiB + "g", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "hessian", "--arch", NET, "--out", dir.resolve("h.mtx").toString(), "--samples",
                Long.toString(samples)).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "not refused up front");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), out);
            assertTrue(out.startsWith("hessrank: samples (" + samples + ")") && out.contains("the machine's")
                    && out.contains("the heap limit of " + heapGiB + ".0 GiB is larger"), out);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(dir.toString()), names(dir));
    }
}
