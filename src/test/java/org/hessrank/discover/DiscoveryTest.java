package org.hessrank.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hessrank.hessian.Part;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.verify.Architectures;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void rediscoversFcO() {
        long t = System.nanoTime();
        Discovery.Result r = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected()).part(Part.O).run();
        System.err.println(r.search() + " " + r.checks() + " " + (System.nanoTime() - t) / 1e9 + " measure " + r.measureSeconds() + " search " + r.searchSeconds() + " check " + r.checkSeconds() + " n=" + r.data().size());
        assertTrue(r.best().isPresent());
    }
}
