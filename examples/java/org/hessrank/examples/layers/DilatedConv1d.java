package org.hessrank.examples.layers;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.LayerArguments;
import org.hessrank.net.LayerRegistry;
import org.hessrank.net.Shape;

/**
 * A dilated 1D convolution: {@code k} taps spaced {@code δ} apart (receptive field
 * {@code (k − 1)·δ + 1}), all input channels to {@code m} output channels, stride 1, no padding.
 * Defined only through the {@link CustomLayer} extension point.
 *
 * <p>On {@code in(C, L)}: output {@code (m, L − (k − 1)·δ)}, {@code m·C·k} parameters, parameter
 * {@code (o·C + c)·k + t} (as the built-in conv). Spec: {@code dilated(4,k=3,dilation=2)}.
 * <pre>
 *   y[o][x] = Σ_{c,t} w[o][c][t] · h[c][x + t·δ]
 * </pre>
 */
public record DilatedConv1d(int channels, int kernel, int dilation) implements CustomLayer {
    public DilatedConv1d {
        positive("channels", channels);
        positive("k", kernel);
        positive("dilation", dilation);
    }

    private static void positive(String role, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("dilated layer: " + role + " (" + v + ") must be > 0");
        }
    }

    /**
     * The prototype that {@code --layers target/hessrank-example-layers.jar} instantiates through
     * {@link java.util.ServiceLoader} (listed in examples/layers-jar/META-INF/services).
     */
    public DilatedConv1d() {
        this(1, 1, 1);
    }

    /** The factory of a layer loaded from a jar: as {@link #of}. */
    @Override
    public CustomLayer create(LayerArguments args) {
        return of(args);
    }

    /** Registers {@code dilated(m,k=...,dilation=...)} (dilation defaults to 1) with the spec parser. */
    public static void register() {
        LayerRegistry.register("dilated", DilatedConv1d::of);
    }

    /** The factory: channels positional, {@code k=} required, {@code dilation=} default 1. */
    public static DilatedConv1d of(LayerArguments args) {
        return new DilatedConv1d(args.positional(0, "channels"), args.integer("k"), args.integer("dilation", 1));
    }

    /** The receptive field {@code (k − 1)·δ + 1}. */
    public int receptiveField() {
        return (kernel - 1) * dilation + 1;
    }

    @Override
    public String name() {
        return "dilated";
    }

    @Override
    public String spec() {
        return "dilated(" + channels + ",k=" + kernel + ",dilation=" + dilation + ")";
    }

    @Override
    public Shape outputShape(Shape in, int index) {
        if (in.kind() != Shape.Kind.SIGNAL) {
            throw new IllegalArgumentException("dilated layer " + index + ": input must be a 1D signal (C,L), got " + in);
        }
        if (receptiveField() > in.length()) {
            throw new IllegalArgumentException("dilated layer " + index + ": receptive field (" + receptiveField()
                    + ") must be <= input length (" + in.length() + ")");
        }
        return Shape.signal(channels, in.length() - receptiveField() + 1);
    }

    @Override
    public long parameterCount(Shape in) {
        return (long) channels * in.channels() * kernel;
    }

    private int param(Shape in, int o, int c, int t) {
        return (o * in.channels() + c) * kernel + t;
    }

    @Override
    public long[] apply(Shape in, long[] w, long[] h) {
        int len = in.length();
        int out = len - receptiveField() + 1;
        long[] y = new long[channels * out];
        for (int o = 0; o < channels; o++) {
            for (int x = 0; x < out; x++) {
                long s = 0;
                for (int c = 0; c < in.channels(); c++) {
                    for (int t = 0; t < kernel; t++) {
                        s += w[param(in, o, c, t)] * h[c * len + x + t * dilation];
                    }
                }
                y[o * out + x] = s;
            }
        }
        return y;
    }

    @Override
    public long[] transposeInput(Shape in, long[] w, long[] g) {
        int len = in.length();
        int out = len - receptiveField() + 1;
        long[] r = new long[in.size()];
        for (int o = 0; o < channels; o++) {
            for (int x = 0; x < out; x++) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int t = 0; t < kernel; t++) {
                        r[c * len + x + t * dilation] += w[param(in, o, c, t)] * g[o * out + x];
                    }
                }
            }
        }
        return r;
    }

    @Override
    public long[] transposeParameters(Shape in, long[] h, long[] g) {
        int len = in.length();
        int out = len - receptiveField() + 1;
        long[] r = new long[(int) parameterCount(in)];
        for (int o = 0; o < channels; o++) {
            for (int x = 0; x < out; x++) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int t = 0; t < kernel; t++) {
                        r[param(in, o, c, t)] += h[c * len + x + t * dilation] * g[o * out + x];
                    }
                }
            }
        }
        return r;
    }

    /** Fewer channels, fewer taps, smaller dilation. */
    @Override
    public List<CustomLayer> smaller() {
        List<CustomLayer> out = new ArrayList<>();
        for (int v : below(channels)) {
            out.add(new DilatedConv1d(v, kernel, dilation));
        }
        for (int v : below(kernel)) {
            out.add(new DilatedConv1d(channels, v, dilation));
        }
        for (int v : below(dilation)) {
            out.add(new DilatedConv1d(channels, kernel, v));
        }
        return out;
    }

    private static int[] below(int v) {
        return java.util.stream.IntStream.of(1, v / 2, v - 1).filter(x -> x >= 1 && x < v).distinct().toArray();
    }
}
