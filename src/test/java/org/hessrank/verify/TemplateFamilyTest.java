package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Part;
import org.hessrank.net.SpecTemplate.Range;
import org.hessrank.theory.Statement;
import org.junit.jupiter.api.Test;

/** {@link TemplateFamily}: draws, verdicts and shrinking over a spec template, judged independently. */
class TemplateFamilyTest {
    private static final String FC = "in({d}) -> dense({m}) -> dense({K})";
    private static final List<Range> RANGES = List.of(Range.of("d", 2, 5), Range.of("m", 1, 6), Range.of("K", 1, 3));

    @Test
    void fcOIsExactOnEveryGenericDraw() {
        TemplateFamily f = TemplateFamily.of(FC, RANGES, "{d}+1..30");
        TemplateFamily.Result r = f.check(fam -> fam.conjecture("FC-O", Part.O, Statement.Kind.EXACT,
                "min(r, K, m)*(r + K - min(r, K, m))", true, null), 40, 7, true);
        assertFalse(r.refuted(), () -> r.counterexample().toString());
        assertTrue(r.stats().applicable() >= 20, "applicable: " + r.stats().applicable());
        assertEquals(r.stats().applicable(), r.stats().tight());
    }

    @Test
    void drawsAreReproducibleAndInTheRanges() {
        TemplateFamily f = TemplateFamily.of(FC, RANGES, "{d}+1..30");
        for (long s = 0; s < 200; s++) {
            TemplateFamily.Draw d = f.draw(s);
            assertEquals(d, f.draw(s));
            for (Range r : RANGES) {
                assertTrue(r.contains(d.values().get(r.name())), d.toString());
            }
            int n = d.testCase().samples();
            assertTrue(n >= d.values().get("d") + 1 && n <= 30, d.toString());
            assertEquals(fcSpec(d.values()), d.testCase().architecture().spec());
        }
    }

    /** The spec the draw's values give, written out independently of the substitution code. */
    private static String fcSpec(Map<String, Integer> v) {
        return "in(" + v.get("d") + ") -> dense(" + v.get("m") + ") -> dense(" + v.get("K") + ")";
    }

    /** rank H_O at point 0 of the case, measured directly (no statement, no expression). */
    private static int rankO(TemplateFamily.Draw d) {
        Case c = d.testCase();
        return HessianRanks.observe(c.architecture().lower(), c.pointOptions(0), 1, HessianRanks.Method.MODULAR,
                s -> { }).rank(Part.O);
    }

    private static boolean violates(TemplateFamily.Draw d) {
        return rankO(d) > (long) d.values().get("d") * d.values().get("m");
    }

    @Test
    void aFalseBoundIsShrunkToValuesNoneOfWhichCanBeLowered() {
        TemplateFamily f = TemplateFamily.of(FC, RANGES, "{d}+1..30");
        TemplateFamily.Result r = f.check(fam -> fam.conjecture("DM", Part.O, Statement.Kind.BOUND, "d*m", false, null),
                60, 1, true);
        assertTrue(r.refuted());
        TemplateFamily.Draw shrunk = r.counterexample().orElseThrow().shrunk();
        assertTrue(violates(shrunk), shrunk.toString());
        // every single variable lowered (N raised to the new low end of its range if needed), and N lowered
        for (Range range : RANGES) {
            for (int v = range.lo(); v < shrunk.values().get(range.name()); v++) {
                Map<String, Integer> vs = new LinkedHashMap<>(shrunk.values());
                vs.put(range.name(), v);
                int n = Math.max(shrunk.testCase().samples(), vs.get("d") + 1);
                TemplateFamily.Draw lower = f.at(shrunk, vs, n);
                assertFalse(violates(lower), "still violated at " + lower);
            }
        }
        for (int n = shrunk.values().get("d") + 1; n < shrunk.testCase().samples(); n++) {
            TemplateFamily.Draw lower = f.at(shrunk, shrunk.values(), n);
            assertFalse(violates(lower), "still violated at " + lower);
        }
        // FC-O: rank H_O = q(r + K - q), q = min(r, K, m), r = d here (N > d); the smallest
        // violation of d*m is d = 2, m = 1, K = 2 (rank 3 > 2), N = d + 1
        assertEquals("d=2 m=1 K=2 N=3", shrunk.toString());
        assertEquals(3, rankO(shrunk));
    }

    @Test
    void badInputNamesTheProblem() {
        assertEquals("template variable {K} has no --vary range", assertThrows(IllegalArgumentException.class,
                () -> TemplateFamily.of(FC, RANGES.subList(0, 2), "1..3")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TemplateFamily.of(FC, RANGES, "{d}+1"))
                .getMessage().startsWith("--samples ({d}+1) must be a range"));
        String m = assertThrows(IllegalArgumentException.class, () -> TemplateFamily.of(
                "in(1,{n}) -> conv(1,k={k}) -> dense(1)", List.of(Range.of("n", 2, 4), Range.of("k", 1, 3)), "1..2")
                .check(fam -> fam.conjecture("X", Part.O, Statement.Kind.BOUND, "n", false, null), 50, 1, true))
                .getMessage();
        assertTrue(m.startsWith("--template at n=") && m.contains("kernel"), m);
    }
}
