package org.hessrank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code hessrank discover}: help, bad input (exit 2, one line), a small run in text, JSON and CSV. */
class DiscoverCommandTest {
    static void badInput(String expected, String... args) {
        CliRunner.Run r = CliRunner.run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in " + r.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        badInput("family (nope) is unknown", "discover", "--family", "nope", "--part", "O");
        badInput("--vary (K:1..3) must be VAR=LO..HI", "discover", "--family", "fc", "--part", "O", "--vary", "K:1..3");
        badInput("unknown name 'x'", "discover", "--family", "fc", "--part", "O", "--vary", "x=1..3");
        badInput("is empty", "discover", "--family", "fc", "--part", "O", "--vary", "K=4..2");
        badInput("at most 64 values", "discover", "--family", "fc", "--part", "O", "--vary", "K=1..1000");
        badInput("--max-size (99) must be in 1..12", "discover", "--family", "fc", "--part", "O", "--max-size", "99");
        badInput("--tries (100000) must be in 10..2000", "discover", "--family", "fc", "--part", "O", "--tries",
                "100000");
        badInput("--check-tries (-1)", "discover", "--family", "fc", "--part", "O", "--check-tries", "-1");
        badInput("part (T) is not available", "discover", "--family", "fc", "--part", "T");
        badInput("--part (Q)", "discover", "--family", "fc", "--part", "Q");
        badInput("unknown name 'zz'", "discover", "--family", "fc", "--part", "O", "--without", "zz");
        badInput("no case of family fc", "discover", "--family", "fc", "--part", "O", "--where", "K > 100");
        badInput("Missing required option", "discover", "--part", "O");
    }

    @Test
    void helpExplainsTheMethodAndExitCodes() {
        CliRunner.Run r = CliRunner.run("discover", "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"--vary", "--max-size", "--tries", "--where", "--without", "Exit codes",
            "simplest", "fresh"}) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    @Test
    void aSmallRunInEveryFormat() {
        String[] base = {"discover", "--family", "fc", "--part", "O", "--vary", "L=2..2", "--tries", "30",
            "--check-tries", "20", "--max-size", "6"};
        CliRunner.Run text = CliRunner.run(base);
        assertEquals(0, text.code(), text.out() + text.err());
        assertTrue(text.out().contains("DISCOVERED q*(K + r - q)"), text.out());
        assertTrue(text.out().contains("re-check: hessrank conjecture --family fc --part O --bound \"q*(K + r - q)\""
                + " --exact --where \"(L >= 2)*(L <= 2)\""), text.out());
        String[] json = java.util.Arrays.copyOf(base, base.length + 2);
        json[base.length] = "--format";
        json[base.length + 1] = "json";
        CliRunner.Run j = CliRunner.run(json);
        assertEquals(0, j.code());
        assertEquals("discovered", j.jsonString("result"));
        assertEquals("q*(K + r - q)", j.jsonString("formula"));
        json[base.length + 1] = "csv";
        CliRunner.Run c = CliRunner.run(json);
        assertEquals(0, c.code());
        assertTrue(c.out().startsWith("arch,samples,point_seed,d,K,N,r,s,q,L,p,"), c.out());
        assertTrue(c.out().lines().count() >= 31, c.out());
    }

    @Test
    void noFormulaOfTheAllowedSizeExitsOneAndNamesTheMissedCase() {
        CliRunner.Run r = CliRunner.run("discover", "--family", "fc", "--part", "F", "--max-size", "3", "--tries", "30");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("NO FORMULA of size <= 3 fits the"), r.out());
        assertTrue(r.out().contains("misses this one"), r.out());
        assertTrue(r.out().endsWith("\nNOT DISCOVERED\n"), r.out());
    }
}
