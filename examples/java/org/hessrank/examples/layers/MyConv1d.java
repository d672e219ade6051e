package org.hessrank.examples.layers;

import java.util.Arrays;
import java.util.Optional;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.LayerArguments;
import org.hessrank.net.LayerRegistry;
import org.hessrank.net.Shape;

/**
 * The built-in 1D convolution {@code conv(m,k=...,stride=...,pad=...)} (no bias) re-implemented
 * through the {@link CustomLayer} extension point, with the built-in parameter order
 * {@code (o·C + c)·k + t}. Used to check that a custom layer gives exactly the Hessians of the
 * built-in layer. With {@code fastPath} it also supplies its terms directly ({@link #terms}),
 * instead of letting hessrank probe {@link #apply}.
 * <pre>
 *   y[o][x] = Σ_{c,t} w[o][c][t] · h[c][x·s + t − pad]     (zero outside the input)
 * </pre>
 */
public record MyConv1d(int channels, int kernel, int stride, int pad, boolean fastPath) implements CustomLayer {
    public MyConv1d {
        if (channels <= 0 || kernel <= 0 || stride <= 0 || pad < 0) {
            throw new IllegalArgumentException("myconv layer: sizes (channels " + channels + ", k " + kernel
                    + ", stride " + stride + ", pad " + pad + ") must be > 0 (pad >= 0)");
        }
    }

    /** Registers {@code myconv(m,k=...,stride=...,pad=...)} (probing) with the spec parser. */
    public static void register() {
        LayerRegistry.register("myconv", a -> new MyConv1d(a.positional(0, "channels"), a.integer("k"),
                a.integer("stride", 1), a.integer("pad", 0), false));
    }

    @Override
    public String name() {
        return "myconv";
    }

    @Override
    public String spec() {
        return "myconv(" + channels + ",k=" + kernel + (stride != 1 ? ",stride=" + stride : "")
                + (pad != 0 ? ",pad=" + pad : "") + ")";
    }

    @Override
    public Shape outputShape(Shape in, int index) {
        if (in.kind() != Shape.Kind.SIGNAL) {
            throw new IllegalArgumentException("myconv layer " + index + ": input must be a 1D signal, got " + in);
        }
        if (kernel > in.length() + 2 * pad) {
            throw new IllegalArgumentException("myconv layer " + index + ": kernel (" + kernel
                    + ") must be <= padded input length (" + (in.length() + 2 * pad) + ")");
        }
        return Shape.signal(channels, (in.length() + 2 * pad - kernel) / stride + 1);
    }

    @Override
    public long parameterCount(Shape in) {
        return (long) channels * in.channels() * kernel;
    }

    private int out(Shape in) {
        return (in.length() + 2 * pad - kernel) / stride + 1;
    }

    /** Calls {@code f(o·out + x, c·L + ix, (o·C + c)·k + t)} for every term. */
    private void forEach(Shape in, TermSink f) {
        int len = in.length();
        int out = out(in);
        for (int o = 0; o < channels; o++) {
            for (int x = 0; x < out; x++) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int t = 0; t < kernel; t++) {
                        int ix = x * stride + t - pad;
                        if (ix >= 0 && ix < len) {
                            f.term(o * out + x, c * len + ix, (o * in.channels() + c) * kernel + t);
                        }
                    }
                }
            }
        }
    }

    private interface TermSink {
        void term(int out, int in, int param);
    }

    @Override
    public long[] apply(Shape in, long[] w, long[] h) {
        long[] y = new long[channels * out(in)];
        forEach(in, (o, i, p) -> y[o] += w[p] * h[i]);
        return y;
    }

    @Override
    public long[] transposeInput(Shape in, long[] w, long[] g) {
        long[] r = new long[in.size()];
        forEach(in, (o, i, p) -> r[i] += w[p] * g[o]);
        return r;
    }

    @Override
    public long[] transposeParameters(Shape in, long[] h, long[] g) {
        long[] r = new long[(int) parameterCount(in)];
        forEach(in, (o, i, p) -> r[p] += h[i] * g[o]);
        return r;
    }

    @Override
    public Optional<Terms> terms(Shape in) {
        if (!fastPath) {
            return Optional.empty();
        }
        int[][] t = {new int[16], new int[16], new int[16]};
        int[] n = {0};
        forEach(in, (o, i, p) -> {
            if (n[0] == t[0].length) {
                for (int a = 0; a < 3; a++) {
                    t[a] = Arrays.copyOf(t[a], 2 * n[0]);
                }
            }
            t[0][n[0]] = o;
            t[1][n[0]] = i;
            t[2][n[0]] = p;
            n[0]++;
        });
        return Optional.of(new Terms(Arrays.copyOf(t[0], n[0]), Arrays.copyOf(t[1], n[0]), Arrays.copyOf(t[2], n[0])));
    }
}
