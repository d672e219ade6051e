package org.hessrank.theory;

import java.util.OptionalLong;

/**
 * One statement of THEOREMS.md (or a user's conjecture): a predicted rank, exact or a bound,
 * for one matrix of an architecture at a point. Implementations are immutable.
 *
 * <p>Contract: {@link #predict} returns empty exactly when the statement does not apply to the
 * instance (wrong family, hypothesis not met); a present value is the predicted rank
 * ({@link Kind#EXACT}) or an upper bound on it ({@link Kind#BOUND}).
 */
public interface Statement {
    /** The THEOREMS.md id, e.g. {@code FC-O}, or a user-chosen id for a conjecture. */
    String id();

    /** The source, e.g. {@code [NBH21]}, {@code [SHS23]}, or {@code user}. */
    String source();

    Provenance provenance();

    Kind kind();

    /** Which matrix the statement is about. */
    Target target();

    /** The hypothesis in words, as in THEOREMS.md. */
    String hypothesis();

    /** The formula in words/symbols, as in THEOREMS.md. */
    String formula();

    /** The predicted rank (or bound) for this instance, or empty if the statement does not apply. */
    OptionalLong predict(Instance instance);

    /** Provenance tags of THEOREMS.md. */
    enum Provenance { PAPER, DERIVED, CONJECTURE }

    /** Whether the formula claims equality at generic points or an upper bound at every point. */
    enum Kind { EXACT, BOUND }

    /** The matrix a statement is about. */
    enum Target { H_O, H_F, H_L, LAYER_MATRIX }
}
