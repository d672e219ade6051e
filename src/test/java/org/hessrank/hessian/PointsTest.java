package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.net.Activation;
import org.junit.jupiter.api.Test;

class PointsTest {
    private static final TestNets.Net RELU = TestNets.in(3).dense(4, true).relu().dense(2, false).build();

    /** SplitMix64 as SplittableRandom specifies it, written out independently. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        long uniform(long lo, long hi) {
            long n = hi - lo + 1;
            while (true) {
                long bits = next() >>> 1;
                long v = bits % n;
                if (bits - v + (n - 1) >= 0) {
                    return lo + v;
                }
            }
        }
    }

    @Test
    void drawOrderIsTheDocumentedOne() {
        TestNets.Net net = TestNets.fc(3, new int[] {2}, 2, false);
        long seed = 0x5EEDL;
        Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(seed).withSamples(4));
        SplitMix sm = new SplitMix(seed);
        long r = PointOptions.DEFAULT_RANGE;
        for (int k = 0; k < 10; k++) {
            assertEquals(BigInteger.valueOf(sm.uniform(-r, r)), point.theta(k), "theta " + k);
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(BigInteger.valueOf(sm.uniform(-r, r)), point.inputs().get(i, j));
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(BigInteger.valueOf(sm.uniform(-r, r)), point.targets().get(i, c));
            }
        }
        assertEquals(BigInteger.ONE, point.targetDenominator());
        assertEquals(0, point.redraws());
        assertEquals(seed, point.drawSeed());
    }

    @Test
    void sameSeedSamePointOtherSeedOtherPoint() {
        for (TestNets.Net net : TestNets.zoo()) {
            PointOptions o = PointOptions.defaults().withSeed(77);
            assertEquals(Points.draw(net.lowered, o), Points.draw(net.lowered, o));
            assertEquals(Points.draw(net.lowered, o).hashCode(), Points.draw(net.lowered, o).hashCode());
            Point other = Points.draw(net.lowered, o.withSeed(78));
            assertNotEquals(Points.draw(net.lowered, o).inputs(), other.inputs());
            assertNotEquals(List.of(Points.draw(net.lowered, o).theta()), List.of(other.theta()));
        }
    }

    @Test
    void defaultsAndShapes() {
        TestNets.Net net = TestNets.fc(5, new int[] {3}, 2, true);
        Point point = Points.draw(net.lowered, PointOptions.defaults());
        assertEquals(6, point.samples(), "default N = inputSize + 1");
        assertEquals(net.lowered.parameterCount(), point.parameterCount());
        assertEquals(2, point.targets().cols());
        long r = PointOptions.DEFAULT_RANGE;
        for (BigInteger t : point.theta()) {
            assertTrue(t.abs().compareTo(BigInteger.valueOf(r)) <= 0);
        }
        assertTrue(point.options().isPresent());
    }

    @Test
    void dataRankAndOneHot() {
        TestNets.Net net = TestNets.fc(6, new int[] {4}, 3, false);
        for (int rank = 1; rank <= 6; rank++) {
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(rank).withSamples(9)
                    .withDataRank(rank).withTargets(PointOptions.Targets.ONE_HOT));
            assertEquals(rank, Bareiss.engine().rank(point.inputs()).rank());
            for (int i = 0; i < 9; i++) {
                int ones = 0;
                int zeros = 0;
                for (int c = 0; c < 3; c++) {
                    BigInteger y = point.targets().get(i, c);
                    ones += y.equals(BigInteger.ONE) ? 1 : 0;
                    zeros += y.signum() == 0 ? 1 : 0;
                }
                assertEquals(1, ones);
                assertEquals(2, zeros);
            }
        }
    }

    @Test
    void zeroPreactivationRedrawOrFail() {
        // range 1: entries in {-1, 0, 1}, so zero pre-activations are common
        PointOptions fail = PointOptions.defaults().withRange(1)
                .withOnZeroPreactivation(PointOptions.ZeroPreactivationPolicy.FAIL);
        int failures = 0;
        for (long seed = 0; seed < 20; seed++) {
            PointOptions o = fail.withSeed(seed);
            IllegalStateException e = null;
            try {
                Points.draw(RELU.lowered, o);
            } catch (IllegalStateException ex) {
                e = ex;
            }
            Point redrawn = Points.draw(RELU.lowered,
                    o.withOnZeroPreactivation(PointOptions.ZeroPreactivationPolicy.REDRAW));
            if (e == null) {
                assertEquals(0, redrawn.redraws());
                continue;
            }
            failures++;
            assertTrue(e.getMessage().matches("pre-activation of unit \\d+ at stage 1 \\(relu\\) is exactly 0 at sample \\d+.*"),
                    e.getMessage());
            assertTrue(redrawn.redraws() > 0);
            assertEquals(Points.derivedSeed(seed, redrawn.redraws()), redrawn.drawSeed());
            // the accepted point really has no zero pre-activation: the builders accept it
            Hessians.exact(RELU.lowered, redrawn);
            for (int i = 0; i < redrawn.samples(); i++) {
                assertTrue(!TestNets.forward(RELU.layers, redrawn.theta(), TestNets.row(redrawn.inputs(), i)).signs()
                        .contains(0));
            }
        }
        assertTrue(failures > 0, "the test must meet zero pre-activations");
    }

    @Test
    void buildersRefuseAHandMadePointWithAZeroPreactivation() {
        // θ: W1 = rows (1,0,0), (0,1,0), (0,0,1), (1,-1,0), b1 = 0; W2 ones. x = (2, 2, 5) gives unit 3 pre-activation 0
        BigInteger[] theta = new BigInteger[3 * 4 + 4 + 8];
        long[] w1 = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, -1, 0};
        for (int j = 0; j < theta.length; j++) {
            theta[j] = j < 12 ? BigInteger.valueOf(w1[j]) : j < 16 ? BigInteger.ZERO : BigInteger.ONE;
        }
        Point point = Point.of(theta, IntegerMatrix.of(new long[][] {{1, 2, 3}, {2, 2, 5}}),
                IntegerMatrix.of(new long[][] {{1, 1}, {0, 0}}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hessians.exact(RELU.lowered, point));
        assertEquals("pre-activation of unit 3 at stage 1 (relu) is exactly 0 at sample 1: the loss is not "
                + "differentiable at this point", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Hessians.modular(RELU.lowered, point, Modulus.of(1_000_003)));
    }

    @Test
    void tanhAndSigmoidAreRefused() {
        for (Activation a : List.of(Activation.TANH, Activation.SIGMOID)) {
            TestNets.Net net = TestNets.in(3).dense(3, false).relu().dense(3, false).act(a).dense(2, false).build();
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(1)); // numeric path may draw
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Hessians.exact(net.lowered, point));
            assertEquals("activation " + a.spec() + " at stage 3 is not exact over ℚ (transcendental): exact Hessians"
                    + " need piecewise-linear or polynomial activations", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Hessians.modular(net.lowered, point, Modulus.of(101)));
            assertThrows(IllegalArgumentException.class, () -> Points.draw(net.lowered,
                    PointOptions.defaults().withTargets(PointOptions.Targets.INTERPOLATE)));
        }
    }

    @Test
    void badInputIsRefusedWithNamedFields() {
        assertThrows(IllegalArgumentException.class, () -> PointOptions.defaults().withRange(0));
        assertThrows(IllegalArgumentException.class, () -> PointOptions.defaults().withSamples(-1));
        TestNets.Net small = TestNets.fc(2, new int[] {2}, 1, false);
        Point point = Points.draw(RELU.lowered, PointOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hessians.exact(small.lowered, point));
        assertTrue(e.getMessage().startsWith("point parameter count ("), e.getMessage());
    }

    @Test
    void denseHessiansTooLargeForOneArrayAreRefusedUpFront() {
        TestNets.Net big = TestNets.fc(300, new int[] {}, 155, false); // p = 46500
        Point point = Points.draw(big.lowered, PointOptions.defaults().withSamples(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hessians.modular(big.lowered, point, Modulus.of(101)));
        assertTrue(e.getMessage().startsWith("parameter count (46500) must be <= 46340"), e.getMessage());
    }

    @Test
    void pointIsImmutable() {
        Point point = Points.draw(RELU.lowered, PointOptions.defaults().withSeed(4));
        BigInteger[] theta = point.theta();
        theta[0] = BigInteger.valueOf(123456789);
        assertNotEquals(theta[0], point.theta(0));
    }

}
