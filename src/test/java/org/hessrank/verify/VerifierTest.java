package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hessrank.exact.Grade;
import org.hessrank.exact.RankResult;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.MatrixFreeRanks;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instances;
import org.hessrank.theory.Statement;
import org.hessrank.verify.Verdict.Outcome;
import org.junit.jupiter.api.Test;

class VerifierTest {
    /** docs/theorems.md reference row: d = 4, hidden [3], K = 2, N = 6: H_O 8, H_F 12, H_L 16. */
    private static final Case REF = Case.of(Family.FULLY_CONNECTED, "in(4) -> dense(3) -> dense(2)", 6, 1);

    @Test
    void tightAndViolatedWithCertifiedEvidence() {
        CaseResult r = Verifier.of(List.of(TestStatements.FC_O, TestStatements.FC_F, TestStatements.FALSE_BOUND))
                .verify(REF);
        Verdict o = r.verdict("FC-O").orElseThrow();
        assertEquals(Outcome.TIGHT, o.outcome());
        assertEquals(8, o.measured());
        assertEquals(8, o.predicted());
        assertEquals(12, r.verdict("FC-F").orElseThrow().measured());
        assertEquals(Outcome.TIGHT, r.verdict("FC-F").orElseThrow().outcome());
        Verdict bad = r.verdict("FALSE-O").orElseThrow();
        assertEquals(Outcome.VIOLATED, bad.outcome());
        assertEquals(7, bad.predicted());
        assertEquals(8, bad.measured());
        assertEquals(0.0, bad.failureProbability(), "a violation is certified");
        assertTrue(bad.evidence().contains("8x8 minor") && bad.evidence().contains("mod the prime"), bad.evidence());
        assertTrue(r.anyViolated());
        assertEquals(1, r.measurements().size(), "nothing needed a second point");
    }

    @Test
    void boundBelowIsHoldsAndExactBelowIsRecheckedThenBelowExact() {
        CaseResult r = Verifier.of(List.of(TestStatements.TOO_HIGH, boundAbove())).verify(REF);
        Verdict high = r.verdict("HIGH-O").orElseThrow();
        assertEquals(Outcome.BELOW_EXACT, high.outcome());
        assertEquals(2, high.pointsUsed(), "below-exact only after a second point agrees");
        assertEquals(2, r.measurements().size());
        assertEquals(Outcome.HOLDS, r.verdict("ABOVE-O").orElseThrow().outcome());
        assertTrue(r.verdict("HIGH-O").orElseThrow().failureProbability() > 0);
        // with one point allowed, below-exact is reported from one point
        assertEquals(1, Verifier.of(List.of(TestStatements.TOO_HIGH)).withMaxPoints(1).verify(REF).measurements().size());
    }

    private static Statement boundAbove() {
        return new TestStatements.Simple("ABOVE-O", Statement.Provenance.DERIVED, Statement.Kind.BOUND,
                Part.O, i -> TestStatements.widths(i.architecture()) == null ? -1 : 100);
    }

    @Test
    void belowAtADegeneratePointIsTightAtTheBetterPoint() {
        // the caller measured point 0 as if degenerate (rank 7 < 8); the verifier draws point 1
        // (seed + 1) itself, measures 8 there and calls the exact formula tight at point 1
        Architecture a = REF.architecture();
        LoweredNetwork net = a.lower();
        PointOptions o = REF.pointOptions(0);
        Point p0 = Points.draw(net, o);
        MeasuredPoint fake = measured(a, p0, o.seed(), new int[] {7, 12, 16}, 1e-12, Grade.CERTIFIED_LOWER_BOUND);
        List<Verdict> vs = Verifier.of(List.of(TestStatements.FC_O)).verdicts(a, net, List.of(fake), o);
        assertEquals(1, vs.size());
        Verdict v = vs.get(0);
        assertEquals(Outcome.TIGHT, v.outcome());
        assertEquals(1, v.point(), "decided at the re-check point");
        assertEquals(2, v.pointsUsed());
        assertEquals(8, v.measured());
        // decide() alone: one point below and another allowed -> re-check (null)
        assertInstanceOf(Verifier.Decision.Recheck.class, Verifier.decide(TestStatements.FC_O, List.of(fake), false));
        assertEquals(Outcome.BELOW_EXACT, decided(Verifier.decide(TestStatements.FC_O, List.of(fake), true)).outcome());
        MeasuredPoint fake2 = measured(a, Points.draw(net, o.withSeed(o.seed() + 1)), o.seed() + 1,
                new int[] {6, 12, 16}, 0, Grade.DETERMINISTIC);
        Verdict two = decided(Verifier.decide(TestStatements.FC_O, List.of(fake, fake2), false));
        assertEquals(Outcome.BELOW_EXACT, two.outcome(), "two points agree");
        assertEquals(7, two.measured(), "the better point is reported");
    }

    @Test
    void recheckPointsAreMeasuredByTheVerifiersMethod() {
        // point 0 as if degenerate (7 < 8); the re-check point is measured by Bareiss, as point 0 would be
        Architecture a = REF.architecture();
        LoweredNetwork net = a.lower();
        PointOptions o = REF.pointOptions(0);
        MeasuredPoint fake = measured(a, Points.draw(net, o), o.seed(), new int[] {7, 12, 16}, 0, Grade.DETERMINISTIC);
        Verdict v = Verifier.of(List.of(TestStatements.FC_O))
                .withMethod(HessianRanks.Method.BAREISS, MatrixFreeRanks.Compression.TOEPLITZ)
                .verdicts(a, net, List.of(fake), o).get(0);
        assertEquals(Outcome.TIGHT, v.outcome());
        assertEquals(1, v.point());
        assertEquals(0.0, v.failureProbability());
        assertTrue(v.evidence().contains("exactly (deterministic)"), v.evidence());
        Verdict modular = Verifier.of(List.of(TestStatements.FC_O)).verdicts(a, net, List.of(fake), o).get(0);
        assertTrue(modular.evidence().contains("mod the prime"), modular.evidence());
    }

