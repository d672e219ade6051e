package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.hessrank.exact.Primes;
import org.hessrank.hessian.EvaluatedPoint;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.hessian.RankForecast;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;
import org.hessrank.theory.LayerStatement;
import org.hessrank.theory.PointStatement;
import org.hessrank.theory.Statement;
import org.hessrank.theory.Statement.Kind;
import org.hessrank.verify.Verdict.Outcome;

/**
 * Runs architectures against a list of statements and decides a {@link Verdict} for each
 * applicable one: the one orchestration from (architecture, point options, method) to
 * {@link Observations} (through {@link HessianRanks}) to verdicts. Immutable and thread-safe.
 *
 * <p><b>Verdicts</b> (docs/theorems.md "What the verifier must be able to say"; DESIGN.md "Rank at a
 * point versus generic rank"). Let m be the measured rank (a certified lower bound of the rank at
 * the point) and v the prediction.
 * <ul>
 *   <li>m &gt; v at any point: {@code violated}. Certified: for a bound, the rank exceeds it at that
 *       point; for an exact (generic) formula, the generic rank is at least the rank at any point,
 *       so it exceeds v. The evidence (witness minor, prime, point seed) is attached.</li>
 *   <li>m = v at some point: {@code tight}.</li>
 *   <li>m &lt; v for a bound: {@code holds}.</li>
 *   <li>m &lt; v for an exact formula: the point may be degenerate, so further points are measured
 *       (seeds pointSeed + 1, …, up to {@link #maxPoints}) by the same method as the first;
 *       {@code below-exact} is reported only if a second point is also below (one point suffices
 *       for claims made at every point), and the verdict is {@code tight} if any point reaches v.</li>
 * </ul>
 *
 * <p>Cost per case: one point draw and its facts (always), and, if any statement needs a Hessian
 * rank, one {@link HessianRanks#observe observation} per point measured (modular by default: the
 * modular Hessians and three eliminations, O(p²·r) each).
 */
public final class Verifier {
    /** Default number of points at most (the first and one re-check). */
    public static final int DEFAULT_MAX_POINTS = 2;

    private final List<Statement> statements;
    private final int maxPoints;
    private final HessianRanks.Method method;
    private final MatrixFreeRanks.Compression compression;

    private Verifier(List<Statement> statements, int maxPoints, HessianRanks.Method method,
            MatrixFreeRanks.Compression compression) {
        this.statements = statements;
        this.maxPoints = maxPoints;
        this.method = method;
        this.compression = compression;
    }

    /** A verifier of {@code statements} (in this order), measuring with the modular method. */
    public static Verifier of(Collection<? extends Statement> statements) {
        Objects.requireNonNull(statements, "statements");
        return new Verifier(List.copyOf(statements), DEFAULT_MAX_POINTS, HessianRanks.Method.MODULAR,
                MatrixFreeRanks.Compression.TOEPLITZ);
    }

