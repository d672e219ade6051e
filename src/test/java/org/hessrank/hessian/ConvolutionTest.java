package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.SpecParser;
import org.hessrank.net.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Convolutional networks from the spec parser. */
class ConvolutionTest {
    /**
     * Parameter tying: a conv net computes F(θ) = F_dense(Aθ) where F_dense has one free dense
     * (Toeplitz) weight per matrix entry and one bias per output unit, and A (linear) maps the
     * kernel to T(W) and channel biases to unit biases. Hence J = J_dense·A and every Hessian
     * part satisfies H = Aᵀ H_dense(Aθ) A.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "in(1,8) -> conv(2,k=3) -> dense(3)",
        "in(2,10) -> conv(3,k=3,bias) -> relu -> avgpool(2) -> conv(2,k=2,stride=2,pad=1) -> flatten -> dense(2,bias)",
        "in(1,5,5) -> conv(2,k=3,pad=1) -> leakyrelu(1/10) -> dense(3)",
        "in(1,6) -> local(2,k=3,bias) -> conv(2,k=2) -> dense(2)",
    })
    void convolutionEqualsItsToeplitzDenseNetThroughTheTying(String spec) {
        LoweredNetwork conv = SpecParser.parse(spec).lower();
        List<Stage> denseStages = new ArrayList<>();
        int pConv = conv.parameterCount();
        int pDense = 0;
        List<long[]> aEntries = new ArrayList<>(); // (row, col, value) of A
        for (int s = 0; s < conv.stages().size(); s++) {
            Stage st = conv.stages().get(s);
            if (!(st instanceof ParameterStage ps)) {
                denseStages.add(st);
                continue;
            }
            int in = ps.inSize();
            int out = ps.outSize();
            int weights = in * out;
            int[] to = new int[weights], ti = new int[weights], tp = new int[weights];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    to[o * in + i] = o;
                    ti[o * in + i] = i;
                    tp[o * in + i] = o * in + i;
                }
            }
            int[] bo = new int[out], bp = new int[out];
            for (int o = 0; o < out; o++) {
                bo[o] = o;
                bp[o] = weights + o;
            }
            denseStages.add(ParameterStage.of("toeplitz" + s, in, out, weights + out, to, ti, tp, bo, bp));
            int offConv = conv.parameterOffset(s);
            for (int t = 0; t < ps.termCount(); t++) {
                aEntries.add(new long[] {pDense + ps.termOut()[t] * in + ps.termIn()[t], offConv + ps.termParam()[t], 1});
            }
            for (int b = 0; b < ps.biasOut().length; b++) {
                aEntries.add(new long[] {pDense + weights + ps.biasOut()[b], offConv + ps.biasParam()[b], 1});
            }
            pDense += weights + out;
        }
        LoweredNetwork dense = LoweredNetwork.of(denseStages);
        assertEquals(pDense, dense.parameterCount());
        BigInteger[] a = new BigInteger[pDense * pConv];
        java.util.Arrays.fill(a, BigInteger.ZERO);
        for (long[] e : aEntries) {
            int idx = (int) e[0] * pConv + (int) e[1];
            a[idx] = a[idx].add(BigInteger.valueOf(e[2]));
        }
        IntegerMatrix tying = IntegerMatrix.of(pDense, pConv, a);

        Point point = Points.draw(conv, PointOptions.defaults().withSeed(9).withSamples(5));
        IntegerMatrix theta = IntegerMatrix.of(pConv, 1, point.theta());
        BigInteger[] thetaDense = tying.multiply(theta).toRowMajor();
        Point densePoint = Point.of(thetaDense, point.inputs(), point.targets(), point.targetDenominator());

        ExactHessians hc = Hessians.exact(conv, point);
        ExactHessians hd = Hessians.exact(dense, densePoint);
        assertEquals(hd.scale(), hc.scale());
        assertEquals(Hessians.forward(dense, densePoint), Hessians.forward(conv, point));
        assertEquals(Hessians.jacobian(dense, densePoint).multiply(tying), Hessians.jacobian(conv, point));
        for (Part part : Part.hessianParts()) {
            assertEquals(tying.transpose().multiply(hd.part(part)).multiply(tying), hc.part(part), spec + " " + part);
        }
        assertTrue(hc.f().maxBitLength() > 0, "nonzero H_F");
    }

    /** docs/theorems.md CNN reference values, as the maximum over three points of the rank mod a 49-bit prime. */
    @ParameterizedTest(name = "{0}, N={1}")
    @CsvSource(delimiter = ';', value = {
        "in(1,8) -> conv(2,k=3) -> dense(3); 30; 24; 12; 35",
        "in(1,8) -> conv(1,k=3) -> dense(3); 30; 20; -1; -1",
        "in(1,10) -> conv(6,k=3) -> conv(6,k=3) -> dense(3); 12; 30; 95; 124",
    })
    void cnnReferenceRanks(String spec, int n, int rankO, int rankF, int rankL) {
        LoweredNetwork net = SpecParser.parse(spec).lower();
        SplittableRandom rng = new SplittableRandom(spec.hashCode());
        int[] best = new int[3];
        for (long seed = 1; seed <= 3; seed++) {
            Point point = Points.draw(net, PointOptions.defaults().withSeed(seed).withSamples(n));
            Modulus mod = Modulus.of(Primes.randomPrime(rng, ModularElimination.FAST_PRIME_BITS));
            ModularHessians h = Hessians.modular(net, point, mod);
            int p = h.parameterCount();
            for (Part part : Part.hessianParts()) {
                int r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod).rank();
                best[part.ordinal()] = Math.max(best[part.ordinal()], r);
            }
        }
        assertEquals(rankO, best[0], "rank H_O");
        if (rankF >= 0) {
            assertEquals(rankF, best[1], "rank H_F");
            assertEquals(rankL, best[2], "rank H_L");
        }
    }
}
