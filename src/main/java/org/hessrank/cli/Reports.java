package org.hessrank.cli;

import java.util.Locale;
import org.hessrank.exact.RankResult;

/** Shared text for reports. */
final class Reports {
    private Reports() {
    }

    /** e.g. {@code certified lower bound; below the rank with probability <= 9.3e-11 (1 prime)}. */
    static String describeGrade(RankResult r) {
        return switch (r.grade()) {
            case DETERMINISTIC -> "deterministic (exact over Q)";
            case CERTIFIED_LOWER_BOUND -> String.format(Locale.ROOT,
                    "certified lower bound; equals the rank except with probability <= %.2g (%d random prime%s)",
                    r.failureProbability(), r.primes().length, r.primes().length == 1 ? "" : "s");
            case NUMERICAL_ESTIMATE -> "numerical estimate (float64; may be wrong)";
        };
    }
}
