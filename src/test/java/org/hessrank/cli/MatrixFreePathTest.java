package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatrixFreePathTest {
    private static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    private static int rank(String json, String part) {
        Matcher m = Pattern.compile("\"" + part + "\":\\{\"rank\":(\\d+)").matcher(json);
        assertTrue(m.find(), json);
        return Integer.parseInt(m.group(1));
    }

    /** Both paths, same seeds: equal ranks, equal to FC-O, FC-F, FC-L. */
    @Test
    void matrixFreeAndDensePathsGiveTheSameRanksAsTheFormulas() {
        String arch = "in(12) -> dense(8) -> dense(8) -> dense(5)";
        CliRunner.Run mf = run("rank", "--arch", arch, "--samples", "20", "--path", "matrix-free", "--format", "json");
        CliRunner.Run dense = run("rank", "--arch", arch, "--samples", "20", "--path", "dense", "--format", "json");
        CliRunner.Run echelon = run("rank", "--arch", arch, "--samples", "20", "--path", "matrix-free", "--compression",
                "echelon", "--format", "json");
        assertEquals(0, mf.code(), mf.err());
        assertEquals(0, echelon.code(), echelon.err());
        assertTrue(mf.out().contains("Toeplitz"), mf.out());
        assertTrue(echelon.out().contains("echelon basis of H*V"), echelon.out());
        assertEquals(0, dense.code(), dense.err());
        assertTrue(mf.out().contains("\"path\":\"matrix-free\""), mf.out());
        assertTrue(dense.out().contains("\"path\":\"dense\""), dense.out());
        // r = 12, K = 5, q = 5, ΣM = 16, s = 5, L = 3 (docs/theorems.md FC-O, FC-F, FC-L)
        int q = 5, r = 12, k = 5, sumM = 16, s = 5, layers = 3;
        int[] formula = {q * (r + k - q), 2 * q * sumM + 2 * q * s - layers * q * q,
            2 * q * sumM + q * (r + k) - layers * q * q};
        String[] parts = {"O", "F", "L"};
        for (int i = 0; i < 3; i++) {
            assertEquals(formula[i], rank(mf.out(), parts[i]), "matrix-free H_" + parts[i]);
            assertEquals(formula[i], rank(dense.out(), parts[i]), "dense H_" + parts[i]);
            assertEquals(formula[i], rank(echelon.out(), parts[i]), "echelon H_" + parts[i]);
        }
    }

    /** Past the dense limit (p > 46,340) the whole command works: ranks and every statement check. */
    @Test
    void rankWorksEndToEndBeyondTheDenseLimit() {
        String arch = "in(300) -> dense(160) -> dense(1)"; // p = 48,160
        CliRunner.Run r = run("rank", "--arch", arch, "--samples", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"parameters\":48160"), r.out());
        assertTrue(r.out().contains("\"path\":\"matrix-free\""), r.out());
        // r = 3, K = 1, q = 1, ΣM = 160, s = 1, L = 2 (FC-O, FC-F, FC-L)
        assertEquals(3, rank(r.out(), "O"));
        assertEquals(2 * 160 + 2 - 2, rank(r.out(), "F"));
        assertEquals(2 * 160 + 4 - 2, rank(r.out(), "L"));
        assertTrue(r.out().contains("\"id\":\"FC-NULL\""), r.out());
        assertTrue(!r.out().contains("violated"), r.out());
    }

    @Test
    void badPathChoicesExitWithTwoAndOneLine() {
        CliRunner.Run bad = run("rank", "--arch", "in(3) -> dense(2)", "--path", "sparse");
        assertEquals(2, bad.code());
        assertEquals("hessrank: --path (sparse) must be auto, dense or matrix-free", bad.err().trim());
        CliRunner.Run exact = run("rank", "--arch", "in(3) -> dense(2)", "--path", "matrix-free", "--method", "deterministic");
        assertEquals(2, exact.code());
        assertTrue(exact.err().trim().startsWith("hessrank: --path matrix-free works mod a prime"), exact.err());
        assertEquals("", exact.out());
        CliRunner.Run kind = run("rank", "--arch", "in(3) -> dense(2)", "--path", "matrix-free", "--compression", "qr");
        assertEquals(2, kind.code());
        assertEquals("hessrank: --compression (qr) must be toeplitz or echelon", kind.err().trim());
        CliRunner.Run denseKind = run("rank", "--arch", "in(3) -> dense(2)", "--path", "dense", "--compression",
                "echelon");
        assertEquals(2, denseKind.code());
        assertTrue(denseKind.err().trim().startsWith("hessrank: --compression (echelon) applies to the matrix-free"),
                denseKind.err());
        assertEquals("", denseKind.out());
    }

    /**
     * Issue #11: a spec past 200,000 parameters is accepted and routed to the matrix-free path (the
     * parser used to refuse it, recommending the very path it blocked); the dense path refuses it
     * with the estimate. The routing is seen without ranking: a bad --compression is refused as a
     * matrix-free option, not as one given without the matrix-free path.
     */
    @Test
    void largeSpecsAreAcceptedAndRoutedToTheMatrixFreePath() {
        String arch = "in(1000) -> dense(250) -> dense(2)"; // p = 250,500
        for (String path : new String[] {"auto", "matrix-free"}) {
            CliRunner.Run r = run("rank", "--arch", arch, "--samples", "3", "--path", path, "--compression", "qr");
            assertEquals(2, r.code());
            assertEquals("hessrank: --compression (qr) must be toeplitz or echelon", r.err().trim(), path);
        }
        assertTrue(RankCommand.useMatrixFree(RankCommand.PathChoice.auto, EngineChoice.modular, 250_500, 3, 2));
        CliRunner.Run dense = run("rank", "--arch", arch, "--samples", "3", "--path", "dense");
        assertEquals(2, dense.code());
        assertTrue(dense.err().trim().startsWith("hessrank: parameter count (250500) must be <= 46340 for dense"
                + " Hessians") && dense.err().contains("GiB") && dense.err().contains("drop --path dense (auto takes the matrix-free path)"),
                dense.err());
        assertEquals("", dense.out());
    }

    @Test
    void autoRefusesWithTheEstimateWhenEvenTheMatrixFreePathCannotFit() {
        // N·K·p = 20000·300·180000: the Jacobian alone exceeds any heap this test runs with
        CliRunner.Run big = run("rank", "--arch", "in(300) -> dense(300) -> dense(300)", "--samples", "20000");
        assertEquals(2, big.code());
        assertTrue(big.err().startsWith("hessrank: samples (20000) x outputs (300) x parameter count (180000): the"
                + " matrix-free path") && big.err().contains("GiB"), big.err());
        assertEquals("", big.out());
    }
}
