package org.hessrank.verify;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        SweepReport r = Sweep.of(List.of(TestStatements.FC_O, TestStatements.FC_F, TestStatements.FALSE_BOUND,
                TestStatements.TOO_HIGH)).tries(200).seed(3).run();
        System.out.println(r.table());
        r.counterexamples().forEach(c -> System.out.println(c.describe()));
        System.out.println(r.errors());
        System.out.println(r.seconds() + " s, generators " + r.generators());
    }
}
