package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Verdict.Outcome;

/**
 * A property-based run: draw cases from generators, verify each against the statements, collect
 * {@link StatementStats}, and shrink the first violated (and the first below-exact) case of each
 * statement to a {@link Counterexample}. Immutable builder; {@link #run()} does the work.
 *
 * <pre>{@code
 * SweepReport r = Sweep.of(List.of(myConjecture)).generators(Architectures.locallyConnected())
 *         .tries(60).seed(7).run();
 * assertTrue(r.problems().isEmpty(), r.failureMessage());
 * }</pre>
 *
 * <p><b>Reproducibility.</b> Case i is {@code generators[i mod g].generate(Generator.caseSeed(seed, i))};
 * results do not depend on thread scheduling (cases run in parallel, statistics are gathered in
 * case order).
 *
 * <p><b>Generators.</b> By default every family of {@link Architectures#all()} whose first
 * {@value #PROBE} cases make at least one statement applicable (a cheap probe: point facts only,
 * no Hessians), all with {@link #maxParameters} if set.
 *
 * <p>Cost: per case one point draw and facts, plus the Hessians of the points measured when a
 * statement applies; shrinking costs up to {@link Shrinker#DEFAULT_MAX_EVALUATIONS} verifications
 * per counterexample.
 */
public final class Sweep {
    /** Cases per family in the applicability probe. */
    public static final int PROBE = 24;

    /** Receives progress: cases done, cases in total, violations so far. Called from worker threads. */
    @FunctionalInterface
    public interface Listener {
        void update(int done, int total, int violations);
    }

    private final List<Statement> statements;
    private final List<Generator> generators;
    private final int tries;
    private final long seed;
    private final int maxParameters;
    private final boolean shrink;
    private final Listener listener;

    private Sweep(List<Statement> statements, List<Generator> generators, int tries, long seed, int maxParameters,
            boolean shrink, Listener listener) {
        this.statements = statements;
        this.generators = generators;
        this.tries = tries;
        this.seed = seed;
        this.maxParameters = maxParameters;
        this.shrink = shrink;
        this.listener = listener;
    }

    /**
     * A sweep of {@code statements}: 200 tries, seed 1, default generators, shrinking on.
     *
     * @throws IllegalArgumentException if the list is empty or holds a sweep statement (FC-SQRT,
     *     CNN-SQRT: growth laws over widths, not decided per case)
     */
    public static Sweep of(Collection<? extends Statement> statements) {
        Objects.requireNonNull(statements, "statements");
        List<Statement> perCase = new ArrayList<>();
        for (Statement s : statements) {
            if (!Claims.perCase(s)) {
                throw new IllegalArgumentException("statement " + s.id() + " is a sweep statement (a growth law over"
                        + " widths), not checked per case");
            }
            perCase.add(s);
        }
        if (perCase.isEmpty()) {
            throw new IllegalArgumentException("statements (0) must not be empty");
        }
        return new Sweep(List.copyOf(perCase), List.of(), 200, 1, 0, true, (d, t, v) -> { });
    }

    /** Draw from these generators, round robin (instead of the probed default families). */
    public Sweep generators(Generator... gens) {
        return generators(List.of(gens));
    }

    /** Draw from these generators, round robin. */
    public Sweep generators(List<Generator> gens) {
        if (gens.isEmpty()) {
            throw new IllegalArgumentException("generators (0) must not be empty");
        }
        return new Sweep(statements, List.copyOf(gens), tries, seed, maxParameters, shrink, listener);
    }

