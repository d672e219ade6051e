package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code hessrank conjecture}: exit codes, bad input, output formats. */
class ConjectureCommandTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "--family mlp --part O --bound d; family (mlp) is unknown; known: fc, fc-bias, relu-fc",
        "--family fc --part T --bound d; part (T) is not available for family fc (available: O, F, L)",
        "--family conv1d-layer --part O --bound k; part (O) is not available for family conv1d-layer (available: T)",
        "--family fc --part X --bound d; --part (X) must be one of O, F, L, T",
        "--family fc --part O --bound `q*(r + K - x)`; position 12: unknown name 'x'; known for family fc: d, HF,",
        "--family fc --part O --bound `q*(r + K`; expected ')' but found 'end of expression'",
        "--family fc --part O --bound d --where `z > 1`; unknown name 'z'; known for family fc (--where): d, hidden(i),",
        "--family fc --part O; --bound is required (or --list-families)",
        "--family fc --part O --bound d --tries 0; --tries (0) must be >= 1",
        "--family fc --part O --bound d --points some; --points (some) must be generic or all"})
    void badInputExitsTwoWithOneLine(String args, String message) {
        CliRunner.Run r = CliRunner.run(split(args));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("hessrank: "), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    static String[] split(String args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]*)`|(\\S+)").matcher(args);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        out.add(0, "conjecture");
        return out.toArray(String[]::new);
    }

    @Test
    void listFamiliesShowsEveryFamilyAndItsVariables() {
        CliRunner.Run r = CliRunner.run("conjecture", "--list-families");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"fc:", "fc-bias:", "relu-fc:", "cnn1d:", "cnn2d:", "cnn1d-deep:", "local1d:",
            "conv1d-layer:", "conv2d-layer:", "res-fc:", "poly-mlp:", "gated-mlp:", "lora:", "attn:"}) {
            assertTrue(r.out().contains("\n" + f) || r.out().startsWith(f), f + " missing in\n" + r.out());
        }
        assertTrue(r.out().contains("  rt         r~ = rank [X; 1^T] at the point"), r.out());
        // the graph families' variables, in the family's own block
        String[][] variables = {
            {"res-fc", "  n          residual width (= d without a stem)", "  B          residual blocks",
                "  m(i)       m(i), i = 1..B: hidden width of block i"},
            {"poly-mlp", "  k          degree of s (the power of pow(k))", "  L          dense layers (>= 2)",
                "  c(i)       c(i), i = 0..k: coefficients of s"},
            {"gated-mlp", "  P          product gates mul(dense(k) | dense(k))", "  w(i)       w(i), i = 0..B: width"},
            {"lora", "  ra(i)      ra(i), i = 1..L: rank of adapter i (ra(i) < n(i))", "  f          frozen weights"},
            {"attn", "  t          tokens (input length)", "  a          key dimension A of every layer",
                "  heads      heads H of every layer", "  l          attention layers", "  N          samples",
                "  p          parameters"}};
        for (String[] v : variables) {
            int at = r.out().indexOf("\n" + v[0] + ": ");
            int end = r.out().indexOf("HO,HF,HL", at);
            assertTrue(at >= 0 && end > at, v[0]);
            String block = r.out().substring(at, end);
            for (int i = 1; i < v.length; i++) {
                assertTrue(block.contains(v[i]), v[i] + " missing in\n" + block);
            }
        }
        CliRunner.Run j = CliRunner.run("conjecture", "--list-families", "--format", "json");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().startsWith("{\"families\":[{\"name\":\"fc\""), j.out());
        assertTrue(j.out().contains("{\"name\":\"attn\",\"description\":\"in(d,t) -> attn(a=A,heads=H)"), j.out());
        CliRunner.Run c = CliRunner.run("conjecture", "--list-families", "--format", "csv");
        assertTrue(c.out().contains("\nlora,ra,table,\"ra(i), i = 1..L: rank of adapter i (ra(i) < n(i))\"\n"), c.out());
    }

    @Test
    void everyFamilyHasAGeneratorThatDrawsItsMembers() {
        for (org.hessrank.theory.NamedFamilies.NamedFamily f : org.hessrank.theory.NamedFamilies.all()) {
            assertTrue(ConjectureCommand.GENERATORS.containsKey(f.name()), f.name());
            long members = ConjectureCommand.GENERATORS.get(f.name()).get().cases(1, 200).stream()
                    .filter(c -> f.contains(c.architecture())).count();
            assertTrue(members >= 10, f.name() + ": " + members + " of 200 draws in the family");
        }
        assertEquals(org.hessrank.theory.NamedFamilies.all().size(), ConjectureCommand.GENERATORS.size());
    }

    @Test
    void aGraphFamilyConjectureRunsEndToEnd() {
        CliRunner.Run r = CliRunner.run("conjecture", "--family", "attn", "--part", "O", "--bound", "min(p, N*K) - 1",
                "--tries", "30", "--seed", "2");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  smallest case: in(1,1) -> attn(a=1)  [p=3, N=1, "), r.out());
        assertTrue(r.out().contains("  quantities:    d=1 t=1 a=1 heads=1 l=1 K=1 N=1 r=1 p=3\n"), r.out());
    }

    @Test
    void aTrueFormulaHoldsWithExitZero() {
        CliRunner.Run r = CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", "q*(r + K - q)",
                "--exact", "--tries", "30", "--seed", "4");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\nHOLDS on all "), r.out());
        assertTrue(r.out().contains(" 0 violated (above), 0 below-exact"), r.out());
    }

    @Test
    void anOffByOneIsRefutedWithACertifiedShrunkCounterexample() {
        CliRunner.Run r = CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", "q*(r + K - q) - 1",
                "--tries", "30", "--seed", "4", "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("refuted", r.jsonString("result"));
        assertEquals("violated", r.jsonString("verdict"));
        assertEquals(r.jsonLong("predicted") + 1, r.jsonLong("measured"));
        assertTrue(r.out().contains("\"command\":\"hessrank rank --arch"), r.out());
        assertTrue(r.out().contains("\"quantities\":\"d="), r.out());
        CliRunner.Run t = CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", "q*(r + K - q) - 1",
                "--tries", "30", "--seed", "4");
        assertEquals(1, t.code());
        assertTrue(t.out().contains("REFUTED (violated): predicted "), t.out());
        assertTrue(t.out().contains("  rerun:         hessrank conjecture --family fc --part O --bound"
                + " \"q*(r + K - q) - 1\" --tries 30 --seed 4\n"), t.out());
        assertTrue(t.out().endsWith("\nREFUTED\n"), t.out());
    }

    @Test
    void csvHasAHeaderAndOneRowOfEqualWidthAndJsonParses() {
        String[] base = {"conjecture", "--family", "fc", "--part", "O", "--bound", "min(q*(r + K - q), p) - 1",
            "--tries", "20", "--seed", "3"};
        for (String[] c : new String[][] {base, {"conjecture", "--list-families"}}) {
            String[] withCsv = java.util.Arrays.copyOf(c, c.length + 2);
            withCsv[c.length] = "--format";
            withCsv[c.length + 1] = "csv";
            CliRunner.Run r = CliRunner.run(withCsv);
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.size() >= 2, r.out() + r.err());
            for (String l : lines) {
                assertEquals(fields(lines.get(0)), fields(l), l);
            }
            String[] withJson = java.util.Arrays.copyOf(c, c.length + 2);
            withJson[c.length] = "--format";
            withJson[c.length + 1] = "json";
            CliRunner.Run j = CliRunner.run(withJson);
            org.hessrank.report.JsonReader.parse(j.out().strip(), String.join(" ", c));
        }
        CliRunner.Run r = CliRunner.run(java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--format", "csv")).toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.out().lines().toList().get(1).contains(",refuted,violated,"), r.out());
    }

    /** Number of CSV fields, honouring quotes. */
    static int fields(String line) {
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

    @Test
    void noCaseOfTheFamilyIsBadInput() {
        CliRunner.Run r = CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", "d",
                "--where", "d > 1000", "--tries", "5");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("no case of family fc among 5 tries"), r.err());
    }

    @Test
    void anExpressionThatCannotBeEvaluatedIsReported() {
        CliRunner.Run r = CliRunner.run("conjecture", "--family", "fc", "--part", "O", "--bound", "hidden(3) * 0 + p",
                "--tries", "20", "--seed", "2");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the expression could not be evaluated at"), r.err());
        assertTrue(r.err().contains("is outside 1.."), r.err());
    }
}
