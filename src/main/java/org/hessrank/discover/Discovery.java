package org.hessrank.discover;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Expression;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.theory.Quantities;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Case;
import org.hessrank.verify.Counterexample;
import org.hessrank.verify.Generator;
import org.hessrank.verify.MeasuredPoint;
import org.hessrank.verify.Shrinker;
import org.hessrank.verify.StatementStats;
import org.hessrank.verify.Sweep;
import org.hessrank.verify.SweepReport;

/**
 * Finds rank formulas from exact measurements: the three steps of {@code hessrank discover}
 * (docs/discover.md), over any {@link NamedFamily} (a named one, or a user's own quantity map) and
 * any {@link Generator} that draws its architectures. Usable from a JUnit test:
 * <pre>{@code
 * Discovery.Result r = Discovery.of(NamedFamilies.byName("fc"), Architectures.fullyConnected())
 *         .part(Part.O).run();
 * assertEquals("q*(r + K - q)", r.best().orElseThrow().formula().text());
 * }</pre>
 *
 * <ol>
 *   <li><b>Data.</b> Cases drawn from the generator (seeds {@link Generator#caseSeed}(seed, i)),
 *       each with up to {@value #NEIGHBOURS} one-factor-smaller variants ({@link Shrinker#candidates}:
 *       one layer, width, kernel, input size or N changed at a time), all at generic points (X of full
 *       rank, random targets), kept if in the family, meeting {@code where} and every {@code vary}
 *       range; the rank of the part is the largest at two points (modular: a certified lower bound
 *       of the generic rank, exact except with the probability the verifier prints). Each case records
 *       the family's scalar quantities and sum/min/max of each of its tables.</li>
 *   <li><b>Search.</b> {@link FormulaSearch} on that table: the simplest integer formulas that
 *       reproduce every measured rank exactly.</li>
 *   <li><b>Check.</b> Each formula becomes the family's exact conjecture ({@link NamedFamily#conjecture},
 *       generic points, the same hypothesis) and is checked by the {@code conjecture} machinery
 *       ({@link Sweep}, with shrinking) on fresh cases from another seed.</li>
 * </ol>
 * Immutable builder; {@link #run()} is deterministic given the settings. Cost: the measurements
 * (one Hessian build and three modular eliminations per point, O(p²·r)), the search (see
 * {@link FormulaSearch}), and {@code checkTries} cases per formula checked.
 */
public final class Discovery {
    /** One-factor variants measured per drawn case, at most. */
    public static final int NEIGHBOURS = 3;
    /** Largest number of data cases. */
    public static final int MAX_CASES = 2000;
    /** Largest number of fresh check cases. */
    public static final int MAX_CHECK_TRIES = 100_000;
    /** Formulas handed to the fresh check, at most. */
    public static final int CHECKED = 3;

    /** A range {@code lo..hi} a quantity is held in. */
    public record Range(String name, long lo, long hi) {
        public Range {
            Objects.requireNonNull(name, "name");
            if (lo > hi) {
                throw new IllegalArgumentException("range of " + name + " (" + lo + ".." + hi + ") is empty");
            }
        }

        @Override
        public String toString() {
            return name + "=" + lo + ".." + hi;
        }
    }

    /** One measured case: the case, its quantities (search names → values) and the rank measured. */
    public record Datum(Case testCase, Map<String, Long> quantities, long rank) {
        public Datum {
            quantities = Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
        }
    }

    /**
     * The fresh check of one formula.
     *
     * @param formula the fitted formula
     * @param stats the conjecture's statistics on the fresh cases
     * @param verdict {@code holds}, {@code refuted} or {@code undecided} (no applicable case, or an
     *     evaluation error)
     * @param counterexample the shrunk counterexample if refuted, else null
     * @param command the {@code hessrank conjecture} command that re-checks it
     */
    public record Checked(FormulaSearch.Formula formula, StatementStats stats, String verdict,
            Counterexample counterexample, String command) {
    }

