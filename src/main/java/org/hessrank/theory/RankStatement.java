package org.hessrank.theory;

/**
 * A rank formula for one Hessian part ({@link #target()} is O, F or L): <em>standalone</em>
 * ({@link #needsMeasuredRanks()} false; {@link #predict(Instance)} gives the value) or
 * <em>relational</em> ({@link #needsMeasuredRanks()} true, e.g. FC-SUM; the value comes from the
 * measured ranks of the other parts through {@link #predict(Instance, PartRanks)}). The catalogue's
 * formulas and users' conjectures ({@link Conjecture}) are of this kind; implement it for a
 * statement of your own. Implementations are immutable.
 */
public non-sealed interface RankStatement extends Statement {
    @Override
    default boolean needsHessianRanks() {
        return true;
    }
}
