package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.report.Csv;
import org.hessrank.report.Json;
import org.hessrank.theory.Instances;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Case;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.Generator;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.Sweep;
import org.hessrank.verify.SweepReport;
import org.hessrank.verify.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank conjecture}: checks a user's rank formula, given as an expression, over a named family. */
@Command(name = "conjecture", mixinStandardHelpOptions = true,
        description = {"Checks a conjectured rank formula over random architectures of a named family, exactly like"
                + " the catalogue's statements (hessrank check): ranks of H_O, H_F, H_L mod a random 49-bit prime"
                + " (certified lower bounds), of T(W) exactly.",
            "",
            "Example: hessrank conjecture --family fc --part O --bound \"q*(r + K - q)\" --exact",
            "Or over your own family: hessrank conjecture --template \"in({d}) -> dense({m}) -> dense({K})\" --vary"
                + " d=2..5 --vary m=1..6 --vary K=1..3 --samples \"{d}+1..30\" --part O --bound \"d*m\" (variables"
                + " drawn uniformly, a refutation shrunk variable by variable to the low ends; docs/conjecture-cli.md).",
            "",
            "EXPR is an integer expression over the family's quantities (see --list-families): integers, + - * /"
                + " (exact division only; div(a, b) floors), parentheses, unary minus, comparisons < <= > >= == !="
                + " (1 or 0), min(...), max(...), sum(...) over values, whole tables (sum(hidden)) or an index"
                + " range (sum(i = 1..L-1, hidden(i))), and table entries t(i). Arithmetic is exact over 64-bit"
                + " integers; an overflow is an error.",
            "Without --exact the formula is an upper bound (refuted only by a rank above it, at any point);"
                + " with --exact it claims equality at generic points (refuted by a rank above it, or below it at"
                + " two points). The first failing case is shrunk to the smallest one that still fails and printed"
                + " with its seed and a command that reproduces it.",
            "Exit codes: 0 it holds on every applicable try, 1 refuted (shrunk counterexample printed), 2 bad"
                + " input (unknown family or name, malformed EXPR, part not available for the family, no applicable"
                + " case, or EXPR could not be evaluated; with --template also a variable without --vary or a --vary"
                + " not in the template, an empty range, a --samples that is not a range, or a template that does not"
                + " parse at some values)."})
public final class ConjectureCommand implements Callable<Integer> {
    @Option(names = "--family", paramLabel = "NAME", description = "Family name (see --list-families).")
    String family;

    @Option(names = "--template", paramLabel = "TEMPLATE",
            description = "Instead of --family: a spec template with {variables}, e.g. \"in({d}) -> dense({m}) ->"
                    + " dense({K})\"; EXPR may use the variables and N, r, p (and HO, HF, HL).")
    String template;

    @Option(names = "--vary", paramLabel = "name=a..b[:step]",
            description = "With --template: a variable and its integer range, drawn uniformly. Repeatable.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--samples", paramLabel = "LO..HI",
            description = "With --template: the range of N, each end an expression over the variables, e.g."
                    + " \"{d}+1..30\" (default: 1..12).")
    String samples;

    @Option(names = "--part", paramLabel = "O|F|L|T",
            description = "The matrix: O, F, L (H_O, H_F, H_L) or T (the conv layer's T(W), conv*-layer families).")
    String part;

    @Option(names = "--bound", paramLabel = "EXPR", description = "The predicted rank (or upper bound) as an expression.")
    String expression;

    @Option(names = "--where", paramLabel = "COND",
            description = "An extra hypothesis: the conjecture applies only where this expression is nonzero,"
                    + " e.g. \"N >= m0*d0\".")
    String where;

    @Option(names = "--exact", description = "Claim equality at generic points, not just an upper bound.")
    boolean exact;

    @Option(names = "--points", paramLabel = "generic|all",
            description = "Points an H_O/H_F/H_L claim is made at: generic (full-rank X, random targets) or all drawn"
                    + " points (also low-rank X, interpolated and one-hot targets). Default: generic with --exact,"
                    + " all for a bound.")
    String points;

    @Option(names = "--tries", defaultValue = "100", paramLabel = "N",
            description = "Random cases drawn from the family's generator (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Master seed; the run is reproducible from it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-samples", defaultValue = "12", paramLabel = "N",
            description = "Largest number of samples N of a generated case (default: ${DEFAULT-VALUE}).")
    int maxSamples;

