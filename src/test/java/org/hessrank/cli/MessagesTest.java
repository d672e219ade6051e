package org.hessrank.cli;

import static org.hessrank.cli.MatrixRankCommandTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 16, "bad input that is accepted, and messages that mislead": what used to be accepted
 * silently is refused with one line naming the option and the value, and every advice fits the
 * command and the options actually given.
 */
class MessagesTest {
    static final String FC = "in(6) -> dense(5) -> dense(4) -> dense(3)";
    static final String SMALL = "in(3) -> dense(2) -> dense(2)";

    @TempDir
    Path dir;

    @Test
    void aTwoDimensionalKernelOnASignalIsRefused() {
        assertOneLineError(CliRunner.run("rank", "--arch", "in(1,8) -> conv(2,k=3x3) -> dense(2)"),
                "conv layer 1: k=3x3 is 2D (height x width) but the input (1,8) is a 1D signal: write k=3");
        CliRunner.Run ok = CliRunner.run("rank", "--arch", "in(1,5,5) -> conv(2,k=3x3) -> dense(2)", "--format", "json");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void dataRankAboveTheInputDimensionOrTheSamplesIsRefused() {
        assertOneLineError(CliRunner.run("rank", "--arch", FC, "--data-rank", "50"),
                "--data-rank (50) is above the input dimension d = 6 of in(6)");
        assertOneLineError(CliRunner.run("rank", "--arch", FC, "--data-rank", "5", "--samples", "3"),
                "--data-rank (5) is above the number of samples --samples (3)");
        assertOneLineError(CliRunner.run("hessian", "--arch", FC, "--data-rank", "7", "--out",
                dir.resolve("h.mtx").toString()), "--data-rank (7)");
        assertFalse(Files.exists(dir.resolve("h.mtx")));
        CliRunner.Run ok = CliRunner.run("rank", "--arch", FC, "--data-rank", "3", "--samples", "8");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("data rank 3,"), ok.out());
    }

    @Test
    void zeroAndNegativeSamplesAndDataRanksAreRefused() {
        for (String option : List.of("--samples", "--data-rank")) {
            for (String value : List.of("0", "-2")) {
                assertOneLineError(CliRunner.run("rank", "--arch", FC, option, value),
                        option + " (" + value + ") must be >= 1 (omit " + option + " for the default)");
            }
        }
        assertOneLineError(CliRunner.run("fidelity", "point", "--arch", SMALL, "--samples", "0"), "--samples (0)");
    }

