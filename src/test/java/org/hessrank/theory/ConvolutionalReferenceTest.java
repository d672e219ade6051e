package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.Test;

/**
 * docs/theorems.md's CNN reference rows (numbers typed from docs/theorems.md): exact statements predict the
 * listed value, bounds are at least the listed value (and equal where docs/theorems.md's value is
 * tight), plus the measured rows that are cheap enough to recompute here.
 */
class ConvolutionalReferenceTest {
    static long v(Statement s, Instance i) {
        assertTrue(s.appliesTo(i), s.id() + " must apply to " + i.architecture());
        return s.predict(i).getAsLong();
    }

    @Test
    void allConv1d() {
        // m_0=1, k_1=3, m=4, K=2, k_2=3, N large: H_O 10, H_F 24, H_L 33
        Instance i = Instance.generic(Architecture.parse("in(1,8) -> conv(4,k=3) -> conv(2,k=3)"), 40);
        assertEquals(10, v(ConvolutionalStatements.CNN1_O, i));
        assertEquals(24, v(ConvolutionalStatements.CNN1_F, i));
        assertEquals(33, ConvolutionalStatements.CNN1_L.predict(i, PartRanks.of(10, 24, 33)).getAsLong());
    }

    @Test
    void fcReadout() {
        // conv 1→2, k=3 on d_0=8, FC readout K=3, N=30: H_O 24, H_F 12, H_L 35; with m=1: H_O 20
        Instance i = Instance.generic(Architecture.parse("in(1,8) -> conv(2,k=3) -> dense(3)"), 30);
        assertEquals(24, v(ConvolutionalStatements.CNN1_O, i));
        assertEquals(12, v(ConvolutionalStatements.CNN1_F, i));
        assertEquals(35, ConvolutionalStatements.CNN1_L.predict(i, PartRanks.of(24, 12, 35)).getAsLong());
        Instance one = Instance.generic(Architecture.parse("in(1,8) -> conv(1,k=3) -> dense(3)"), 30);
        assertEquals(20, v(ConvolutionalStatements.CNN1_O, one));
    }

    @Test
    void deep() {
        // conv(1→6,3) → conv(6→6,3) → FC(3), d_0 = 10, p = 234, N ≥ 10: H_O 30, H_F 95, H_L 124
        Architecture a = Architecture.parse("in(1,10) -> conv(6,k=3) -> conv(6,k=3) -> dense(3)");
        assertEquals(234, a.parameterCount());
        for (int n : new int[] {10, 15}) {
            Instance i = Instance.generic(a, n);
            assertEquals(30, v(ConvolutionalStatements.CNN_D_O, i), "CNN-D-O is tight here");
            assertTrue(v(ConvolutionalStatements.CNN_D_F, i) >= 95, "CNN-D-F bounds 95");
            assertEquals(124, ConvolutionalStatements.CNN_D_L.predict(i, PartRanks.of(30, 95, 124)).getAsLong());
        }
    }

    @Test
    void toeplitz2dExample() {
        // 3×3 kernel on 5×5, 2 output channels, 1 input: 17, not 18
        Instance i = Instance.generic(Architecture.parse("in(1,5,5) -> conv(2,k=3) -> dense(1)"), 3);
        assertEquals(17, ConvolutionalStatements.TOE_2D.predictLayer(i, 1).getAsLong());
    }

    @Test
    void cnn1O2dExampleMeasured() {
        // m_0=1, m=2, K=3, 3×3 kernel, 5×5 input, FC readout: 65 measured against 68
        Architecture a = Architecture.parse("in(1,5,5) -> conv(2,k=3) -> dense(3)");
        List<Measure.At> ats = Measure.points(a, PointOptions.defaults().withSamples(30), 7, 2);
        Instance i = ats.get(0).instance();
        assertEquals(68, v(ConvolutionalStatements.CNN1_O_2D, i));
        assertEquals(65, Measure.max(ats).o());
    }

    @Test
    void cnnSqrtReferenceMeasured() {
        // conv(1→m,3) → conv(m→m,3) → FC(2), d_0 = 12, N = 40: rank H_L = 16m + 22 for m ≥ 4
        // (p = 124, 222, 344 at m = 4, 6, 8)
        Architecture base = Architecture.parse("in(1,12) -> conv(4,k=3) -> conv(4,k=3) -> dense(2)");
        int[] ms = {4, 6, 8};
        int[] ps = {124, 222, 344};
        List<SweepStatement.Sample> samples = new ArrayList<>();
        for (int t = 0; t < ms.length; t++) {
            Architecture a = ConvolutionalStatements.CNN_SQRT.atWidth(base, ms[t]);
            assertEquals(ps[t], a.parameterCount());
            long l = Measure.max(Measure.points(a, PointOptions.defaults().withSamples(40), 20 + t, 2)).l();
            assertEquals(16L * ms[t] + 22, l, "rank H_L at m = " + ms[t]);
            samples.add(new SweepStatement.Sample(ms[t], a.parameterCount(), l));
        }
        Instance i = Instance.generic(base, 40);
        assertEquals(5, ConvolutionalStatements.CNN_SQRT.threshold(i), "max_l min(a_l, b_l) = min(5, 16)");
        // the threshold 5 leaves 6 and 8: one more width is needed for a verdict
        assertEquals(SweepStatement.Outcome.INCONCLUSIVE, ConvolutionalStatements.CNN_SQRT.check(i, samples).outcome());
        Architecture a7 = ConvolutionalStatements.CNN_SQRT.atWidth(base, 7);
        samples.add(new SweepStatement.Sample(7, a7.parameterCount(),
                Measure.max(Measure.points(a7, PointOptions.defaults().withSamples(40), 30, 2)).l()));
        SweepStatement.GrowthCheck verdict = ConvolutionalStatements.CNN_SQRT.check(i, samples);
        assertEquals(SweepStatement.Outcome.HOLDS, verdict.outcome(), verdict.detail());
    }
}
