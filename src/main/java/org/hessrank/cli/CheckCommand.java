package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hessrank.report.Json;
import org.hessrank.theory.Catalogue;
import org.hessrank.theory.Statement;
import org.hessrank.theory.SweepStatement;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.Generator;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.Sweep;
import org.hessrank.verify.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank check}: property-based verification of the catalogue over random architectures. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the statements of docs/theorems.md on random architectures: for each generated case the"
                + " ranks of H_O, H_F, H_L (mod a random 49-bit prime: certified lower bounds) and of the layer"
                + " matrices (exact) are held against every applicable statement.",
            "",
            "Verdicts: tight (rank = prediction), holds (below a bound), violated (certified: the rank exceeds the"
                + " prediction), below-exact (below an exact formula at two points). Each statement's first violated"
                + " (else below-exact) case is shrunk to the smallest case that still fails, printed with its seed and"
                + " a 'hessrank rank' command that reproduces it.",
            "Families are those of org.hessrank.verify.Architectures to which a selected statement applies; cases"
                + " are drawn round robin; case i has seed caseSeed(S, i). Sweep statements (FC-SQRT, CNN-SQRT) are"
                + " growth laws over widths and are not checked here.",
            "Exit codes: 0 no violation, 1 some statement violated, 2 bad input."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--statement", paramLabel = "ID", split = ",",
            description = "Statement id(s) to check, repeatable or comma-separated (default: all per-case statements).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--tries", defaultValue = "300", paramLabel = "N",
            description = "Number of random cases in total (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Master seed; everything is reproducible from it (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CaseOptions cases;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        cases.check(tries);
        List<Statement> statements = new ArrayList<>();
        if (ids.isEmpty()) {
            for (Statement s : Catalogue.all()) {
                if (!(s instanceof SweepStatement)) {
                    statements.add(s);
                }
            }
        } else {
            for (String id : ids) {
                Statement s = Catalogue.byId(id.trim()); // IllegalArgumentException listing the known ids
                if (s instanceof SweepStatement) {
                    throw new IllegalArgumentException("--statement (" + id + ") is a sweep statement (a growth law"
                            + " over widths), which check does not run; per-case ids: " + perCaseIds());
                }
                if (!statements.contains(s)) {
                    statements.add(s);
                }
            }
        }
        return run(statements);
    }

    /** Runs the sweep of {@code statements} and prints; returns the exit code (0, or 1 on a violation). */
    int run(List<Statement> statements) {
        PrintWriter out = format.out();
        Progress progress = format.progress();
        SweepReport r = cases.configure(Sweep.of(statements), tries, seed)
                .listener((done, total, viol) -> progress.note("check: %d/%d cases, %d with a violation", done, total,
                        viol))
                .run();
        progress.done();
        if (format.get() == Format.json) {
            out.println(json(r, cases.maxParams));
        } else if (format.get() == Format.csv) {
            out.print(csv(r));
        } else {
            out.print(text(r));
        }
        return ExitCodes.of(!r.violated().isEmpty());
    }

    private static String perCaseIds() {
        return String.join(", ", Catalogue.all().stream().filter(s -> !(s instanceof SweepStatement))
                .map(Statement::id).toList());
    }

    /** One row per statement: the statistics of the text table. */
    static String csv(SweepReport r) {
        StringBuilder sb = new StringBuilder(org.hessrank.report.Csv.row("id", "part", "kind", "provenance", "source",
                "tried", "applicable", "tight", "holds", "violated", "below_exact", "generic_applicable",
                "generic_tight", "largest_parameters", "ratio_min", "ratio_median", "ratio_max", "seed")).append('\n');
        for (org.hessrank.verify.StatementStats s : r.stats()) {
            Statement st = s.statement();
            sb.append(org.hessrank.report.Csv.row(st.id(), st.target().targetName(), st.kind().name().toLowerCase(Locale.ROOT),
                    st.provenance().name().toLowerCase(Locale.ROOT), st.source(), s.tried(), s.applicable(), s.tight(),
                    s.holds(), s.violated(), s.belowExact(), s.genericApplicable(), s.genericTight(),
                    s.largestParameters(), s.ratios().isEmpty() ? null : s.ratioMin(),
                    s.ratios().isEmpty() ? null : s.ratioMedian(), s.ratios().isEmpty() ? null : s.ratioMax(), r.seed()))
                    .append('\n');
        }
        return sb.toString();
    }

    static String text(SweepReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "checked %d cases (seed %d) in %.1f s; families: %s%n", r.tries(), r.seed(),
                r.seconds(), String.join(", ", r.generators().stream().map(g -> g.family().factory()).toList())));
        if (!r.skipped().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "skipped %d cases without a differentiable point (zero ReLU"
                    + " pre-activations at every draw)%n", r.skipped().size()));
        }
        sb.append('\n').append(r.table());
        List<Counterexample> ces = r.counterexamples();
        if (!ces.isEmpty()) {
            sb.append("\nsmallest failing cases (violated, else below-exact):\n");
            for (Counterexample c : ces) {
                sb.append(c.describe().indent(2));
            }
        }
        for (String e : r.errors()) {
            sb.append("error: ").append(e).append('\n');
        }
        List<String> v = r.violated();
        sb.append(v.isEmpty() ? "\nno statement violated\n" : "\nVIOLATED: " + String.join(", ", v) + "\n");
        return sb.toString();
    }

    static Json json(SweepReport r, int maxParams) {
        List<Json> stats = new ArrayList<>();
        for (StatementStats s : r.stats()) {
            Statement st = s.statement();
            Json j = Json.object().put("id", st.id()).put("part", Reports.part(st))
                    .put("kind", Reports.lower(st.kind())).put("provenance", Reports.lower(st.provenance()))
                    .put("source", st.source()).put("tried", s.tried())
                    .put("applicable", s.applicable()).put("tight", s.tight()).put("holds", s.holds())
                    .put("violated", s.violated()).put("belowExact", s.belowExact())
                    .put("genericApplicable", s.genericApplicable()).put("genericTight", s.genericTight())
                    .put("genericTightRate", s.genericTightRate()).put("expectedTight", s.expectedTight())
                    .put("largestParameters", s.largestParameters())
                    .put("ratio", Json.object().put("min", s.ratioMin()).put("median", s.ratioMedian())
                            .put("max", s.ratioMax()))
                    .put("histogram", s.histogram());
            j.put("counterexample", r.counterexample(st.id()).map(Reports::json).orElse(null));
            stats.add(j);
        }
        List<String> gens = r.generators().stream().map(Generator::describe).toList();
        return Json.object().put("seed", r.seed()).put("tries", r.tries()).put("maxParameters", maxParams)
                .put("generators", gens).put("seconds", r.seconds()).put("violated", r.violated())
                .put("statements", stats).put("skipped", r.skipped()).put("errors", r.errors());
    }
}