    @Test
    void pointSeedsThatWouldOverflowAreRefused() {
        assertOneLineError(CliRunner.run("rank", "--arch", SMALL, "--seed", Long.toString(Long.MAX_VALUE), "--points",
                "3"), "--seed (9223372036854775807) leaves no room for the point seeds S..S+3");
        long last = Long.MAX_VALUE - 3;
        CliRunner.Run ok = CliRunner.run("rank", "--arch", SMALL, "--seed", Long.toString(last), "--points", "3");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("(seeds " + last + ".." + (last + 2) + ")"), ok.out());
        // the printed seeds reproduce: the largest point alone gives a rank among those printed
        CliRunner.Run alone = CliRunner.run("rank", "--arch", SMALL, "--seed", Long.toString(last + 2), "--format",
                "json");
        assertEquals(0, alone.code(), alone.err());
        CliRunner.Run all = CliRunner.run("rank", "--arch", SMALL, "--seed", Long.toString(last), "--points", "3",
                "--format", "json");
        Matcher m = Pattern.compile("\"O\":\\{[^}]*\"ranksPerPoint\":\\[(\\d+),(\\d+),(\\d+)\\]").matcher(all.out());
        assertTrue(m.find(), all.out());
        assertEquals(Long.parseLong(m.group(3)), alone.jsonLong("O", "rank"));
    }

    @Test
    void primesWithAnotherMethodIsRefused() throws Exception {
        Path ok = dir.resolve("ok.mtx");
        Files.writeString(ok, "%%MatrixMarket matrix array integer general\n2 2\n1\n2\n2\n4\n");
        assertOneLineError(CliRunner.run("matrix-rank", ok.toString(), "--primes", "3", "--method", "deterministic"),
                "--primes (3) applies to --method modular only; --method deterministic takes as many primes as the"
                        + " Hadamard bound needs");
        assertOneLineError(CliRunner.run("matrix-rank", ok.toString(), "--primes", "2", "--method", "bareiss"),
                "--method bareiss uses no primes");
        CliRunner.Run run = CliRunner.run("matrix-rank", ok.toString(), "--primes", "3", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().matches("(?s).*\"primes\":\\[\\d+,\\d+,\\d+\\].*"), run.out());
        assertEquals(1, run.jsonLong("rank"));
    }

    @Test
    void denseMemoryAdviceFitsTheCommandAndOptions() {
        String big = "in(1000) -> dense(1000)";
        CliRunner.Run dense = CliRunner.run("rank", "--arch", big, "--path", "dense");
        assertOneLineError(dense, "parameter count (1000000) must be <= 46340 for dense Hessians");
        assertTrue(dense.err().contains("drop --path dense") && !dense.err().contains("--method modular"), dense.err());
        CliRunner.Run exact = CliRunner.run("rank", "--arch", big, "--method", "deterministic");
        assertOneLineError(exact, "use --method modular");
        CliRunner.Run hessian = CliRunner.run("hessian", "--arch", big, "--out", dir.resolve("h.mtx").toString());
        assertOneLineError(hessian, "hessian writes dense p x p matrices");
        assertFalse(hessian.err().contains("--method"), hessian.err());
    }

    @Test
    void aLayerTooLargeForEveryPathIsNotSentToTheMatrixFreePath() {
        CliRunner.Run run = CliRunner.run("rank", "--arch", "in(20000) -> dense(7000)", "--path", "matrix-free");
        assertOneLineError(run, "dense layer 1");
        assertFalse(run.err().contains("use a matrix-free path"), run.err());
    }

    @Test
    void numericPrecisionNamesTheOption() {
        assertOneLineError(CliRunner.run("rank", "--arch", SMALL, "--numeric", "0"),
                "--numeric (0) must be float64 or a number of decimal digits in [17, 2000]");
        assertOneLineError(CliRunner.run("rank", "--arch", SMALL, "--numeric", "lots"),
                "--numeric (lots) must be float64");
        assertOneLineError(CliRunner.run("fidelity", "point", "--arch", SMALL, "--precision", "5"), "--precision (5)");
    }

    @Test
    void tanhNetsAreToldWhereNumericRanksAre() {
        String tanh = "in(3) -> dense(2) -> tanh -> dense(1)";
        assertOneLineError(CliRunner.run("rank", "--arch", tanh),
                "activation tanh at stage 1 is not exact over ℚ (transcendental): exact Hessians need piecewise-linear"
                        + " or polynomial activations; for numeric ranks: rank --numeric float64 (or DIGITS), or"
                        + " fidelity point --arch ...");
        assertOneLineError(CliRunner.run("hessian", "--arch", tanh, "--out", dir.resolve("t.mtx").toString()),
                "hessian exports exact Hessians only");
        assertFalse(Files.exists(dir.resolve("t.mtx")));
        assertOneLineError(CliRunner.run("sweep", "--arch", "in({d}) -> dense(2) -> tanh -> dense(1)", "--vary",
                "d=2..3"), "sweep computes exact ranks only");
        CliRunner.Run numeric = CliRunner.run("rank", "--arch", tanh, "--numeric", "float64");
        assertEquals(0, numeric.code(), numeric.err());
    }

    @Test
    void matrixMarketMessagesNameTheFileAndTheCause() throws Exception {
        Path latin1 = dir.resolve("latin1.mtx");
        byte[] head = "%%MatrixMarket matrix coordinate integer general\n% caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\n2 2 1\n1 1 5\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(latin1, concat(head, new byte[] {(byte) 0xe9}, tail));
        CliRunner.Run ok = CliRunner.run("matrix-rank", latin1.toString(), "--format", "json");
        assertEquals(0, ok.code(), ok.err());
        assertEquals(1, ok.jsonLong("rank"));

        Path badEntry = dir.resolve("bad-entry.mtx");
        Files.write(badEntry, concat("%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 5".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII), new byte[] {(byte) 0xe9, '\n'}));
        assertOneLineError(CliRunner.run("matrix-rank", badEntry.toString()),
                badEntry + " line 3: not UTF-8/ASCII text");

        byte[] garbage = new byte[4096];
        new SplittableRandom(16).nextBytes(garbage);
        garbage[0] = (byte) 0xff; // never UTF-8
        Path binary = dir.resolve("garbage.mtx");
        Files.write(binary, garbage);
        assertOneLineError(CliRunner.run("matrix-rank", binary.toString()), binary + " line 1: not UTF-8/ASCII text");

        assertOneLineError(CliRunner.run("matrix-rank", dir.toString()),
                "FILE.mtx (" + dir + ") is a directory, not a Matrix Market file");
    }

    @Test
    void longValuesAreEchoedShortened() {
        String x = "x".repeat(100_000);
        List<CliRunner.Run> runs = List.of(
                CliRunner.run("rank", "--arch", "in(6) -> dense(5) " + x),
                CliRunner.run("rank", "--arch", x),
                CliRunner.run("rank", "--arch", SMALL, "--samples", x),
                CliRunner.run("rank", "--arch", SMALL, "--format", x),
                CliRunner.run("rank", "--arch", SMALL, "--path", x),
                CliRunner.run("rank", "--arch", SMALL, "--numeric", x),
                CliRunner.run("matrix-rank", x),
                CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", x.substring(0, 3000)),
                CliRunner.run("sweep", "--arch", "in({d}) -> dense(2)", "--vary", x));
        for (CliRunner.Run run : runs) {
            assertOneLineError(run, " characters)");
            assertTrue(run.err().length() < 600, run.err());
        }
    }

    @Test
    void noArgumentsPrintTheUsageAndExitTwo() {
        CliRunner.Run run = CliRunner.run();
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("hessrank: a command is required\nUsage: hessrank"), run.err());
    }

    /** picocli wraps descriptions at word breaks, and a '.' is one: no path may be cut ("docs/fidelity. md"). */
    @Test
    void helpTextsCiteWholePathsThatExist() {
        List<String> problems = new ArrayList<>();
        Pattern cut = Pattern.compile("[\\w/-]\\.\\s*\\n\\s*(md|csv|svg|jsonl|mtx)\\b|/\\s*\\n");
        Pattern doc = Pattern.compile("docs/[\\w.-]+");
        for (CommandLine cl : allCommands(HessrankCommand.commandLine(), new ArrayList<>())) {
            StringWriter w = new StringWriter();
            cl.usage(new PrintWriter(w, true));
            String help = w.toString();
            Matcher c = cut.matcher(help);
            if (c.find()) {
                problems.add(cl.getCommandName() + ": a path cut at '" + c.group().replace("\n", "\\n") + "'");
            }
            Matcher d = doc.matcher(help);
            while (d.find()) {
                String path = d.group().replaceAll("[.]+$", "");
                if (!Files.isRegularFile(Path.of(path))) {
                    problems.add(cl.getCommandName() + ": " + path + " does not exist");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void progressIsDecidedByStderr() {
        assertTrue(Progress.enabled("/dev/pts/3", false, null), "stdout redirected, stderr a terminal");
        assertTrue(Progress.enabled("/dev/tty1", false, null));
        assertFalse(Progress.enabled("/tmp/err.txt", true, null), "stderr redirected");
        assertFalse(Progress.enabled("pipe:[12345]", true, null));
        assertFalse(Progress.enabled("/dev/null", true, null));
        assertFalse(Progress.enabled("/dev/pts/3", true, "true"), "CI");
        assertTrue(Progress.enabled(null, true, null), "no /proc: the console decides");
        assertFalse(Progress.enabled(null, false, null));
    }

    private static List<CommandLine> allCommands(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!into.contains(sub)) {
                allCommands(sub, into);
            }
        }
        return into;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
