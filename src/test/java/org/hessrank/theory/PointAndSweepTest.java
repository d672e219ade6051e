package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.Test;

/** FC-NULL, FC-SQRT, low-rank residuals (FC-RES, FC-1H), RELU-1H-F's example, and the sweep verdicts. */
class PointAndSweepTest {
    static int in(SplittableRandom r, int lo, int hi) {
        return r.nextInt(lo, hi + 1);
    }

    @Test
    void fcNullDirectionsAreInTheNullSpaceOfHO() {
        SplittableRandom r = new SplittableRandom(31);
        for (int t = 0; t < 15; t++) {
            MeasuredAgreementTest.Case c = MeasuredAgreementTest.fcLinear(r, false);
            Architecture a = c.architecture();
            Point p = Points.draw(a.lower(), PointOptions.defaults().withSamples(c.samples()).withSeed(t));
            assertTrue(FullyConnectedStatements.FC_NULL.appliesTo(a));
            PointStatement.IdentityCheck v = FullyConnectedStatements.FC_NULL.check(a, p);
            assertTrue(v.holds(), a + ": " + v.detail());
        }
        Architecture biased = Architecture.parse("in(3) -> dense(2,bias) -> dense(1,bias)");
        assertFalse(FullyConnectedStatements.FC_NULL.appliesTo(biased));
        assertThrows(IllegalArgumentException.class, () -> FullyConnectedStatements.FC_NULL.check(biased,
                Points.draw(biased.lower(), PointOptions.defaults())));
    }

    /** The FC-NULL check is not vacuous: the same directions with A W_l replaced by W_l A fail. */
    @Test
    void fcNullDetectsAWrongDirection() {
        // one hidden layer of width 1: A is a scalar a, direction (a·W_1, −a·W_2); scaling W_1 alone is not null
        Architecture a = Architecture.parse("in(2) -> dense(1) -> dense(1)");
        Point p = Points.draw(a.lower(), PointOptions.defaults().withSamples(3).withSeed(2));
        IntegerMatrix j = Hessians.jacobian(a.lower(), p);
        BigInteger[] th = p.theta();
        BigInteger null0 = BigInteger.ZERO;
        BigInteger wrong = BigInteger.ZERO;
        for (int row = 0; row < j.rows(); row++) {
            BigInteger nullDir = j.get(row, 0).multiply(th[0]).add(j.get(row, 1).multiply(th[1]))
                    .subtract(j.get(row, 2).multiply(th[2]));
            BigInteger onlyW1 = j.get(row, 0).multiply(th[0]).add(j.get(row, 1).multiply(th[1]));
            null0 = null0.add(nullDir.abs());
            wrong = wrong.add(onlyW1.abs());
        }
        assertEquals(BigInteger.ZERO, null0);
        assertTrue(wrong.signum() > 0);
        assertTrue(FullyConnectedStatements.FC_NULL.check(a, p).holds());
    }

