package org.hessrank.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hessrank.hessian.Part;
import org.hessrank.theory.Statement;

/**
 * The result of a {@link Sweep}: statistics per statement, counterexamples, errors. Immutable.
 *
 * @param seed the master seed
 * @param tries cases drawn
 * @param generators the generators used, round robin
 * @param stats one entry per statement, in the sweep's order
 * @param counterexamples the smallest violated (else below-exact) case per statement that had one
 * @param skipped cases without a differentiable point (every draw had a zero ReLU pre-activation)
 * @param errors cases whose verification threw (a bug in a statement or below)
 * @param seconds wall time
 */
public record SweepReport(long seed, int tries, List<Generator> generators, List<StatementStats> stats,
        List<Counterexample> counterexamples, List<String> skipped, List<String> errors, double seconds) {
    public SweepReport {
        generators = List.copyOf(generators);
        stats = List.copyOf(stats);
        counterexamples = List.copyOf(counterexamples);
        skipped = List.copyOf(skipped);
        errors = List.copyOf(errors);
    }

    public Optional<StatementStats> stats(String id) {
        return stats.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Counterexample> counterexample(String id) {
        return counterexamples.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Ids of violated statements. */
    public List<String> violated() {
        return stats.stream().filter(s -> s.violated() > 0).map(StatementStats::id).toList();
    }

    /**
     * What a property suite should fail on for statement {@code id}: a violation (with the shrunk
     * counterexample), a below-exact verdict of a statement claimed at every point, an expected-tight statement tight in fewer than 90% of its generic draws
     * (with the smallest non-tight case, if one was shrunk), or errors. Empty if none.
     */
    public List<String> problems(String id) {
        StatementStats s = stats(id).orElseThrow(() -> new IllegalArgumentException("statement (" + id
                + ") is not in this sweep"));
        List<String> out = new ArrayList<>();
        if (s.violated() > 0) {
            out.add(String.format(Locale.ROOT, "%s violated at %d of %d applicable cases (seed %d)%s", id,
                    s.violated(), s.applicable(), seed, counterexample(id).map(c -> "\n" + c.describe()).orElse("")));
        } else if (s.belowExact() > 0 && s.statement().everyPoint()) {
            out.add(String.format(Locale.ROOT, "%s claims equality at every point but is below it at %d of %d"
                    + " applicable cases (seed %d)%s", id, s.belowExact(), s.applicable(), seed,
                    counterexample(id).map(c -> "\n" + c.describe()).orElse("")));
        } else if (s.tooRarelyTight()) {
            out.add(String.format(Locale.ROOT,
                    "%s is %s %s but tight in only %d of %d generic draws (%.0f%% < 90%%; seed %d)%s", id,
                    s.statement().provenance().name().toLowerCase(Locale.ROOT),
                    s.statement().kind().name().toLowerCase(Locale.ROOT), s.genericTight(), s.genericApplicable(),
                    100 * s.genericTightRate(), seed, counterexample(id).map(c -> "\n" + c.describe()).orElse("")));
        }
        return out;
    }

    /** {@link #problems(String)} of every statement, plus the errors. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (StatementStats s : stats) {
            out.addAll(problems(s.id()));
        }
        out.addAll(errors);
        return out;
    }

    /** All problems as one message (for assertion failures). */
    public String failureMessage() {
        return String.join("\n", problems());
    }

    /** The statistics table as text, one row per statement. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %-5s %-5s %-10s %5s %5s %5s %5s %5s %5s %12s %6s  %s%n",
                "statement", "part", "kind", "provenance", "tried", "appl", "tight", "holds", "viol", "below",
                "generic-tight", "max-p", "rank/bound min/median/max"));
        for (StatementStats s : stats) {
            Statement st = s.statement();
            String gt = s.genericApplicable() == 0 ? "-" : String.format(Locale.ROOT, "%d/%d %3.0f%%", s.genericTight(),
                    s.genericApplicable(), 100 * s.genericTightRate());
            String ratio = s.ratios().isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f/%.2f/%.2f", s.ratioMin(),
                    s.ratioMedian(), s.ratioMax());
            sb.append(String.format(Locale.ROOT, "%-10s %-5s %-5s %-10s %5d %5d %5d %5d %5d %5d %13s %6d  %s%s%n",
                    st.id(), st.target().matrix(), st.kind().name().toLowerCase(Locale.ROOT),
                    st.provenance().name().toLowerCase(Locale.ROOT), s.tried(), s.applicable(), s.tight(), s.holds(),
                    s.violated(), s.belowExact(), gt, s.largestParameters(), ratio,
                    s.tooRarelyTight() ? "  << tight in < 90% of generic draws" : ""));
        }
        return sb.toString();
    }
}
