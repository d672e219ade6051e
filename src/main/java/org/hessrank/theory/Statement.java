package org.hessrank.theory;

import java.util.OptionalLong;
import org.hessrank.hessian.Part;

/**
 * One statement of docs/theorems.md (or a user's conjecture): a predicted rank, exact or a bound,
 * for one matrix of an architecture at a point. Implementations are immutable.
 *
 * <p>Sealed: a statement is a {@link RankStatement} (a formula for a Hessian part), a
 * {@link LayerStatement} (T(W) of conv layers), a {@link PointStatement} (an exact identity at a
 * point) or a {@link SweepStatement} (growth over a sweep of widths); each of these is open for
 * implementations. {@link #perCase()} and {@link #needsHessianRanks()} say how a verifier treats it.
 *
 * <p><b>Contract.</b> {@link #appliesTo} is true exactly when the statement's hypothesis holds for
 * the instance (family, sizes, point facts). For an applicable statement:
 * <ul>
 *   <li>a <em>standalone</em> statement ({@link #needsMeasuredRanks()} false) gives its value by
 *       {@link #predict(Instance)};</li>
 *   <li>a <em>relational</em> statement ({@link #needsMeasuredRanks()} true, e.g. FC-SUM) predicts
 *       the rank of its {@link #target()} from the measured ranks of the other parts:
 *       {@link #predict(Instance, PartRanks)}; its {@link #predict(Instance)} is empty;</li>
 *   <li>{@link LayerStatement}s (TOE-*) predict the rank of a layer's Toeplitz matrix, per layer;</li>
 *   <li>{@link PointStatement}s (FC-NULL, TOE-SHAPE) are not rank formulas: they check an exact
 *       identity at the point; {@link SweepStatement}s (FC-SQRT, CNN-SQRT) speak about how a rank
 *       grows over a sweep of widths. Both return empty from {@code predict}.</li>
 * </ul>
 * A present value is the predicted rank ({@link Kind#EXACT}: equal at generic points, or at every
 * point when {@link #everyPoint()}) or an upper bound on it ({@link Kind#BOUND}: at every point).
 * So for every statement, {@code predict(i, m)} is present exactly when {@code appliesTo(i)} and
 * the statement is standalone or relational. A uniform verifier loop is therefore:
 * <pre>{@code
 * for (Statement s : Catalogue.applicable(instance)) {
 *     OptionalLong v = s.predict(instance, measured);   // empty for point/sweep/layer statements
 *     ...compare v with measured.of(s.target()) according to s.kind()...
 * }
 * }</pre>
 */
public sealed interface Statement permits RankStatement, LayerStatement, PointStatement, SweepStatement {
    /** The docs/theorems.md id, e.g. {@code FC-O}, or a user-chosen id for a conjecture. */
    String id();

    /** The source, e.g. {@code [NBH21]}, {@code [SHS23]}, or {@code user}. */
    String source();

    Provenance provenance();

    Kind kind();

    /** Which matrix the statement is about. */
    Part target();

    /** The hypothesis in words, as in docs/theorems.md, made exact where docs/theorems.md is informal. */
    String hypothesis();

    /** The formula in words/symbols, as in docs/theorems.md. */
    String formula();

    /**
     * The predicted rank (or bound) for this instance; empty if the statement does not apply or is
     * not a standalone rank formula (see the class comment).
     */
    OptionalLong predict(Instance instance);

    /** Whether the statement's hypothesis holds for the instance. Default: {@code predict(i)} is present. */
    default boolean appliesTo(Instance instance) {
        return predict(instance).isPresent();
    }

    /**
     * True if the statement is judged case by case (at the points of one architecture); false for
     * {@link SweepStatement}s, which are judged over a sweep of widths.
     */
    default boolean perCase() {
        return true;
    }

    /**
     * True if deciding the statement needs the ranks of the Hessian parts at the point (the
     * {@link RankStatement}s); point, layer and sweep statements need none.
     */
    default boolean needsHessianRanks() {
        return false;
    }

    /** True for relational statements, whose prediction needs the measured ranks of other parts. */
    default boolean needsMeasuredRanks() {
        return false;
    }

    /**
     * The prediction given the measured ranks of the three parts at the point (relational
     * statements use them; the default ignores them and returns {@link #predict(Instance)}).
     */
    default OptionalLong predict(Instance instance, PartRanks measured) {
        return predict(instance);
    }

    /**
     * True if an {@link Kind#EXACT} claim holds at every point meeting the hypothesis (FC-1H,
     * TOE-1, RELU-1H-F, FC-ZERO, FC-NULL), not only at generic points: a single point below the
     * prediction then refutes it. Bounds hold at every point anyway.
     */
    default boolean everyPoint() {
        return false;
    }

    /**
     * True if the statement expects to be attained at generic points: every exact claim, and the
     * papers' bounds (FC-F, FC-L are their generic ranks), except a bound that its own paper says
     * is attained only in special cases (PMLP-DIM: equality for equal widths or high powers). The
     * property suites fail a statement that claims this and is tight in fewer than 90% of its
     * generic draws.
     */
    default boolean claimsTightness() {
        return kind() == Kind.EXACT || provenance() == Provenance.PAPER;
    }

    /**
     * Provenance tags of docs/theorems.md; DISCOVERED marks a formula hessrank proposed from exact
     * ranks ({@code hessrank discover}) and then checked on fresh random cases.
     */
    enum Provenance { PAPER, DERIVED, CONJECTURE, DISCOVERED }

    /** Whether the formula claims equality at generic points or an upper bound at every point. */
    enum Kind { EXACT, BOUND }

}
