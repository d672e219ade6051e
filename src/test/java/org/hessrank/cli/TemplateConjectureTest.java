package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hessrank conjecture --template}: a true formula holds, a false one is refuted and shrunk, bad input. */
class TemplateConjectureTest {
    private static final String FC = "--template `in({d}) -> dense({m}) -> dense({K})` --vary d=2..5 --vary m=1..6"
            + " --vary K=1..3 --samples `{d}+1..30` --part O";

    @Test
    void fcOHoldsExactlyOnATemplateFamily() {
        CliRunner.Run r = CliRunner.run(ConjectureCommandTest.split(FC
                + " --bound `min(r, K, m)*(r + K - min(r, K, m))` --exact --tries 40 --format json"));
        assertEquals(0, r.code(), r.out() + r.err());
        long applicable = r.jsonLong("applicable");
        assertTrue(applicable >= 20, r.out());
        assertEquals(applicable, r.jsonLong("tight"), r.out());
        assertEquals("holds", r.jsonString("result"));
    }

    @Test
    void aFalseBoundIsRefutedShrunkAndReproducible() {
        CliRunner.Run r = CliRunner.run(ConjectureCommandTest.split(FC + " --bound `d*m` --tries 60"));
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("\nREFUTED\n"), r.out());
        // the smallest violation of d*m by FC-O's q(r + K - q): d = 2, m = 1, K = 2, N = d + 1
        assertTrue(r.out().contains("  smallest draw: d=2 m=1 K=2 N=3\n"), r.out());
        assertTrue(r.out().contains("REFUTED (violated): predicted 2, measured 3"), r.out());
        // the printed rank command measures the violation on its own
        Matcher m = Pattern.compile("measure it:    hessrank (.*)\n").matcher(r.out());
        assertTrue(m.find(), r.out());
        CliRunner.Run measured = CliRunner.run(words(m.group(1) + " --format json"));
        assertEquals(0, measured.code(), measured.err());
        assertEquals(3, measured.jsonLong("O", "rank"), measured.out());
        // the printed rerun command gives the same report
        Matcher rerun = Pattern.compile("rerun:         hessrank (.*)\n").matcher(r.out());
        assertTrue(rerun.find(), r.out());
        CliRunner.Run again = CliRunner.run(words(rerun.group(1)));
        assertEquals(1, again.code());
        assertEquals(r.out().replaceAll("in \\S+ s:", ""), again.out().replaceAll("in \\S+ s:", ""));
    }

    /** Words of a printed command line: plain words and double-quoted strings. */
    private static String[] words(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out.toArray(String[]::new);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "--template `in({d}) -> dense({m}) -> dense({K})` --vary d=2..5 --vary m=1..3 --part O --bound d;"
            + " template variable {K} has no --vary range",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --vary m=1..3 --part O --bound d;"
            + " --vary variable (m) does not occur in --template",
        "--template `in({d}) -> dense(2)` --vary d=5..2 --part O --bound d; --vary d range (5..2) must not be empty",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --samples `{d}+1` --part O --bound d;"
            + " --samples ({d}+1) must be a range lo..hi",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --samples `3..{d}` --part O --bound d;"
            + " --samples (3..{d}) at d=2 is 3..2; it must be a non-empty range of N >= 1",
        "--template `in(1,{n}) -> conv(1,k={k}) -> dense(1)` --vary n=2..4 --vary k=1..3 --part O --bound n --tries 50;"
            + " --template at n=",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --part O --bound `d*x`; unknown name 'x'; known for family"
            + " template: d, HF, HL, HO, N, p, r",
        "--template `in({N}) -> dense(2)` --vary N=2..5 --part O --bound N; template variable {N} clashes with the"
            + " quantity N",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --part T --bound d; --part (T) is available for the"
            + " conv*-layer families only",
        "--template `in({d}) -> dense(2)` --family fc --vary d=2..5 --part O --bound d; --family and --template"
            + " exclude each other",
        "--family fc --vary d=2..5 --part O --bound d; --vary needs --template",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --part O --bound d --max-samples 20; --max-samples applies"
            + " to --family only",
        "--template `in({d}) -> dense(2)` --vary d=2..5 --part O --bound `d/3`; the conjecture could not be evaluated"
            + " at d="})
    void badInputExitsTwoWithOneLine(String args, String message) {
        CliRunner.Run r = CliRunner.run(ConjectureCommandTest.split(args));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("hessrank: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
