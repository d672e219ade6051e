package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import java.util.SplittableRandom;
import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.MultiModularRank;
import org.hessrank.exact.Primes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixFreeRanksTest {
    static java.util.List<HessianVectorProductsTest.Case> cases() {
        return HessianVectorProductsTest.cases();
    }

    /** Equal to the deterministic ranks of the BigInteger Hessians (multi-modular, exact over ℚ). */
    @ParameterizedTest
    @MethodSource("cases")
    void ranksEqualDeterministicRanksOfTheExactHessians(HessianVectorProductsTest.Case c) {
        for (long seed = 1; seed <= 2; seed++) {
            Point point = Points.draw(c.net(), PointOptions.defaults().withSeed(seed).withSamples(c.samples()));
            ExactHessians exact = Hessians.exact(c.net(), point);
            Modulus mod = Modulus.of(Primes.randomPrime(new SplittableRandom(seed), ModularElimination.FAST_PRIME_BITS));
            for (MatrixFreeRanks.Compression compression : MatrixFreeRanks.Compression.values()) {
                Map<Part, MatrixFreeRanks.PartResult> mf = MatrixFreeRanks.compute(c.net(), point, mod, seed, 8,
                        Integer.MAX_VALUE, compression, null);
                for (Part part : Part.hessianParts()) {
                    int expected = MultiModularRank.of(seed).rank(exact.part(part)).rank();
                    MatrixFreeRanks.PartResult r = mf.get(part);
                    assertEquals(expected, r.rank().rank(), c + " H_" + part + " seed " + seed + " " + compression);
                    assertEquals(Grade.CERTIFIED_LOWER_BOUND, r.rank().grade());
                    assertTrue(r.rank().failureProbability() < 1e-6, c + " " + r.rank());
                }
            }
        }
    }

    /** The listener hears each part's final rank once (progress needs H_O and H_F to bound H_L). */
    @org.junit.jupiter.api.Test
    void listenerReportsEveryFinalRank() {
        HessianVectorProductsTest.Case c = cases().get(0);
        Point point = Points.draw(c.net(), PointOptions.defaults().withSeed(1).withSamples(c.samples()));
        Modulus mod = Modulus.of(Primes.randomPrime(new SplittableRandom(3), ModularElimination.FAST_PRIME_BITS));
        for (MatrixFreeRanks.Compression compression : MatrixFreeRanks.Compression.values()) {
            Map<Part, Integer> found = new java.util.EnumMap<>(Part.class);
            Map<Part, MatrixFreeRanks.PartResult> mf = MatrixFreeRanks.compute(c.net(), point, mod, 1, 8,
                    Integer.MAX_VALUE, compression, (part, phase, rank, products, seconds) -> {
                        if (phase.equals(MatrixFreeRanks.RANK_FOUND)) {
                            assertTrue(found.put(part, rank) == null, "twice: " + part);
                        }
                    });
            for (Part part : Part.hessianParts()) {
                assertEquals(mf.get(part).rank().rank(), found.get(part), part.name() + " " + compression);
                assertTrue(mf.get(part).seconds() >= 0, part.name() + " " + compression);
            }
        }
    }

    /** The absolute-value product bounds every row 1-norm of the exact H_F and H_L. */
    @ParameterizedTest
    @MethodSource("cases")
    void rowBoundsDominateExactRowNorms(HessianVectorProductsTest.Case c) {
        Point point = Points.draw(c.net(), PointOptions.defaults().withSeed(4).withSamples(c.samples()));
        ExactHessians exact = Hessians.exact(c.net(), point);
        Evaluation ev = Hessians.evaluateAnySize(c.net(), point);
        for (boolean withO : new boolean[] {false, true}) {
            double[] bounds = MatrixFreeBounds.rowBounds(Hessians.algorithm(BoundRing.INSTANCE, ev, point), point.samples(), withO);
            IntegerMatrix h = withO ? exact.l() : exact.f();
            for (int a = 0; a < h.rows(); a++) {
                BigInteger s = BigInteger.ZERO;
                for (int b = 0; b < h.cols(); b++) {
                    s = s.add(h.get(a, b).abs());
                }
                assertTrue(s.doubleValue() <= bounds[a], c + " row " + a + ": " + s + " > " + bounds[a]);
            }
        }
    }
}
