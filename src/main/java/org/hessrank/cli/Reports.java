package org.hessrank.cli;

import java.util.List;
import java.util.Locale;
import org.hessrank.exact.RankResult;
import org.hessrank.report.Json;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Case;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.Verdict;

/**
 * Shared text and JSON for the commands' reports (grades, verdicts, counterexamples), so that no
 * command borrows another's helpers. Pure formatting: nothing here computes a rank or a verdict.
 */
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

    /** A counterexample as JSON: its verdict, the shrunk and the original case, and the command that reproduces it. */
    static Json json(Counterexample c) {
        return Json.object().put("verdict", verdictJson(c.verdict())).put("case", caseJson(c.shrunk()))
                .put("original", caseJson(c.original())).put("generator", c.generator())
                .put("shrinkSteps", c.shrinkSteps()).put("command", c.shrunk().command());
    }

    private static Json caseJson(Case c) {
        return Json.object().put("arch", c.architecture().spec()).put("parameters", c.parameters())
                .put("samples", c.samples()).put("dataRank", c.effectiveDataRank())
                .put("targets", c.targets().name()).put("pointSeed", c.pointSeed()).put("caseSeed", c.seed());
    }

    /** A verdict as JSON: id, part, kind, predicted, measured, verdict, provenance, source, …. */
    static Json verdictJson(Verdict v) {
        Statement s = v.statement();
        boolean rank = v.predicted() != Verdict.NOT_A_RANK;
        return Json.object().put("id", s.id()).put("part", part(s)).put("kind", lower(s.kind()))
                .put("predicted", rank ? v.predicted() : null).put("measured", rank ? v.measured() : null)
                .put("verdict", v.outcome().label()).put("provenance", lower(s.provenance())).put("source", s.source())
                .put("points", v.pointsUsed()).put("failureProbability", v.failureProbability())
                .put("evidence", v.evidence());
    }

    /** The statements table of {@code hessrank rank}. */
    static String verdictTable(List<Verdict> verdicts) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %-5s %-5s %-10s %9s %9s  %-11s %s%n", "statement", "part", "kind",
                "provenance", "predicted", "measured", "verdict", "points"));
        for (Verdict v : verdicts) {
            Statement s = v.statement();
            boolean rank = v.predicted() != Verdict.NOT_A_RANK;
            sb.append(String.format(Locale.ROOT, "%-10s %-5s %-5s %-10s %9s %9s  %-11s %d%n", s.id(), part(s),
                    lower(s.kind()), lower(s.provenance()), rank ? Long.toString(v.predicted()) : "-",
                    rank ? Long.toString(v.measured()) : "-", v.outcome().label(), v.pointsUsed()));
        }
        for (Verdict v : verdicts) {
            if (v.outcome() == Verdict.Outcome.VIOLATED) {
                sb.append(v.id()).append(" VIOLATED: ").append(v.evidence()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The matrix a statement is about: {@code H_O}, {@code H_F}, {@code H_L} or {@code T(W)}. */
    static String part(Statement s) {
        return s.target().matrix();
    }

    /** An enum constant's name in lower case, e.g. {@code exact}, {@code paper}. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
