package org.hessrank.examples.layers;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.LayerArguments;
import org.hessrank.net.LayerRegistry;
import org.hessrank.net.Shape;

/**
 * A depthwise 1D convolution (groups = channels): channel c of the input is convolved with its
 * own kernel {@code w[c][0..k)} and becomes channel c of the output; no channel mixing, stride 1,
 * no padding. Defined only through the {@link CustomLayer} extension point.
 *
 * <p>On {@code in(C, L)}: output {@code (C, L − k + 1)}, {@code C·k} parameters, parameter
 * {@code c·k + t} is tap t of channel c. Spec: {@code depthwise(k=3)}.
 * <pre>
 *   y[c][x] = Σ_t w[c][t] · h[c][x + t]
 * </pre>
 */
public record DepthwiseConv1d(int kernel) implements CustomLayer {
    public DepthwiseConv1d {
        if (kernel <= 0) {
            throw new IllegalArgumentException("depthwise layer: k (" + kernel + ") must be > 0");
        }
    }

    /**
     * The prototype that {@code --layers target/hessrank-example-layers.jar} instantiates through
     * {@link java.util.ServiceLoader} (listed in examples/layers-jar/META-INF/services).
     */
    public DepthwiseConv1d() {
        this(1);
    }

    /** The factory of a layer loaded from a jar: as {@link #of}. */
    @Override
    public CustomLayer create(LayerArguments args) {
        return of(args);
    }

    /** Registers {@code depthwise(k=...)} with the spec parser. */
    public static void register() {
        LayerRegistry.register("depthwise", DepthwiseConv1d::of);
    }

    /** The factory: reads {@code k=}. */
    public static DepthwiseConv1d of(LayerArguments args) {
        return new DepthwiseConv1d(args.integer("k"));
    }

    @Override
    public String name() {
        return "depthwise";
    }

    @Override
    public String spec() {
        return "depthwise(k=" + kernel + ")";
    }

    @Override
    public Shape outputShape(Shape in, int index) {
        if (in.kind() != Shape.Kind.SIGNAL) {
            throw new IllegalArgumentException("depthwise layer " + index + ": input must be a 1D signal (C,L), got "
                    + in);
        }
        if (kernel > in.length()) {
            throw new IllegalArgumentException("depthwise layer " + index + ": kernel (" + kernel
                    + ") must be <= input length (" + in.length() + ")");
        }
        return Shape.signal(in.channels(), in.length() - kernel + 1);
    }

    @Override
    public long parameterCount(Shape in) {
        return (long) in.channels() * kernel;
    }

    @Override
    public long[] apply(Shape in, long[] w, long[] h) {
        int c0 = in.channels();
        int len = in.length();
        int out = len - kernel + 1;
        long[] y = new long[c0 * out];
        for (int c = 0; c < c0; c++) {
            for (int x = 0; x < out; x++) {
                long s = 0;
                for (int t = 0; t < kernel; t++) {
                    s += w[c * kernel + t] * h[c * len + x + t];
                }
                y[c * out + x] = s;
            }
        }
        return y;
    }

    @Override
    public long[] transposeInput(Shape in, long[] w, long[] g) {
        int len = in.length();
        int out = len - kernel + 1;
        long[] r = new long[in.size()];
        for (int c = 0; c < in.channels(); c++) {
            for (int x = 0; x < out; x++) {
                for (int t = 0; t < kernel; t++) {
                    r[c * len + x + t] += w[c * kernel + t] * g[c * out + x];
                }
            }
        }
        return r;
    }

    @Override
    public long[] transposeParameters(Shape in, long[] h, long[] g) {
        int len = in.length();
        int out = len - kernel + 1;
        long[] r = new long[in.channels() * kernel];
        for (int c = 0; c < in.channels(); c++) {
            for (int x = 0; x < out; x++) {
                for (int t = 0; t < kernel; t++) {
                    r[c * kernel + t] += h[c * len + x + t] * g[c * out + x];
                }
            }
        }
        return r;
    }

    /** Smaller kernels: 1, k/2, k − 1. */
    @Override
    public List<CustomLayer> smaller() {
        List<CustomLayer> out = new ArrayList<>();
        for (int k : new int[] {1, kernel / 2, kernel - 1}) {
            if (k >= 1 && k < kernel && out.stream().noneMatch(l -> ((DepthwiseConv1d) l).kernel == k)) {
                out.add(new DepthwiseConv1d(k));
            }
        }
        return out;
    }
}
