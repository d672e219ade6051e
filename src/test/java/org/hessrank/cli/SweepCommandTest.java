package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void csvRowsFollowTheFullyConnectedFormulas() throws Exception {
        Path csv = dir.resolve("r.csv");
        Path svg = dir.resolve("r.svg");
        CliRunner.Run run = CliRunner.run("sweep", "--arch", "in(6) -> dense({w}) -> dense(3)", "--vary", "w=1..4",
                "--samples", "{n}", "--vary", "n=4..8:4", "--out", csv.toString(), "--plot", svg.toString(),
                "--format", "csv");
        assertEquals(0, run.code(), run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 4 * 2, lines.size());
        assertEquals(run.out(), Files.readString(csv));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int w = Integer.parseInt(f[0]);
            int n = Integer.parseInt(f[1]);
            int r = Math.min(6, n);
            int q = Math.min(Math.min(r, 3), w);
            int s = Math.min(r, 3);
            // FC-O and FC-L of docs/theorems.md with L = 2, ΣM = w
            assertEquals(q * (r + 3 - q), Integer.parseInt(f[5]), line);
            assertEquals(2 * q * w + 2 * q * s - 2 * q * q, Integer.parseInt(f[6]), line);
            assertEquals(2 * q * w + q * (r + 3) - 2 * q * q, Integer.parseInt(f[7]), line);
        }
        String chart = Files.readString(svg);
        assertTrue(chart.startsWith("<svg") && chart.contains("polyline") && chart.contains("H_L"), chart);
    }

    @Test
    void badTemplatesExitTwoAndWriteNothing() {
        Path csv = dir.resolve("never.csv");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense({w}) -> dense(3)",
                "--vary", "w=1..x", "--out", csv.toString()), "--vary (w=1..x)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense({v}) -> dense(3)",
                "--vary", "w=1..3", "--out", csv.toString()), "{v}");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense(2) -> dense(3)",
                "--vary", "w=1..3", "--out", csv.toString()), "does not occur");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense({w}) -> dense(3)",
                "--vary", "w=0..3", "--out", csv.toString()), "(0)");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense({w}) -> dense(3)",
                "--vary", "w=3..1", "--out", csv.toString()), "empty");
        MatrixRankCommandTest.assertOneLineError(CliRunner.run("sweep", "--arch", "in(6) -> dense({w}) -> dense(3)",
                "--vary", "w=1..3", "--out", dir.resolve("missing/r.csv").toString()), "does not exist");
        assertFalse(Files.exists(csv));
    }
}