    @Option(names = "--id", defaultValue = "CONJ", description = "A name for the conjecture in reports (default: ${DEFAULT-VALUE}).")
    String id;

    @Mixin
    CaseOptions cases;

    @Option(names = "--list-families", description = "List the families and their quantities, then exit.")
    boolean listFamilies;

    @Mixin
    LayersOption layers;

    @Mixin
    FormatOption format;
    /** The generator of each family's cases (a family may take only part of a generator's draws). */
    static final Map<String, Supplier<Generator>> GENERATORS = Map.ofEntries(
            Map.entry("fc", Architectures::fullyConnected),
            Map.entry("fc-bias", Architectures::fullyConnectedWithBias),
            Map.entry("relu-fc", Architectures::reluMlp),
            Map.entry("cnn1d", Architectures::oneHiddenCnn1d),
            Map.entry("cnn1d-conv", Architectures::oneHiddenCnn1d),
            Map.entry("cnn2d", Architectures::oneHiddenCnn2d),
            Map.entry("cnn2d-conv", Architectures::oneHiddenCnn2d),
            Map.entry("cnn1d-deep", Architectures::deepCnn),
            Map.entry("local1d", Architectures::locallyConnected),
            Map.entry("conv1d-layer", Architectures::convLayer),
            Map.entry("conv2d-layer", Architectures::convLayer),
            Map.entry("res-fc", Architectures::residualMlp),
            Map.entry("poly-mlp", Architectures::polynomialMlp),
            Map.entry("gated-mlp", Architectures::gatedMlp),
            Map.entry("lora", Architectures::loraAdapter),
            Map.entry("attn", Architectures::lightningAttention),
            Map.entry("scnn", Architectures::singleChannelCnn));

    @Override
    public Integer call() {
        PrintWriter out = format.out();
        PrintWriter err = format.err();
        if (listFamilies) {
            if (format.get() == Format.json) {
                List<Json> fs = new ArrayList<>();
                for (NamedFamily f : NamedFamilies.all()) {
                    fs.add(Json.object().put("name", f.name()).put("description", f.description())
                            .put("parts", f.parts().stream().sorted().map(Part::name).toList())
                            .put("scalars", f.scalars()).put("tables", f.tables()));
                }
                out.println(Json.object().put("families", fs));
            } else if (format.get() == Format.csv) {
                StringBuilder sb = new StringBuilder(Csv.row("family", "name", "kind", "meaning")).append('\n');
                for (NamedFamily f : NamedFamilies.all()) {
                    f.scalars().forEach((k, v) -> sb.append(Csv.row(f.name(), k, "scalar", v)).append('\n'));
                    f.tables().forEach((k, v) -> sb.append(Csv.row(f.name(), k, "table", v)).append('\n'));
                }
                out.print(sb);
            } else {
                out.print(NamedFamilies.describe());
            }
            return ExitCodes.OK;
        }
        layers.load();
        if (template != null) {
            if (family != null) {
                throw new IllegalArgumentException("--family and --template exclude each other");
            }
            return new TemplateConjecture(this).run(out, err);
        }
        if (!vary.isEmpty() || samples != null) {
            throw new IllegalArgumentException((vary.isEmpty() ? "--samples" : "--vary") + " needs --template");
        }
        require(family, "--family");
        require(part, "--part");
        require(expression, "--bound");
        cases.check(tries);
        NamedFamily f = NamedFamilies.byName(family);
        Part p = parsePart(part);
        boolean generic = generic();
        Statement.Kind kind = exact ? Statement.Kind.EXACT : Statement.Kind.BOUND;
        if (maxSamples < 1) {
            throw new IllegalArgumentException("--max-samples (" + maxSamples + ") must be >= 1");
        }
        Statement st = f.conjecture(id, p, kind, expression, generic, where);
        Generator g = GENERATORS.get(f.name()).get().maxSamples(maxSamples);
        Progress progress = Progress.to(err);
        SweepReport r = cases.configure(Sweep.of(List.of(st)).generators(g), tries, seed)
                .listener((done, total, viol) -> progress.note("conjecture: %d/%d cases, %d refuting", done, total,
                        viol))
                .run();
        progress.done();
        if (!r.errors().isEmpty()) {
            // the expression is bad input: one line, and no report that would count the failed cases
            err.println("hessrank: the expression could not be evaluated at " + r.errors().size() + " of " + tries
                    + " case(s), no result; the first: " + r.errors().get(0).replace('\n', ' '));
            return ExitCodes.BAD_INPUT;
        }
        StatementStats s = r.stats(st.id()).orElseThrow();
        boolean refuted = s.violated() > 0 || (exact && s.belowExact() > 0);
        if (s.applicable() == 0 && !refuted) {
            err.println("hessrank: no case of family " + f.name() + " among " + tries + " tries"
                    + (generic && p != Part.T ? " at generic points" : "") + (where == null ? "" : " where " + where)
                    + "; raise --tries or --max-params");
            return ExitCodes.BAD_INPUT;
        }
        Counterexample ce = refuted ? r.counterexample(st.id()).orElse(null) : null;
        String command = command(generic);
        if (format.get() == Format.json) {
            out.println(json(r, s, st, f, refuted, ce, command, generic));
        } else if (format.get() == Format.csv) {
            out.print(csv(r, s, refuted, ce, command, generic));
        } else {
            out.print(text(r, s, st, f, refuted, ce, command, generic));
        }
        if (refuted) {
            return ExitCodes.VIOLATED;
        }
        return ExitCodes.OK;
    }

