package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Limits;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.PointOptions.Targets;
import org.hessrank.net.Architecture;
import org.hessrank.net.SpecTemplate;
import org.hessrank.theory.Expression;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.theory.Quantities;
import org.hessrank.theory.Statement;

/**
 * A family of architectures given by a spec template with {@code {variables}}, each over an
 * integer range, and a range of samples N whose ends may use the variables: the family of
 * {@code hessrank conjecture --template}. Immutable.
 * <pre>{@code
 * TemplateFamily fc = TemplateFamily.of("in({d}) -> dense({m}) -> dense({K})",
 *         List.of(Range.of("d", 2, 5), Range.of("m", 1, 6), Range.of("K", 1, 3)), "{d}+1..30");
 * TemplateFamily.Result r = fc.check(
 *         f -> f.conjecture("FC-O", Part.O, Statement.Kind.EXACT, "min(r,K,m)*(r+K-min(r,K,m))", true, null),
 *         100, 1);
 * }</pre>
 * A conjecture over the family is a function of a {@link NamedFamily} ({@link NamedFamilies#template}):
 * the family of one drawn architecture, whose quantities are the variables at their drawn values
 * plus {@code N}, {@code r}, {@code p} (and the measured ranks HO, HF, HL), so the statement is built
 * with {@link NamedFamily#conjecture} or {@link org.hessrank.theory.Conjecture#builder} as for the
 * named families, and judged by the {@link Verifier} unchanged.
 *
 * <p><b>Draws.</b> Draw i of a run with seed S uses the seed {@link Generator#caseSeed}(S, i): every
 * variable uniform over its range, N uniform over the samples range at those values, and the point
 * as the built-in generators draw it (data rank below full with probability 0.15, targets random
 * 80%, interpolated 10%, one-hot 10%).
 *
 * <p><b>Shrinking.</b> A failing draw is shrunk variable by variable, in the order of the ranges:
 * each variable takes the lowest value of its range at which the conjecture still fails (N kept,
 * or raised to the new low end of the samples range), then N the lowest value of its range at which
 * it still fails; passes repeat until none changes (at most {@link #MAX_SHRINK_EVALUATIONS}
 * checks). Point seed, data rank and targets are kept. At the end no single variable, and not N,
 * can be lowered with the conjecture still failing (unless the cap was reached).
 *
 * <p>Cost: O(template length) per draw, plus one {@link Verifier#verify} per draw and per shrink
 * step (the Hessians of the drawn net mod a prime).
 */
public final class TemplateFamily {
    /** Cap on the checks one shrink makes. */
    public static final int MAX_SHRINK_EVALUATIONS = 400;

    private final String template;
    private final Map<String, SpecTemplate.Range> ranges;
    private final String samples;
    private final Expression samplesLow;
    private final Expression samplesHigh;

    private TemplateFamily(String template, Map<String, SpecTemplate.Range> ranges, String samples) {
        this.template = template;
        this.ranges = ranges;
        this.samples = samples;
        String filled = samples;
        // the ends are expressions over the variables: {d} becomes the name d
        for (String v : ranges.keySet()) {
            filled = filled.replace("{" + v + "}", "(" + v + ")");
        }
        int at = topLevelDots(filled);
        if (at < 0) {
            throw new IllegalArgumentException("--samples (" + samples + ") must be a range lo..hi, e.g. {d}+1..30");
        }
        Set<String> scalars = ranges.keySet();
        samplesLow = Expression.parse(filled.substring(0, at), scalars, Set.of(), "--samples (low end)");
        samplesHigh = Expression.parse(filled.substring(at + 2), scalars, Set.of(), "--samples (high end)");
    }

