package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
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
 * applicable one. Immutable and thread-safe.
 *
 * <p><b>Verdicts</b> (THEOREMS.md "What the verifier must be able to say"; DESIGN.md "Rank at a
 * point versus generic rank"). Let m be the measured rank (a certified lower bound of the rank at
 * the point) and v the prediction.
 * <ul>
 *   <li>m &gt; v at any point: {@code violated}. Certified: for a bound, the rank exceeds it at that
 *       point; for an exact (generic) formula, the generic rank is at least the rank at any point,
 *       so it exceeds v. The evidence (witness minor, prime, point seed) is attached.</li>
 *   <li>m = v at some point: {@code tight}.</li>
 *   <li>m &lt; v for a bound: {@code holds}.</li>
 *   <li>m &lt; v for an exact formula: the point may be degenerate, so further points are measured
 *       (seeds pointSeed + 1, …, up to {@link #maxPoints}); {@code below-exact} is reported only if
 *       a second point is also below (one point suffices for claims made at every point), and the
 *       verdict is {@code tight} if any point reaches v.</li>
 * </ul>
 *
 * <p>Cost per case: one point draw and its facts (always), and, if any statement applies, the
 * modular Hessians and three eliminations per point measured (O(p²·r) each).
 */
public final class Verifier {
    /** Default number of points at most (the first and one re-check). */
    public static final int DEFAULT_MAX_POINTS = 2;

    private final List<Statement> statements;
    private final int maxPoints;

    private Verifier(List<Statement> statements, int maxPoints) {
        this.statements = statements;
        this.maxPoints = maxPoints;
    }

    /** A verifier of {@code statements} (in this order). */
    public static Verifier of(Collection<? extends Statement> statements) {
        Objects.requireNonNull(statements, "statements");
        return new Verifier(List.copyOf(statements), DEFAULT_MAX_POINTS);
    }

    /** At most {@code k} points per case (k ≥ 1; default {@value #DEFAULT_MAX_POINTS}). */
    public Verifier withMaxPoints(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("maxPoints (" + k + ") must be >= 1");
        }
        return new Verifier(statements, k);
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
     * Verifies one case: draws point 0, finds the applicable statements, measures (mod a random
     * prime) as many points as the verdicts need, and decides.
     *
     * @throws IllegalStateException if the point cannot be drawn (zero ReLU pre-activations)
     */
    public CaseResult verify(Case c) {
        Architecture arch = c.architecture();
        LoweredNetwork net = arch.lower();
        Point p0 = Points.draw(net, c.pointOptions(0));
        Instance i0 = Instances.of(arch, p0);
        List<Statement> app = applicable(i0);
        if (app.isEmpty()) {
            return new CaseResult(c, List.of(), List.of());
        }
        List<Measurement> ms = new ArrayList<>();
        ms.add(Measurement.modular(arch, net, p0, i0, primeSeed(c.pointSeed()), needsHessians(app)));
        return new CaseResult(c, ms, decideAll(app, arch, net, ms, c.pointOptions(0)));
    }

    /**
     * Verdicts for ranks the caller measured itself at points 0..k−1 (all points of one
     * architecture), re-checking exact statements at further modular points drawn with
     * {@code further.withSeed(firstSeed + k)}, … as needed.
     *
     * @param arch the architecture
     * @param measured the caller's measurements, point 0 first (at least one)
     * @param firstPoint the options point 0 was drawn with
     */
    public List<Verdict> verdicts(Architecture arch, List<Measurement> measured, PointOptions firstPoint) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("measured (0 points) must hold at least one point");
        }
        LoweredNetwork net = arch.lower();
        List<Statement> app = applicable(measured.get(0).instance());
        return decideAll(app, arch, net, new ArrayList<>(measured), firstPoint);
    }

    private List<Verdict> decideAll(List<Statement> app, Architecture arch, LoweredNetwork net, List<Measurement> ms,
            PointOptions first) {
        while (true) {
            boolean last = ms.size() >= maxPoints;
            List<Verdict> out = new ArrayList<>();
            boolean recheck = false;
            for (Statement s : app) {
                Verdict v = decide(s, ms, last);
                if (v == null) {
                    recheck = true;
                } else if (v != SKIP) {
                    out.add(v);
                }
            }
            if (!recheck) {
                return out;
            }
            int k = ms.size();
            PointOptions o = first.withSeed(first.seed() + k);
            Point pt = Points.draw(net, o);
            ms.add(Measurement.modular(arch, net, pt, Instances.of(arch, pt), primeSeed(o.seed()), needsHessians(app)));
        }
    }

    private static final Verdict SKIP = new Verdict(new Skip(), Outcome.HOLDS, 0, 0, 0, 0, 0, "");

    /** Placeholder statement of the SKIP sentinel. */
    private static final class Skip implements Statement {
        @Override public String id() { return "skip"; }
        @Override public String source() { return ""; }
        @Override public Provenance provenance() { return Provenance.CONJECTURE; }
        @Override public Kind kind() { return Kind.BOUND; }
        @Override public Target target() { return Target.H_O; }
        @Override public String hypothesis() { return ""; }
        @Override public String formula() { return ""; }
        @Override public OptionalLong predict(Instance instance) { return OptionalLong.empty(); }
    }

    private static boolean needsHessians(List<Statement> app) {
        return app.stream().anyMatch(Claims::needsHessians);
    }

    /** The seed of the random prime used at the point with seed {@code pointSeed}. */
    static long primeSeed(long pointSeed) {
        return pointSeed ^ 0x6A09E667F3BCC909L;
    }

    /**
     * The verdict of {@code s} over the measurements; null if an exact statement is below at
     * every point so far and another point is allowed ({@code last} false); {@code SKIP} if its
     * target was measured at no point.
     */
    static Verdict decide(Statement s, List<Measurement> ms, boolean last) {
        if (s instanceof PointStatement ps) {
            return decidePoint(ps, ms);
        }
        int tightAt = -1;
        int bestAt = -1;
        long bestPred = 0;
        long bestMeas = -1;
        String bestEvidence = "";
        int below = 0;
        int considered = 0;
        for (int j = 0; j < ms.size(); j++) {
            Measurement m = ms.get(j);
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
                        return new Verdict(s, Outcome.VIOLATED, pl.getAsLong(), ml, j, ms.size(), 0.0,
                                m.layerEvidence(layer));
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
                return new Verdict(s, Outcome.VIOLATED, pred, meas, j, ms.size(), 0.0, evidence);
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
            return SKIP; // the target was not measured (e.g. a layer matrix too large for the exact side check)
        }
        Measurement m = ms.get(bestAt);
        if (tightAt >= 0) {
            // the best point reaches the prediction (bestAt maximises measured − predicted ≤ 0)
            return new Verdict(s, Outcome.TIGHT, bestPred, bestMeas, bestAt, ms.size(), m.failureProbability(s.target()),
                    bestEvidence);
        }
        if (s.kind() == Kind.BOUND) {
            return new Verdict(s, Outcome.HOLDS, bestPred, bestMeas, bestAt, ms.size(), m.failureProbability(s.target()),
                    bestEvidence);
        }
        if (below >= 2 || last || Claims.everyPoint(s)) {
            return new Verdict(s, Outcome.BELOW_EXACT, bestPred, bestMeas, bestAt, ms.size(),
                    m.failureProbability(s.target()), bestEvidence);
        }
        return null;
    }

    /** An exact identity at the point (FC-NULL, TOE-SHAPE): decided deterministically at point 0. */
    private static Verdict decidePoint(PointStatement s, List<Measurement> ms) {
        Measurement m = ms.get(0);
        PointStatement.Verdict v = s.check(m.instance().architecture(), m.point());
        return new Verdict(s, v.holds() ? Outcome.TIGHT : Outcome.VIOLATED, Verdict.NOT_A_RANK, Verdict.NOT_A_RANK, 0,
                ms.size(), 0.0, v.detail() + " (deterministic, point seed " + m.seed() + ")");
    }

}
