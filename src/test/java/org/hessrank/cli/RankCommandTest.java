package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.MatrixMarket;
import org.hessrank.hessian.ExactHessians;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankCommandTest {
    @TempDir
    Path dir;

    /** docs/theorems.md reference rows (fully connected table). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "in(4) -> dense(3) -> dense(2); 6; 18; 8; 12; 16",
        "in(4) -> dense(3,bias) -> dense(2,bias); 6; 23; 10; 12; 20",
        "in(6) -> dense(5) -> dense(4) -> dense(3); 10; 62; 18; 45; 54",
        "in(10) -> dense(6) -> dense(6) -> dense(3); 5; 114; 15; 63; 69",
        "in(7) -> dense(5) -> dense(1); 7; 40; 7; 10; 16"})
    void referenceRanksThroughTheCommandLine(String arch, int samples, int p, int o, int f, int l) {
        for (String method : new String[] {"modular", "deterministic"}) {
            CliRunner.Run run = CliRunner.run("rank", "--arch", arch, "--samples", Integer.toString(samples),
                    "--points", "2", "--method", method, "--format", "json");
            assertEquals(0, run.code(), run.err());
            assertEquals(p, run.jsonLong("parameters"));
            assertEquals(o, run.jsonLong("O", "rank"), run.out());
            assertEquals(f, run.jsonLong("F", "rank"), run.out());
            assertEquals(l, run.jsonLong("L", "rank"), run.out());
            assertTrue(run.out().contains(method.equals("modular") ? "\"grade\":\"certified-lower-bound\""
                    : "\"grade\":\"deterministic\""), run.out());
        }
    }

    @Test
    void convolutionalReferenceRow() {
        // docs/theorems.md: conv 1->2, k=3 on d_0=8, FC readout K=3, N=30: H_O 24, H_F 12, H_L 35
        CliRunner.Run run = CliRunner.run("rank", "--arch", "in(1,8) -> conv(2,k=3) -> dense(3)", "--samples", "30",
                "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(24, run.jsonLong("O", "rank"));
        assertEquals(12, run.jsonLong("F", "rank"));
        assertEquals(35, run.jsonLong("L", "rank"));
    }

    @Test
    void textOutputNamesEveryPartAndItsGrade() {
        CliRunner.Run run = CliRunner.run("rank", "--arch", "in(4) -> dense(3) -> dense(2)", "--samples", "6");
        assertEquals(0, run.code(), run.err());
        for (String part : new String[] {"H_O", "H_F", "H_L"}) {
            assertTrue(run.out().contains(part), run.out());
        }
        assertTrue(run.out().contains("certified lower bound; exact except with probability <="), run.out());
    }

    @Test
    void interpolatedTargetsGiveZeroFunctionalPart() {
        CliRunner.Run run = CliRunner.run("rank", "--arch", "in(5) -> dense(4) -> dense(3)", "--samples", "8",
                "--targets", "interpolate", "--format", "json");
        assertEquals(0, run.code(), run.err());
        assertEquals(0, run.jsonLong("F", "rank"));
        assertEquals(run.jsonLong("O", "rank"), run.jsonLong("L", "rank"));
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", ""), "spec");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(0)"), "(0)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(-3)"), "(-3)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(1,5) -> conv(2,k=7) -> dense(2)"),
                "kernel (7)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(3"), "position");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(2)", "--samples", "-1"),
                "--samples (-1)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(2)", "--points", "0"),
                "--points (0)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(2)", "--range", "0"),
                "--range (0)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> tanh -> dense(2)"), "tanh");
        MatrixRankCommandTest.assertOneLineError(
                CliRunner.run("rank", "--arch", "in(100000) -> dense(100000) -> dense(2)"), "parameter count");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("rank", "--arch", "in(4) -> dense(2)", "--samples",
                "99999999999"), "--samples");
    }

    @Test
    void hessianExportMatchesTheLibraryAndIsAtomic() throws Exception {
        Path out = dir.resolve("H.mtx");
        String arch = "in(3) -> dense(2,bias) -> relu -> dense(2)";
        CliRunner.Run run = CliRunner.run("hessian", "--arch", arch, "--part", "F", "--samples", "5", "--seed", "7",
                "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        LoweredNetwork net = Architecture.parse(arch).lower();
        ExactHessians h = Hessians.exact(net, Points.draw(net, PointOptions.defaults().withSamples(5).withSeed(7)));
        IntegerMatrix read = MatrixMarket.read(out);
        assertEquals(h.f(), read);

        Path bad = dir.resolve("bad.mtx");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("hessian", "--arch", "in(3) -> tanh -> dense(2)", "--out",
                bad.toString()), "tanh");
        assertFalse(Files.exists(bad));
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("hessian", "--arch", arch, "--out",
                dir.resolve("no/such/dir/H.mtx").toString()), "does not exist");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only H.mtx, no temporary or partial files");
        }
    }
}
