package org.hessrank.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Runs every example so that the build fails when one breaks. */
class ExamplesTest {
    @Test
    void rankOfOneArchitecturePrintsTheReferenceRanks() {
        // docs/theorems.md: d=6, hidden [5,4], K=3, N=10 gives 18, 45, 54
        String out = capture(o -> RankOfOneArchitecture.run(o));
        assertEquals("""
                in(6) -> dense(5) -> dense(4) -> dense(3): p = 62
                rank H_O = 18 (certified-lower-bound, failure probability <= %s)
                rank H_F = 45 (certified-lower-bound, failure probability <= %s)
                rank H_L = 54 (certified-lower-bound, failure probability <= %s)
                """.formatted(field(out, 1), field(out, 2), field(out, 3)), out);
    }

    @Test
    void sampleSweepMeetsTheFormulasAndWritesAChart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        for (ReproduceSampleSweep.Row r : ReproduceSampleSweep.sweep(10, 40, 80)) {
            // FC-O is exact; FC-F and FC-L are attained at generic points
            assertEquals(java.util.Arrays.toString(r.formulas()), java.util.Arrays.toString(r.ranks()), "N=" + r.samples());
        }
        java.nio.file.Path svg = dir.resolve("sweep.svg");
        capture(o -> {
            try {
                ReproduceSampleSweep.run(o, svg.toString(), "10", "20");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.readString(svg).contains("FC-L"));
    }

    /** The failure probability printed on line {@code line}: a computed number, not part of the check. */
    private static String field(String out, int line) {
        String l = out.lines().skip(line).findFirst().orElseThrow();
        return l.substring(l.indexOf("<= ") + 3, l.length() - 1);
    }

    /** What {@code body} prints to the stream it is given (no global System.out swap). */
    static String capture(Consumer<PrintStream> body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        body.accept(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
