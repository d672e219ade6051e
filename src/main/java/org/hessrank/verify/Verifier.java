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
        Instance i0 = Facts.instance(arch, net, p0);
        List<Statement> app = applicable(i0);
        if (app.isEmpty()) {
            return new CaseResult(c, List.of(), List.of());
        }
        List<Measurement> ms = new ArrayList<>();
        ms.add(Measurement.modular(arch, net, p0, i0, primeSeed(c.pointSeed())));
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
            ms.add(Measurement.modular(arch, net, pt, Facts.instance(arch, net, pt), primeSeed(o.seed())));
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
        int tightAt = -1;
        int bestAt = -1;
        long bestPred = 0;
        long bestMeas = -1;
        int below = 0;
        int considered = 0;
        for (int j = 0; j < ms.size(); j++) {
            Measurement m = ms.get(j);
            if (!Claims.applies(s, m.instance())) {
                continue;
            }
            OptionalLong pv = Claims.predict(s, m.instance(), m);
            long meas = m.rank(s.target());
            if (pv.isEmpty() || meas < 0) {
                continue;
            }
            considered++;
            long pred = pv.getAsLong();
            if (meas > pred) {
                return new Verdict(s, Outcome.VIOLATED, pred, meas, j, ms.size(), 0.0, m.evidence(s.target()));
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
            }
        }
        if (considered == 0) {
            return SKIP; // the target was not measured (e.g. a layer matrix too large for the exact side check)
        }
        if (tightAt >= 0) {
            Measurement m = ms.get(tightAt);
            return new Verdict(s, Outcome.TIGHT, bestPred, bestMeas, tightAt, ms.size(),
                    m.failureProbability(s.target()), m.evidence(s.target()));
        }
        Measurement m = ms.get(bestAt);
        if (s.kind() == Kind.BOUND) {
            return new Verdict(s, Outcome.HOLDS, bestPred, bestMeas, bestAt, ms.size(), m.failureProbability(s.target()),
                    m.evidence(s.target()));
        }
        if (below >= 2 || last || Claims.everyPoint(s)) {
            return new Verdict(s, Outcome.BELOW_EXACT, bestPred, bestMeas, bestAt, ms.size(),
                    m.failureProbability(s.target()), m.evidence(s.target()));
        }
        return null;
    }

}
