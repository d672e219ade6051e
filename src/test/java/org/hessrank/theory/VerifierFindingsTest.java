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
            // N = 2: both counts are met and the formula is attained
            List<Measure.At> two = Measure.points(a, PointOptions.defaults().withSamples(2), 7, 2);
            assertTrue(ConvolutionalStatements.CNN1_F.appliesTo(two.get(0).instance()), spec);
            assertEquals(8, ConvolutionalStatements.CNN1_F.predict(two.get(0).instance()).getAsLong(), spec);
            assertEquals(8, Measure.max(two).f(), spec);
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
}
