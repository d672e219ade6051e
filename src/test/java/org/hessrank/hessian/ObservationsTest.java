package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Primes;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.api.Test;

/** The measurement spine: one observation per point, aggregates derived from the list, seeds as documented. */
class ObservationsTest {
    private static final LoweredNetwork NET = Architecture.parse("in(4) -> dense(3) -> dense(2)").lower();
    private static final PointOptions FIRST = PointOptions.defaults().withSamples(6).withSeed(11);

    @Test
    void aRunIsItsPointsAndTheAggregatesComeFromThem() {
        Observations run = HessianRanks.observe(NET, FIRST, 3, HessianRanks.Method.MODULAR, phase -> { });
        assertEquals(3, run.points().size());
        SplittableRandom primes = Primes.sourceFor(11);
        double union = 0;
        for (int k = 0; k < 3; k++) {
            Observation o = run.points().get(k);
            assertEquals(11 + k, o.seed());
            assertEquals(Primes.randomPrime(primes, ModularRank.PRIME_BITS), o.prime(), "primes drawn in turn");
            assertEquals(o.prime(), run.primes(Part.O).get(k));
            // docs/theorems.md reference row: 8, 12, 16, each with its own witness
            assertEquals(8, o.rank(Part.O));
            assertEquals(12, o.rank(Part.F));
            assertEquals(16, o.rank(Part.L));
            assertNotNull(o.witness(Part.F));
            assertEquals(12, o.witness(Part.F).size());
            assertEquals(Grade.CERTIFIED_LOWER_BOUND, o.result(Part.L).grade());
            union = Math.min(1, union + o.failureProbability(Part.L));
        }
        assertEquals(List.of(16, 16, 16), run.ranksPerPoint(Part.L));
        assertEquals(union, run.failureProbability(Part.L));
        assertTrue(run.failureProbability(Part.L) > run.points().get(0).failureProbability(Part.L));
        assertEquals(run.points().get(0).result(Part.O), run.best(Part.O), "the first point reaching the largest rank");
        assertEquals(6, run.samples());
    }

    @Test
    void aPointOnItsOwnIsARunOfOne() {
        Observations run = HessianRanks.observe(NET, FIRST, 1, HessianRanks.Method.MODULAR, phase -> { });
        Point p0 = Points.draw(NET, FIRST);
        Observation alone = HessianRanks.observe(NET, p0, 11, HessianRanks.Method.MODULAR,
                MatrixFreeRanks.Compression.TOEPLITZ, Primes.sourceFor(11), "point", phase -> { });
        assertEquals(run.points().get(0).prime(), alone.prime());
        assertEquals(run.points().get(0).result(Part.L).witness(), alone.result(Part.L).witness());
    }

    @Test
    void exactMethodsAreDeterministicAndUnmeasuredPointsReadMinusOne() {
        Observations run = HessianRanks.observe(NET, FIRST, 2, HessianRanks.Method.BAREISS, phase -> { });
        assertTrue(run.points().get(1).deterministic());
        assertEquals(0, run.points().get(1).prime());
        assertEquals(0.0, run.failureProbability(Part.F));
        assertEquals(16, run.rank(Part.L));
        Observation none = Observation.unmeasured(run.points().get(0).point(), 11);
        assertFalse(none.measured());
        assertEquals(-1, none.rank(Part.O));
        assertEquals(-1, none.rank(Part.T));
    }
}