    /** A point of {@code a} whose residual is A·B with A N×s0, B s0×K (rank s0 generically). */
    static Point lowRankResidual(Architecture a, int n, int s0, long seed) {
        Point p = Points.draw(a.lower(), PointOptions.defaults().withSamples(n).withSeed(seed));
        IntegerMatrix f = Hessians.forward(a.lower(), p);
        SplittableRandom r = new SplittableRandom(seed);
        int k = a.outputSize();
        long[][] am = new long[n][s0];
        long[][] bm = new long[s0][k];
        for (long[] row : am) {
            for (int j = 0; j < s0; j++) {
                row[j] = r.nextLong(-1000, 1001);
            }
        }
        for (long[] row : bm) {
            for (int j = 0; j < k; j++) {
                row[j] = r.nextLong(-1000, 1001);
            }
        }
        IntegerMatrix res = s0 == 0 ? IntegerMatrix.zero(n, k) : IntegerMatrix.of(am).multiply(IntegerMatrix.of(bm));
        BigInteger[][] y = new BigInteger[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                y[i][c] = f.get(i, c).subtract(res.get(i, c));
            }
        }
        return Point.of(p.theta(), p.inputs(), IntegerMatrix.of(y));
    }

    @Test
    void lowRankResidualsFcResAndFc1h() {
        SplittableRandom r = new SplittableRandom(32);
        int res = 0;
        int oneH = 0;
        for (int t = 0; t < 30; t++) {
            MeasuredAgreementTest.Case c = MeasuredAgreementTest.fcLinear(r, false);
            Architecture a = c.architecture();
            int k = a.outputSize();
            int n = in(r, 2, 9);
            int rk = Math.min(n, a.input().size());
            if (Math.min(rk, k) < 2) {
                continue;
            }
            int s0 = in(r, 1, Math.min(rk, k) - 1);
            List<Measure.At> ats = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                Point p = lowRankResidual(a, n, s0, 1000L * t + s);
                ats.add(Measure.at(a, p, 77L * t + s));
            }
            Instance i = ats.get(0).instance();
            assertEquals(s0, i.residualRank(), "residual rank");
            assertEquals(s0, i.omegaRank().getAsInt(), "rank Ω");
            assertFalse(i.genericResidual());
            assertFalse(FullyConnectedStatements.FC_SUM.appliesTo(i), "FC-SUM needs a generic residual");
            PartRanks m = Measure.max(ats);
            assertTrue(FullyConnectedStatements.FC_RES.appliesTo(i));
            assertEquals(FullyConnectedStatements.FC_RES.predict(i).getAsLong(), m.f(), "FC-RES on " + a + " N=" + n
                    + " s0=" + s0);
            assertTrue(m.f() <= FullyConnectedStatements.FC_F.predict(i).getAsLong(), "FC-F bound");
            res++;
            for (Measure.At at : ats) {
                if (FullyConnectedStatements.FC_1H.appliesTo(at.instance())) {
                    assertEquals(FullyConnectedStatements.FC_1H.predict(at.instance()).getAsLong(), at.ranks().f(),
                            "FC-1H on " + a);
                    oneH++;
                }
            }
        }
        assertTrue(res >= 8 && oneH >= 4, res + " FC-RES checks, " + oneH + " FC-1H checks");
    }

    @Test
    void reluExampleOfTheorems() {
        // in(4) -> dense(10) -> relu -> dense(3), N = 6: 42 to 58 over random points instead of 60,
        // and each value matches the sum 2 Σ_m min(K, rank X_{A_m})
        Architecture a = Architecture.parse("in(4) -> dense(10) -> relu -> dense(3)");
        for (long s = 0; s < 6; s++) {
            Measure.At at = Measure.points(a, PointOptions.defaults().withSamples(6), 40 + s, 1).get(0);
            long predicted = FullyConnectedStatements.RELU_1H_F.predict(at.instance()).getAsLong();
            assertEquals(predicted, at.ranks().f(), "seed " + s);
            assertTrue(predicted <= 60);
        }
    }

    @Test
    void fcSqrtSweeps() {
        for (String spec : new String[] {"in(4) -> dense(3) -> dense(3) -> dense(2)", "in(5) -> dense(3) -> dense(3)",
            "in(3) -> dense(2) -> dense(2) -> dense(2) -> dense(3)"}) {
            Architecture base = Architecture.parse(spec);
            Instance i = Instance.generic(base, 6);
            int[] widths = FullyConnectedStatements.FC_SQRT.suggestedWidths(i, 3);
            List<SweepStatement.Sample> samples = new ArrayList<>();
            for (int w : widths) {
                Architecture a = FullyConnectedStatements.FC_SQRT.atWidth(base, w);
                samples.add(new SweepStatement.Sample(w, a.parameterCount(),
                        Measure.max(Measure.points(a, PointOptions.defaults().withSamples(6), w, 2)).l()));
            }
            SweepStatement.GrowthCheck v = FullyConnectedStatements.FC_SQRT.check(i, samples);
            assertEquals(SweepStatement.Outcome.HOLDS, v.outcome(), spec + ": " + v.detail());
        }
    }

    @Test
    void sweepVerdicts() {
        Instance i = Instance.generic(Architecture.parse("in(4) -> dense(3) -> dense(3) -> dense(2)"), 6);
        // threshold min(r, K) = 2, slope 2q(L−1) = 8
        assertEquals(2, FullyConnectedStatements.FC_SQRT.threshold(i));
        List<SweepStatement.Sample> line = List.of(new SweepStatement.Sample(2, 24, 20),
                new SweepStatement.Sample(3, 39, 28), new SweepStatement.Sample(5, 75, 44),
                new SweepStatement.Sample(1, 11, 3));
        assertEquals(SweepStatement.Outcome.HOLDS, FullyConnectedStatements.FC_SQRT.check(i, line).outcome());
        List<SweepStatement.Sample> bent = List.of(new SweepStatement.Sample(2, 24, 20),
                new SweepStatement.Sample(3, 39, 28), new SweepStatement.Sample(4, 56, 37));
        assertEquals(SweepStatement.Outcome.VIOLATED, FullyConnectedStatements.FC_SQRT.check(i, bent).outcome());
        List<SweepStatement.Sample> two = List.of(new SweepStatement.Sample(2, 24, 20),
                new SweepStatement.Sample(3, 39, 28), new SweepStatement.Sample(1, 11, 12));
        assertEquals(SweepStatement.Outcome.INCONCLUSIVE, FullyConnectedStatements.FC_SQRT.check(i, two).outcome());
        // CNN-SQRT's slope is free, but p must be quadratic with two hidden layers
        Instance cnn = Instance.generic(Architecture.parse("in(1,12) -> conv(4,k=3) -> conv(4,k=3) -> dense(2)"), 40);
        List<SweepStatement.Sample> affineP = List.of(new SweepStatement.Sample(5, 100, 102),
                new SweepStatement.Sample(6, 110, 118), new SweepStatement.Sample(7, 120, 134));
        assertEquals(SweepStatement.Outcome.VIOLATED, ConvolutionalStatements.CNN_SQRT.check(cnn, affineP).outcome());
        assertThrows(IllegalArgumentException.class, () -> FullyConnectedStatements.FC_SQRT.threshold(cnn));
        assertThrows(IllegalArgumentException.class, () -> FullyConnectedStatements.FC_SQRT.suggestedWidths(i, 2));
    }
}