    /** A point with hand-made ranks of H_O, H_F, H_L (no prime, no witness). */
    private static MeasuredPoint measured(Architecture a, Point p, long seed, int[] ranks, double failure, Grade grade) {
        Map<Part, RankResult> rs = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            rs.put(part, RankResult.of(ranks[rs.size()], grade, failure, null, null, "test"));
        }
        return MeasuredPoint.of(a, new Observation(p, seed, 0, rs, Map.of(), 0), Instances.of(a, p));
    }

    private static Verdict decided(Verifier.Decision d) {
        return assertInstanceOf(Verifier.Decision.Decided.class, d).verdict();
    }

    @Test
    void inapplicableStatementsGiveNoVerdictAndNoHessians() {
        Case conv = Case.of(Family.ONE_HIDDEN_CNN_1D, "in(1,6) -> conv(2,k=3) -> dense(2)", 5, 4);
        CaseResult r = Verifier.of(List.of(TestStatements.FC_O)).verify(conv);
        assertTrue(r.verdicts().isEmpty());
        assertTrue(r.measurements().isEmpty());
    }

    @Test
    void sweepStatisticsCountVerdictsAndShrinkCounterexamples() {
        SweepReport r = Sweep.of(List.of(TestStatements.FC_O, TestStatements.FALSE_BOUND))
                .generators(Architectures.fullyConnected().maxParameters(60)).tries(40).seed(5).run();
        StatementStats o = r.stats("FC-O").orElseThrow();
        assertEquals(40, o.tried());
        assertEquals(o.applicable(), o.tight() + o.holds() + o.violated() + o.belowExact());
        assertEquals(0, o.violated());
        assertEquals(o.genericApplicable(), o.genericTight());
        assertTrue(r.problems("FC-O").isEmpty(), r.failureMessage());
        StatementStats f = r.stats("FALSE-O").orElseThrow();
        assertTrue(f.violated() > 0);
        Counterexample c = r.counterexample("FALSE-O").orElseThrow();
        assertEquals(Outcome.VIOLATED, c.verdict().outcome());
        assertEquals("in(1) -> dense(1) -> dense(1)", c.shrunk().architecture().spec(), c.describe());
        assertEquals(1, c.shrunk().samples());
        assertTrue(c.describe().contains("hessrank rank --arch \"in(1) -> dense(1) -> dense(1)\" --samples 1 --seed "),
                c.describe());
        assertEquals(1, r.problems("FALSE-O").size());
        assertTrue(r.problems("FALSE-O").get(0).contains("smallest case"));
        // reproducible from the seed
        SweepReport again = Sweep.of(List.of(TestStatements.FC_O, TestStatements.FALSE_BOUND))
                .generators(Architectures.fullyConnected().maxParameters(60)).tries(40).seed(5).run();
        assertEquals(r.stats(), again.stats());
        assertEquals(r.counterexamples(), again.counterexamples());
    }

    @Test
    void tooRarelyTightIsAProblemForExactStatements() {
        SweepReport r = Sweep.of(List.of(TestStatements.TOO_HIGH)).generators(Architectures.fullyConnected())
                .tries(20).seed(2).shrink(false).run();
        StatementStats s = r.stats("HIGH-O").orElseThrow();
        assertTrue(s.expectedTight() && s.tooRarelyTight());
        assertTrue(r.problems("HIGH-O").get(0).contains("tight in only 0 of"), r.failureMessage());
    }

    /** The progress forecast of H_L is FC-L's prediction, which the measured rank equals on a generic FC net. */
    @org.junit.jupiter.api.Test
    void forecastIsTheCataloguedPrediction() {
        org.hessrank.net.Architecture a = org.hessrank.net.Architecture.parse("in(6) -> dense(5) -> dense(4) -> dense(3)");
        org.hessrank.net.LoweredNetwork net = a.lower();
        org.hessrank.hessian.PointOptions o = org.hessrank.hessian.PointOptions.defaults().withSeed(3).withSamples(10);
        org.hessrank.hessian.EvaluatedPoint at = org.hessrank.hessian.EvaluatedPoint.of(net,
                org.hessrank.hessian.Points.draw(net, o));
        Verifier v = Verifier.of(org.hessrank.theory.Catalogue.all());
        org.hessrank.hessian.RankForecast.Forecast l = v.forecast(a).forecast(at, org.hessrank.hessian.Part.L);
        org.junit.jupiter.api.Assertions.assertNotNull(l);
        long measured = org.hessrank.hessian.HessianRanks.observe(net, o, 1, org.hessrank.hessian.HessianRanks.Method.MODULAR,
                s -> { }).rank(org.hessrank.hessian.Part.L);
        assertEquals(measured, l.rank(), l.source());
        org.junit.jupiter.api.Assertions.assertNull(Verifier.of(List.of()).forecast(a).forecast(at,
                org.hessrank.hessian.Part.L));
    }
}
