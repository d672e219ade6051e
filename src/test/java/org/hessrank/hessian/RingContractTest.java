package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.apfloat.Apfloat;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every {@link Ring}: its primitive operations agree with the same operations
 * over ℤ (the oracle is {@link BigRing}, itself checked against plain BigInteger loops), and the
 * one {@link HessianAlgorithm} run in it gives the exact Hessians as that number system holds
 * them: equal mod p for residues, exactly equal in 100-digit apfloat, within rounding in float64,
 * and entrywise at least |exact| for bounds.
 */
class RingContractTest {
    /** A ring with the check that its array holds the given exact integers. */
    record Case<V>(String name, Ring<V> ring, BiConsumer<V, BigInteger[]> holds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case<?>> rings() {
        SplittableRandom rng = new SplittableRandom(7);
        Modulus small = Modulus.of(Primes.randomPrime(rng, 31));
        Modulus fast = Modulus.of(Primes.randomPrime(rng, 49));
        Modulus wide = Modulus.of(Primes.randomPrime(rng, 62));
        List<Case<?>> out = new ArrayList<>();
        out.add(new Case<>("BigInteger", BigRing.INSTANCE, (v, exact) -> assertArrayEquals(exact, v)));
        for (Modulus m : new Modulus[] {small, fast}) {
            DoubleResidueRing ring = new DoubleResidueRing(m);
            out.add(new Case<>("double residues mod " + m.value(), ring,
                    (v, exact) -> assertArrayEquals(reduce(exact, m), ring.canonical(v))));
        }
        for (Modulus m : new Modulus[] {small, wide}) {
            out.add(new Case<>("long residues mod " + m.value(), new LongResidueRing(m),
                    (v, exact) -> assertArrayEquals(reduce(exact, m), v)));
        }
        out.add(new Case<>("float64", Float64Ring.INSTANCE, (v, exact) -> {
            for (int i = 0; i < exact.length; i++) {
                double e = exact[i].doubleValue();
                assertTrue(Math.abs(v[i] - e) <= 1e-9 * Math.max(1, Math.abs(e)), "entry " + i + ": " + v[i] + " vs " + e);
            }
        }));
        out.add(new Case<>("bounds", BoundRing.INSTANCE, (v, exact) -> {
            for (int i = 0; i < exact.length; i++) {
                assertTrue(v[i] >= Math.abs(exact[i].doubleValue()), "entry " + i + ": bound " + v[i] + " < |" + exact[i] + "|");
            }
        }));
        out.add(new Case<>("apfloat 100 digits", new RealsRing<>(Reals.apfloat(100)), (v, exact) -> {
            for (int i = 0; i < exact.length; i++) {
                assertEquals(new Apfloat(exact[i]), v[i], "entry " + i);
            }
        }));
        return out;
    }

    private static long[] reduce(BigInteger[] exact, Modulus m) {
        long[] r = new long[exact.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = m.reduce(exact[i]);
        }
        return r;
    }

    private static BigInteger[] randomIntegers(SplittableRandom rng, int n, int range) {
        BigInteger[] v = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            v[i] = BigInteger.valueOf(rng.nextInt(-range, range + 1));
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("rings")
    <V> void primitiveOperationsAgreeWithTheIntegers(Case<V> c) {
        SplittableRandom rng = new SplittableRandom(c.name().hashCode());
        Ring<V> ring = c.ring();
        int n = 11;
        for (int trial = 0; trial < 20; trial++) {
            BigInteger[] y = randomIntegers(rng, n, 1000);
            BigInteger[] x = randomIntegers(rng, n, 1000);
            BigInteger[] x2 = randomIntegers(rng, n, 1000);
            BigInteger[] coef = randomIntegers(rng, 3, 50);
            int yo = rng.nextInt(3);
            int xo = rng.nextInt(3);
            int len = n - 3;
            V ry = ring.of(y);
            V rx = ring.of(x);
            V rx2 = ring.of(x2);
            V rc = ring.of(coef);
            BigInteger[] expected = y.clone();
            ring.addMul(ry, yo, rc, 0, rx, xo, len);
            for (int k = 0; k < len; k++) {
                expected[yo + k] = expected[yo + k].add(coef[0].multiply(x[xo + k]));
            }
            c.holds().accept(ry, expected);
            ring.addMul2(ry, yo, rc, 1, rx, xo, rc, 2, rx2, xo, len);
            for (int k = 0; k < len; k++) {
                expected[yo + k] = expected[yo + k].add(coef[1].multiply(x[xo + k])).add(coef[2].multiply(x2[xo + k]));
            }
            c.holds().accept(ry, expected);
            V product = ring.zeros(n);
            ring.mul(product, yo, rc, 1, rx, xo, len);
            BigInteger[] expectedProduct = new BigInteger[n];
            java.util.Arrays.fill(expectedProduct, BigInteger.ZERO);
            for (int k = 0; k < len; k++) {
                expectedProduct[yo + k] = coef[1].multiply(x[xo + k]);
            }
            c.holds().accept(product, expectedProduct);
            ring.clear(ry, 0, 2);
            expected[0] = BigInteger.ZERO;
            expected[1] = BigInteger.ZERO;
            ring.set(ry, 2, rx, 0);
            expected[2] = x[0];
            c.holds().accept(ry, expected);
            BigInteger[] sum = new BigInteger[n];
            for (int k = 0; k < n; k++) {
                sum[k] = expected[k].add(x[k]);
            }
            c.holds().accept(ring.sum(ry, rx), sum);
        }
    }

    @ParameterizedTest
    @MethodSource("rings")
    <V> void gramIsTheTransposeProduct(Case<V> c) {
        SplittableRandom rng = new SplittableRandom(c.name().hashCode() + 1);
        int rows = 7;
        int cols = 5;
        BigInteger[] j = randomIntegers(rng, rows * cols, 1 << 20);
        BigInteger[] expected = new BigInteger[cols * cols];
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < cols; b++) {
                BigInteger s = BigInteger.ZERO;
                for (int r = 0; r < rows; r++) {
                    s = s.add(j[r * cols + a].multiply(j[r * cols + b]));
                }
                expected[a * cols + b] = s;
            }
        }
        c.holds().accept(c.ring().gram(c.ring().of(j), rows, cols), expected);
    }

