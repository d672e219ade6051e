package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.MatrixMarket;
import org.hessrank.exact.RandomMatrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixRankCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"modular", "deterministic", "bareiss"})
    void jsonReportsTheRankOfEveryEngine(String method) throws Exception {
        IntegerMatrix m = RandomMatrices.lowRank(new SplittableRandom(4), 30, 25, 9, 1000);
        Path file = dir.resolve("m.mtx");
        MatrixMarket.write(m, file, MatrixMarket.Layout.COORDINATE);
        CliRunner.Run run = CliRunner.run("matrix-rank", file.toString(), "--method", method, "--format", "json",
                "--verify");
        assertEquals(0, run.code(), run.err());
        assertEquals(Bareiss.engine().rank(m).rank(), run.jsonLong("rank"));
        assertEquals(method.equals("modular") ? "certified-lower-bound" : "deterministic", run.jsonString("grade"));
        assertTrue(run.out().contains("\"seconds\":"), run.out());
        assertTrue(run.out().contains("\"witnessVerified\":true"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void textReportStatesTheGrade() throws Exception {
        Path file = dir.resolve("i.mtx");
        MatrixMarket.write(IntegerMatrix.identity(3), file, MatrixMarket.Layout.ARRAY);
        CliRunner.Run run = CliRunner.run("matrix-rank", file.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("rank      3"), run.out());
        assertTrue(run.out().contains("certified lower bound"), run.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path garbled = dir.resolve("bad.mtx");
        Files.writeString(garbled, "%%MatrixMarket matrix coordinate integer general\n2 2 1\n3 1 5\n");
        assertOneLineError(CliRunner.run("matrix-rank", garbled.toString()), "line 3");
        assertOneLineError(CliRunner.run("matrix-rank", dir.resolve("missing.mtx").toString()), "no such file");
        Path empty = dir.resolve("empty.mtx");
        Files.writeString(empty, "");
        assertOneLineError(CliRunner.run("matrix-rank", empty.toString()), "empty.mtx");
        Path real = dir.resolve("real.mtx");
        Files.writeString(real, "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 0.5\n");
        assertOneLineError(CliRunner.run("matrix-rank", real.toString()), "real");
        Path ok = dir.resolve("ok.mtx");
        MatrixMarket.write(IntegerMatrix.identity(2), ok, MatrixMarket.Layout.ARRAY);
        assertOneLineError(CliRunner.run("matrix-rank", ok.toString(), "--primes", "0"), "--primes (0)");
        assertOneLineError(CliRunner.run("matrix-rank", ok.toString(), "--method", "magic"), "--method");
        assertOneLineError(CliRunner.run("matrix-rank"), "FILE.mtx");
    }

    static void assertOneLineError(CliRunner.Run run, String mention) {
        assertEquals(2, run.code(), run.out() + run.err());
        assertEquals("", run.out());
        String err = run.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(mention), err);
    }
}
