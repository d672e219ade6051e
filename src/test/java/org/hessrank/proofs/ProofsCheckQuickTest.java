package org.hessrank.proofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quick profile and diffs it against the committed expected outputs. Ranks are exact, so
 * any difference is a real change: if it is intended, regenerate them with
 * {@code proofs-check/run --quick --out proofs-check/expected/quick} and review the diff.
 */
class ProofsCheckQuickTest {
    private static final Path EXPECTED = Path.of("proofs-check", "expected", "quick");

    @TempDir
    static Path work;

    private static Path fresh;

    @BeforeAll
    static void runQuickProfile() throws IOException {
        fresh = work.resolve("quick");
        Artifacts.run(Profile.QUICK, 0, 1, fresh, "hessrank test run", phase -> { });
    }

    @Test
    void resultsEqualTheCommittedOnes() throws IOException {
        for (String file : new String[] {"results.jsonl", "results.csv", "figures/fig1-width.svg",
            "figures/fig4-cnn.svg", "figures/fig5-sqrt.svg"}) {
            assertSameLines(EXPECTED.resolve(file), fresh.resolve(file), file);
        }
    }

    @Test
    void reportEqualsTheCommittedOneButForTheVersionLine() throws IOException {
        assertSameLines(EXPECTED.resolve("REPORT.md"), fresh.resolve("REPORT.md"), "REPORT.md");
    }

    @Test
    void theReportCoversEveryStatementAndNothingIsViolated() throws IOException {
        String report = Files.readString(fresh.resolve("REPORT.md"));
        for (org.hessrank.theory.Statement s : org.hessrank.theory.Catalogue.all()) {
            assertTrue(report.contains("| " + s.id() + " |"), s.id());
        }
        for (String line : Files.readAllLines(fresh.resolve("results.jsonl"))) {
            assertTrue(!line.contains("\"verdict\":\"violated\""), line);
        }
    }

    @Test
    void shardsMergeIntoTheSameFiles() throws IOException {
        // a real shard computes the same lines as the whole run ...
        Path shard = work.resolve("shard-37-of-40");
        Artifacts.run(Profile.QUICK, 37, 40, shard, "hessrank test run", phase -> { });
        List<String> whole = Files.readAllLines(fresh.resolve("results.jsonl"));
        List<String> part = Files.readAllLines(shard.resolve("results.jsonl"));
        List<String> expected = new ArrayList<>();
        for (int i = 37; i < whole.size(); i += 40) {
            expected.add(whole.get(i));
        }
        assertEquals(expected, part);
        // ... and the merge of a split of the whole run's lines writes identical files
        List<Path> dirs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Path d = work.resolve("split-" + s);
            Files.createDirectories(d);
            List<String> lines = new ArrayList<>();
            for (int i = s; i < whole.size(); i += 3) {
                lines.add(whole.get(i));
            }
            Files.write(d.resolve("results.jsonl"), lines, StandardCharsets.UTF_8);
            Files.writeString(d.resolve("shard.properties"), "profile=QUICK\nshard=" + s + "\nshards=3\njobs="
                    + whole.size() + "\n");
            dirs.add(d);
        }
        Path merged = work.resolve("merged");
        Artifacts.merge(List.of(dirs.get(2), dirs.get(0), dirs.get(1)), merged, "hessrank test run");
        for (String file : new String[] {"results.jsonl", "results.csv", "REPORT.md", "figures/fig2-depth.svg"}) {
            assertEquals(Files.readString(fresh.resolve(file)), Files.readString(merged.resolve(file)), file);
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Artifacts.merge(List.of(dirs.get(0), dirs.get(2)), work.resolve("bad"), "x"));
        assertTrue(missing.getMessage().contains("shard 1/3 is missing"), missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Artifacts.merge(List.of(dirs.get(0), dirs.get(0)), work.resolve("bad"), "x"));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
    }

    private static void assertSameLines(Path expected, Path actual, String name) throws IOException {
        List<String> e = withoutVersion(Files.readAllLines(expected));
        List<String> a = withoutVersion(Files.readAllLines(actual));
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            if (!e.get(i).equals(a.get(i))) {
                throw new AssertionError(name + " line " + (i + 1) + " differs from " + expected
                        + " (regenerate with proofs-check/run --quick --out proofs-check/expected/quick if intended)"
                        + "\nexpected: " + e.get(i) + "\nactual:   " + a.get(i));
            }
        }
        assertEquals(e.size(), a.size(), name + ": number of lines");
    }

    private static List<String> withoutVersion(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("- hessrank ")) {
                out.add(l);
            }
        }
        return out;
    }
}
