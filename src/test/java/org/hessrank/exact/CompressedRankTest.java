package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompressedRankTest {
    /** A dense n × n matrix mod p as a black box (the oracle is ModularElimination on the same entries). */
    static BlackBox dense(long[] a, int n, Modulus mod) {
        return dense(a, n, mod, false);
    }

    /** As {@link #dense(long[], int, Modulus)}, declaring symmetry (the caller makes sure a is symmetric). */
    static BlackBox dense(long[] a, int n, Modulus mod, boolean symmetric) {
        for (int r = 0; symmetric && r < n; r++) {
            for (int c = 0; c < r; c++) {
                if (a[r * n + c] != a[c * n + r]) {
                    throw new IllegalArgumentException("not symmetric at (" + r + ", " + c + ")");
                }
            }
        }
        return new BlackBox() {
            @Override
            public boolean symmetric() {
                return symmetric;
            }

            @Override
            public int dimension() {
                return n;
            }

            @Override
            public long prime() {
                return mod.value();
            }

            @Override
            public void apply(double[][] in, double[][] out) {
                for (int j = 0; j < in.length; j++) {
                    for (int r = 0; r < n; r++) {
                        long s = 0;
                        for (int c = 0; c < n; c++) {
                            s = mod.add(s, mod.multiply(a[r * n + c], (long) in[j][c]));
                        }
                        out[j][r] = s;
                    }
                }
            }
        };
    }

    static long[] lowRank(SplittableRandom rng, int n, int rank, Modulus mod, boolean symmetric) {
        long[] b = new long[n * rank];
        long[] c = new long[rank * n];
        for (int k = 0; k < b.length; k++) {
            b[k] = rng.nextInt(7) - 3 < 0 ? 0 : rng.nextLong(mod.value());
            c[k] = rng.nextLong(mod.value());
        }
        long[] a = new long[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int t = 0; t < rank; t++) {
                    s = mod.add(s, mod.multiply(b[i * rank + t], symmetric ? b[j * rank + t] : c[t * n + j]));
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(1, 0, 1, false), Arguments.of(1, 1, 1, false), Arguments.of(40, 0, 8, true),
                Arguments.of(60, 13, 8, false), Arguments.of(60, 13, 64, true), Arguments.of(90, 90, 16, false),
                Arguments.of(120, 47, 5, true), Arguments.of(200, 150, 64, false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void equalsEliminationAndCertificateIsNonsingular(int n, int rank, int block, boolean symmetric) {
        SplittableRandom rng = new SplittableRandom(31L * n + rank);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = lowRank(rng, n, rank, mod, symmetric);
        int expected = ModularElimination.rank(a, n, n, mod).rank();
        long seed = rng.nextLong();
        CompressedRank.Result r = CompressedRank.rank(dense(a, n, mod), seed, block, 2, Integer.MAX_VALUE, null);
        assertEquals(expected, r.rank());
        assertTrue(r.products() >= r.rank() + (r.rank() == n ? 0 : 2));
        assertEquals(r.rank() == n ? 0.0 : CompressedRank.failureBound(n, 2, mod.value()), r.failureProbability());
        // certificate: regenerate V from the seed; the minor (A·V_S)ᵀ[·, C] is nonsingular mod p
        SplittableRandom vs = new SplittableRandom(seed);
        double[][] v = new double[r.products()][n];
        for (double[] x : v) {
            for (int i = 0; i < n; i++) {
                x[i] = vs.nextLong(mod.value());
            }
        }
        int[] s = r.pivotVectors();
        int[] c = r.pivotColumns();
        double[][] av = new double[s.length][n];
        double[][] sel = new double[s.length][];
        for (int k = 0; k < s.length; k++) {
            sel[k] = v[s[k]];
        }
        dense(a, n, mod).apply(sel, av);
        long[] minor = new long[s.length * s.length];
        for (int k = 0; k < s.length; k++) {
            for (int t = 0; t < c.length; t++) {
                minor[k * s.length + t] = (long) av[k][c[t]];
            }
        }
        assertEquals(s.length, ModularElimination.rank(minor, s.length, s.length, mod).rank());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void refusesWhenTheRankOutgrowsTheAllowedRows(int n, int rank, int block, boolean symmetric) {
        SplittableRandom rng = new SplittableRandom(7L * n + rank);
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        long[] a = lowRank(rng, n, rank, mod, symmetric);
        if (rank > block) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CompressedRank.rank(dense(a, n, mod), 1, block, 2, block, null));
            assertTrue(e.getMessage().contains("GiB"), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void failureBoundIsTinyForLargeDimensionsAndOneForTinyPrimes() {
        assertTrue(CompressedRank.failureBound(100_000, 2, (1L << 48) + 21) < 1e-18);
        assertEquals(1.0, CompressedRank.failureBound(100, 1, 3));
    }
}
