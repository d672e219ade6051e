package org.hessrank.verify;

import java.util.OptionalLong;
import org.hessrank.hessian.Part;
import org.hessrank.theory.Instance;
import org.hessrank.theory.PartRanks;
import org.hessrank.theory.Statement;

/** The one place that calls the {@link Statement} contract, so contract changes stay local. */
final class Claims {
    private Claims() {
    }

    /** Sweep statements are judged over a sweep of widths, never per case. */
    static boolean applies(Statement s, Instance i) {
        return s.perCase() && s.appliesTo(i);
    }

    static boolean perCase(Statement s) {
        return s.perCase();
    }

    /** True if deciding {@code s} needs the Hessian ranks (not a point, layer or sweep statement). */
    static boolean needsHessians(Statement s) {
        return s.needsHessianRanks();
    }

    /** The prediction at a point, given the ranks measured there (relational statements use them). */
    static OptionalLong predict(Statement s, Instance i, MeasuredPoint m) {
        if (s.needsMeasuredRanks()) {
            return s.predict(i, PartRanks.of(m.rank(Part.O), m.rank(Part.F), m.rank(Part.L)));
        }
        return s.predict(i);
    }

    /** True if an EXACT claim holds at every point, so one point below refutes it. */
    static boolean everyPoint(Statement s) {
        return s.everyPoint();
    }
}