    /**
     * Everything a run found.
     *
     * @param data the measured cases, smallest first (parameters, then N)
     * @param search the search result on them
     * @param checks the fresh check of each of the first {@value #CHECKED} formulas
     * @param missed if no formula fits: the smallest case that every formula of the allowed size
     *     fitting all smaller cases misses (index into data), else −1 (also when undetermined)
     * @param uncovered vary values no case reached (name=value)
     * @param draws cases drawn from the generator
     * @param measureSeconds time to measure the data
     * @param searchSeconds time of the search
     * @param checkSeconds time of the fresh checks
     */
    public record Result(NamedFamily family, Part part, List<String> names, List<Datum> data,
            FormulaSearch.Result search, List<Checked> checks, int missed, List<String> uncovered, int draws,
            double measureSeconds, double searchSeconds, double checkSeconds) {
        public Result {
            names = List.copyOf(names);
            data = List.copyOf(data);
            checks = List.copyOf(checks);
            uncovered = List.copyOf(uncovered);
        }

        /** The first formula whose fresh check holds, if any. */
        public java.util.Optional<Checked> best() {
            return checks.stream().filter(c -> c.verdict().equals("holds")).findFirst();
        }
    }

    private final NamedFamily family;
    private final Generator generator;
    private Part part = Part.O;
    private String where;
    private final List<Range> vary = new ArrayList<>();
    private int cases = 60;
    private int maxSize = 8;
    private long seed = 1;
    private int checkTries = 100;
    private int maxParameters = 60;
    private long budget = FormulaSearch.DEFAULT_BUDGET;
    private Set<String> without = Set.of();
    private boolean relational;
    private Consumer<String> progress = s -> { };

