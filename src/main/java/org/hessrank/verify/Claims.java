package org.hessrank.verify;

import java.util.OptionalLong;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Statement;

/** The one place that calls the {@link Statement} contract, so contract changes stay local. */
final class Claims {
    private Claims() {
    }

    static boolean applies(Statement s, Instance i) {
        return s.predict(i).isPresent();
    }

    /** The prediction at a point, given the ranks measured there (relational statements use them). */
    static OptionalLong predict(Statement s, Instance i, Measurement m) {
        return s.predict(i);
    }

    /** True if an EXACT claim holds at every point, so one point below refutes it. */
    static boolean everyPoint(Statement s) {
        return false;
    }
}
