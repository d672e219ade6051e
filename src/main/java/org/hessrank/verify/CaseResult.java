package org.hessrank.verify;

import java.util.List;
import java.util.Optional;

/**
 * A case verified against the statements: the measurements made (none if no statement applied)
 * and one verdict per applicable statement, in the verifier's statement order. Immutable.
 */
public record CaseResult(Case testCase, List<MeasuredPoint> measurements, List<Verdict> verdicts) {
    public CaseResult {
        measurements = List.copyOf(measurements);
        verdicts = List.copyOf(verdicts);
    }

    /** The verdict of statement {@code id}, if it applied. */
    public Optional<Verdict> verdict(String id) {
        return verdicts.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** True if some statement was violated. */
    public boolean anyViolated() {
        return verdicts.stream().anyMatch(v -> v.outcome() == Verdict.Outcome.VIOLATED);
    }
}
