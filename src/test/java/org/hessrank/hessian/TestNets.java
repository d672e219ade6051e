package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.Activation;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;
import org.hipparchus.fraction.BigFraction;

/**
 * Hand-built networks for tests, plus an independent reference forward pass over ℚ (dense
 * matrices and BigFraction, from the layer list, not from the lowered stages).
 */
final class TestNets {
    sealed interface Layer permits Dense, Act, Pool {
    }

    record Dense(int in, int out, boolean bias) implements Layer {
    }

    record Act(Activation activation) implements Layer {
    }

    /** Non-overlapping average pooling of windows of w consecutive entries. */
    record Pool(int in, int w) implements Layer {
    }

    static final class Net {
        final LoweredNetwork lowered;
        final List<Layer> layers;
        final String name;

        Net(String name, LoweredNetwork lowered, List<Layer> layers) {
            this.name = name;
            this.lowered = lowered;
            this.layers = layers;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Builder {
        private int size;
        private final List<Stage> stages = new ArrayList<>();
        private final List<Layer> layers = new ArrayList<>();
        private final StringBuilder name;

        Builder(int in) {
            size = in;
            name = new StringBuilder("in(" + in + ")");
        }

        Builder dense(int out, boolean bias) {
            int in = size;
            int terms = in * out;
            int[] to = new int[terms], ti = new int[terms], tp = new int[terms];
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    int t = r * in + c;
                    to[t] = r;
                    ti[t] = c;
                    tp[t] = t;
                }
            }
            int[] bo = new int[bias ? out : 0], bp = new int[bias ? out : 0];
            for (int b = 0; b < bo.length; b++) {
                bo[b] = b;
                bp[b] = terms + b;
            }
            stages.add(ParameterStage.of("dense" + stages.size(), in, out, terms + bo.length, to, ti, tp, bo, bp));
            layers.add(new Dense(in, out, bias));
            name.append("->dense(").append(out).append(bias ? ",bias" : "").append(')');
            size = out;
            return this;
        }

        Builder act(Activation a) {
            stages.add(new ActivationStage(size, a));
            layers.add(new Act(a));
            name.append("->").append(a.spec());
            return this;
        }

        Builder relu() {
            return act(Activation.RELU);
        }

        Builder pool(int w) {
            int out = size / w;
            int[] fo = new int[out * w], fi = new int[out * w];
            long[] num = new long[out * w];
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < w; j++) {
                    fo[o * w + j] = o;
                    fi[o * w + j] = o * w + j;
                    num[o * w + j] = 1;
                }
            }
            stages.add(FixedLinearStage.of("avgpool" + stages.size(), size, out, fo, fi, num, w));
            layers.add(new Pool(size, w));
            name.append("->avgpool(").append(w).append(')');
            size = out;
            return this;
        }

        Net build() {
            return new Net(name.toString(), LoweredNetwork.of(stages), List.copyOf(layers));
        }
    }

    static Builder in(int d) {
        return new Builder(d);
    }

    /** Fully connected linear net d → hidden… → K. */
    static Net fc(int d, int[] hidden, int k, boolean bias) {
        Builder b = in(d);
        for (int h : hidden) {
            b.dense(h, bias);
        }
        return b.dense(k, bias).build();
    }

    /** Result of the reference forward pass. */
    record Ref(BigFraction[] out, List<Integer> signs) {
    }

    /** F(x) over ℚ, and the signs of every pre-activation of every kinked activation. */
    static Ref forward(List<Layer> layers, BigInteger[] theta, BigInteger[] x) {
        BigFraction[] h = new BigFraction[x.length];
        for (int i = 0; i < x.length; i++) {
            h[i] = new BigFraction(x[i]);
        }
        List<Integer> signs = new ArrayList<>();
        int off = 0;
        for (Layer layer : layers) {
            if (layer instanceof Dense d) {
                BigFraction[] y = new BigFraction[d.out()];
                for (int r = 0; r < d.out(); r++) {
                    BigFraction s = BigFraction.ZERO;
                    for (int c = 0; c < d.in(); c++) {
                        s = s.add(h[c].multiply(theta[off + r * d.in() + c]));
                    }
                    if (d.bias()) {
                        s = s.add(new BigFraction(theta[off + d.in() * d.out() + r]));
                    }
                    y[r] = s;
                }
                off += d.in() * d.out() + (d.bias() ? d.out() : 0);
                h = y;
            } else if (layer instanceof Pool pl) {
                BigFraction[] y = new BigFraction[pl.in() / pl.w()];
                for (int o = 0; o < y.length; o++) {
                    BigFraction s = BigFraction.ZERO;
                    for (int j = 0; j < pl.w(); j++) {
                        s = s.add(h[o * pl.w() + j]);
                    }
                    y[o] = s.divide(pl.w());
                }
                h = y;
            } else {
                Activation a = ((Act) layer).activation();
                BigFraction slope = new BigFraction(a.slopeNumerator(), a.slopeDenominator());
                for (int i = 0; i < h.length; i++) {
                    int sign = h[i].signum();
                    if (a.kind() == Activation.Kind.RELU || a.kind() == Activation.Kind.LEAKY_RELU) {
                        signs.add(sign);
                        if (sign < 0) {
                            h[i] = h[i].multiply(slope);
                        }
                    }
                }
            }
        }
        return new Ref(h, signs);
    }

    static BigInteger[] row(IntegerMatrix m, int i) {
        BigInteger[] r = new BigInteger[m.cols()];
        for (int j = 0; j < r.length; j++) {
            r[j] = m.get(i, j);
        }
        return r;
    }

    /** Tiny nets of every kind the exact builders handle. */
    static List<Net> zoo() {
        return List.of(
                fc(4, new int[] {3}, 2, false),
                fc(3, new int[] {4, 2}, 2, true),
                in(5).dense(4, true).relu().dense(3, false).build(),
                in(4).dense(6, false).act(Activation.leakyRelu(1, 10)).dense(3, true).relu().dense(2, true).build(),
                in(6).dense(6, false).pool(2).dense(4, true).pool(2).dense(2, false).build(),
                in(4).dense(4, true).act(Activation.leakyRelu(-2, 3)).pool(2).dense(3, true).build(),
                in(3).dense(2, false).act(Activation.LINEAR).dense(3, false).dense(2, false).build());
    }
}
