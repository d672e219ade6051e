package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A whole lowered network (stages, θ offsets, activations) against a direct forward pass written
 * from the documented parameter order, for
 * {@code in(2,7) -> conv(3,k=3,stride=2,pad=1,bias) -> relu -> local(2,k=2,bias) -> leakyrelu(1/1) -> dense(2,bias)}.
 * (Leaky slope 1/1 keeps the computation in ℤ.)
 */
class NetworkForwardTest {

    static long[] forward(LoweredNetwork net, long[] theta, long[] x) {
        long[] h = x;
        for (int i = 0; i < net.stages().size(); i++) {
            Stage s = net.stages().get(i);
            if (s instanceof ParameterStage ps) {
                long[] local = java.util.Arrays.copyOfRange(theta, net.parameterOffset(i),
                        net.parameterOffset(i) + ps.parameterCount());
                h = LoweringTest.apply(ps, local, h);
            } else if (s instanceof ActivationStage as) {
                Activation a = as.activation();
                assertEquals(1, a.slopeDenominator(), "test keeps slopes integral");
                long[] y = new long[h.length];
                for (int j = 0; j < h.length; j++) {
                    y[j] = h[j] >= 0 ? h[j] : h[j] * (a.kind() == Activation.Kind.RELU ? 0 : a.slopeNumerator());
                }
                h = y;
            } else {
                throw new AssertionError("unexpected stage " + s);
            }
        }
        return h;
    }

    @Test
    void loweredNetworkMatchesDirectForwardPass() {
        Architecture a = SpecParser.parse(
                "in(2,7) -> conv(3,k=3,stride=2,pad=1,bias) -> relu -> local(2,k=2,bias) -> leakyrelu(1/1) -> dense(2,bias)");
        LoweredNetwork net = a.lower();
        // conv: out length floor((7+2-3)/2)+1 = 4; local: 4-2+1 = 3
        int convW = 3 * 2 * 3;
        int localW = 2 * 3 * 3 * 2;
        int p = convW + 3 + localW + 6 + 2 * 6 + 2;
        assertEquals(p, a.parameterCount());
        SplittableRandom rnd = new SplittableRandom(55);
        for (int trial = 0; trial < 100; trial++) {
            long[] theta = LoweringTest.randomVector(rnd, p, 50);
            long[] x = LoweringTest.randomVector(rnd, 14, 50);
            // conv, then relu
            long[] h1 = new long[12];
            for (int o = 0; o < 3; o++) {
                for (int t = 0; t < 4; t++) {
                    long acc = theta[convW + o];
                    for (int c = 0; c < 2; c++) {
                        for (int j = 0; j < 3; j++) {
                            int i = 2 * t + j - 1;
                            acc += i < 0 || i >= 7 ? 0 : theta[(o * 2 + c) * 3 + j] * x[c * 7 + i];
                        }
                    }
                    h1[o * 4 + t] = Math.max(acc, 0);
                }
            }
            // local, then identity leaky relu
            int base = convW + 3;
            long[] h2 = new long[6];
            for (int o = 0; o < 2; o++) {
                for (int t = 0; t < 3; t++) {
                    long acc = theta[base + localW + o * 3 + t];
                    for (int c = 0; c < 3; c++) {
                        for (int j = 0; j < 2; j++) {
                            acc += theta[base + ((o * 3 + t) * 3 + c) * 2 + j] * h1[c * 4 + t + j];
                        }
                    }
                    h2[o * 3 + t] = acc;
                }
            }
            // dense
            int d = base + localW + 6;
            long[] y = new long[2];
            for (int o = 0; o < 2; o++) {
                y[o] = theta[d + 12 + o];
                for (int i = 0; i < 6; i++) {
                    y[o] += theta[d + o * 6 + i] * h2[i];
                }
            }
            assertArrayEquals(y, forward(net, theta, x));
        }
    }
}
