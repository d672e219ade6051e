package org.hessrank.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.hessrank.hessian.Part;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.theory.Quantities;
import org.hessrank.verify.Architectures;
import org.junit.jupiter.api.Test;

/** Discovery end to end: measured ranks, the search, the fresh check. */
class DiscoveryTest {
    @Test
    void rediscoversFcOFromDataAndTheFreshCheckHolds() {
        Discovery.Result r = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected()).part(Part.O)
                .checkTries(40).run();
        assertEquals("q*(K + r - q)", r.search().formulas().get(0).text(), r.search().toString());
        Discovery.Checked c = r.best().orElseThrow();
        assertEquals("holds", c.verdict());
        assertTrue(c.stats().applicable() > 10 && c.stats().tight() == c.stats().applicable(), c.stats().toString());
        assertTrue(c.command().startsWith("hessrank conjecture --family fc --part O --bound \"q*(K + r - q)\" --exact"));
        assertTrue(r.data().size() >= 60);
    }

    /**
     * A planted formula on a user's own quantity map: a family over deep linear FC nets whose only
     * quantities are u = q·r and w = q·(K − q) (and L). H_O = u + w, which the search must find.
     */
    @Test
    void findsAPlantedFormulaOverAUsersOwnQuantityMap() {
        NamedFamily fc = NamedFamilies.byName("fc");
        Map<String, String> scalars = new java.util.LinkedHashMap<>();
        scalars.put("u", "q*r");
        scalars.put("w", "q*(K-q)");
        scalars.put("L", "layers");
        NamedFamily planted = new NamedFamily("planted", "fc with two derived quantities", Set.of(Part.O),
                scalars, Map.of(), fc::contains, inst -> {
                    Quantities q = fc.quantities(inst);
                    long qq = q.scalar("q");
                    return Quantities.builder().put("u", qq * q.scalar("r")).put("w", qq * (q.scalar("K") - qq))
                            .put("L", q.scalar("L")).build();
                });
        Discovery.Result r = Discovery.of(planted, Architectures.fullyConnected()).part(Part.O).checkTries(20).run();
        assertEquals("u + w", r.search().formulas().get(0).text(), r.search().toString());
        assertEquals(2, r.search().size());
        assertEquals("holds", r.best().orElseThrow().verdict());
    }

    @Test
    void saysWhenNoFormulaOfTheAllowedSizeFitsAndNamesTheSmallestMissedCase() {
        Discovery.Result r = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected()).part(Part.F)
                .maxSize(3).checkTries(0).run();
        assertFalse(r.search().found());
        assertFalse(r.search().exhausted());
        assertTrue(r.best().isEmpty());
        assertTrue(r.missed() >= 1, "missed " + r.missed());
        // every formula of size <= 3 fitting the smaller cases misses it: in particular the search on
        // the cases up to and including it finds nothing, and on the smaller ones something
        Discovery.Datum m = r.data().get(r.missed());
        assertTrue(m.rank() >= 0);
    }

    @Test
    void varyHoldsAQuantityInItsRangeAndCoversIt() {
        Discovery.Result r = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected()).part(Part.O)
                .vary("K", 2, 3).where("L == 2").cases(20).checkTries(0).run();
        for (Discovery.Datum d : r.data()) {
            long k = d.quantities().get("K");
            assertTrue(k >= 2 && k <= 3, d.toString());
            assertEquals(2L, d.quantities().get("L"));
        }
        assertTrue(r.uncovered().isEmpty(), r.uncovered().toString());
        assertEquals(Map.of("L", 2L), Map.of("L", r.search().constants().get("L")));
    }

    @Test
    void badSettingsThrowOneClearMessage() {
        Discovery d = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.vary("x", 1, 2)).getMessage()
                .contains("unknown name 'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.vary("K", 3, 2)).getMessage()
                .contains("is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.vary("K", 1, 1000)).getMessage()
                .contains("at most 64 values"));
        assertThrows(IllegalArgumentException.class, () -> d.cases(5));
        assertThrows(IllegalArgumentException.class, () -> d.maxSize(40));
        assertThrows(IllegalArgumentException.class, () -> d.part(Part.T));
        assertThrows(IllegalArgumentException.class, () -> d.where("K +"));
        assertThrows(IllegalArgumentException.class, () -> d.without(Set.of("nope")));
    }
}
