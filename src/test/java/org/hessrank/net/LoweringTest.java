package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lowered stages (and the explicit matrices T(W)) against independent direct loops with
 * explicit stride and zero padding. The direct loops compute output sizes by counting windows,
 * not with the floor formula.
 */
class LoweringTest {
    private static final int TRIALS = 300;

    static long[] randomVector(SplittableRandom rnd, int n, int bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(-bound, bound + 1);
        }
        return v;
    }

    /** y = stage(θ, h), straight from the term lists. */
    static long[] apply(ParameterStage st, long[] theta, long[] h) {
        assertEquals(st.parameterCount(), theta.length, "theta length");
        assertEquals(st.inSize(), h.length, "input length");
        long[] y = new long[st.outSize()];
        for (int t = 0; t < st.termCount(); t++) {
            y[st.termOut()[t]] += theta[st.termParam()[t]] * h[st.termIn()[t]];
        }
        for (int b = 0; b < st.biasOut().length; b++) {
            y[st.biasOut()[b]] += theta[st.biasParam()[b]];
        }
        return y;
    }

    /** den·y for a fixed stage (kept integral). */
    static long[] applyScaled(FixedLinearStage st, long[] h) {
        long[] y = new long[st.outSize()];
        for (int t = 0; t < st.out().length; t++) {
            y[st.out()[t]] += st.numerator()[t] * h[st.in()[t]];
        }
        return y;
    }

    static long[] matVec(long[][] m, long[] x) {
        long[] y = new long[m.length];
        for (int i = 0; i < m.length; i++) {
            assertEquals(x.length, m[i].length, "matrix columns");
            for (int j = 0; j < x.length; j++) {
                y[i] += m[i][j] * x[j];
            }
        }
        return y;
    }

    /** Number of windows of size k, stride s that fit in d + 2p, counted one by one. */
    static int windows(int d, int k, int s, int p) {
        int n = 0;
        while (n * s + k <= d + 2 * p) {
            n++;
        }
        return n;
    }

    static void checkAgainst(Architecture a, int layer, long[] theta, long[] h, long[] expected, int weightCount) {
        ParameterStage st = a.lowerLayer(layer);
        assertArrayEquals(expected, apply(st, theta, h), () -> "stage vs direct loop for " + a.spec());
        long[] viaMatrix = matVec(a.layerMatrix(layer, theta), h);
        // T(W) is the linear part: add the bias separately (entries after the weights)
        long[] noBias = theta.clone();
        for (int i = weightCount; i < noBias.length; i++) {
            noBias[i] = 0;
        }
        assertArrayEquals(apply(st, noBias, h), viaMatrix, () -> "T(W)x vs stage without bias for " + a.spec());
    }

    @Test
    void conv1dMatchesDirectLoop() {
        SplittableRandom rnd = new SplittableRandom(101);
        for (int trial = 0; trial < TRIALS; trial++) {
            int cin = rnd.nextInt(1, 4);
            int len = rnd.nextInt(1, 13);
            int cout = rnd.nextInt(1, 4);
            int pad = rnd.nextInt(0, 3);
            int k = rnd.nextInt(1, len + 2 * pad + 1);
            int stride = rnd.nextInt(1, 4);
            boolean bias = rnd.nextBoolean();
            Architecture a = Architecture.of(Shape.signal(cin, len),
                    List.of(Layer.conv(cout, Extent.of(k), Extent.of(stride), Extent.of(pad), bias)));
            int dout = windows(len, k, stride, pad);
            assertEquals(Shape.signal(cout, dout), a.outputShape(), a.spec());
            int weights = cout * cin * k;
            assertEquals(weights + (bias ? cout : 0), a.parameterCount(), a.spec());
            long[] theta = randomVector(rnd, a.parameterCount(), 1000);
            long[] h = randomVector(rnd, cin * len, 1000);
            long[] y = new long[cout * dout];
            for (int o = 0; o < cout; o++) {
                for (int x = 0; x < dout; x++) {
                    long acc = bias ? theta[weights + o] : 0;
                    for (int c = 0; c < cin; c++) {
                        for (int t = 0; t < k; t++) {
                            int ix = x * stride + t - pad;
                            long hv = ix >= 0 && ix < len ? h[c * len + ix] : 0; // zero padding
                            acc += theta[(o * cin + c) * k + t] * hv;
                        }
                    }
                    y[o * dout + x] = acc;
                }
            }
            checkAgainst(a, 1, theta, h, y, weights);
        }
    }

    @Test
    void conv2dMatchesDirectLoop() {
        SplittableRandom rnd = new SplittableRandom(202);
        for (int trial = 0; trial < TRIALS; trial++) {
            int cin = rnd.nextInt(1, 3);
            int hh = rnd.nextInt(1, 8);
            int ww = rnd.nextInt(1, 8);
            int cout = rnd.nextInt(1, 3);
            int ph = rnd.nextInt(0, 3);
            int pw = rnd.nextInt(0, 3);
            int kh = rnd.nextInt(1, hh + 2 * ph + 1);
            int kw = rnd.nextInt(1, ww + 2 * pw + 1);
            int sh = rnd.nextInt(1, 4);
            int sw = rnd.nextInt(1, 4);
            boolean bias = rnd.nextBoolean();
            Architecture a = Architecture.of(Shape.image(cin, hh, ww), List.of(
                    Layer.conv(cout, Extent.of(kh, kw), Extent.of(sh, sw), Extent.of(ph, pw), bias)));
            int ho = windows(hh, kh, sh, ph);
            int wo = windows(ww, kw, sw, pw);
            assertEquals(Shape.image(cout, ho, wo), a.outputShape(), a.spec());
            int weights = cout * cin * kh * kw;
            assertEquals(weights + (bias ? cout : 0), a.parameterCount(), a.spec());
            long[] theta = randomVector(rnd, a.parameterCount(), 1000);
            long[] h = randomVector(rnd, cin * hh * ww, 1000);
            long[] y = new long[cout * ho * wo];
            for (int o = 0; o < cout; o++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        long acc = bias ? theta[weights + o] : 0;
                        for (int c = 0; c < cin; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * sh + i - ph;
                                    int ix = ox * sw + j - pw;
                                    boolean inside = iy >= 0 && iy < hh && ix >= 0 && ix < ww;
                                    long hv = inside ? h[c * hh * ww + iy * ww + ix] : 0;
                                    acc += theta[((o * cin + c) * kh + i) * kw + j] * hv;
                                }
                            }
                        }
                        y[o * ho * wo + oy * wo + ox] = acc;
                    }
                }
            }
            checkAgainst(a, 1, theta, h, y, weights);
        }
    }

    @Test
    void localMatchesDirectLoop() {
        SplittableRandom rnd = new SplittableRandom(303);
        for (int trial = 0; trial < TRIALS; trial++) {
            int cin = rnd.nextInt(1, 4);
            int len = rnd.nextInt(1, 13);
            int cout = rnd.nextInt(1, 4);
            int pad = rnd.nextInt(0, 3);
            int k = rnd.nextInt(1, len + 2 * pad + 1);
            int stride = rnd.nextInt(1, 4);
            boolean bias = rnd.nextBoolean();
            Architecture a = Architecture.of(Shape.signal(cin, len),
                    List.of(Layer.local(cout, k, stride, pad, bias)));
            int dout = windows(len, k, stride, pad);
            assertEquals(Shape.signal(cout, dout), a.outputShape(), a.spec());
            int weights = cout * dout * cin * k;
            assertEquals(weights + (bias ? cout * dout : 0), a.parameterCount(), a.spec());
            long[] theta = randomVector(rnd, a.parameterCount(), 1000);
            long[] h = randomVector(rnd, cin * len, 1000);
            long[] y = new long[cout * dout];
            // documented order: W[o][x][c][t] row-major, then b[o][x]
            for (int o = 0; o < cout; o++) {
                for (int x = 0; x < dout; x++) {
                    long acc = bias ? theta[weights + o * dout + x] : 0;
                    for (int c = 0; c < cin; c++) {
                        for (int t = 0; t < k; t++) {
                            int ix = x * stride + t - pad;
                            long hv = ix >= 0 && ix < len ? h[c * len + ix] : 0;
                            acc += theta[((o * dout + x) * cin + c) * k + t] * hv;
                        }
                    }
                    y[o * dout + x] = acc;
                }
            }
            checkAgainst(a, 1, theta, h, y, weights);
        }
    }

    @Test
    void denseMatchesDirectLoopOnAnyShape() {
        SplittableRandom rnd = new SplittableRandom(404);
        for (int trial = 0; trial < TRIALS; trial++) {
            Shape in = switch (trial % 3) {
                case 0 -> Shape.vector(rnd.nextInt(1, 10));
                case 1 -> Shape.signal(rnd.nextInt(1, 4), rnd.nextInt(1, 6));
                default -> Shape.image(rnd.nextInt(1, 3), rnd.nextInt(1, 4), rnd.nextInt(1, 4));
            };
            int kk = rnd.nextInt(1, 6);
            boolean bias = rnd.nextBoolean();
            Architecture a = Architecture.of(in, List.of(Layer.dense(kk, bias)));
            int n = in.size();
            assertEquals(kk * n + (bias ? kk : 0), a.parameterCount(), a.spec());
            long[] theta = randomVector(rnd, a.parameterCount(), 1000);
            long[] h = randomVector(rnd, n, 1000);
            long[] y = new long[kk];
            for (int o = 0; o < kk; o++) {
                y[o] = bias ? theta[kk * n + o] : 0;
                for (int i = 0; i < n; i++) {
                    y[o] += theta[o * n + i] * h[i];
                }
            }
            checkAgainst(a, 1, theta, h, y, kk * n);
        }
    }

    @Test
    void avgpoolMatchesDirectLoop() {
        SplittableRandom rnd = new SplittableRandom(505);
        for (int trial = 0; trial < TRIALS; trial++) {
            boolean twoD = rnd.nextBoolean();
            int c = rnd.nextInt(1, 4);
            int hh = twoD ? rnd.nextInt(1, 9) : 1;
            int ww = rnd.nextInt(1, 12);
            int s = rnd.nextInt(1, (twoD ? Math.min(hh, ww) : ww) + 1);
            Shape in = twoD ? Shape.image(c, hh, ww) : Shape.signal(c, ww);
            Architecture a = Architecture.of(in, List.of(Layer.avgpool(s), Layer.dense(1)));
            LoweredNetwork net = a.lower();
            FixedLinearStage st = assertInstanceOf(FixedLinearStage.class, net.stages().get(0));
            int ho = twoD ? hh / s : 1;
            int wo = ww / s;
            assertEquals(twoD ? Shape.image(c, ho, wo) : Shape.signal(c, wo), a.shape(1), a.spec());
            assertEquals(twoD ? (long) s * s : s, st.denominator(), a.spec());
            long[] h = randomVector(rnd, in.size(), 1000);
            long[] y = new long[c * ho * wo];
            for (int ch = 0; ch < c; ch++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        long sum = 0;
                        for (int i = 0; i < (twoD ? s : 1); i++) {
                            for (int j = 0; j < s; j++) {
                                sum += h[ch * hh * ww + (oy * (twoD ? s : 1) + i) * ww + ox * s + j];
                            }
                        }
                        y[ch * ho * wo + oy * wo + ox] = sum;
                    }
                }
            }
            assertArrayEquals(y, applyScaled(st, h), a.spec());
        }
    }

    @Test
    void networkLoweringHasTheRightStagesAndOffsets() {
        Architecture a = SpecParser.parse(
                "in(1,8,8) -> conv(2,k=3x2,stride=1x2,pad=1,bias) -> relu -> avgpool(2) -> flatten -> dense(3,bias)");
        LoweredNetwork net = a.lower();
        List<Stage> st = net.stages();
        assertEquals(4, st.size(), "flatten lowers to nothing");
        assertInstanceOf(ParameterStage.class, st.get(0));
        ActivationStage act = assertInstanceOf(ActivationStage.class, st.get(1));
        assertEquals(Activation.RELU, act.activation());
        assertInstanceOf(FixedLinearStage.class, st.get(2));
        assertInstanceOf(ParameterStage.class, st.get(3));
        // conv: 8 + 2 - 3 + 1 = 8 rows, floor((8 + 2 - 2)/2) + 1 = 5 columns
        assertEquals(Shape.image(2, 8, 5), a.shape(1));
        assertEquals(Shape.image(2, 4, 2), a.shape(3));
        assertEquals(Shape.vector(16), a.shape(4));
        int convParams = 2 * 1 * 3 * 2 + 2;
        assertEquals(convParams, a.parameterCount(1));
        assertEquals(0, a.parameterOffset(1));
        assertEquals(convParams, a.parameterOffset(5));
        assertEquals(convParams, net.parameterOffset(3));
        assertEquals(convParams + 3 * 16 + 3, net.parameterCount());
        assertEquals(a.parameterCount(), net.parameterCount());
        assertEquals(64, net.inputSize());
        assertEquals(3, net.outputSize());
    }

    @Test
    void allConvolutionalNetOutputsFlattenedFeatureMap() {
        Architecture a = SpecParser.parse("in(1,10) -> conv(4,k=3) -> conv(2,k=3)");
        assertEquals(2 * 6, a.outputSize());
        assertEquals(12, a.lower().outputSize());
        assertEquals(4 * 3 + 2 * 4 * 3, a.parameterCount());
    }
}