    private Discovery(NamedFamily family, Generator generator) {
        this.family = Objects.requireNonNull(family, "family");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /** A discovery over {@code family}, whose cases {@code generator} draws (a generator may draw outside it). */
    public static Discovery of(NamedFamily family, Generator generator) {
        return new Discovery(family, generator);
    }

    /**
     * The part whose rank is explained (default O).
     *
     * @throws IllegalArgumentException if the family has no such part
     */
    public Discovery part(Part p) {
        Objects.requireNonNull(p, "part");
        if (!family.parts().contains(p)) {
            throw new IllegalArgumentException("part (" + p + ") is not available for family " + family.name());
        }
        part = p;
        return this;
    }

    /**
     * A hypothesis in the conjecture grammar over the family's scalars, e.g. {@code N >= m0*d0};
     * only cases where it is nonzero are measured and checked. Null: none.
     *
     * @throws IllegalArgumentException if it does not parse
     */
    public Discovery where(String cond) {
        if (cond != null) {
            Expression.parse(cond, family.scalars().keySet(), family.tables().keySet(),
                    "family " + family.name() + " (--where)");
        }
        where = cond;
        return this;
    }

    /**
     * Holds scalar {@code name} in lo..hi (at most 64 values) and asks for a case at every value.
     *
     * @throws IllegalArgumentException for an unknown name or an empty or too wide range
     */
    public Discovery vary(String name, long lo, long hi) {
        if (!family.scalars().containsKey(name)) {
            throw new IllegalArgumentException("--vary: unknown name '" + name + "'; known for family "
                    + family.name() + ": " + String.join(", ", family.scalars().keySet()));
        }
        Range r = new Range(name, lo, hi);
        if (hi - lo > 63) {
            throw new IllegalArgumentException("range of " + name + " (" + lo + ".." + hi + ") must have at most 64 values");
        }
        vary.add(r);
        return this;
    }

    /** Data cases to measure, 10..{@value #MAX_CASES} (default 60). */
    public Discovery cases(int n) {
        if (n < 10 || n > MAX_CASES) {
            throw new IllegalArgumentException("cases (" + n + ") must be in 10.." + MAX_CASES);
        }
        cases = n;
        return this;
    }

    /** Largest formula size (default 8; see {@link FormulaSearch.Builder#maxSize}). */
    public Discovery maxSize(int s) {
        if (s < 1 || s > FormulaSearch.MAX_SIZE) {
            throw new IllegalArgumentException("max size (" + s + ") must be in 1.." + FormulaSearch.MAX_SIZE);
        }
        maxSize = s;
        return this;
    }

    /** The seed of the data; the fresh check uses another one derived from it. */
    public Discovery seed(long s) {
        seed = s;
        return this;
    }

    /** Fresh cases drawn for the check of each formula, 0..{@value #MAX_CHECK_TRIES} (default 100; 0 skips it). */
    public Discovery checkTries(int n) {
        if (n < 0 || n > MAX_CHECK_TRIES) {
            throw new IllegalArgumentException("check tries (" + n + ") must be in 0.." + MAX_CHECK_TRIES);
        }
        checkTries = n;
        return this;
    }

    /** Largest parameter count of a measured or checked case (default 60). */
    public Discovery maxParameters(int p) {
        if (p < 1 || p > 5000) {
            throw new IllegalArgumentException("max params (" + p + ") must be in 1..5000");
        }
        maxParameters = p;
        return this;
    }

    /** Cap on the monomial sets the search tests (default {@link FormulaSearch#DEFAULT_BUDGET}). */
    public Discovery budget(long b) {
        if (b < 1) {
            throw new IllegalArgumentException("budget (" + b + ") must be >= 1");
        }
        budget = b;
        return this;
    }

    /** Quantities the formula may not use (e.g. {@code p}, or {@code d_out} to ask for it in other terms). */
    public Discovery without(Set<String> names) {
        for (String n : names) {
            if (!searchNames().contains(n)) {
                throw new IllegalArgumentException("--without: unknown name '" + n + "'; known: "
                        + String.join(", ", searchNames()));
            }
        }
        without = Set.copyOf(names);
        return this;
    }

    /**
     * Lets the formula use the measured ranks of the other parts ({@code HO}, {@code HF}, {@code HL},
     * each the larger of the two points), as relational conjectures do, e.g. {@code HO + HF - 1}
     * for H_L. Not for part T.
     *
     * @throws IllegalArgumentException for part T
     */
    public Discovery relational(boolean on) {
        if (on && part == Part.T) {
            throw new IllegalArgumentException("relational formulas need part O, F or L, not T");
        }
        relational = on;
        return this;
    }

    /** Receives short progress notes (default: none). */
    public Discovery progress(Consumer<String> p) {
        progress = Objects.requireNonNull(p, "progress");
        return this;
    }

    /** The names the search may use: the scalars, then sum/min/max of every table. */
    public List<String> searchNames() {
        List<String> out = new ArrayList<>(family.scalars().keySet());
        for (String t : family.tables().keySet()) {
            out.add("sum(" + t + ")");
            out.add("min(" + t + ")");
            out.add("max(" + t + ")");
        }
        if (relational) {
            for (String m : org.hessrank.theory.NamedFamilies.MEASURED) {
                if (!m.equals("H" + part.name())) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The hypothesis the fresh check uses: {@code where} and the vary ranges, as one expression (or null). */
    public String hypothesis() {
        List<String> parts = new ArrayList<>();
        if (where != null) {
            parts.add(vary.isEmpty() ? where : "((" + where + ") != 0)");
        }
        for (Range r : vary) {
            parts.add("(" + r.name() + " >= " + r.lo() + ")*(" + r.name() + " <= " + r.hi() + ")");
        }
        return parts.isEmpty() ? null : String.join("*", parts);
    }

    private Generator gen() {
        return generator.maxParameters(maxParameters);
    }

    /** Runs the three steps. */
    public Result run() {
        long t0 = System.nanoTime();
        List<String> names = searchNames().stream().filter(n -> !without.contains(n)).toList();
        Expression cond = hypothesis() == null ? null
                : Expression.parse(hypothesis(), family.scalars().keySet(), family.tables().keySet(), "hypothesis");
        Generator g = gen();
        List<Datum> data = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Set<Long>> covered = new TreeMap<>();
        for (Range r : vary) {
            covered.put(r.name(), new HashSet<>());
        }
        int draws = 0;
        int maxDraws = 60 * cases;
        while (draws < maxDraws && (data.size() < cases || !complete(covered)) && data.size() < 2 * cases) {
            Case base;
            try {
                base = g.generate(Generator.caseSeed(seed, draws));
            } catch (IllegalStateException e) {
                break;
            }
            draws++;
            base = generic(base);
            List<Case> batch = new ArrayList<>();
            batch.add(base);
            List<Case> nb = Shrinker.candidates(base);
            for (int k = 0; k < nb.size() && batch.size() <= NEIGHBOURS; k += Math.max(1, nb.size() / NEIGHBOURS)) {
                batch.add(nb.get(k));
            }
            for (Case c : batch) {
                if (!seen.add(c.architecture().spec() + "|" + c.samples())) {
                    continue;
                }
                Datum d = measure(c, names, cond);
                if (d != null) {
                    data.add(d);
                    for (Range r : vary) {
                        covered.get(r.name()).add(d.quantities().get(r.name()));
                    }
                }
            }
            progress.accept(String.format(Locale.ROOT, "discover: %d cases measured (%d drawn)", data.size(), draws));
        }
        data.sort(Comparator.comparingInt((Datum d) -> d.testCase().parameters())
                .thenComparingInt(d -> d.testCase().samples()).thenComparing(d -> d.testCase().architecture().spec()));
        List<String> uncovered = new ArrayList<>();
        for (Range r : vary) {
            for (long v = r.lo(); v <= r.hi(); v++) {
                if (!covered.get(r.name()).contains(v)) {
                    uncovered.add(r.name() + "=" + v);
                }
            }
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no case of family " + family.name() + (hypothesis() == null ? ""
                    : " meeting " + hypothesis()) + " among " + draws + " drawn (p <= " + maxParameters
                    + "); widen the ranges or raise --max-params");
        }
        long t1 = System.nanoTime();
        progress.accept("discover: searching formulas");
        FormulaSearch.Result sr = search(names, data, data.size(), 5);
        int missed = -1;
        if (!sr.found() && !sr.exhausted() && sr.conflict() == null) {
            missed = smallestMissed(names, data);
        }
        long t2 = System.nanoTime();
        List<Checked> checks = new ArrayList<>();
        if (checkTries > 0) {
            int i = 0;
            for (FormulaSearch.Formula f : sr.formulas()) {
                if (i++ == CHECKED) {
                    break;
                }
                progress.accept("discover: checking " + f.text());
                checks.add(check(f, i));
            }
        }
        long t3 = System.nanoTime();
        return new Result(family, part, names, data, sr, checks, missed, uncovered, draws, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    private boolean complete(Map<String, Set<Long>> covered) {
        for (Range r : vary) {
            if (covered.get(r.name()).size() < r.hi() - r.lo() + 1) {
                return false;
            }
        }
        return true;
    }

    private static Case generic(Case c) {
        return new Case(c.family(), c.architecture(), c.samples(), PointOptions.FULL_RANK, PointOptions.Targets.RANDOM,
                c.pointSeed(), c.seed());
    }

    /** Measures {@code c} if it is in the family at a generic point, meets the hypothesis and the ranges; else null. */
    private Datum measure(Case c, List<String> names, Expression cond) {
        Architecture a = c.architecture();
        if (!family.contains(a)) {
            return null;
        }
        LoweredNetwork net = a.lower();
        PointOptions first = c.pointOptions(0);
        Instance inst;
        try {
            Point pt = Points.draw(net, first);
            inst = Instances.of(a, net, pt);
        } catch (IllegalStateException e) {
            return null;
        }
        if (part != Part.T && !(inst.fullDataRank() && inst.genericResidual())) {
            return null;
        }
        Quantities q = family.quantities(inst);
        if (cond != null && cond.evaluate(q) == 0) {
            return null;
        }
        Observations run = HessianRanks.observe(net, first, 2, HessianRanks.Method.MODULAR, s -> { });
        long rank = -1;
        Map<String, Long> measured = new LinkedHashMap<>();
        for (MeasuredPoint m : MeasuredPoint.of(a, net, run)) {
            rank = Math.max(rank, m.rank(part));
            if (part != Part.T) {
                for (Part other : Part.hessianParts()) {
                    measured.merge("H" + other.name(), (long) m.rank(other), Math::max);
                }
            }
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String n : names) {
            values.put(n, measured.containsKey(n) ? measured.get(n) : value(q, n));
        }
        if (rank < 0) {
            return null; // T(W) too large to rank exactly
        }
        return new Datum(c, values, rank);
    }

    private static long value(Quantities q, String name) {
        if (name.endsWith(")")) {
            int open = name.indexOf('(');
            String fn = name.substring(0, open);
            long[] v = q.table(name.substring(open + 1, name.length() - 1)).values();
            long out = fn.equals("sum") ? 0 : fn.equals("min") ? Long.MAX_VALUE : Long.MIN_VALUE;
            for (long x : v) {
                out = fn.equals("sum") ? Math.addExact(out, x) : fn.equals("min") ? Math.min(out, x) : Math.max(out, x);
            }
            return v.length == 0 ? 0 : out;
        }
        return q.scalar(name);
    }

    private FormulaSearch.Result search(List<String> names, List<Datum> data, int k, int margin) {
        long[][] rows = new long[k][names.size()];
        long[] ranks = new long[k];
        for (int i = 0; i < k; i++) {
            Datum d = data.get(i);
            for (int j = 0; j < names.size(); j++) {
                rows[i][j] = d.quantities().get(names.get(j));
            }
            ranks[i] = d.rank();
        }
        return FormulaSearch.over(names, rows, ranks).maxSize(maxSize).margin(margin).budget(budget).run();
    }

    /**
     * The smallest k such that no formula of the allowed size fits data[0..k]: binary search on
     * the prefix (fitting is monotone in the prefix once the overfitting guard is off). −1 if the
     * budget ran out.
     */
    private int smallestMissed(List<String> names, List<Datum> data) {
        int lo = 1;
        int hi = data.size(); // no fit on the first hi rows
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            FormulaSearch.Result r = search(names, data, mid, 0);
            if (r.exhausted()) {
                return -1;
            }
            if (r.found()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The fresh check of {@code f} by the conjecture machinery. */
    private Checked check(FormulaSearch.Formula f, int index) {
        String hyp = hypothesis();
        Statement st = family.conjecture("D" + index, part, Statement.Kind.EXACT, f.text(), true, hyp);
        long checkSeed = seed + 1000;
        SweepReport r = Sweep.of(List.of(st)).generators(gen()).tries(checkTries).seed(checkSeed)
                .maxParameters(maxParameters).shrink(true).run();
        StatementStats s = r.stats(st.id()).orElseThrow();
        boolean refuted = s.violated() > 0 || s.belowExact() > 0;
        String verdict = refuted ? "refuted" : s.applicable() > 0 && r.errors().isEmpty() ? "holds" : "undecided";
        StringBuilder cmd = new StringBuilder("hessrank conjecture --family ").append(family.name()).append(" --part ")
                .append(part.name()).append(" --bound \"").append(f.text()).append("\" --exact");
        if (hyp != null) {
            cmd.append(" --where \"").append(hyp).append('"');
        }
        cmd.append(" --tries ").append(checkTries).append(" --seed ").append(checkSeed);
        if (maxParameters != 150) {
            cmd.append(" --max-params ").append(maxParameters);
        }
        if (gen().maxSamples() != 12) {
            cmd.append(" --max-samples ").append(gen().maxSamples());
        }
        return new Checked(f, s, verdict, refuted ? r.counterexample(st.id()).orElse(null) : null, cmd.toString());
    }
}
