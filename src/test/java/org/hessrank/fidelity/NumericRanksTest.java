package org.hessrank.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Loss;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.hessian.RealPoint;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact, float64 and apfloat ranks at one point; the studies refuse an unknown name. */
class NumericRanksTest {
    /** docs/theorems.md reference row d=6, [5,4], K=3, N=10: 18, 45, 54 in every number system. */
    @Test
    void referenceNetAgreesInEveryNumberSystem() {
        LoweredNetwork net = Architecture.parse("in(6) -> dense(5) -> dense(4) -> dense(3)").lower();
        PointOptions o = PointOptions.defaults().withSamples(10).withSeed(1);
        RealPoint rp = RealPoint.of(Points.draw(net, o), o.range(), 0);
        Map<Part, NumericRanks.ExactAndNumeric> r = NumericRanks.evaluate(net, rp, Loss.MSE, true, Precision.parse("30"),
                Tolerance.numpyDefault(), new SplittableRandom(5), true);
        int[] expected = {18, 45, 54};
        for (Part part : Part.hessianParts()) {
            NumericRanks.ExactAndNumeric pr = r.get(part);
            assertEquals(expected[part.ordinal()], pr.exact(), "H_" + part);
            assertTrue(pr.failure() > 0 && pr.failure() < 1e-6, "H_" + part + ": " + pr.failure());
            assertEquals(pr.exact(), pr.float64().rank());
            assertEquals(pr.exact(), pr.high().rank());
            assertFalse(pr.disagrees(pr.float64()));
        }
    }

    /** The phases are named as they start, so that fidelity point can show where its time goes. */
    @Test
    void phasesAreReportedInOrder() {
        LoweredNetwork net = Architecture.parse("in(3) -> dense(2) -> dense(2)").lower();
        PointOptions o = PointOptions.defaults().withSamples(4).withSeed(3);
        java.util.List<String> phases = new java.util.ArrayList<>();
        NumericRanks.evaluate(net, RealPoint.of(Points.draw(net, o), o.range(), 0), Loss.MSE, true,
                Precision.parse("20"), Tolerance.numpyDefault(), new SplittableRandom(5), true, phases::add);
        assertEquals(java.util.List.of("exact ranks", "float64 Hessians", "float64 SVD H_O", "float64 SVD H_F",
                "float64 SVD H_L", "20-digit Hessians (p = 10)", "20-digit elimination H_O", "20-digit elimination H_F",
                "20-digit elimination H_L"), phases);
    }

    @Test
    void tanhHasNoExactRankAndNothingDisagreesWithIt() {
        LoweredNetwork net = Architecture.parse("in(3) -> dense(4) -> tanh -> dense(2)").lower();
        assertFalse(NumericRanks.exactOverQ(net));
        assertTrue(NumericRanks.exactOverQ(Architecture.parse("in(3) -> dense(4) -> relu -> dense(2)").lower()));
        PointOptions o = PointOptions.defaults().withSamples(3).withSeed(2);
        Map<Part, NumericRanks.ExactAndNumeric> r = NumericRanks.evaluate(net, RealPoint.of(Points.draw(net, o), o.range(), 0),
                Loss.MSE, true, null, Tolerance.numpyDefault(), new SplittableRandom(5), true);
        for (NumericRanks.ExactAndNumeric pr : r.values()) {
            assertEquals(-1, pr.exact());
            assertNull(pr.high());
            assertFalse(pr.disagrees(pr.float64()));
        }
    }

    @Test
    void decades() {
        assertEquals("-", NumericRanks.decades(Double.NaN));
        assertEquals("inf", NumericRanks.decades(Double.POSITIVE_INFINITY));
        assertEquals("3.2 dec", NumericRanks.decades(3.21));
    }

    @Test
    void unknownStudyIsRefused(@TempDir Path dir) {
        FidelityStudies s = new FidelityStudies(dir, Precision.parse("30"), 1, line -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.run("quad"));
        assertEquals("study (quad) must be float64, nonlinear or cross-entropy", e.getMessage());
        assertEquals(3, FidelityStudies.STUDIES.size());
    }
}
