package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hessrank.hessian.Part;
import org.hessrank.net.SpecTemplate;
import org.hessrank.report.Csv;
import org.hessrank.report.Json;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Case;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.TemplateFamily;
import org.hessrank.verify.Verdict;

/**
 * {@code hessrank conjecture --template T --vary ... --samples LO..HI}: a conjecture over a family
 * given by a spec template ({@link TemplateFamily}), with the report and exit-code conventions of
 * {@link ConjectureCommand} (0 held on every draw, 1 refuted with the shrunk draw, 2 bad input).
 */
final class TemplateConjecture {
    /** The samples range without {@code --samples}. */
    static final String DEFAULT_SAMPLES = "1..12";

    private final ConjectureCommand c;

    TemplateConjecture(ConjectureCommand command) {
        this.c = command;
    }

    int run(PrintWriter out, PrintWriter err) {
        ConjectureCommand.require(c.part, "--part");
        ConjectureCommand.require(c.expression, "--bound");
        c.cases.check(c.tries);
        if (c.vary.isEmpty()) {
            throw new IllegalArgumentException("--template needs a --vary range for each of its variables");
        }
        if (c.maxSamples != 12 || c.cases.maxParams != CaseOptions.DEFAULT_MAX_PARAMS) {
            throw new IllegalArgumentException((c.maxSamples != 12 ? "--max-samples" : "--max-params")
                    + " applies to --family only; with --template the ranges fix the sizes (N: --samples)");
        }
        String samples = c.samples == null ? DEFAULT_SAMPLES : c.samples;
        TemplateFamily family = TemplateFamily.of(c.template, SpecTemplate.ranges(c.vary).values(), samples);
        Part p = ConjectureCommand.parsePart(c.part);
        if (p == Part.T) {
            throw new IllegalArgumentException("--part (T) is available for the conv*-layer families only; a template"
                    + " family has O, F and L");
        }
        boolean generic = c.generic();
        Statement.Kind kind = c.exact ? Statement.Kind.EXACT : Statement.Kind.BOUND;
        Function<NamedFamily, Statement> claim = f -> f.conjecture(c.id, p, kind, c.expression, generic, c.where);
        Progress progress = Progress.to(err);
        progress.note("conjecture: %d draws", c.tries);
        TemplateFamily.Result r = family.check(claim, c.tries, c.seed, !c.cases.noShrink);
        progress.done();
        StatementStats s = r.stats();
        String command = command(samples);
        TemplateFamily.Counterexample ce = r.counterexample().orElse(null);
        String quantities = ce == null ? null
                : ConjectureCommand.quantities(family.family(ce.shrunk()), ce.shrunk().testCase(), ce.verdict().point());
        switch (c.format.get()) {
            case json -> out.println(json(family, r, s, ce, quantities, command, generic));
            case csv -> out.print(csv(r, s, ce, command, generic, samples));
            default -> out.print(text(family, r, s, ce, quantities, command, generic));
        }
        if (ce != null) {
            return ExitCodes.VIOLATED;
        }
        if (s.applicable() == 0) {
            err.println("hessrank: the conjecture applied at none of the " + c.tries + " draws"
                    + (generic ? " (generic points only: X of full rank, random targets)" : "")
                    + "; raise --tries or relax --where");
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }

    /** The command line that reruns this check. */
    private String command(String samples) {
        StringBuilder sb = new StringBuilder("hessrank conjecture --template \"").append(c.template).append('"');
        for (String v : c.vary) {
            sb.append(" --vary ").append(v.replace(" ", ""));
        }
        sb.append(" --samples \"").append(samples).append("\" --part ").append(c.part.trim().toUpperCase(Locale.ROOT))
                .append(" --bound \"").append(c.expression).append('"');
        if (c.where != null) {
            sb.append(" --where \"").append(c.where).append('"');
        }
        if (c.exact) {
            sb.append(" --exact");
        }
        if (c.points != null && c.generic() != c.exact) {
            sb.append(" --points ").append(c.generic() ? "generic" : "all");
        }
        if (!c.id.equals("CONJ")) {
            sb.append(" --id ").append(c.id);
        }
        sb.append(" --tries ").append(c.tries).append(" --seed ").append(c.seed);
        return sb.append(c.layers.reproduce()).toString();
    }

    /** The {@code hessrank rank} command that measures the deciding point of {@code ce}. */
    private String measure(TemplateFamily.Counterexample ce) {
        return ce.shrunk().testCase().command() + (ce.verdict().point() > 0 ? " --points " + (ce.verdict().point() + 1)
                : "") + c.layers.reproduce();
    }

    private String text(TemplateFamily family, TemplateFamily.Result r, StatementStats s,
            TemplateFamily.Counterexample ce, String quantities, String command, boolean generic) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "conjecture %s: %s%s%n  template %s, %s%n", c.id,
                "rank " + Part.valueOf(c.part.trim().toUpperCase(Locale.ROOT)).matrix()
                        + (c.exact ? " = " : " <= ") + c.expression,
                c.where == null ? "" : "  where " + c.where, family,
                c.exact ? "exact at generic points" : "upper bound at every point"));
        sb.append(String.format(Locale.ROOT, "tried %d draws (seed %d) in %.1f s: %d applicable%s, %d tight, %d holds"
                + " (below), %d violated (above), %d below-exact%s%n", r.tries(), r.seed(), r.seconds(), s.applicable(),
                generic ? " at generic points" : "", s.tight(), s.holds(), s.violated(), s.belowExact(),
                r.skipped() == 0 ? "" : ", " + r.skipped() + " without a differentiable point"));
        if (!s.ratios().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "measured/predicted: min %.3f, median %.3f, max %.3f%n",
                    s.ratioMin(), s.ratioMedian(), s.ratioMax()));
        }
        if (ce != null) {
            Verdict v = ce.verdict();
            Case k = ce.shrunk().testCase();
            sb.append(ConjectureCommand.refutedLine(v));
            sb.append("  smallest draw: ").append(ce.shrunk()).append('\n');
            sb.append("  architecture:  ").append(k).append('\n');
            sb.append("  quantities:    ").append(quantities).append('\n');
            sb.append("  evidence:      ").append(v.evidence()).append('\n');
            sb.append("  measure it:    ").append(measure(ce)).append('\n');
            sb.append("  rerun:         ").append(command).append('\n');
            sb.append("  drawn as:      ").append(ce.original()).append(" (draw seed ")
                    .append(ce.original().testCase().seed()).append("), shrunk in ").append(ce.steps())
                    .append(" steps\n");
            sb.append("\nREFUTED\n");
        } else if (s.applicable() > 0) {
            sb.append(String.format(Locale.ROOT, "%nHOLDS on all %d applicable draws%s%n", s.applicable(),
                    c.exact ? " (tight at each)" : ""));
        }
        return sb.toString();
    }

    private String csv(TemplateFamily.Result r, StatementStats s, TemplateFamily.Counterexample ce, String command,
            boolean generic, String samples) {
        Verdict v = ce == null ? null : ce.verdict();
        Case k = ce == null ? null : ce.shrunk().testCase();
        return Csv.row("id", "template", "vary", "samples", "part", "expression", "where", "kind", "points", "seed",
                "tries", "applicable", "tight", "holds", "violated", "below_exact", "result", "outcome", "predicted",
                "measured", "counterexample_values", "counterexample_arch", "counterexample_samples",
                "counterexample_point_seed", "command") + "\n"
                + Csv.row(c.id, c.template, String.join(" ", c.vary), samples, c.part.trim().toUpperCase(Locale.ROOT),
                        c.expression, c.where, c.exact ? "exact" : "bound", generic ? "generic" : "all", r.seed(),
                        r.tries(), s.applicable(), s.tight(), s.holds(), s.violated(), s.belowExact(),
                        result(r, s), v == null ? null : v.outcome().label(), v == null ? null : v.predicted(),
                        v == null ? null : v.measured(), ce == null ? null : TemplateFamily.describe(ce.shrunk().values()),
                        k == null ? null : k.architecture().spec(), k == null ? null : k.samples(),
                        k == null ? null : k.pointSeed() + v.point(), command) + "\n";
    }

    private static String result(TemplateFamily.Result r, StatementStats s) {
        return r.refuted() ? "refuted" : s.applicable() > 0 ? "holds" : "undecided";
    }

    private Json json(TemplateFamily family, TemplateFamily.Result r, StatementStats s, TemplateFamily.Counterexample ce,
            String quantities, String command, boolean generic) {
        List<String> vary = new ArrayList<>();
        family.ranges().values().forEach(x -> vary.add(x.toString()));
        Json j = Json.object().put("id", c.id).put("template", c.template).put("vary", vary)
                .put("samples", family.samples()).put("part", c.part.trim().toUpperCase(Locale.ROOT))
                .put("expression", c.expression).put("where", c.where).put("kind", c.exact ? "exact" : "bound")
                .put("points", generic ? "generic" : "all").put("seed", r.seed()).put("tries", r.tries())
                .put("applicable", s.applicable()).put("tight", s.tight()).put("holds", s.holds())
                .put("violated", s.violated()).put("belowExact", s.belowExact()).put("skipped", r.skipped())
                .put("result", result(r, s)).put("command", command).put("seconds", r.seconds());
        if (ce == null) {
            return j.put("counterexample", null);
        }
        Verdict v = ce.verdict();
        Case k = ce.shrunk().testCase();
        return j.put("counterexample", Json.object().put("outcome", v.outcome().label()).put("predicted", v.predicted())
                .put("measured", v.measured()).put("values", ce.shrunk().values()).put("arch", k.architecture().spec())
                .put("parameters", k.parameters()).put("samples", k.samples()).put("pointSeed", k.pointSeed() + v.point())
                .put("quantities", quantities).put("evidence", v.evidence()).put("command", measure(ce))
                .put("original", Json.object().put("values", ce.original().values())
                        .put("samples", ce.original().testCase().samples())
                        .put("drawSeed", ce.original().testCase().seed()))
                .put("shrinkSteps", ce.steps()));
    }
}