    /** Number of cases in total (≥ 1). */
    public Sweep tries(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("tries (" + n + ") must be >= 1");
        }
        return new Sweep(statements, generators, n, seed, maxParameters, shrink, listener);
    }

    public Sweep seed(long s) {
        return new Sweep(statements, generators, tries, s, maxParameters, shrink, listener);
    }

    /** Caps p on every generator (≥ 1). */
    public Sweep maxParameters(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("maxParameters (" + p + ") must be >= 1");
        }
        return new Sweep(statements, generators, tries, seed, p, shrink, listener);
    }

    public Sweep shrink(boolean on) {
        return new Sweep(statements, generators, tries, seed, maxParameters, on, listener);
    }

    public Sweep listener(Listener l) {
        return new Sweep(statements, generators, tries, seed, maxParameters, shrink, Objects.requireNonNull(l, "listener"));
    }

    /** The generators a run uses (probing the families if none were given). */
    public List<Generator> resolvedGenerators() {
        List<Generator> gens = generators.isEmpty() ? probe() : generators;
        if (maxParameters > 0) {
            gens = gens.stream().map(g -> g.maxParameters(maxParameters)).toList();
        }
        return gens;
    }

    private List<Generator> probe() {
        Verifier v = Verifier.of(statements);
        List<Generator> out = new ArrayList<>();
        for (Generator g0 : Architectures.all()) {
            Generator g = maxParameters > 0 ? g0.maxParameters(maxParameters) : g0;
            boolean any = false;
            for (int i = 0; i < PROBE && !any; i++) {
                try {
                    Case c = g.generate(Generator.caseSeed(seed ^ 0x5EED, i));
                    Architecture a = c.architecture();
                    LoweredNetwork net = a.lower();
                    Point pt = Points.draw(net, c.pointOptions(0));
                    Instance inst = Instances.of(a, net, pt);
                    any = !v.applicable(inst).isEmpty();
                } catch (RuntimeException e) {
                    // an undrawable case says nothing about applicability
                }
            }
            if (any) {
                out.add(g);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("statements " + statements.stream().map(Statement::id).toList()
                    + " apply to no generated family in a probe of " + PROBE + " cases each; pass generators explicitly");
        }
        return out;
    }

    /** Runs the sweep. */
    public SweepReport run() {
        long t0 = System.nanoTime();
        List<Generator> gens = resolvedGenerators();
        Verifier verifier = Verifier.of(statements);
        Case[] cases = new Case[tries];
        CaseResult[] results = new CaseResult[tries];
        String[] errors = new String[tries];
        String[] skipped = new String[tries];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        IntStream.range(0, tries).parallel().forEach(i -> {
            Generator g = gens.get(i % gens.size());
            long s = Generator.caseSeed(seed, i);
            try {
                cases[i] = g.generate(s);
                results[i] = verifier.verify(cases[i]);
                if (results[i].anyViolated()) {
                    violations.incrementAndGet();
                }
            } catch (IllegalStateException e) {
                // no differentiable point: every draw had a zero ReLU pre-activation
                skipped[i] = "case " + i + " (" + cases[i] + "): " + e.getMessage();
            } catch (RuntimeException e) {
                errors[i] = "case " + i + " (" + g.describe() + ".generate(" + s + ")"
                        + (cases[i] == null ? "" : " = " + cases[i]) + "): "
                        // bad input (a formula that cannot be evaluated) in words; anything else with its class
                        + (e instanceof IllegalArgumentException || e instanceof ArithmeticException ? e.getMessage() : e);
            }
            listener.update(done.incrementAndGet(), tries, violations.get());
        });
        Map<String, StatementStats.Builder> builders = new LinkedHashMap<>();
        for (Statement st : statements) {
            builders.put(st.id(), new StatementStats.Builder(st));
        }
        Map<String, Integer> firstViolation = new LinkedHashMap<>();
        Map<String, Integer> firstBelow = new LinkedHashMap<>();
        List<String> errorList = new ArrayList<>();
        List<String> skippedList = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            if (errors[i] != null) {
                errorList.add(errors[i]);
                continue;
            }
            if (skipped[i] != null) {
                skippedList.add(skipped[i]);
                continue;
            }
            for (Verdict v : results[i].verdicts()) {
                builders.get(v.id()).add(cases[i], v);
                if (v.outcome() == Outcome.VIOLATED) {
                    firstViolation.putIfAbsent(v.id(), i);
                } else if (v.outcome() == Outcome.BELOW_EXACT) {
                    firstBelow.putIfAbsent(v.id(), i);
                }
            }
        }
        List<StatementStats> stats = builders.values().stream().map(b -> b.build(tries)).toList();
        List<Counterexample> ces = new ArrayList<>();
        for (Statement st : statements) {
            Integer i = firstViolation.get(st.id());
            Outcome o = Outcome.VIOLATED;
            if (i == null) {
                i = firstBelow.get(st.id());
                o = Outcome.BELOW_EXACT;
            }
            if (i != null) {
                ces.add(counterexample(st, o, results[i], gens.get(i % gens.size()))); // the generator of case i
            }
        }
        return new SweepReport(seed, tries, gens, stats, ces, skippedList, errorList, (System.nanoTime() - t0) / 1e9);
    }

    private Counterexample counterexample(Statement st, Outcome outcome, CaseResult first, Generator g) {
        Verifier single = Verifier.of(List.of(st));
        Case c = first.testCase();
        Verdict v = first.verdict(st.id()).orElseThrow();
        if (!shrink) {
            return new Counterexample(v, c, c, g.describe(), 0);
        }
        Shrinker.Result r = Shrinker.shrink(c,
                cand -> single.verify(cand).verdict(st.id()).map(x -> x.outcome() == outcome).orElse(false), g);
        Verdict at = r.minimal() == c ? v : single.verify(r.minimal()).verdict(st.id()).orElse(v);
        return new Counterexample(at, c, r.minimal(), g.describe(), r.steps());
    }
}
