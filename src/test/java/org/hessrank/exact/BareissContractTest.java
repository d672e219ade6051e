package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link Bareiss} against the rank-engine contract, plus Bareiss-specific checks: its
 * determinant against two independent oracles, multiplicativity, and the oracles against each
 * other (so that a shared blind spot of engine and oracle is unlikely).
 */
class BareissContractTest extends RankEngineContract {
    @Override
    protected RankEngine engine() {
        return Bareiss.engine();
    }

    @Test
    void resultIsDeterministicWithAWitnessAndNoPrimes() {
        IntegerMatrix m = lowRank(new SplittableRandom(1), 9, 7, 4, RankEngineContract::moderate);
        RankResult r = checkAgainstOracle(m, "grade");
        assertEquals(Grade.DETERMINISTIC, r.grade());
        assertNotNull(r.witness());
        assertArrayEquals(new long[0], r.primes());
        assertEquals("bareiss", r.method());
    }

    @Test
    void oraclesAgreeWithEachOther() {
        SplittableRandom master = new SplittableRandom(2);
        for (int t = 0; t < 300; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int rows = rnd.nextInt(0, 7);
            int cols = rnd.nextInt(0, 7);
            IntegerMatrix m = t % 2 == 0
                    ? random(rnd, rows, cols, RankEngineContract::ternary)
                    : lowRank(rnd, rows, cols, rnd.nextInt(0, Math.min(rows, cols) + 1), RankEngineContract::extreme);
            assertEquals(Oracles.bruteForceRank(m), Oracles.fractionRank(m), "oracle ranks, seed " + seed);
            if (rows == cols) {
                assertEquals(Oracles.cofactorDeterminant(m), Oracles.hipparchusDeterminant(m),
                        "oracle determinants, seed " + seed);
            }
        }
        assertEquals(BigInteger.valueOf(-2),
                Oracles.cofactorDeterminant(IntegerMatrix.of(new long[][] {{1, 2}, {3, 4}})));
        assertEquals(BigInteger.valueOf(-2),
                Oracles.hipparchusDeterminant(IntegerMatrix.of(new long[][] {{1, 2}, {3, 4}})));
    }

    @Test
    void determinantAgreesWithOracles() {
        SplittableRandom master = new SplittableRandom(3);
        for (int t = 0; t < 300; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = rnd.nextInt(0, 7);
            IntegerMatrix m = switch (t % 3) {
                case 0 -> random(rnd, n, n, RankEngineContract::ternary);
                case 1 -> random(rnd, n, n, RankEngineContract::extreme);
                default -> lowRank(rnd, n, n, rnd.nextInt(0, n + 1), RankEngineContract::moderate);
            };
            BigInteger d = Bareiss.determinant(m);
            assertEquals(Oracles.cofactorDeterminant(m), d, "Bareiss vs cofactor, seed " + seed);
            assertEquals(Oracles.hipparchusDeterminant(m), d, "Bareiss vs Hipparchus, seed " + seed);
        }
        for (int t = 0; t < 40; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = rnd.nextInt(7, 16);
            IntegerMatrix m = random(rnd, n, n, t % 2 == 0 ? RankEngineContract::moderate : x -> huge(x, 300));
            assertEquals(Oracles.hipparchusDeterminant(m), Bareiss.determinant(m), "Bareiss vs Hipparchus, seed " + seed);
        }
    }

    @Test
    void determinantIsMultiplicative() {
        SplittableRandom master = new SplittableRandom(4);
        for (int t = 0; t < 60; t++) {
            long seed = master.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = rnd.nextInt(1, 13);
            Function<SplittableRandom, BigInteger> gen = switch (t % 3) {
                case 0 -> RankEngineContract::small;
                case 1 -> RankEngineContract::extreme;
                default -> x -> huge(x, 200);
            };
            IntegerMatrix a = random(rnd, n, n, gen);
            IntegerMatrix b = t % 4 == 3 ? unimodular(rnd, n, 3 * n) : random(rnd, n, n, gen);
            IntegerMatrix ab = a.multiply(b);
            BigInteger detA = Bareiss.determinant(a);
            BigInteger detB = Bareiss.determinant(b);
            BigInteger detAB = Bareiss.determinant(ab);
            assertEquals(detA.multiply(detB), detAB, "det(AB) = det(A)det(B), seed " + seed);
            assertEquals(Oracles.hipparchusDeterminant(ab), detAB, "det(AB) vs Hipparchus, seed " + seed);
            assertEquals(Oracles.hipparchusDeterminant(a), detA, "det(A) vs Hipparchus, seed " + seed);
        }
    }

    @Test
    void determinantEdgeCases() {
        assertEquals(BigInteger.ONE, Bareiss.determinant(IntegerMatrix.zero(0, 0)));
        assertEquals(BigInteger.ZERO, Bareiss.determinant(IntegerMatrix.zero(3, 3)));
        assertEquals(BigInteger.valueOf(Long.MIN_VALUE),
                Bareiss.determinant(IntegerMatrix.of(new long[][] {{Long.MIN_VALUE}})));
        // a row swap is needed: det = -1
        assertEquals(BigInteger.ONE.negate(), Bareiss.determinant(IntegerMatrix.of(new long[][] {{0, 1}, {1, 0}})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bareiss.determinant(IntegerMatrix.zero(2, 3)));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
    }

    @Test
    void echelonPivotsFormTheWitness() {
        IntegerMatrix m = IntegerMatrix.of(new long[][] {{0, 0, 0}, {0, 2, 4}, {0, 1, 2}, {1, 0, 5}});
        Bareiss.Echelon e = Bareiss.echelon(m);
        assertEquals(2, e.rank());
        assertTrue(Witness.of(e.pivotRows(), e.pivotCols()).verify(m));
        checkRank(m, 2, "hand-made");
    }
}