    /**
     * The family of {@code template} with {@code ranges} and samples {@code samples} ({@code lo..hi},
     * each end an integer expression that may use the variables as {@code {name}}). Checks the
     * variables and the samples text, and that the template parses at the low ends of the ranges.
     *
     * @throws IllegalArgumentException if a variable of the template or of {@code samples} has no
     *     range, a range's variable occurs in neither, a variable is given twice or clashes with a
     *     quantity (N, r, p, HO, HF, HL), {@code samples} is not a range, or the template does not
     *     parse at the low ends (naming the values)
     */
    public static TemplateFamily of(String template, Collection<SpecTemplate.Range> ranges, String samples) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(samples, "samples");
        Map<String, SpecTemplate.Range> byName = new LinkedHashMap<>();
        for (SpecTemplate.Range r : ranges) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("--vary variable (" + r.name() + ") given twice");
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("--template", template);
        SpecTemplate.checkVariables(texts, byName.keySet());
        for (String v : SpecTemplate.variables(samples)) {
            if (!byName.containsKey(v)) {
                throw new IllegalArgumentException("--samples variable {" + v + "} has no --vary range");
            }
        }
        TemplateFamily f = new TemplateFamily(template, java.util.Collections.unmodifiableMap(byName), samples);
        Map<String, Integer> low = f.low();
        NamedFamilies.template(template, f.architecture(low), low); // refuses a variable named like a quantity
        f.samplesRange(low);
        return f;
    }

    /** Position of the first ".." outside parentheses, or −1. */
    private static int topLevelDots(String s) {
        int depth = 0;
        for (int i = 0; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == '.' && s.charAt(i + 1) == '.') {
                return i;
            }
        }
        return -1;
    }

    public String template() {
        return template;
    }

    /** The ranges, in the order given. */
    public Map<String, SpecTemplate.Range> ranges() {
        return ranges;
    }

    public String samples() {
        return samples;
    }

    /** Every variable at the low end of its range. */
    public Map<String, Integer> low() {
        Map<String, Integer> m = new LinkedHashMap<>();
        ranges.forEach((k, r) -> m.put(k, r.lo()));
        return m;
    }

    /** {@code d=2 m=1 K=2}. */
    public static String describe(Map<String, Integer> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * The architecture at {@code values}.
     *
     * @throws IllegalArgumentException if it does not parse, or its dense Hessians would not fit the
     *     heap ({@link Limits#requireDense}), naming the values and the cause
     */
    public Architecture architecture(Map<String, Integer> values) {
        String spec = SpecTemplate.substitute(template, values);
        try {
            Architecture a = Architecture.parse(spec);
            try {
                Limits.requireDense(a.parameterCount(), HessianRanks.Method.MODULAR); // the verifier's dense Hessians
            } catch (IllegalArgumentException e) {
                // the limit without its advice on --path/--method, which conjecture does not take
                String m = e.getMessage();
                int cut = m.lastIndexOf("; ");
                throw new IllegalArgumentException(cut > 0 ? m.substring(0, cut) : m, e);
            }
            return a;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--template at " + describe(values) + " gives \"" + spec + "\": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The samples range {lo, hi} at {@code values}.
     *
     * @throws IllegalArgumentException if it is empty or below 1, naming the values
     * @throws ArithmeticException if an end overflows
     */
    public int[] samplesRange(Map<String, Integer> values) {
        Quantities.Builder b = Quantities.builder();
        values.forEach(b::put);
        Quantities q = b.build();
        long lo = samplesLow.evaluate(q);
        long hi = samplesHigh.evaluate(q);
        if (lo < 1 || hi < lo || hi > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--samples (" + samples + ") at " + describe(values) + " is " + lo + ".."
                    + hi + "; it must be a non-empty range of N >= 1");
        }
        return new int[] {(int) lo, (int) hi};
    }

    /**
     * One draw: the values of the variables and the case built from them.
     *
     * @param values the variables' values, in the order of the ranges
     * @param testCase the architecture at the values, N, the point (family {@link Family#CUSTOM})
     */
    public record Draw(Map<String, Integer> values, Case testCase) {
        public Draw {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            Objects.requireNonNull(testCase, "testCase");
        }

        /** {@code d=2 m=1 K=2 N=3}. */
        @Override
        public String toString() {
            return describe(values) + " N=" + testCase.samples();
        }
    }

    /**
     * The draw for {@code seed}: a pure function of the family and the seed.
     *
     * @throws IllegalArgumentException if the template does not parse, or the samples range is
     *     empty, at the drawn values (naming them)
     */
    public Draw draw(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Integer> values = new LinkedHashMap<>();
        ranges.forEach((k, r) -> values.put(k, r.value(rng.nextLong(r.count()))));
        Architecture a = architecture(values);
        int[] s = samplesRange(values);
        int n = s[0] + rng.nextInt(s[1] - s[0] + 1);
        int full = Math.min(n, a.input().size());
        int r = PointOptions.FULL_RANK;
        if (full >= 2 && rng.nextDouble() < 0.15) {
            r = 1 + rng.nextInt(full - 1);
        }
        double u = rng.nextDouble();
        Targets t = u < 0.8 ? Targets.RANDOM : u < 0.9 ? Targets.INTERPOLATE : Targets.ONE_HOT;
        long pointSeed = rng.nextLong() >>> 34;
        return new Draw(values, new Case(Family.CUSTOM, a, n, r, t, pointSeed, seed));
    }

    /** The draw at other values and N, keeping the point seed, data rank, targets and seed. */
    public Draw at(Draw d, Map<String, Integer> values, int n) {
        return new Draw(values, d.testCase().with(architecture(values), n, d.testCase().dataRank()));
    }

    /** The family of one drawn architecture, the argument of a conjecture ({@link NamedFamilies#template}). */
    public NamedFamily family(Draw d) {
        return NamedFamilies.template(template, d.testCase().architecture(), d.values());
    }

    /**
     * A refuting draw: the first failing draw, the shrunk one and its verdict.
     *
     * @param verdict the verdict at the shrunk draw
     * @param original the first failing draw
     * @param shrunk the smallest failing draw found
     * @param steps accepted shrink steps
     * @param evaluations checks made while shrinking
     */
    public record Counterexample(Verdict verdict, Draw original, Draw shrunk, int steps, int evaluations) {
    }

    /**
     * The outcome of {@link #check}.
     *
     * @param stats the verdict counts over the draws at which the conjecture applied
     * @param skipped draws without a differentiable point (a ReLU pre-activation stayed 0)
     * @param counterexample the shrunk refutation, if any
     */
    public record Result(long seed, int tries, StatementStats stats, int skipped, Optional<Counterexample> counterexample,
            double seconds) {
        /** True if some draw refuted the conjecture (above it, or below an exact one at two points). */
        public boolean refuted() {
            return counterexample.isPresent();
        }
    }

    /**
     * Checks the conjecture {@code claim} (built from the family of each draw) on {@code tries} draws
     * from {@code seed}, in parallel; shrinks the first refuting draw if {@code shrink}.
     *
     * @throws IllegalArgumentException if the claim cannot be built, or the template or samples
     *     range fails at some values tried, or the claim cannot be evaluated at some draw (naming
     *     the values and the cause)
     */
    public Result check(Function<NamedFamily, Statement> claim, int tries, long seed, boolean shrink) {
        Objects.requireNonNull(claim, "claim");
        if (tries < 1) {
            throw new IllegalArgumentException("tries (" + tries + ") must be >= 1");
        }
        long t0 = System.nanoTime();
        Statement probe = claim.apply(NamedFamilies.template(template, architecture(low()), low()));
        Draw[] draws = new Draw[tries];
        CaseResult[] results = new CaseResult[tries];
        RuntimeException[] errors = new RuntimeException[tries];
        IntStream.range(0, tries).parallel().forEach(i -> {
            try {
                draws[i] = draw(Generator.caseSeed(seed, i));
                results[i] = verify(claim, draws[i]);
            } catch (IllegalStateException e) {
                results[i] = null; // no differentiable point
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        });
        StatementStats.Builder stats = new StatementStats.Builder(probe);
        int skipped = 0;
        int first = -1;
        for (int i = 0; i < tries; i++) {
            if (errors[i] != null) {
                throw draws[i] == null ? errors[i] : new IllegalArgumentException("the conjecture could not be evaluated at " + draws[i] + ": "
                                + errors[i].getMessage(), errors[i]);
            }
            if (results[i] == null) {
                skipped++;
                continue;
            }
            for (Verdict v : results[i].verdicts()) {
                stats.add(draws[i].testCase(), v);
                if (first < 0 && fails(v)) {
                    first = i;
                }
            }
        }
        Optional<Counterexample> ce = Optional.empty();
        if (first >= 0) {
            Verdict v = results[first].verdicts().get(0);
            ce = Optional.of(shrink ? shrink(claim, draws[first], v) : new Counterexample(v, draws[first], draws[first], 0, 0));
        }
        return new Result(seed, tries, stats.build(tries), skipped, ce, (System.nanoTime() - t0) / 1e9);
    }

    private static boolean fails(Verdict v) {
        return v.outcome() == Verdict.Outcome.VIOLATED || v.outcome() == Verdict.Outcome.BELOW_EXACT;
    }

    private CaseResult verify(Function<NamedFamily, Statement> claim, Draw d) {
        return Verifier.of(List.of(claim.apply(family(d)))).verify(d.testCase());
    }

    /** The failing verdict at {@code d}, or null if the claim holds or does not apply (or no point could be drawn). */
    private Verdict failing(Function<NamedFamily, Statement> claim, Draw d) {
        try {
            return verify(claim, d).verdicts().stream().filter(TemplateFamily::fails).findFirst().orElse(null);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private Counterexample shrink(Function<NamedFamily, Statement> claim, Draw failing, Verdict verdict) {
        Shrinking sh = new Shrinking(claim, failing, verdict);
        boolean changed = true;
        while (changed && sh.evals < MAX_SHRINK_EVALUATIONS) {
            changed = false;
            for (SpecTemplate.Range r : ranges.values()) {
                int now = sh.cur.values().get(r.name());
                for (long k = 0; r.value(k) < now && sh.evals < MAX_SHRINK_EVALUATIONS; k++) {
                    Map<String, Integer> vs = new LinkedHashMap<>(sh.cur.values());
                    vs.put(r.name(), r.value(k));
                    int[] s = samplesRange(vs);
                    if (sh.accepts(at(sh.cur, vs, Math.min(Math.max(sh.cur.testCase().samples(), s[0]), s[1])))) {
                        changed = true;
                        break;
                    }
                }
            }
            int[] s = samplesRange(sh.cur.values());
            for (int n = s[0]; n < sh.cur.testCase().samples() && sh.evals < MAX_SHRINK_EVALUATIONS; n++) {
                if (sh.accepts(at(sh.cur, sh.cur.values(), n))) {
                    changed = true;
                    break;
                }
            }
        }
        return new Counterexample(sh.at, failing, sh.cur, sh.steps, sh.evals);
    }

    /** The state of one shrink: the smallest failing draw so far, its verdict and the counts. */
    private final class Shrinking {
        private final Function<NamedFamily, Statement> claim;
        private Draw cur;
        private Verdict at;
        private int steps;
        private int evals;

        Shrinking(Function<NamedFamily, Statement> claim, Draw cur, Verdict at) {
            this.claim = claim;
            this.cur = cur;
            this.at = at;
        }

        /** Evaluates a candidate; keeps it (and returns true) if the claim still fails there. */
        boolean accepts(Draw candidate) {
            evals++;
            Verdict v = failing(claim, candidate);
            if (v == null) {
                return false;
            }
            cur = candidate;
            at = v;
            steps++;
            return true;
        }
    }

    /** The ranges as {@code --vary} options and the samples, e.g. {@code d=2..5 m=1..6, N={d}+1..30}. */
    @Override
    public String toString() {
        List<String> rs = new ArrayList<>();
        ranges.values().forEach(r -> rs.add(r.toString()));
        return String.format(Locale.ROOT, "%s with %s, N=%s", template, String.join(" ", rs), samples);
    }
}
