package org.hessrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.discover.Discovery;
import org.hessrank.discover.FormulaSearch;
import org.hessrank.hessian.Part;
import org.hessrank.report.Csv;
import org.hessrank.report.Json;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.StatementStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hessrank discover}: finds rank formulas from exact measurements over a named family (docs/discover.md). */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Finds a rank formula from data: measures exact ranks on cases of a named family (random"
                + " cases and one-factor variants of them, generic points, the larger rank of two points), searches"
                + " the simplest integer expressions over the family's quantities that reproduce every measured rank"
                + " exactly, and checks each survivor like hessrank conjecture on fresh cases (another seed, with"
                + " shrinking).",
            "",
            "Example: hessrank discover --family fc --part O",
            "",
            "Formulas: sums of integer multiples of products of at most 3 quantities (scalars, sum/min/max of a"
                + " table, min(x, y) of two quantities), at most 4 terms, or min(c*monomial, such a sum). Size counts"
                + " the quantity occurrences (a constant 1, min one more); coefficients are fitted exactly over Q and"
                + " must be integers. The search stops at the smallest size where some formula fits every case; a fit"
                + " with t coefficients needs at least t + 5 distinct cases. If none fits, the smallest case that every"
                + " formula fitting the smaller cases misses is printed.",
            "Exit codes: 0 a formula fits every measured case and its fresh check holds, 1 no formula fits or every"
                + " fit is refuted (or undecided), 2 bad input (unknown family or name, bad --vary, empty range,"
                + " limits exceeded, no case of the family)."})
public final class DiscoverCommand implements Callable<Integer> {
    private static final Pattern VARY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(-?\\d{1,9})\\.\\.(-?\\d{1,9})");

    @Option(names = "--family", paramLabel = "NAME", required = true,
            description = "Family name (see hessrank conjecture --list-families).")
    String family;

    @Option(names = "--part", paramLabel = "O|F|L|T", required = true,
            description = "The matrix: O, F, L (H_O, H_F, H_L) or T (T(W), conv*-layer families).")
    String part;

    @Option(names = "--where", paramLabel = "COND",
            description = "A hypothesis: only cases where this expression is nonzero are measured and checked.")
    String where;

    @Option(names = "--vary", paramLabel = "VAR=LO..HI",
            description = "Hold scalar VAR in LO..HI (at most 64 values) and ask for a case at each value; repeatable.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--without", paramLabel = "NAMES", split = ",",
            description = "Quantities the formula may not use, comma-separated (e.g. d_out, p).")
    List<String> without = new ArrayList<>();

    @Option(names = "--relational",
            description = "Let the formula use the measured ranks of the other parts (HO, HF, HL), e.g. for H_L.")
    boolean relational;