    /** At most {@code k} points per case (k ≥ 1; default {@value #DEFAULT_MAX_POINTS}). */
    public Verifier withMaxPoints(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("maxPoints (" + k + ") must be >= 1");
        }
        return new Verifier(statements, k, method, compression);
    }

    /**
     * Measures every point, re-check points included, with {@code method} (and, for
     * {@link HessianRanks.Method#MATRIX_FREE}, {@code compression}).
     */
    public Verifier withMethod(HessianRanks.Method method, MatrixFreeRanks.Compression compression) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(compression, "compression");
        return new Verifier(statements, maxPoints, method, compression);
    }

    public HessianRanks.Method method() {
        return method;
    }

    public List<Statement> statements() {
        return statements;
    }

    public int maxPoints() {
        return maxPoints;
    }

    /** The statements that apply at this instance. */
    public List<Statement> applicable(Instance instance) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements) {
            if (Claims.applies(s, instance)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Verifies one case: draws point 0, finds the applicable statements, measures as many points
     * as the verdicts need, and decides.
     *
     * @throws IllegalStateException if the point cannot be drawn (zero ReLU pre-activations)
     */
    public CaseResult verify(Case c) {
        Architecture arch = c.architecture();
        LoweredNetwork net = arch.lower();
        PointOptions first = c.pointOptions(0);
        EvaluatedPoint p0 = EvaluatedPoint.of(net, Points.draw(net, first));
        Instance i0 = Instances.of(arch, p0);
        List<Statement> app = applicable(i0);
        if (app.isEmpty()) {
            return new CaseResult(c, List.of(), List.of());
        }
        List<MeasuredPoint> ms = new ArrayList<>();
        ms.add(MeasuredPoint.of(arch, observe(p0, first.seed(), needsHessians(app)), i0));
        return new CaseResult(c, ms, decideAll(app, arch, net, ms, first));
    }

    /**
     * The observations of one run and the verdicts on them.
     *
     * @param observations the run's points (re-check points are not among them)
     * @param verdicts one per applicable statement, in the verifier's statement order
     */
    public record Checked(Observations observations, List<Verdict> verdicts) {
        public Checked {
            Objects.requireNonNull(observations, "observations");
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * The spine from end to end, as {@code hessrank rank} and proofs-check figure points run it:
     * observes {@code points} points from {@code first} ({@link HessianRanks#observe}), then
     * decides every statement that applies at point 0, re-checking exact statements at further
     * points (seeds {@code first.seed() + points}, …) measured by the same method.
     *
     * @param net {@code arch} lowered (lowered once by the caller)
     * @param progress receives short phase descriptions (may be a no-op)
     */
    public Checked check(Architecture arch, LoweredNetwork net, PointOptions first, int points,
            Consumer<String> progress) {
        Observations run = HessianRanks.observe(net, first, points, method, compression, forecast(arch), progress);
        progress.accept("checking the statements");
        return new Checked(run, verdicts(arch, net, MeasuredPoint.of(arch, net, run), first));
    }

    /**
     * Forecasts for the progress line: the first applicable exact statement on the part, else the
     * smallest prediction of the applicable bounds that claim tightness.
     */
    RankForecast forecast(Architecture arch) {
        return (at, part) -> {
            Instance instance;
            try {
                instance = Instances.of(arch, at);
            } catch (RuntimeException e) {
                return null; // a forecast only feeds the progress line; the run decides with its own facts
            }
            RankForecast.Forecast best = null;
            for (Statement s : applicable(instance)) {
                OptionalLong v = s.target() == part ? s.predict(instance) : OptionalLong.empty();
                if (v.isEmpty()) {
                    continue;
                }
                if (s.kind() == Statement.Kind.EXACT) {
                    return new RankForecast.Forecast(v.getAsLong(), s.id());
                }
                if (s.claimsTightness() && (best == null || v.getAsLong() < best.rank())) {
                    best = new RankForecast.Forecast(v.getAsLong(), s.id());
                }
            }
            return best;
        };
    }

    /**
     * Verdicts on points measured by the caller (point 0 first, at least one), re-checking exact
     * statements at further points drawn with {@code first.withSeed(first.seed() + k)}, … and
     * measured by this verifier's method, as needed.
     *
     * @param first the options point 0 was drawn with
     */
    public List<Verdict> verdicts(Architecture arch, LoweredNetwork net, List<MeasuredPoint> measured,
            PointOptions first) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("measured (0 points) must hold at least one point");
        }
        List<Statement> app = applicable(measured.get(0).instance());
        return decideAll(app, arch, net, new ArrayList<>(measured), first);
    }

    private List<Verdict> decideAll(List<Statement> app, Architecture arch, LoweredNetwork net, List<MeasuredPoint> ms,
            PointOptions first) {
        while (true) {
            boolean last = ms.size() >= maxPoints;
            List<Verdict> out = new ArrayList<>();
            boolean recheck = false;
            for (Statement s : app) {
                Decision d = decide(s, ms, last);
                if (d instanceof Decision.Decided v) {
                    out.add(v.verdict());
                }
                recheck |= d instanceof Decision.Recheck;
            }
            if (!recheck) {
                return out;
            }
            PointOptions o = first.withSeed(first.seed() + ms.size());
            EvaluatedPoint pt = EvaluatedPoint.of(net, Points.draw(net, o));
            Instance instance = Instances.of(arch, pt);
            ms.add(MeasuredPoint.of(arch, observe(pt, o.seed(), needsHessians(app)), instance));
        }
    }

    /** One point measured on its own (a run of one), or only drawn when no statement needs a Hessian. */
    private Observation observe(EvaluatedPoint at, long seed, boolean hessians) {
        return hessians ? HessianRanks.observe(at, seed, method, compression, Primes.sourceFor(seed), "point",
                phase -> { }) : Observation.unmeasured(at.point(), seed);
    }

    /** What {@link #decide} concluded for one statement. */
    sealed interface Decision {
        /** A verdict. */
        record Decided(Verdict verdict) implements Decision {
        }

        /** An exact statement below its prediction at every point so far, and another point allowed. */
        record Recheck() implements Decision {
        }

        /** The statement's matrix was measured at no point (e.g. a layer matrix too large for the exact side check). */
        record Unmeasured() implements Decision {
        }
    }

    private static boolean needsHessians(List<Statement> app) {
        return app.stream().anyMatch(Claims::needsHessians);
    }

    /**
     * The decision on {@code s} over the measurements: a verdict; {@link Decision.Recheck} if an
     * exact statement is below at every point so far and another point is allowed ({@code last}
     * false); {@link Decision.Unmeasured} if its matrix was measured at no point.
     */
    static Decision decide(Statement s, List<MeasuredPoint> ms, boolean last) {
        if (s instanceof PointStatement ps) {
            return new Decision.Decided(decidePoint(ps, ms));
        }
        int tightAt = -1;
        int bestAt = -1;
        long bestPred = 0;
        long bestMeas = -1;
        String bestEvidence = "";
        int below = 0;
        int considered = 0;
        for (int j = 0; j < ms.size(); j++) {
            MeasuredPoint m = ms.get(j);
            if (!Claims.applies(s, m.instance())) {
                continue;
            }
            long pred;
            long meas;
            String evidence;
            if (s instanceof LayerStatement ls) {
                // per layer: any layer above refutes; otherwise the layer furthest below decides
                long[] worst = null;
                for (int layer : ls.layers(m.instance())) {
                    OptionalLong pl = ls.predictLayer(m.instance(), layer);
                    int ml = m.layerRank(layer);
                    if (pl.isEmpty() || ml < 0) {
                        continue;
                    }
                    if (ml > pl.getAsLong()) {
                        return new Decision.Decided(new Verdict(s, Outcome.VIOLATED, pl.getAsLong(), ml, j, ms.size(),
                                0.0, m.layerEvidence(layer)));
                    }
                    if (worst == null || ml - pl.getAsLong() < worst[1] - worst[0]) {
                        worst = new long[] {pl.getAsLong(), ml, layer};
                    }
                }
                if (worst == null) {
                    continue;
                }
                pred = worst[0];
                meas = worst[1];
                evidence = m.layerEvidence((int) worst[2]);
            } else {
                OptionalLong pv = Claims.predict(s, m.instance(), m);
                meas = m.rank(s.target());
                if (pv.isEmpty() || meas < 0) {
                    continue;
                }
                pred = pv.getAsLong();
                evidence = m.evidence(s.target());
            }
            considered++;
            if (meas > pred) {
                return new Decision.Decided(new Verdict(s, Outcome.VIOLATED, pred, meas, j, ms.size(), 0.0, evidence));
            }
            if (meas == pred && tightAt < 0) {
                tightAt = j;
            }
            if (meas < pred) {
                below++;
            }
            if (bestAt < 0 || meas - pred > bestMeas - bestPred) {
                bestAt = j;
                bestMeas = meas;
                bestPred = pred;
                bestEvidence = evidence;
            }
        }
        if (considered == 0) {
            return new Decision.Unmeasured();
        }
        Outcome outcome;
        if (tightAt >= 0) {
            outcome = Outcome.TIGHT; // the best point reaches the prediction (bestAt maximises measured − predicted ≤ 0)
        } else if (s.kind() == Kind.BOUND) {
            outcome = Outcome.HOLDS;
        } else if (below >= 2 || last || Claims.everyPoint(s)) {
            outcome = Outcome.BELOW_EXACT;
        } else {
            return new Decision.Recheck();
        }
        return new Decision.Decided(new Verdict(s, outcome, bestPred, bestMeas, bestAt, ms.size(),
                ms.get(bestAt).failureProbability(s.target()), bestEvidence));
    }

    /** An exact identity at the point (FC-NULL, TOE-SHAPE): decided deterministically at point 0. */
    private static Verdict decidePoint(PointStatement s, List<MeasuredPoint> ms) {
        MeasuredPoint m = ms.get(0);
        PointStatement.IdentityCheck v = s.check(m.instance().architecture(), m.point());
        return new Verdict(s, v.holds() ? Outcome.TIGHT : Outcome.VIOLATED, Verdict.NOT_A_RANK, Verdict.NOT_A_RANK, 0,
                ms.size(), 0.0, v.detail() + " (deterministic, point seed " + m.seed() + ")");
    }

}
