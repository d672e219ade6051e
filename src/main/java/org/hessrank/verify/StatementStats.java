package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hessrank.theory.Statement;

/**
 * What a sweep found for one statement. Immutable.
 *
 * @param statement the statement
 * @param tried cases drawn in the sweep
 * @param applicable cases at which the statement applied (and was decided)
 * @param tight verdicts {@code tight}
 * @param holds verdicts {@code holds}
 * @param violated verdicts {@code violated}
 * @param belowExact verdicts {@code below-exact}
 * @param genericApplicable applicable cases at generic draws ({@link Case#isGeneric()})
 * @param genericTight tight verdicts among those
 * @param largestParameters the largest p among applicable cases (0 if none)
 * @param ratios measured/predicted of every applicable case with a positive prediction, sorted
 */
public record StatementStats(Statement statement, int tried, int applicable, int tight, int holds, int violated,
        int belowExact, int genericApplicable, int genericTight, int largestParameters, List<Double> ratios) {

    /** Fraction of generic draws that tight statements must reach (0.9). */
    public static final double TIGHTNESS_THRESHOLD = 0.9;

    public StatementStats {
        Objects.requireNonNull(statement, "statement");
        ratios = List.copyOf(ratios);
    }

    public String id() {
        return statement.id();
    }

    /**
     * True if the papers (or docs/theorems.md) call the statement tight: a paper bound ("attained at
     * generic points") or any exact statement. Those must be tight in at least
     * {@link #TIGHTNESS_THRESHOLD} of generic draws.
     */
    public boolean expectedTight() {
        return statement.claimsTightness();
    }

    /** tight / applicable over generic draws (NaN when there were none). */
    public double genericTightRate() {
        return genericApplicable == 0 ? Double.NaN : genericTight / (double) genericApplicable;
    }

    /** True if an expected-tight statement is tight in fewer than 90% of its generic draws. */
    public boolean tooRarelyTight() {
        return expectedTight() && genericApplicable > 0 && genericTightRate() < TIGHTNESS_THRESHOLD;
    }

    public double ratioMin() {
        return ratios.isEmpty() ? Double.NaN : ratios.get(0);
    }

    public double ratioMax() {
        return ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() - 1);
    }

    public double ratioMedian() {
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        int n = ratios.size();
        return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    }

    /** Counts of measured/predicted in the buckets {@code <0.5, [0.5,0.9), [0.9,1), =1, >1}. */
    public Map<String, Integer> histogram() {
        Map<String, Integer> h = new LinkedHashMap<>();
        for (String k : new String[] {"<0.5", "0.5-0.9", "0.9-1", "=1", ">1"}) {
            h.put(k, 0);
        }
        for (double r : ratios) {
            String k = r < 0.5 ? "<0.5" : r < 0.9 ? "0.5-0.9" : r < 1 ? "0.9-1" : r == 1 ? "=1" : ">1";
            h.merge(k, 1, Integer::sum);
        }
        return h;
    }

    /** Accumulates verdicts in case order. Not thread-safe. */
    static final class Builder {
        private final Statement statement;
        private int applicable;
        private int tight;
        private int holds;
        private int violated;
        private int below;
        private int genericApplicable;
        private int genericTight;
        private int largest;
        private final List<Double> ratios = new ArrayList<>();

        Builder(Statement statement) {
            this.statement = statement;
        }

        void add(Case c, Verdict v) {
            applicable++;
            switch (v.outcome()) {
                case TIGHT -> tight++;
                case HOLDS -> holds++;
                case VIOLATED -> violated++;
                case BELOW_EXACT -> below++;
                default -> throw new AssertionError(v.outcome());
            }
            if (c.isGeneric()) {
                genericApplicable++;
                if (v.outcome() == Verdict.Outcome.TIGHT) {
                    genericTight++;
                }
            }
            largest = Math.max(largest, c.parameters());
            if (v.predicted() > 0 && v.measured() != Verdict.NOT_A_RANK) {
                ratios.add(v.ratio());
            }
        }

        StatementStats build(int tried) {
            List<Double> sorted = new ArrayList<>(ratios);
            Collections.sort(sorted);
            return new StatementStats(statement, tried, applicable, tight, holds, violated, below, genericApplicable,
                    genericTight, largest, sorted);
        }
    }
}
