package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The docs/theorems.md reference rows not covered by the BigInteger tests, with Hessians built mod a
 * random 49-bit prime (maximum over two points). Values typed from docs/theorems.md; -1 = not listed.
 */
class ReferenceTableModularTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "in(8) -> dense(6) -> dense(2) -> dense(7) -> dense(4); 8; 102; 20; 60; 68",
        "in(5) -> dense(4) -> dense(4) -> dense(4) -> dense(4) -> dense(3); 5; 80; 15; 69; 75",
        "in(25) -> dense(5) -> dense(10) -> dense(10); 50; 275; 150; 175; 250",
        "in(10) -> dense(6) -> dense(6) -> dense(3); 5; 114; 15; 63; 69",
        // all-conv 1D, m_0=1, k_1=3, m=4, K=2, k_2=3, N large (d_0 not given; 10 here)
        "in(1,10) -> conv(4,k=3) -> conv(2,k=3); 40; -1; 10; 24; 33",
        // CNN1-O-2D: 65 measured against the 1D expression's 68
        "in(1,5,5) -> conv(2,k=3) -> dense(3); 30; -1; 65; -1; -1",
        // conv(1->m,3) -> conv(m->m,3) -> FC(2), d_0=12, N=40: H_L = 16m + 22
        "in(1,12) -> conv(4,k=3) -> conv(4,k=3) -> dense(2); 40; 124; -1; -1; 86",
        "in(1,12) -> conv(6,k=3) -> conv(6,k=3) -> dense(2); 40; 222; -1; -1; 118",
        "in(1,12) -> conv(8,k=3) -> conv(8,k=3) -> dense(2); 40; 344; -1; -1; 150"})
    void referenceRows(String spec, int samples, int p, int rankO, int rankF, int rankL) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        if (p >= 0) {
            assertEquals(p, net.parameterCount(), "parameter count");
        }
        SplittableRandom primes = new SplittableRandom(spec.hashCode());
        int[] best = new int[3];
        for (long seed = 1; seed <= 2; seed++) {
            Point point = Points.draw(net, PointOptions.defaults().withSamples(samples).withSeed(seed));
            Modulus mod = Modulus.of(Primes.randomPrime(primes, ModularRank.PRIME_BITS));
            ModularHessians h = Hessians.modular(net, point, mod);
            int n = net.parameterCount();
            ModularMatrix[] parts = {h.o(), h.f(), h.l()};
            for (int k = 0; k < 3; k++) {
                best[k] = Math.max(best[k], ModularElimination.rank(parts[k].toRowMajor(), n, n, mod).rank());
            }
        }
        int[] expected = {rankO, rankF, rankL};
        String[] names = {"H_O", "H_F", "H_L"};
        for (int k = 0; k < 3; k++) {
            if (expected[k] >= 0) {
                assertEquals(expected[k], best[k], "rank " + names[k]);
            }
        }
    }
}
