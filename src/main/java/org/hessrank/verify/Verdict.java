package org.hessrank.verify;

import java.util.Locale;
import java.util.Objects;
import org.hessrank.theory.Statement;

/**
 * The verdict of one statement at one architecture, over the points measured. Immutable.
 *
 * @param statement the statement
 * @param outcome tight, holds, violated or below-exact
 * @param predicted the prediction (or bound) at the deciding point; {@link #NOT_A_RANK} for an
 *     identity statement, whose verdict is {@code tight} when the identity holds exactly at the
 *     point and {@code violated} when it fails
 * @param measured the measured rank at the deciding point
 * @param point the deciding point's index (0-based; its seed is the case's point seed + index)
 * @param pointsUsed how many points were measured for this verdict
 * @param failureProbability the probability that the verdict is wrong because a modular rank fell
 *     below the rank at its point: 0 for {@link Outcome#VIOLATED} (the certified lower bound already
 *     exceeds the prediction) and for deterministic ranks
 * @param evidence why the measured rank is at least {@code measured} (witness minor and prime)
 */
public record Verdict(Statement statement, Outcome outcome, long predicted, long measured, int point, int pointsUsed,
        double failureProbability, String evidence) {

    /** The four outcomes. */
    public enum Outcome {
        /** measured == predicted. */
        TIGHT("tight"),
        /** measured &lt; predicted for a bound. */
        HOLDS("holds"),
        /** measured &gt; predicted: certified refutation (the measured rank is a lower bound). */
        VIOLATED("violated"),
        /** measured &lt; predicted for an exact formula at two points (or one, for every-point claims). */
        BELOW_EXACT("below-exact");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code predicted} and {@code measured} of identity statements (FC-NULL, TOE-SHAPE), which predict no rank. */
    public static final long NOT_A_RANK = -1;

    public Verdict {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(evidence, "evidence");
    }

    public String id() {
        return statement.id();
    }

    /** measured / predicted (1 when both are 0; +∞ when only the prediction is 0). */
    public double ratio() {
        if (predicted == 0) {
            return measured == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        return measured / (double) predicted;
    }

    /** One line, e.g. {@code FC-O H_O exact paper: predicted 8, measured 8, tight}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s %s: predicted %d, measured %d, %s", statement.id(),
                statement.target().targetName(), statement.kind().name().toLowerCase(Locale.ROOT),
                statement.provenance().name().toLowerCase(Locale.ROOT), predicted, measured, outcome.label());
    }
}
