package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.hessrank.hessian.Part;
import org.hessrank.theory.Conjecture;
import org.hessrank.theory.Statement;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
    static CliRunner.Run run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void exitZeroWithTheStatisticsTable() throws Exception {
        CliRunner.Run r = run("check", "--statement", "FC-O,FC-F", "--tries", "16", "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("checked 16 cases (seed 3)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FC-O ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FC-F ")), r.out());
        assertTrue(r.out().contains("no statement violated"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void exitTwoOnAnUnknownIdListingTheKnownOnes() throws Exception {
        CliRunner.Run r = run("check", "--statement", "FC-NOPE");
        assertEquals(2, r.code());
        assertEquals("", r.out(), "no partial output");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("FC-NOPE") && r.err().contains("FC-O") && r.err().contains("LCN-F"), r.err());
        assertEquals(2, run("check", "--tries", "0").code());
        CliRunner.Run sweep = run("check", "--statement", "FC-SQRT");
        assertEquals(2, sweep.code());
        assertTrue(sweep.err().contains("sweep statement"), sweep.err());
    }

    @Test
    void exitOneOnAViolationWithTheShrunkCase() throws Exception {
        Statement wrong = Conjecture.builder("WRONG-O").target(Part.O).kind(Statement.Kind.BOUND)
                .appliesWhen(i -> i.architecture().layers().stream()
                        .allMatch(l -> l instanceof org.hessrank.net.Layer.Dense d && !d.bias())
                        && i.architecture().input().kind() == org.hessrank.net.Shape.Kind.VECTOR)
                .predicts(i -> 0).build(); // rank H_O <= 0: false as soon as the gradient is nonzero
        CliRunner.Run r = CliRunner.capture(new CheckCommand(), cmd -> cmd.run(List.of(wrong)), "--tries", "20",
                "--max-params", "80", "--seed", "4", "--format", "text");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("VIOLATED: WRONG-O"), r.out());
        assertTrue(r.out().contains("smallest case: in(1) -> dense(1)"), r.out());
        assertTrue(r.out().contains("reproduce: hessrank rank --arch \"in(1) -> dense(1)\""), r.out());
    }

    @Test
    void jsonHasTheStatisticsKeys() throws Exception {
        CliRunner.Run r = run("check", "--statement", "FC-O", "--statement", "CNN1-F", "--tries", "20", "--format", "json");
        assertEquals(0, r.code(), r.err());
        String j = r.out().trim();
        assertTrue(j.startsWith("{\"seed\":1,\"tries\":20,\"maxParameters\":150,\"generators\":["), j);
        for (String key : new String[] {"\"statements\":[{\"id\":\"FC-O\",\"part\":\"H_O\",\"kind\":\"exact\",",
            "\"provenance\":\"paper\"", "\"applicable\":", "\"tight\":", "\"violated\":0", "\"belowExact\":",
            "\"genericTightRate\":", "\"largestParameters\":", "\"ratio\":{\"min\":", "\"histogram\":{\"<0.5\":",
            "\"counterexample\":", "{\"id\":\"CNN1-F\"", "\"violated\":[]", "\"errors\":[]"}) {
            assertTrue(j.contains(key), key + " in " + j);
        }
    }

    @Test
    void rankListsTheApplicableStatements() throws Exception {
        CliRunner.Run r = run("rank", "--arch", "in(4) -> dense(3) -> dense(2)", "--samples", "6", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"statements\":[{\"id\":\"FC-O\",\"part\":\"H_O\",\"kind\":\"exact\","
                + "\"predicted\":8,\"measured\":8,\"verdict\":\"tight\",\"provenance\":\"paper\",\"source\":\"[NBH21]\""),
                r.out());
        assertTrue(r.out().contains("{\"id\":\"FC-F\",\"part\":\"H_F\",\"kind\":\"bound\",\"predicted\":12,"
                + "\"measured\":12,\"verdict\":\"tight\""), r.out());
        CliRunner.Run t = run("rank", "--arch", "in(1,8) -> conv(2,k=3) -> dense(3)", "--samples", "30");
        assertEquals(0, t.code(), t.err());
        // docs/theorems.md reference row: conv 1->2, k=3 on d0=8, FC readout K=3, N=30: H_O 24, H_F 12
        assertTrue(t.out().lines().anyMatch(l -> l.matches("CNN1-O\\s+H_O\\s+exact\\s+derived\\s+24\\s+24\\s+tight.*")),
                t.out());
        assertTrue(t.out().lines().anyMatch(l -> l.matches("CNN1-F\\s+H_F\\s+exact\\s+derived\\s+12\\s+12\\s+tight.*")),
                t.out());
    }
}