    @ParameterizedTest
    @MethodSource("rings")
    <V> void theOneAlgorithmGivesTheExactHessiansInEveryRing(Case<V> c) {
        for (TestNets.Net net : TestNets.zoo()) {
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(11).withSamples(5).withRange(40));
            ExactHessians exact = Hessians.exact(net.lowered, point);
            Evaluation ev = Hessians.evaluate(net.lowered, point);
            HessianAlgorithm<V> algorithm = Hessians.algorithm(c.ring(), ev, point);
            c.holds().accept(algorithm.outer(algorithm.jacobian()), entries(exact.o()));
            c.holds().accept(algorithm.functional(1), entries(exact.f()));
            c.holds().accept(algorithm.functional(HessianAlgorithm.exactChunk()), entries(exact.f()));
            c.holds().accept(algorithm.jacobian(), entries(Hessians.jacobian(net.lowered, point)));
        }
    }

    private static BigInteger[] entries(org.hessrank.exact.IntegerMatrix m) {
        BigInteger[] out = new BigInteger[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int q = 0; q < m.cols(); q++) {
                out[r * m.cols() + q] = m.get(r, q);
            }
        }
        return out;
    }

    @Test
    void boxedDoublesAndFloat64AgreeToTheLastBit() {
        for (TestNets.Net net : TestNets.zoo()) {
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(3).withSamples(4));
            Evaluation ev = Hessians.evaluate(net.lowered, point);
            HessianAlgorithm<double[]> primitive = Hessians.algorithm(Float64Ring.INSTANCE, ev, point);
            HessianAlgorithm<Double[]> boxed = Hessians.algorithm(new RealsRing<>(Reals.DOUBLE), ev, point);
            double[] f = primitive.functional(1);
            Double[] g = boxed.functional(1);
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i], g[i], 0.0, net.name + " entry " + i);
            }
        }
    }
}
