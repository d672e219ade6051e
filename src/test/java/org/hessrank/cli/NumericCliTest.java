package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rank --numeric} and {@code fidelity}: agreement, forced disagreement, bad input, output files. */
class NumericCliTest {
    static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    static final String NET = "in(6) -> dense(5) -> dense(4) -> dense(3)";

    /** docs/theorems.md reference row d=6, [5,4], K=3, N=10: 18, 45, 54, in float64 and at 40 digits. */
    @Test
    void numericRanksAgreeWithExactOnTheReferenceNet() {
        for (String numeric : new String[] {"float64", "40"}) {
            CliRunner.Run r = run("rank", "--arch", NET, "--samples", "10", "--numeric", numeric);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("numeric and exact ranks agree everywhere"), r.out());
            assertTrue(r.out().matches("(?s).*H_O\\s+18\\s+18\\s+agree.*"), r.out());
            assertTrue(r.out().matches("(?s).*H_F\\s+45\\s+45\\s+agree.*"), r.out());
            assertTrue(r.out().matches("(?s).*H_L\\s+54\\s+54\\s+agree.*"), r.out());
        }
    }

    /** A user tolerance far above every singular value forces rank 0: each part is flagged. */
    @Test
    void forcedDisagreementIsFlagged() {
        CliRunner.Run r = run("rank", "--arch", NET, "--samples", "10", "--numeric", "float64", "--tol", "1e3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 DISAGREEMENT(S)"), r.out());
        assertTrue(r.out().matches("(?s).*H_O\\s+18\\s+0\\s+DISAGREE.*"), r.out());
        CliRunner.Run j = run("rank", "--arch", NET, "--samples", "10", "--numeric", "float64", "--tol", "rel:0.5", "--format",
                "json");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().contains("\"disagrees\":true"), j.out());
        assertFalse(j.out().contains("\"disagreements\":0"), j.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        String[][] cases = {
            {"rank", "--arch", NET, "--numeric", "0"},
            {"rank", "--arch", NET, "--numeric", "quad"},
            {"rank", "--arch", NET, "--numeric", "float64", "--tol", "-1e-8"},
            {"fidelity", "point", "--arch", NET, "--precision", "5"},
            {"fidelity", "point", "--arch", NET, "--tol", "rel:-1"},
            {"fidelity", "study", "nothing", "--out", "target/fidelity-test-unused"},
        };
        String[] expected = {"--numeric (0) must be", "--numeric (quad) must be", "tolerance (-1.0E-8) must be",
            "--precision (5) must be", "relative tolerance (-1.0) must be", "study (nothing) must be"};
        for (int i = 0; i < cases.length; i++) {
            CliRunner.Run r = run(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]));
            assertEquals("", r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(expected[i]), r.err());
        }
    }

    /** tanh has no exact rank; the point command reports float64 and 30-digit ranks, with CE loss too. */
    @Test
    void fidelityPointHandlesTanhAndCrossEntropy() {
        CliRunner.Run r = run("fidelity", "point", "--arch", "in(3) -> dense(4) -> tanh -> dense(3)", "--samples", "2",
                "--precision", "30", "--loss", "ce", "--targets", "onehot", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"exact\":null"), r.out());
        assertTrue(r.out().contains("\"method\":\"apfloat30-lu\""), r.out());
        // CE with one-hot targets on a linear net: H_O rank q(r + K' − q) with K' = K − 1 = 2, r = 2, q = 2: 4
        CliRunner.Run lin = run("fidelity", "point", "--arch", "in(3) -> dense(4) -> dense(3)", "--samples", "2", "--precision",
                "30", "--loss", "ce", "--targets", "onehot");
        assertEquals(0, lin.code(), lin.err());
        assertTrue(lin.out().matches("(?s).*H_O\\s+n/a\\s+4\\s+\\S+ dec\\s+4.*"), lin.out());
    }

    @Test
    void svgChartIsWellFormed(@TempDir Path dir) throws Exception {
        String svg = org.hessrank.report.SvgChart.builder("t <1>").axes("x", "y").add("a", new double[] {0, 1, 2},
                new double[] {1, Double.NaN, 3}, false).add("b", new double[] {0, 2}, new double[] {2, 2}, true).build()
                .render();
        assertTrue(svg.startsWith("<svg") && svg.strip().endsWith("</svg>"), svg);
        assertTrue(svg.contains("t &lt;1&gt;"));
        org.hessrank.report.AtomicFiles.write(dir.resolve("c.svg"), svg);
        assertEquals(svg, Files.readString(dir.resolve("c.svg")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }
}
