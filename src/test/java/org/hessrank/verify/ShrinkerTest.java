package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.hessrank.net.Layer;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private static long denseLayers(Case c) {
        return c.architecture().layers().stream().filter(l -> l instanceof Layer.Dense).count();
    }

    private static int maxHiddenWidth(Case c) {
        int w = 0;
        var ls = c.architecture().layers();
        for (int i = 0; i < ls.size() - 1; i++) {
            w = Math.max(w, ((Layer.Dense) ls.get(i)).units());
        }
        return w;
    }

    @Test
    void syntheticPropertyShrinksToTheKnownMinimalCase() {
        // fails whenever the net has >= 3 weight matrices, a hidden width >= 3 and N >= 2; the
        // minimal FC cases are in(1) -> dense(3) -> dense(1) -> dense(1) and its mirror (p = 7)
        Generator g = Architectures.fullyConnected().maxParameters(400).maxDepth(5);
        java.util.function.Predicate<Case> fails = c -> denseLayers(c) >= 3 && maxHiddenWidth(c) >= 3 && c.samples() >= 2;
        Case start = g.cases(8, 500).stream().filter(fails).filter(c -> c.parameters() > 60).findFirst().orElseThrow();
        Shrinker.Result r = Shrinker.shrink(start, fails, g);
        Case m = r.minimal();
        assertTrue(fails.test(m));
        assertEquals(3, denseLayers(m), m::toString);
        assertEquals(1, m.architecture().input().size(), m::toString);
        assertEquals(2, m.samples(), m::toString);
        assertEquals(1, m.architecture().outputSize(), m::toString);
        assertEquals(3, maxHiddenWidth(m), m::toString);
        assertEquals(3 + 3 + 1, m.parameters(), m::toString); // in(1) -> dense(3) -> dense(1) -> dense(1)
        assertTrue(r.steps() > 0 && r.evaluations() <= Shrinker.DEFAULT_MAX_EVALUATIONS);
        assertEquals(start.pointSeed(), m.pointSeed(), "the point seed is kept");
        assertEquals(start.seed(), m.seed(), "the generation seed is kept");
    }

    @Test
    void convCaseShrinksKernelsWithTheInput() {
        Case start = Case.of(Family.ONE_HIDDEN_CNN_1D, "in(2,9) -> conv(5,k=9) -> dense(4)", 7, 3);
        // fails while the hidden kernel covers the whole input (of length >= 2): shrinking the input
        // must clamp the kernel along, or no smaller case would fail
        java.util.function.Predicate<Case> fails = c -> c.architecture().layer(1) instanceof Layer.Conv cv
                && cv.kernel().width() == c.architecture().input().length() && c.architecture().input().length() >= 2;
        Shrinker.Result r = Shrinker.shrink(start, fails, c -> Family.ONE_HIDDEN_CNN_1D.matches(c.architecture()), 400);
        assertEquals("in(1,2) -> conv(1,k=2) -> dense(1)", r.minimal().architecture().spec());
        assertEquals(1, r.minimal().samples());
    }

    @Test
    void candidatesAreStrictlySmallerOrSkippedAndStayValid() {
        for (Case c : Architectures.deepCnn().cases(4, 30)) {
            for (Case cand : Shrinker.candidates(c)) {
                assertTrue(cand.architecture().parameterCount() >= 1);
                assertTrue(!cand.equals(c));
            }
        }
        Case c = Architectures.fullyConnected().generate(9);
        Shrinker.Result r = Shrinker.shrink(c, x -> true, x -> true, 1000);
        assertEquals("in(1) -> dense(1)", r.minimal().architecture().spec(), "everything fails: the smallest net");
        assertTrue(Arrays.compare(Shrinker.measure(r.minimal()), Shrinker.measure(c)) <= 0);
        Shrinker.Result none = Shrinker.shrink(c, x -> false, x -> true, 1000);
        assertEquals(c, none.minimal(), "nothing smaller fails: the case itself");
        Shrinker.Result throwing = Shrinker.shrink(c, x -> {
            throw new IllegalStateException("boom");
        }, x -> true, 1000);
        assertEquals(c, throwing.minimal(), "a throwing predicate counts as not failing");
    }
}
