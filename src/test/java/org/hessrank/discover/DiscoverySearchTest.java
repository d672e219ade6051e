package org.hessrank.discover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.hessrank.theory.Expression;
import org.hessrank.theory.Quantities;
import org.junit.jupiter.api.Test;

/** FormulaSearch on synthetic quantity tables with planted formulas, judged by the conjecture grammar's evaluator. */
class DiscoverySearchTest {
    static final List<String> NAMES = List.of("a", "b", "c", "e");

    /** Random rows of a..e in 1..9, seeded. */
    static long[][] rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[][] out = new long[n][NAMES.size()];
        for (long[] r : out) {
            for (int j = 0; j < r.length; j++) {
                r[j] = rng.nextInt(1, 10);
            }
        }
        return out;
    }

    static long[] apply(long[][] rows, ToLongFunction<long[]> f) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = f.applyAsLong(rows[i]);
        }
        return out;
    }

    /** The found text, parsed and evaluated by the conjecture grammar, reproduces every rank (an independent judge). */
    static void assertReproduces(String text, long[][] rows, long[] ranks) {
        Expression e = Expression.parse(text, java.util.Set.copyOf(NAMES), java.util.Set.of(), "test");
        for (int i = 0; i < rows.length; i++) {
            Quantities.Builder b = Quantities.builder();
            for (int j = 0; j < NAMES.size(); j++) {
                b.put(NAMES.get(j), rows[i][j]);
            }
            assertEquals(ranks[i], e.evaluate(b.build()), text + " at row " + i);
        }
    }

    @Test
    void findsAPlantedPolynomialWithIntegerCoefficients() {
        long[][] rows = rows(60, 1);
        long[] y = apply(rows, r -> 3 * r[0] * r[1] - 2 * r[2] + 5);
        FormulaSearch.Result res = FormulaSearch.over(NAMES, rows, y).run();
        assertTrue(res.found(), res.toString());
        assertEquals(4, res.size(), res.toString());
        assertEquals("3*a*b + 5 - 2*c", res.formulas().get(0).text());
        for (FormulaSearch.Formula f : res.formulas()) {
            assertReproduces(f.text(), rows, y);
        }
    }

    @Test
    void findsAPlantedFactoredFormulaAndPiecewiseMinimum() {
        long[][] rows = rows(80, 2);
        long[] fco = apply(rows, r -> r[0] * (r[1] + r[2] - r[0]));
        FormulaSearch.Result r1 = FormulaSearch.over(NAMES, rows, fco).run();
        assertEquals("a*(b + c - a)", r1.formulas().get(0).text(), r1.toString());
        long[] pw = apply(rows, r -> Math.min(2 * r[0] * r[1], r[2] * r[3]));
        FormulaSearch.Result r2 = FormulaSearch.over(NAMES, rows, pw).run();
        assertTrue(r2.found(), r2.toString());
        assertTrue(r2.formulas().get(0).piecewise(), r2.toString());
        assertReproduces(r2.formulas().get(0).text(), rows, pw);
    }

    @Test
    void saysSoWhenNoSmallFormulaFits() {
        long[][] rows = rows(60, 3);
        long[] y = apply(rows, r -> r[0] * r[0] * r[1] * r[1] * r[2] + r[3] * r[3] * r[3] * r[0]);
        FormulaSearch.Result res = FormulaSearch.over(NAMES, rows, y).maxSize(5).run();
        assertFalse(res.found(), res.toString());
        assertFalse(res.exhausted());
        assertEquals(5, res.size());
    }

    @Test
    void theBudgetIsReportedNotMistakenForNoFit() {
        long[][] rows = rows(60, 4);
        long[] y = apply(rows, r -> r[0] * r[1] * r[2] + r[3] * r[3] * r[1] - r[0] * r[3] + r[2] * r[2]);
        FormulaSearch.Result res = FormulaSearch.over(NAMES, rows, y).budget(1000).run();
        assertFalse(res.found());
        assertTrue(res.exhausted(), res.toString());
    }

    @Test
    void overfittingGuardNeedsMoreRowsThanCoefficientsPlusTheMargin() {
        long[][] rows = rows(7, 5);
        long[] y = apply(rows, r -> 3 * r[0] * r[1] - 2 * r[2] + 5);
        assertFalse(FormulaSearch.over(NAMES, rows, y).margin(5).run().found(), "3 coefficients need 8 rows");
        assertTrue(FormulaSearch.over(NAMES, rows, y).margin(4).run().found());
    }

    @Test
    void equalQuantitiesWithDifferentRanksAreAConflict() {
        long[][] rows = rows(30, 6);
        long[] y = apply(rows, r -> r[0] + r[1]);
        rows[7] = rows[3].clone();
        y[7] = y[3] + 1;
        FormulaSearch.Result res = FormulaSearch.over(NAMES, rows, y).run();
        assertFalse(res.found());
        assertNotNull(res.conflict());
        assertArrayEquals(new int[] {3, 7}, res.conflict());
    }

    @Test
    void constantsAndAliasesAreSetAsideAndReported() {
        long[][] rows = rows(40, 7);
        for (long[] r : rows) {
            r[3] = 4; // e is constant
            r[2] = r[1]; // c equals b
        }
        long[] y = apply(rows, r -> r[0] * r[2] + 4);
        FormulaSearch.Result res = FormulaSearch.over(NAMES, rows, y).run();
        assertEquals(Map.of("e", 4L), res.constants());
        assertEquals(Map.of("c", "b"), res.aliases());
        assertEquals("a*b + 4", res.formulas().get(0).text());
    }

    @Test
    void badSettingsThrowNamingTheValue() {
        long[][] rows = rows(10, 8);
        long[] y = new long[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FormulaSearch.over(NAMES, rows, y).maxSize(13));
        assertTrue(e.getMessage().contains("maxSize (13)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FormulaSearch.over(NAMES, rows, new long[9]));
        assertThrows(IllegalArgumentException.class, () -> FormulaSearch.over(List.of("a", "a", "c", "e"), rows, y));
        assertThrows(IllegalArgumentException.class, () -> FormulaSearch.over(NAMES, rows, y).maxTerms(0));
    }
}
