package org.hessrank.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast double kernel against the plain long kernel and against Bareiss over ℤ. */
class ModularEliminationTest {
    @Test
    void fastKernelAgreesWithLongKernelOnRandomLowRankMatrices() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(trial < 250 ? 40 : 300);
            int cols = 1 + random.nextInt(trial < 250 ? 40 : 300);
            int rank = random.nextInt(Math.min(rows, cols) + 1);
            long p = Primes.randomPrime(random, 20 + random.nextInt(ModularElimination.FAST_PRIME_BITS - 19));
            Modulus mod = Modulus.of(p);
            long[] e = lowRankResidues(random, rows, cols, rank, mod);
            ModularElimination.Result fast = ModularElimination.rank(e, rows, cols, mod);
            ModularElimination.Result slow = ModularElimination.eliminateLong(e, rows, cols, mod);
            String where = "trial " + trial + " " + rows + "x" + cols + " rank " + rank + " p " + p;
            assertEquals(slow.rank(), fast.rank(), where);
            assertWitnessNonsingularModP(e, cols, fast, mod, where);
        }
    }

    @Test
    void entriesAtTheTopOfTheResidueRangeStayExact() {
        // all entries p-1 or p-2: products near p², the worst case for the error-free split
        SplittableRandom random = new SplittableRandom(5);
        long p = Primes.randomPrime(random, ModularElimination.FAST_PRIME_BITS);
        Modulus mod = Modulus.of(p);
        int n = 60;
        long[] e = new long[n * n];
        for (int k = 0; k < e.length; k++) {
            e[k] = p - 1 - random.nextInt(2);
        }
        assertEquals(ModularElimination.eliminateLong(e, n, n, mod).rank(), ModularElimination.rank(e, n, n, mod).rank());
    }

    @Test
    void fusedPairUpdateIsExactAndStaysInRange() {
        // x − c0·u0 − c1·u1 mod p against BigInteger arithmetic, with residues at the ends of the
        // lazy range [0, p] (p stands for 0) where the fused reduction is tightest
        SplittableRandom random = new SplittableRandom(23);
        for (int trial = 0; trial < 40; trial++) {
            long p = Primes.randomPrime(random, trial < 30 ? ModularElimination.FAST_PRIME_BITS : 20 + 2 * (trial - 30));
            ModularElimination.DoubleKernel kernel = new ModularElimination.DoubleKernel(Modulus.of(p));
            int n = 4096;
            double[] x = new double[n];
            double[] u0 = new double[n];
            double[] u1 = new double[n];
            long[] pick = {0, 1, 2, p - 2, p - 1, p};
            for (int j = 0; j < n; j++) {
                x[j] = random.nextBoolean() ? pick[random.nextInt(pick.length)] : random.nextLong(p + 1);
                u0[j] = random.nextBoolean() ? pick[random.nextInt(pick.length)] : random.nextLong(p + 1);
                u1[j] = random.nextBoolean() ? pick[random.nextInt(pick.length)] : random.nextLong(p + 1);
            }
            long c0 = trial % 3 == 0 ? p - 1 : random.nextLong(p);
            long c1 = trial % 5 == 0 ? 0 : random.nextLong(p);
            double[] before = x.clone();
            kernel.axpy2(x, c0, u0, c1, u1, 0, n);
            BigInteger bp = BigInteger.valueOf(p);
            for (int j = 0; j < n; j++) {
                BigInteger want = BigInteger.valueOf((long) before[j])
                        .subtract(BigInteger.valueOf(c0).multiply(BigInteger.valueOf((long) u0[j])))
                        .subtract(BigInteger.valueOf(c1).multiply(BigInteger.valueOf((long) u1[j]))).mod(bp);
                String where = "p " + p + " j " + j + " x " + (long) x[j];
                assertTrue(x[j] >= 0 && x[j] <= p && x[j] == Math.rint(x[j]), where);
                assertEquals(want.longValueExact(), (long) x[j] % p, where);
            }
        }
    }

    @Test
    void agreesWithBareissOverTheIntegers() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + random.nextInt(25);
            int cols = 1 + random.nextInt(25);
            int rank = random.nextInt(Math.min(rows, cols) + 1);
            IntegerMatrix m = RandomMatrices.lowRank(random, rows, cols, rank, 1L << 20);
            long p = Primes.randomPrime(random, ModularElimination.FAST_PRIME_BITS);
            int modular = ModularElimination.rank(m.residues(p), rows, cols, Modulus.of(p)).rank();
            assertEquals(Bareiss.engine().rank(m).rank(), modular, "trial " + trial);
        }
    }

    @Test
    void largePrimesUseTheLongKernel() {
        SplittableRandom random = new SplittableRandom(8);
        IntegerMatrix m = RandomMatrices.lowRank(random, 30, 20, 7, 1000);
        long p = Primes.randomPrime(random, 62);
        assertEquals(7, ModularElimination.rank(m.residues(p), 30, 20, Modulus.of(p)).rank());
    }

    @Test
    void smallPrimeCanMissTheRankAndIsOnlyALowerBound() {
        // diag(1, 7): rank 2 over Q, rank 1 mod 7
        IntegerMatrix m = IntegerMatrix.of(new long[][] {{1, 0}, {0, 7}});
        assertEquals(1, ModularElimination.rank(m.residues(7), 2, 2, Modulus.of(7)).rank());
        assertEquals(2, ModularElimination.rank(m.residues(11), 2, 2, Modulus.of(11)).rank());
    }

    @Test
    void rejectsNonResiduesAndBadLengths() {
        Modulus mod = Modulus.of(101);
        assertThrows(IllegalArgumentException.class, () -> ModularElimination.rank(new long[] {1, 2, 3}, 2, 2, mod));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModularElimination.rank(new long[] {1, 2, 101, 3}, 2, 2, mod));
        assertEquals("entry (1, 0) (101) must be a residue in [0, 101)", e.getMessage());
    }

    @Test
    void crtReconstructsSignedIntegers() {
        SplittableRandom random = new SplittableRandom(9);
        long[] primes = new long[4];
        for (int i = 0; i < primes.length; i++) {
            primes[i] = Primes.randomPrime(random, 40 + i);
        }
        for (int trial = 0; trial < 200; trial++) {
            BigInteger x = new BigInteger(150, new java.util.Random(trial)).subtract(BigInteger.ONE.shiftLeft(149));
            long[] residues = new long[primes.length];
            for (int i = 0; i < primes.length; i++) {
                residues[i] = x.mod(BigInteger.valueOf(primes[i])).longValue();
            }
            assertEquals(x, Crt.combineSigned(residues, primes));
        }
        assertThrows(IllegalArgumentException.class, () -> Crt.combine(new long[] {1, 2}, new long[] {6, 4}));
    }

    private static long[] lowRankResidues(SplittableRandom random, int rows, int cols, int rank, Modulus mod) {
        long p = mod.value();
        long[][] b = new long[rows][rank];
        long[][] c = new long[rank][cols];
        for (long[] row : b) {
            for (int k = 0; k < rank; k++) {
                row[k] = random.nextLong(p);
            }
        }
        for (long[] row : c) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextInt(4) == 0 ? 0 : random.nextLong(p);
            }
        }
        long[] e = new long[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long s = 0;
                for (int k = 0; k < rank; k++) {
                    s = mod.add(s, mod.multiply(b[i][k], c[k][j]));
                }
                e[i * cols + j] = s;
            }
        }
        return e;
    }

    private static void assertWitnessNonsingularModP(long[] e, int cols, ModularElimination.Result r, Modulus mod,
            String where) {
        int[] pr = r.pivotRows();
        int[] pc = r.pivotCols();
        assertEquals(r.rank(), pr.length, where);
        long[] minor = new long[pr.length * pc.length];
        for (int a = 0; a < pr.length; a++) {
            for (int b = 0; b < pc.length; b++) {
                minor[a * pc.length + b] = e[pr[a] * cols + pc[b]];
            }
        }
        assertEquals(r.rank(), ModularElimination.eliminateLong(minor, pr.length, pc.length, mod).rank(),
                "witness minor singular mod p: " + where);
        assertArrayEquals(r.witness().rows(), java.util.stream.IntStream.of(pr).sorted().toArray());
        assertNotEquals(-1, r.rank());
    }
}
