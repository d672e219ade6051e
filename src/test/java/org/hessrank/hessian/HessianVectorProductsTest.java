package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.exact.ToeplitzRank;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HessianVectorProductsTest {
    record Case(String name, LoweredNetwork net, int samples) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (TestNets.Net net : TestNets.zoo()) {
            out.add(new Case(net.name, net.lowered, 5));
        }
        for (String spec : new String[] {"in(2,7) -> conv(3,k=3,bias) -> relu -> conv(2,k=2,stride=2) -> dense(2)",
            "in(1,5,5) -> conv(2,k=3,pad=1) -> avgpool(2) -> flatten -> dense(3,bias)",
            "in(2,6) -> local(2,k=3,bias) -> leakyrelu(1/3) -> dense(2)",
            "in(6) -> dense(5) -> dense(4) -> dense(3)",
            // graphs: attention, residual, polynomial, gated, LoRA, frozen conv, mixed scales in a sum
            "in(3,4) -> attn(a=2) -> attn(a=2)",
            "in(4) -> res(dense(4) -> relu -> dense(4)) -> dense(2)",
            "in(3) -> dense(3,bias) -> poly(1,-2,0,1) -> dense(2)",
            "in(4) -> res(mul(id | dense(4))) -> dense(2)",
            "in(6) -> add(dense(6,frozen) | dense(2) -> dense(6)) -> dense(2)",
            "in(2,5) -> conv(3,k=2,frozen) -> relu -> attn(a=2,heads=2,v=2) -> dense(2)",
            "in(1,6) -> conv(2,k=3) -> avgpool(2) -> res(conv(2,k=1) -> leakyrelu(1/3)) -> flatten -> dense(2)"}) {
            out.add(new Case(spec, Architecture.parse(spec).lower(), 9));
        }
        return out;
    }

    /** The shared F/L pass equals the two separate products (which equal the dense Hessians, above). */
    @ParameterizedTest
    @MethodSource("cases")
    void sharedPassEqualsSeparateProducts(Case c) {
        SplittableRandom rng = new SplittableRandom(c.name.hashCode() + 1);
        Point point = Points.draw(c.net, PointOptions.defaults().withSeed(5).withSamples(c.samples));
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        HessianVectorProducts hvp = HessianVectorProducts.of(c.net, point, mod);
        int p = c.net.parameterCount();
        for (int m : new int[] {1, 40}) {
            double[][] in = new double[m][p];
            for (double[] v : in) {
                for (int k = 0; k < p; k++) {
                    v[k] = rng.nextLong(mod.value());
                }
            }
            double[][] f = new double[m][p];
            double[][] l = new double[m][p];
            hvp.apply(Part.F, in, f);
            hvp.apply(Part.L, in, l);
            double[][] f2 = new double[m][p];
            double[][] l2 = new double[m][p];
            hvp.applyFL(in, f2, l2);
            for (int j = 0; j < m; j++) {
                assertArrayEquals(f[j], f2[j], c.name + " H_F vector " + j);
                assertArrayEquals(l[j], l2[j], c.name + " H_L vector " + j);
            }
        }
    }

    /**
     * The Gram family's pieces: jv = cJ·v (against the Jacobian's rows) and H_F·v + (cJ)ᵀ·jv = H_L·v;
     * and the Toeplitz ranks of the family are the same whether H_L's columns come through the
     * projected Jacobian or directly.
     */
    @ParameterizedTest
    @MethodSource("cases")
    void gramFamilyFactorsHL(Case c) {
        SplittableRandom rng = new SplittableRandom(c.name.hashCode() + 2);
        Point point = Points.draw(c.net, PointOptions.defaults().withSeed(7).withSamples(c.samples));
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        HessianVectorProducts hvp = HessianVectorProducts.of(c.net, point, mod);
        int p = c.net.parameterCount();
        long[] cj = hvp.jacobian();
        int k = cj.length / p;
        int m = 35;
        double[][] in = new double[m][p];
        for (double[] v : in) {
            for (int a = 0; a < p; a++) {
                v[a] = rng.nextLong(mod.value());
            }
        }
        double[][] f = new double[m][p];
        double[][] jv = new double[m][k];
        hvp.applyF(in, f, jv);
        double[][] l = new double[m][p];
        hvp.apply(Part.L, in, l);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < k; i++) {
                long s = 0;
                for (int a = 0; a < p; a++) {
                    s = mod.add(s, mod.multiply(cj[i * p + a], (long) in[j][a]));
                }
                assertEquals(s, (long) jv[j][i], c.name + " (cJ v)[" + i + "] vector " + j);
            }
            for (int a = 0; a < p; a++) {
                long s = (long) f[j][a];
                for (int i = 0; i < k; i++) {
                    s = mod.add(s, mod.multiply(cj[i * p + a], (long) jv[j][i]));
                }
                assertEquals((long) l[j][a], s, c.name + " H_L v entry " + a + " vector " + j);
            }
        }
        ToeplitzRank.Result[] direct = ToeplitzRank.ranks(hvp.familyFL(cj), 11, 8, Long.MAX_VALUE, null,
                ToeplitzRank.GramUse.NEVER);
        ToeplitzRank.Result[] factored = ToeplitzRank.ranks(hvp.familyFL(cj), 11, 8, Long.MAX_VALUE, null,
                ToeplitzRank.GramUse.ALWAYS);
        ModularHessians dense = Hessians.modular(c.net, point, mod);
        assertEquals(denseRank(dense.part(Part.F), mod), factored[0].rank(), c.name + " H_F");
        assertEquals(denseRank(dense.part(Part.L), mod), factored[1].rank(), c.name + " H_L");
        assertEquals(direct[0].rank(), factored[0].rank(), c.name + " H_F");
        assertEquals(direct[1].rank(), factored[1].rank(), c.name + " H_L");
    }

    private static int denseRank(ModularMatrix h, Modulus mod) {
        return ModularElimination.rank(h.toRowMajor(), h.rows(), h.cols(), mod).rank();
    }

    /** Equals the dense modular Hessian times the vectors, for every part, block sizes 1 and 37. */
    @ParameterizedTest
    @MethodSource("cases")
    void productsEqualDenseModularHessianTimesVector(Case c) {
        SplittableRandom rng = new SplittableRandom(c.name.hashCode());
        Point point = Points.draw(c.net, PointOptions.defaults().withSeed(3).withSamples(c.samples));
        Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
        ModularHessians dense = Hessians.modular(c.net, point, mod);
        HessianVectorProducts hvp = HessianVectorProducts.of(c.net, point, mod);
        int p = c.net.parameterCount();
        assertEquals(p, hvp.dimension());
        assertEquals(dense.scale(), hvp.scale());
        for (int m : new int[] {1, 37}) {
            double[][] in = new double[m][p];
            for (double[] v : in) {
                for (int k = 0; k < p; k++) {
                    v[k] = rng.nextLong(mod.value());
                }
            }
            for (Part part : Part.hessianParts()) {
                double[][] out = new double[m][p];
                hvp.apply(part, in, out);
                ModularMatrix h = dense.part(part);
                for (int j = 0; j < m; j++) {
                    long[] expected = new long[p];
                    for (int a = 0; a < p; a++) {
                        long s = 0;
                        for (int b = 0; b < p; b++) {
                            s = mod.add(s, mod.multiply(h.get(a, b), (long) in[j][b]));
                        }
                        expected[a] = s;
                    }
                    long[] actual = new long[p];
                    for (int a = 0; a < p; a++) {
                        actual[a] = (long) out[j][a];
                    }
                    assertArrayEquals(expected, actual, c.name + " part " + part + " block " + m + " vector " + j);
                }
            }
        }
    }
}
