package org.hessrank.theory;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.hessrank.net.Architecture;

/**
 * A statement about how a rank grows over a sweep of hidden widths (FC-SQRT, CNN-SQRT: "rank
 * H_L is linear in the width while p grows quadratically, so rank = Θ(√p)"). The sweep is
 * {@link #atWidth}(base, w) for widths w at or above {@link #threshold}; the caller measures the
 * rank of {@link #target()} at each and hands the samples to {@link #check}.
 * {@link #predict(Instance)} is always empty.
 */
public non-sealed interface SweepStatement extends Statement {
    /** {@code base} with every hidden width (units / channels) set to {@code width}. */
    default Architecture atWidth(Architecture base, int width) {
        return Families.withHiddenWidth(base, width);
    }

    /**
     * The smallest width from which the statement claims its growth law for this base instance
     * (the data facts r, N and the sizes other than the hidden widths are those of {@code base}).
     *
     * @throws IllegalArgumentException if the statement does not apply to {@code base}
     */
    int threshold(Instance base);

    /** Widths to sweep: {@code count} consecutive widths from {@link #threshold}. */
    default int[] suggestedWidths(Instance base, int count) {
        if (count < 3) {
            throw new IllegalArgumentException("count (" + count + ") must be >= 3 (a line needs three points to test)");
        }
        int t = threshold(base);
        int[] w = new int[count];
        for (int i = 0; i < count; i++) {
            w[i] = t + i;
        }
        return w;
    }

    /**
     * Judges the measured samples: only those with {@code width >= threshold(base)} are used, and at
     * least three distinct widths are needed for a verdict.
     *
     * @throws IllegalArgumentException if the statement does not apply to {@code base}
     */
    GrowthCheck check(Instance base, List<Sample> samples);

    @Override
    default OptionalLong predict(Instance instance) {
        return OptionalLong.empty();
    }

    @Override
    default boolean perCase() {
        return false;
    }

    /**
     * One measured point of a sweep.
     *
     * @param width the hidden width
     * @param parameterCount p at that width
     * @param rank the measured rank of the statement's target
     */
    record Sample(int width, long parameterCount, long rank) {
    }

    /** HOLDS, VIOLATED, or INCONCLUSIVE (fewer than three widths at or above the threshold). */
    enum Outcome { HOLDS, VIOLATED, INCONCLUSIVE }

    /**
     * A sweep verdict.
     *
     * @param outcome the outcome
     * @param detail the line fitted (slope, intercept), the growth of p, and any discrepancy
     */
    record GrowthCheck(Outcome outcome, String detail) {
        public GrowthCheck {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
