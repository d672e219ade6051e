package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ToeplitzRankTest {
    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(1, 0, 1, false), Arguments.of(1, 1, 1, false), Arguments.of(2, 1, 1, true),
                Arguments.of(40, 0, 8, true), Arguments.of(60, 13, 8, false), Arguments.of(60, 13, 64, true),
                Arguments.of(90, 90, 16, false), Arguments.of(120, 47, 5, true), Arguments.of(200, 150, 64, false),
                Arguments.of(300, 64, 64, true), Arguments.of(300, 65, 64, true), Arguments.of(257, 256, 32, true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalsElimination(int n, int rank, int block, boolean symmetric) {
        SplittableRandom rng = new SplittableRandom(41L * n + rank);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = CompressedRankTest.lowRank(rng, n, rank, mod, symmetric);
        int expected = ModularElimination.rank(a, n, n, mod).rank();
        ToeplitzRank.Result r = ToeplitzRank.rank(CompressedRankTest.dense(a, n, mod), rng.nextLong(), block,
                Long.MAX_VALUE, null);
        assertEquals(expected, r.rank());
        int lastRun = Math.min(n, ((expected + 1 + block - 1) / block) * block)
                + (expected < n ? ToeplitzRank.CHECKS : 0);
        if (r.restarts() == 0) {
            assertEquals(lastRun, r.products());
        } else {
            assertTrue(r.products() > lastRun, "restarted runs add their products");
        }
        assertEquals(expected == n ? 0.0 : ToeplitzRank.failureBound(r.projectedRows(), mod.value()),
                r.failureProbability());
        if (symmetric) {
            // T2 = T1ᵀ and one triangular solve per block: the same rank
            ToeplitzRank.Result sym = ToeplitzRank.rank(CompressedRankTest.dense(a, n, mod, true), rng.nextLong(), block,
                    Long.MAX_VALUE, null);
            assertEquals(expected, sym.rank(), "symmetric preconditioning");
        }
    }

    /** A family of two maps run together gives each map's own rank (one finishes early, one late). */
    @Test
    void familyRanksEqualSeparateRanks() {
        SplittableRandom rng = new SplittableRandom(77);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        int n = 120; // 120 projected rows: no restart
        long[] a = CompressedRankTest.lowRank(rng, n, 20, mod, true);
        long[] b = CompressedRankTest.lowRank(rng, n, 97, mod, true);
        BlackBox boxA = CompressedRankTest.dense(a, n, mod);
        BlackBox boxB = CompressedRankTest.dense(b, n, mod);
        int[] calls = new int[3];
        BlackBoxFamily family = new BlackBoxFamily() {
            public int dimension() {
                return n;
            }

            public long prime() {
                return mod.value();
            }

            public int count() {
                return 2;
            }

            public void apply(double[][] in, boolean[] wanted, double[][][] out) {
                calls[(wanted[0] ? 1 : 0) + (wanted[1] ? 1 : 0)]++;
                if (wanted[0]) {
                    boxA.apply(in, out[0]);
                }
                if (wanted[1]) {
                    boxB.apply(in, out[1]);
                }
            }
        };
        ToeplitzRank.Result[] r = ToeplitzRank.ranks(family, 4, 16, Long.MAX_VALUE, null);
        assertEquals(ModularElimination.rank(a, n, n, mod).rank(), r[0].rank());
        assertEquals(ModularElimination.rank(b, n, n, mod).rank(), r[1].rank());
        assertEquals(ToeplitzRank.rank(boxA, 4, 16, Long.MAX_VALUE, null).rank(), r[0].rank());
        assertEquals(0, r[1].restarts());
        assertEquals(32 + ToeplitzRank.CHECKS, r[0].products());
        assertEquals(112 + ToeplitzRank.CHECKS, r[1].products());
        assertEquals(2, calls[2]); // both maps while the first grows
        assertEquals(5 + 2, calls[1]); // then the second alone, and each map's span check
    }

    /** Matrices whose rank sits in the last rows and columns, or in a hyperbolic (isotropic) pair. */
    @Test
    void structuredMatricesThatDefeatUnpreconditionedElimination() {
        Modulus mod = Modulus.of((1L << 47) - 115);
        int n = 50;
        long[] corner = new long[n * n];
        corner[n * n - 1] = 5;
        corner[(n - 2) * n + (n - 3)] = 7;
        long[] hyperbolic = new long[n * n];
        hyperbolic[0 * n + 1] = 1;
        hyperbolic[1 * n + 0] = 1;
        hyperbolic[10 * n + 40] = 3;
        hyperbolic[40 * n + 10] = 3;
        long[] symmetricCorner = corner.clone();
        symmetricCorner[(n - 3) * n + (n - 2)] = 7;
        for (long[] a : new long[][] {corner, hyperbolic, symmetricCorner}) {
            boolean symmetric = a != corner;
            int expected = ModularElimination.rank(a, n, n, mod).rank();
            for (long seed = 0; seed < 5; seed++) {
                assertEquals(expected, ToeplitzRank.rank(CompressedRankTest.dense(a, n, mod), seed, 4, Long.MAX_VALUE,
                        null).rank());
                if (symmetric) {
                    assertEquals(expected, ToeplitzRank.rank(CompressedRankTest.dense(a, n, mod, true), seed, 4,
                            Long.MAX_VALUE, null).rank(), "symmetric preconditioning");
                }
            }
        }
    }

    @Test
    void restartsWhenTheRankOutgrowsTheProjectedRows() {
        // n = 100: first transform length 256 gives 157 rows >= n, so use n where room is short
        int n = 130; // 256 - 130 + 1 = 127 rows < n: a rank of 127 or more forces a restart
        SplittableRandom rng = new SplittableRandom(5);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = CompressedRankTest.lowRank(rng, n, 129, mod, false);
        ToeplitzRank.Result r = ToeplitzRank.ranks(BlackBoxFamily.of(CompressedRankTest.dense(a, n, mod)), 3, 16,
                Long.MAX_VALUE, null, ToeplitzRank.GramUse.AUTO, 0)[0];
        assertEquals(ModularElimination.rank(a, n, n, mod).rank(), r.rank());
        assertEquals(1, r.restarts());
        // with the default floor of projected rows the first run already has all n rows
        ToeplitzRank.Result floor = ToeplitzRank.rank(CompressedRankTest.dense(a, n, mod), 3, 16, Long.MAX_VALUE, null);
        assertEquals(r.rank(), floor.rank());
        assertEquals(0, floor.restarts());
        assertEquals(n, r.projectedRows());
    }

    @Test
    void failureBoundIsProjectedRowsPlusOneOverThePrime() {
        assertEquals(201.0 / 1_000_003, ToeplitzRank.failureBound(200, 1_000_003), 1e-18);
        assertTrue(ToeplitzRank.failureBound(37_873, 1L << 47) < 3e-10);
        assertEquals(1.0, ToeplitzRank.failureBound(1000, 101));
    }

    /**
     * A box that answers like a rank-r matrix except on the span check: its first columns are
     * those of a rank-20 matrix, later products come from a rank-40 one. The check must catch
     * the vector outside the span (the leading minors alone would stop at 20).
     */
    @Test
    void spanCheckCatchesARankThatTheLeadingMinorsMissed() {
        SplittableRandom rng = new SplittableRandom(12);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        int n = 100;
        long[] small = CompressedRankTest.lowRank(rng, n, 20, mod, true);
        long[] large = CompressedRankTest.lowRank(rng, n, 40, mod, true);
        BlackBox boxSmall = CompressedRankTest.dense(small, n, mod);
        BlackBox boxLarge = CompressedRankTest.dense(large, n, mod);
        int[] calls = {0};
        BlackBox switching = new BlackBox() {
            public int dimension() {
                return n;
            }

            public long prime() {
                return mod.value();
            }

            public void apply(double[][] in, double[][] out) {
                // blocks of 8: the two blocks up to the zero pivot at 21 use the small map, then the large one
                (calls[0]++ < 3 ? boxSmall : boxLarge).apply(in, out);
            }
        };
        assertThrows(ToeplitzRank.NonGenericProfileException.class,
                () -> ToeplitzRank.rank(switching, 5, 8, Long.MAX_VALUE, null));
        assertEquals(20, ToeplitzRank.rank(boxSmall, 5, 8, Long.MAX_VALUE, null).rank());
    }

    @Test
    void theZeroMapOnNoCoordinatesHasRankZero() {
        Modulus mod = Modulus.of(1_000_003);
        ToeplitzRank.Result r = ToeplitzRank.rank(CompressedRankTest.dense(new long[0], 0, mod), 1);
        assertEquals(0, r.rank());
        assertEquals(0, r.products());
    }

    @Test
    void refusesWhenMemoryRunsOut() {
        SplittableRandom rng = new SplittableRandom(9);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = CompressedRankTest.lowRank(rng, 80, 60, mod, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ToeplitzRank.rank(CompressedRankTest.dense(a, 80, mod), 1, 8, 3000, null));
        assertTrue(e.getMessage().contains("GiB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ToeplitzRank.rank(CompressedRankTest.dense(a, 80, mod), 1, 0,
                Long.MAX_VALUE, null));
    }
}