    /** Whether the claim is made at generic points only (--points, default: generic with --exact). */
    boolean generic() {
        if (points == null) {
            return exact;
        }
        if (!points.equals("generic") && !points.equals("all")) {
            throw new IllegalArgumentException("--points (" + points + ") must be generic or all");
        }
        return points.equals("generic");
    }

    static void require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required (or --list-families)");
        }
    }

    static Part parsePart(String text) {
        for (Part p : Part.values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--part (" + text + ") must be one of O, F, L, T");
    }

    /** The command line that reproduces this run. */
    private String command(boolean generic) {
        StringBuilder sb = new StringBuilder("hessrank conjecture --family ").append(family).append(" --part ")
                .append(part.trim().toUpperCase(Locale.ROOT)).append(" --bound \"").append(expression).append('"');
        if (where != null) {
            sb.append(" --where \"").append(where).append('"');
        }
        if (exact) {
            sb.append(" --exact");
        }
        if (generic != exact) {
            sb.append(" --points ").append(generic ? "generic" : "all");
        }
        sb.append(" --tries ").append(tries).append(" --seed ").append(seed);
        if (cases.maxParams != CaseOptions.DEFAULT_MAX_PARAMS) {
            sb.append(" --max-params ").append(cases.maxParams);
        }
        if (maxSamples != 12) {
            sb.append(" --max-samples ").append(maxSamples);
        }
        return sb.append(layers.reproduce()).toString();
    }

    /** The line {@code REFUTED (outcome): predicted …, measured …} with how certain it is. */
    static String refutedLine(Verdict v) {
        return String.format(Locale.ROOT, "%nREFUTED (%s): predicted %d, measured %d%s%n", v.outcome().label(),
                v.predicted(), v.measured(), v.outcome() == Verdict.Outcome.VIOLATED
                        ? " (certified: the measured rank is a lower bound)"
                        : v.failureProbability() == 0 ? String.format(Locale.ROOT, " at %d points (exact ranks)",
                                v.pointsUsed())
                        : String.format(Locale.ROOT, " at %d points (each rank exact except with probability"
                                + " <= %.2g)", v.pointsUsed(), v.failureProbability()));
    }

    /** The quantities at the deciding point of a case (what the expression saw). */
    static String quantities(NamedFamily f, Case c, int point) {
        Architecture a = c.architecture();
        Point pt = Points.draw(a.lower(), c.pointOptions(point));
        return f.quantities(Instances.of(a, pt)).toString();
    }

    /** The quantities at the deciding point of a counterexample (what the expression saw). */
    private static String quantities(NamedFamily f, Counterexample ce) {
        return quantities(f, ce.shrunk(), ce.verdict().point());
    }

    private String text(SweepReport r, StatementStats s, Statement st, NamedFamily f, boolean refuted,
            Counterexample ce, String command, boolean generic) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "conjecture %s: %s%s%n  family %s (%s), %s%n", st.id(), st.formula(),
                where == null ? "" : "  where " + where, f.name(), f.description(), st.kind() == Statement.Kind.EXACT ? "exact at generic points"
                        : "upper bound at every point"));
        sb.append(String.format(Locale.ROOT, "tried %d cases (seed %d, p <= %d) in %.1f s: %d in the family%s, "
                + "%d tight, %d holds (below), %d violated (above), %d below-exact%n", r.tries(), r.seed(), cases.maxParams,
                r.seconds(), s.applicable(), generic && st.target() != Part.T
                        ? " at generic points" : "", s.tight(), s.holds(), s.violated(), s.belowExact()));
        if (!s.ratios().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "measured/predicted: min %.3f, median %.3f, max %.3f%n",
                    s.ratioMin(), s.ratioMedian(), s.ratioMax()));
        }
        if (refuted && ce != null) {
            Verdict v = ce.verdict();
            sb.append(refutedLine(v));
            sb.append("  smallest case: ").append(ce.shrunk()).append('\n');
            sb.append("  quantities:    ").append(quantities(f, ce)).append('\n');
            sb.append("  evidence:      ").append(v.evidence()).append('\n');
            sb.append("  measure it:    ").append(ce.shrunk().command())
                    .append(v.point() > 0 ? " --points " + (v.point() + 1) : "").append('\n');
            sb.append("  rerun:         ").append(command).append('\n');
            sb.append("  generated as:  ").append(ce.generator()).append(".generate(").append(ce.original().seed())
                    .append(") = ").append(ce.original().architecture().spec()).append(" (N=")
                    .append(ce.original().samples()).append("), shrunk in ").append(ce.shrinkSteps()).append(" steps\n");
        }
        for (String e : r.errors()) {
            sb.append("error: ").append(e).append('\n');
        }
        if (refuted) {
            sb.append("\nREFUTED\n");
        } else if (s.applicable() > 0 && r.errors().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nHOLDS on all %d applicable cases%s%n", s.applicable(),
                    st.kind() == Statement.Kind.EXACT ? " (tight at each)" : ""));
        }
        return sb.toString();
    }

    private String csv(SweepReport r, StatementStats s, boolean refuted, Counterexample ce, String command,
            boolean generic) {
        Verdict v = ce == null ? null : ce.verdict();
        return Csv.row("id", "family", "part", "expression", "where", "kind", "points", "seed", "tries", "applicable",
                "tight", "holds", "violated", "below_exact", "result", "outcome", "predicted", "measured",
                "counterexample_arch", "counterexample_samples", "counterexample_point_seed", "command") + "\n"
                + Csv.row(id, family, part.trim().toUpperCase(Locale.ROOT), expression, where, exact ? "exact" : "bound",
                        generic ? "generic" : "all", r.seed(), r.tries(), s.applicable(), s.tight(), s.holds(),
                        s.violated(), s.belowExact(), result(r, s, refuted), v == null ? null : v.outcome().label(),
                        v == null ? null : v.predicted(), v == null ? null : v.measured(),
                        ce == null ? null : ce.shrunk().architecture().spec(), ce == null ? null : ce.shrunk().samples(),
                        ce == null ? null : ce.shrunk().pointSeed() + v.point(), command) + "\n";
    }

    private static String result(SweepReport r, StatementStats s, boolean refuted) {
        return refuted ? "refuted" : s.applicable() > 0 && r.errors().isEmpty() ? "holds" : "undecided";
    }

    private Json json(SweepReport r, StatementStats s, Statement st, NamedFamily f, boolean refuted,
            Counterexample ce, String command, boolean generic) {
        Json j = Json.object().put("id", st.id()).put("family", f.name()).put("part", part.trim().toUpperCase(Locale.ROOT))
                .put("expression", expression).put("where", where).put("kind", exact ? "exact" : "bound")
                .put("points", generic ? "generic" : "all").put("seed", r.seed()).put("tries", r.tries())
                .put("maxParameters", cases.maxParams).put("applicable", s.applicable()).put("tight", s.tight())
                .put("holds", s.holds()).put("violated", s.violated()).put("belowExact", s.belowExact())
                .put("result", result(r, s, refuted))
                .put("command", command).put("seconds", r.seconds());
        if (ce != null) {
            j.put("counterexample", Reports.json(ce).put("quantities", quantities(f, ce)));
        } else {
            j.put("counterexample", null);
        }
        return j.put("errors", r.errors());
    }
}