    @Option(names = "--max-size", defaultValue = "8", paramLabel = "S",
            description = "Largest formula size, 1.." + FormulaSearch.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = "--tries", defaultValue = "60", paramLabel = "N",
            description = "Cases to measure, 10.." + Discovery.MAX_CASES + " (default: ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--check-tries", defaultValue = "100", paramLabel = "N",
            description = "Fresh cases for the check of each formula, 0.." + Discovery.MAX_CHECK_TRIES
                    + " (default: ${DEFAULT-VALUE}; 0 skips the check).")
    int checkTries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the data; the fresh check uses S + 1000 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-params", defaultValue = "60", paramLabel = "P",
            description = "Largest parameter count of a case, 1..5000 (default: ${DEFAULT-VALUE}).")
    int maxParams;

    @Option(names = "--max-samples", defaultValue = "12", paramLabel = "N",
            description = "Largest number of samples N of a case, 1..1000 (default: ${DEFAULT-VALUE}).")
    int maxSamples;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        PrintWriter out = format.out();
        PrintWriter err = format.err();
        NamedFamily f = NamedFamilies.byName(family);
        Part p = parsePart(part);
        if (maxSamples < 1 || maxSamples > 1000) {
            throw new IllegalArgumentException("--max-samples (" + maxSamples + ") must be in 1..1000");
        }
        if (tries < 10 || tries > Discovery.MAX_CASES) {
            throw new IllegalArgumentException("--tries (" + tries + ") must be in 10.." + Discovery.MAX_CASES);
        }
        if (maxSize < 1 || maxSize > FormulaSearch.MAX_SIZE) {
            throw new IllegalArgumentException("--max-size (" + maxSize + ") must be in 1.." + FormulaSearch.MAX_SIZE);
        }
        if (checkTries < 0 || checkTries > Discovery.MAX_CHECK_TRIES) {
            throw new IllegalArgumentException("--check-tries (" + checkTries + ") must be in 0.."
                    + Discovery.MAX_CHECK_TRIES);
        }
        if (maxParams < 1 || maxParams > 5000) {
            throw new IllegalArgumentException("--max-params (" + maxParams + ") must be in 1..5000");
        }
        Discovery d = Discovery.of(f, ConjectureCommand.GENERATORS.get(f.name()).get().maxSamples(maxSamples))
                .part(p).where(where).cases(tries).maxSize(maxSize).seed(seed).checkTries(checkTries)
                .maxParameters(maxParams).relational(relational).without(new LinkedHashSet<>(without));
        for (String v : vary) {
            Matcher m = VARY.matcher(v.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--vary (" + v + ") must be VAR=LO..HI, e.g. K=1..4");
            }
            d.vary(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        }
        Progress progress = Progress.to(err);
        d.progress(s -> progress.note("%s", s));
        long t0 = System.nanoTime();
        Discovery.Result r = d.run();
        progress.done();
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean ok = r.best().isPresent();
        if (format.get() == Format.json) {
            out.println(json(r, d.hypothesis(), seconds, ok));
        } else if (format.get() == Format.csv) {
            out.print(csv(r));
        } else {
            out.print(text(r, d, seconds, ok));
        }
        return ok ? ExitCodes.OK : ExitCodes.VIOLATED;
    }

    private static Part parsePart(String text) {
        for (Part p : Part.values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--part (" + text + ") must be one of O, F, L, T");
    }

    private static String quantities(Map<String, Long> q) {
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private String text(Discovery.Result r, Discovery d, double seconds, boolean ok) {
        StringBuilder sb = new StringBuilder();
        FormulaSearch.Result s = r.search();
        String hyp = d.hypothesis();
        sb.append(String.format(Locale.ROOT, "discover rank %s over family %s (%s)%s%n", r.part().matrix(),
                r.family().name(), r.family().description(), hyp == null ? "" : "\n  where " + hyp));
        sb.append(String.format(Locale.ROOT, "data:   %d cases measured (%d drawn, seed %d, p <= %d, N <= %d) at generic"
                + " points, the larger rank of two points, in %.1f s%n", r.data().size(), r.draws(), seed, maxParams,
                maxSamples, r.measureSeconds()));
        sb.append("        quantities: ").append(String.join(" ", r.names())).append('\n');
        if (!s.constants().isEmpty()) {
            sb.append("        constant on the data: ").append(quantities(s.constants())).append('\n');
        }
        if (!s.aliases().isEmpty()) {
            List<String> al = new ArrayList<>();
            s.aliases().forEach((k, v) -> al.add(k + " = " + v));
            sb.append("        equal on the data (the first name is used): ").append(String.join(", ", al)).append('\n');
        }
        if (!r.uncovered().isEmpty()) {
            sb.append("        no case reached: ").append(String.join(", ", r.uncovered())).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "search: sizes 1..%d, %d monomial sets tested in %.1f s%n", s.size(),
                s.tested(), r.searchSeconds()));
        if (s.conflict() != null) {
            Discovery.Datum a = r.data().get(s.conflict()[0]);
            Discovery.Datum b = r.data().get(s.conflict()[1]);
            sb.append("\nNO FORMULA over these quantities can fit: two cases have the same quantities and different"
                    + " ranks; the rank depends on something the family's quantities do not record\n");
            sb.append(String.format(Locale.ROOT, "  rank %d: %s%n  rank %d: %s%n  quantities: %s%n", a.rank(),
                    a.testCase(), b.rank(), b.testCase(), quantities(a.quantities())));
        } else if (!s.found()) {
            sb.append(String.format(Locale.ROOT, "%nNO FORMULA of size <= %d fits the %d cases%s%n", maxSize,
                    r.data().size(), s.exhausted() ? " within the search budget (budget exhausted at size "
                            + s.size() + ": larger formulas were not all tried)" : ""));
            if (r.missed() >= 0) {
                Discovery.Datum m = r.data().get(r.missed());
                sb.append(String.format(Locale.ROOT, "  every formula of size <= %d that fits the %d smaller cases"
                        + " misses this one (rank %d):%n    %s%n    quantities: %s%n    measure it: %s --points 2%n",
                        maxSize, r.missed(), m.rank(), m.testCase(), quantities(m.quantities()),
                        m.testCase().command()));
            }
        } else {
            sb.append(String.format(Locale.ROOT, "%n%d formula(s) of size %d fit all %d cases (simplest first):%n",
                    s.formulas().size(), s.size(), r.data().size()));
            int i = 0;
            for (FormulaSearch.Formula f : s.formulas()) {
                i++;
                sb.append(String.format(Locale.ROOT, "  %d. %s%n     %d fitted coefficients, fits %d of %d measured"
                        + " cases%n", i, f.text(), f.coefficients(), r.data().size(), r.data().size()));
                if (i <= r.checks().size()) {
                    sb.append(checkText(r.checks().get(i - 1)));
                } else if (checkTries > 0) {
                    sb.append("     not checked (only the first ").append(Discovery.CHECKED).append(" are)\n");
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%ntime:   %.1f s (measure %.1f, search %.1f, check %.1f)%n", seconds,
                r.measureSeconds(), r.searchSeconds(), r.checkSeconds()));
        if (ok) {
            sb.append("\nDISCOVERED ").append(r.best().orElseThrow().formula().text()).append('\n');
        } else {
            sb.append("\nNOT DISCOVERED\n");
        }
        return sb.toString();
    }

    private String checkText(Discovery.Checked c) {
        StatementStats st = c.stats();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "     fresh check (%d tries, seed %d): ", checkTries, seed + 1000));
        switch (c.verdict()) {
            case "holds" -> sb.append(String.format(Locale.ROOT, "HOLDS on all %d applicable cases (tight at each)%n",
                    st.applicable()));
            case "refuted" -> {
                Counterexample ce = c.counterexample();
                sb.append(String.format(Locale.ROOT, "REFUTED on %d of %d applicable cases%n", st.violated()
                        + st.belowExact(), st.applicable()));
                if (ce != null) {
                    sb.append(String.format(Locale.ROOT, "       predicted %d, measured %d: %s%n       measure it: %s%n",
                            ce.verdict().predicted(), ce.verdict().measured(), ce.shrunk(), ce.shrunk().command()
                                    + (ce.verdict().point() > 0 ? " --points " + (ce.verdict().point() + 1) : "")));
                }
            }
            default -> sb.append(String.format(Locale.ROOT, "UNDECIDED (%d applicable cases)%n", st.applicable()));
        }
        sb.append("     re-check: ").append(c.command()).append('\n');
        return sb.toString();
    }

    private Json json(Discovery.Result r, String hypothesis, double seconds, boolean ok) {
        FormulaSearch.Result s = r.search();
        List<Json> formulas = new ArrayList<>();
        int i = 0;
        for (FormulaSearch.Formula f : s.formulas()) {
            Json j = Json.object().put("formula", f.text()).put("size", f.size()).put("coefficients", f.coefficients())
                    .put("piecewise", f.piecewise()).put("fits", r.data().size());
            if (i < r.checks().size()) {
                Discovery.Checked c = r.checks().get(i);
                j.put("check", Json.object().put("verdict", c.verdict()).put("applicable", c.stats().applicable())
                        .put("tight", c.stats().tight()).put("violated", c.stats().violated())
                        .put("belowExact", c.stats().belowExact()).put("command", c.command())
                        .put("counterexample", c.counterexample() == null ? null : Reports.json(c.counterexample())));
            } else {
                j.put("check", null);
            }
            formulas.add(j);
            i++;
        }
        Map<String, Object> missed = null;
        if (r.missed() >= 0) {
            Discovery.Datum m = r.data().get(r.missed());
            missed = new LinkedHashMap<>();
            missed.put("arch", m.testCase().architecture().spec());
            missed.put("samples", m.testCase().samples());
            missed.put("rank", m.rank());
            missed.put("smallerCasesFitted", r.missed());
            missed.put("command", m.testCase().command());
        }
        return Json.object().put("family", r.family().name()).put("part", r.part().name()).put("where", where)
                .put("hypothesis", hypothesis).put("seed", seed).put("cases", r.data().size())
                .put("drawn", r.draws()).put("quantities", r.names()).put("constants", s.constants())
                .put("aliases", s.aliases()).put("uncovered", r.uncovered()).put("maxSize", maxSize)
                .put("size", s.size()).put("tested", s.tested()).put("exhausted", s.exhausted())
                .put("conflict", s.conflict() != null).put("formulas", formulas).put("missed", missed)
                .put("result", ok ? "discovered" : "not-discovered").put("seconds", seconds)
                .put("measureSeconds", r.measureSeconds()).put("searchSeconds", r.searchSeconds())
                .put("checkSeconds", r.checkSeconds());
    }

    /** The measured data: one row per case, the quantities and the rank. */
    private static String csv(Discovery.Result r) {
        List<Object> head = new ArrayList<>(List.of("arch", "samples", "point_seed"));
        head.addAll(r.names());
        head.add("rank");
        StringBuilder sb = new StringBuilder(Csv.row(head.toArray())).append('\n');
        for (Discovery.Datum d : r.data()) {
            List<Object> row = new ArrayList<>(List.of(d.testCase().architecture().spec(), d.testCase().samples(),
                    d.testCase().pointSeed()));
            for (String n : r.names()) {
                row.add(d.quantities().get(n));
            }
            row.add(d.rank());
            sb.append(Csv.row(row.toArray())).append('\n');
        }
        return sb.toString();
    }
}
