package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.MatrixMarket;
import org.hessrank.report.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command takes --format text|json|csv: CSV has a header and consistent rows, JSON parses. */
class FormatsTest {
    @TempDir
    Path dir;

    @Test
    void csvAndJsonOnEveryResultCommand() throws Exception {
        Path mtx = dir.resolve("m.mtx");
        MatrixMarket.write(IntegerMatrix.identity(3), mtx, MatrixMarket.Layout.COORDINATE);
        String arch = "in(4) -> dense(3) -> dense(2)";
        List<String[]> commands = List.of(
                new String[] {"rank", "--arch", arch, "--samples", "6"},
                new String[] {"rank", "--arch", arch, "--samples", "6", "--numeric", "float64"},
                new String[] {"check", "--statement", "FC-O", "--tries", "8"},
                new String[] {"sweep", "--arch", "in(4) -> dense({w}) -> dense(2)", "--vary", "w=1..2", "--samples", "6"},
                new String[] {"matrix-rank", mtx.toString()},
                new String[] {"hessian", "--arch", arch, "--samples", "6", "--out", dir.resolve("H.mtx").toString()},
                new String[] {"bench", "--sizes", "8,12", "--repeats", "1"},
                new String[] {"bench", "--float64", "24", "--repeats", "1", "--numpy-script", "no/such/numpy_rank.py"},
                new String[] {"fidelity", "point", "--arch", arch, "--samples", "6", "--precision", "30"});
        for (String[] c : commands) {
            String name = String.join(" ", c);
            CliRunner.Run csv = CliRunner.run(append(c, "--format", "csv"));
            assertEquals(0, csv.code(), name + ": " + csv.err());
            List<String> lines = csv.out().lines().toList();
            assertTrue(lines.size() >= 2, name + ": " + csv.out());
            int columns = columns(lines.get(0));
            for (String line : lines) {
                assertEquals(columns, columns(line), name + ": " + line);
            }
            CliRunner.Run json = CliRunner.run(append(c, "--format", "json"));
            assertEquals(0, json.code(), name + ": " + json.err());
            for (String line : json.out().lines().toList()) {
                JsonReader.parse(line, name);
            }
        }
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    /** Number of fields, honouring quotes. */
    private static int columns(String line) {
        int n = 1;
        boolean quoted = false;
        for (char ch : line.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                n++;
            }
        }
        return n;
    }
}
