package org.hessrank.verify;

import org.hessrank.theory.Catalogue;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        SweepReport r = Sweep.of(Catalogue.all()).tries(400).seed(3).run();
        System.out.println(r.table());
        r.counterexamples().forEach(c -> System.out.println(c.describe()));
        System.out.println(r.errors());
        System.out.println(r.seconds() + " s, generators " + r.generators().size());
    }
}
