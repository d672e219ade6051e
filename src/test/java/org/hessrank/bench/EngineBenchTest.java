package org.hessrank.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engines agree on seeded low-rank matrices; every method reports a time and the rank n/4. */
class EngineBenchTest {
    @Test
    void everyEngineFindsRankNOverFourAndTheyAgree() {
        List<EngineBench.Row> rows = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        EngineBench bench = new EngineBench(7, 60, 1);
        bench.run(new int[] {8, 12}, progress::add, rows::add);
        assertEquals(2, rows.size());
        for (EngineBench.Row r : rows) {
            assertEquals(r.n() / 4, r.r());
            assertEquals("yes", r.agreement(), "n=" + r.n());
            for (int k = 0; k < EngineBench.METHODS.size(); k++) {
                assertNotNull(r.seconds().get(k), EngineBench.METHODS.get(k));
                assertEquals(r.r(), r.ranks().get(k), EngineBench.METHODS.get(k));
            }
            assertNotNull(r.primes());
        }
        assertEquals("n=8 modular ...", progress.get(0));
        assertEquals(2 * EngineBench.METHODS.size(), progress.size());
    }

    @Test
    void aMethodOverTheTimeLimitIsSkipped() {
        List<EngineBench.Row> rows = new ArrayList<>();
        new EngineBench(7, -1, 1).run(new int[] {8, 16}, line -> { }, rows::add);
        EngineBench.Row second = rows.get(1);
        for (int k = 0; k < EngineBench.METHODS.size(); k++) {
            assertEquals(null, second.seconds().get(k), EngineBench.METHODS.get(k));
            assertEquals(-1, second.ranks().get(k));
        }
        assertTrue(second.agreement().startsWith("n/a"), second.agreement());
    }

    @Test
    void witnessMinorVerifies() {
        EngineBench.WitnessCheck w = new EngineBench(7, 60, 1).witnessVerification();
        assertEquals(100, w.size());
        assertTrue(w.nonsingular());
    }
}
