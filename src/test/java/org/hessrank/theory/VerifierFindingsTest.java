package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.Test;

/** Counterexamples the verifier found in earlier hypotheses, pinned with measured ranks. */
class VerifierFindingsTest {
    @Test
    void cnn1FAllConvNeedsEnoughHiddenPositions() {
        for (String spec : new String[] {"in(1,8) -> conv(1,k=6) -> conv(2,k=2)",
            "in(1,2,5) -> conv(1,k=2x3) -> conv(2,k=1x2)"}) {
            Architecture a = Architecture.parse(spec);
            // N = 1: H_F has rank 6, below 2m·min(a, b) = 8, because N·d_1 = 3 < min(a, b) = 4
            List<Measure.At> one = Measure.points(a, PointOptions.defaults().withSamples(1), 7, 3);
            assertEquals(6, Measure.max(one).f(), spec);
            assertFalse(ConvolutionalStatements.CNN1_F.appliesTo(one.get(0).instance()), spec);
            // 1D: N = 2 meets both counts; 2D also needs N >= min(a, b) = 4; the formula is then attained
            int enough = spec.startsWith("in(1,2,5)") ? 4 : 2;
            List<Measure.At> more = Measure.points(a, PointOptions.defaults().withSamples(enough), 7, 2);
            assertTrue(ConvolutionalStatements.CNN1_F.appliesTo(more.get(0).instance()), spec);
            assertEquals(8, ConvolutionalStatements.CNN1_F.predict(more.get(0).instance()).getAsLong(), spec);
            assertEquals(8, Measure.max(more).f(), spec);
        }
    }

    @Test
    void relu1hFNeedsAGenericResidual() {
        Architecture a = Architecture.parse("in(1) -> dense(2) -> relu -> dense(1)");
        List<Measure.At> at = Measure.points(a, PointOptions.defaults().withSamples(1)
                .withTargets(PointOptions.Targets.INTERPOLATE), 3, 1);
        assertEquals(0, Measure.max(at).f(), "zero residual: H_F = 0");
        assertFalse(FullyConnectedStatements.RELU_1H_F.appliesTo(at.get(0).instance()));
    }

    @Test
    void cnn1FIn2dAllConvNeedsAsManySamplesAsMinAB() {
        // in(1,5,5) -> conv(1,k=3) -> conv(2,k=2): a = 9, b = 8; at N = 1 the residual maps form a
        // doubly-block Toeplitz matrix of rank 7, so rank H_F = 14, not 2·min(a, b) = 16
        Architecture a = Architecture.parse("in(1,5,5) -> conv(1,k=3) -> conv(2,k=2)");
        List<Measure.At> one = Measure.points(a, PointOptions.defaults().withSamples(1), 11, 2);
        assertEquals(14, Measure.max(one).f());
        assertFalse(ConvolutionalStatements.CNN1_F.appliesTo(one.get(0).instance()));
        List<Measure.At> eight = Measure.points(a, PointOptions.defaults().withSamples(8), 11, 1);
        assertTrue(ConvolutionalStatements.CNN1_F.appliesTo(eight.get(0).instance()));
        assertEquals(16, Measure.max(eight).f());
    }

    @Test
    void cnn1OWithAnFcReadoutNeedsDataOfFullColumnRank() {
        // kernel = input length: the FC net d = 3, M = 1, K = 2; at N = 2, rank H_O = q(r + K − q) = 3
        Architecture a = Architecture.parse("in(1,3) -> conv(1,k=3) -> dense(2)");
        List<Measure.At> two = Measure.points(a, PointOptions.defaults().withSamples(2), 5, 2);
        assertEquals(3, Measure.max(two).o());
        assertFalse(ConvolutionalStatements.CNN1_O.appliesTo(two.get(0).instance()));
        List<Measure.At> three = Measure.points(a, PointOptions.defaults().withSamples(3), 5, 1);
        assertEquals(ConvolutionalStatements.CNN1_O.predict(three.get(0).instance()).getAsLong(), Measure.max(three).o());
    }

    @Test
    void relu1hFNeedsGenericResidualsOnTheActiveSets() {
        // one-hot targets: two active samples of one class make R_{A_m} rank-deficient
        Architecture a = Architecture.parse("in(8) -> dense(1) -> relu -> dense(5)");
        Measure.At at = Measure.points(a, PointOptions.defaults().withSamples(8)
                .withTargets(PointOptions.Targets.ONE_HOT), 4071145, 1).get(0);
        long predictedAsIfGeneric = 2L * at.instance().activeRanks().stream().mapToInt(r -> Math.min(5, r)).sum();
        assertTrue(at.ranks().f() < predictedAsIfGeneric, "the verifier's counterexample point");
        assertFalse(at.instance().activeResidualsGeneric());
        assertFalse(FullyConnectedStatements.RELU_1H_F.appliesTo(at.instance()));
        // the same net at a random-target point keeps the statement, and it holds there
        Measure.At generic = Measure.points(a, PointOptions.defaults().withSamples(8), 4071145, 1).get(0);
        assertTrue(generic.instance().activeResidualsGeneric());
        assertEquals(FullyConnectedStatements.RELU_1H_F.predict(generic.instance()).getAsLong(), generic.ranks().f());
    }
}
