package org.hessrank.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hessrank.hessian.PointOptions;
import org.hessrank.hessian.PointOptions.Targets;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * A seeded generator of {@link Case}s of one {@link Family}, with fluent size limits. Immutable:
 * every {@code max…} method returns a new generator. Obtain one from {@link Architectures}.
 *
 * <p><b>Reproducibility.</b> {@link #generate(long)} is a pure function of the generator's
 * settings and the seed (one {@link SplittableRandom}); {@link #cases(long, int)} gives case i the
 * seed {@link #caseSeed}(seed, i). A printed case seed therefore reproduces the case.
 *
 * <p><b>What is drawn on purpose.</b> Bottlenecks (a hidden width of 1 or 2), N &lt; d, low-rank
 * data (r &lt; min(N, d)), interpolated (zero-residual) and one-hot targets, FC readout versus an
 * all-convolutional net, stride and padding (conv, local and single-layer families), and, each
 * with probability {@link #edgeCaseProbability(double)}, the edge cases width 1, K = 1,
 * kernel = input length and N = 1.
 *
 * <p>The computation-graph families ({@link Family#isGraph()}) draw, besides: ReLU and linear
 * residual blocks, one-layer blocks {@code res(dense(n))}, with or without an input layer and a
 * readout; {@code pow(2)}, {@code pow(3)} and {@code poly} activations with coefficients in
 * [−3, 3]; both kinds of gate; adapter ranks 1 … n − 1; one to three attention layers, alike (4
 * in 5) or not, with 1 to 3 heads; and, each with the edge-case probability, one token (t = 1),
 * a > d, width 1 (d = 1, a rank-1 adapter) and N below the saturation point (N·K &lt; p, so that
 * rank H_O ≤ N·K &lt; p).
 *
 * <p>Cost: O(layers) per draw; draws above {@link #maxParameters} are rejected and redrawn with
 * progressively smaller size caps (at most a few thousand attempts).
 */
public final class Generator {
    private final Family family;
    private final int maxParameters;
    private final int maxDepth;
    private final int maxChannels;
    private final int maxSamples;
    private final int maxInputSize;
    private final double edgeCaseProbability;
    private final Source source;

    /**
     * A user's architecture source ({@link Architectures#custom}, {@link Architectures#template}):
     * {@code draw} gets the case's random source and the number of halvings of the size caps so
     * far (0 at first, growing as draws exceed maxParameters).
     */
    record Source(String name, Sampler draw, java.util.function.Predicate<Architecture> pattern, String describe) {
        /** Draws one architecture. */
        @FunctionalInterface
        interface Sampler {
            Architecture draw(SplittableRandom rng, int shrinkBits);
        }

        Source {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(draw, "draw");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(describe, "describe");
        }
    }

    Generator(Family family, int maxParameters, int maxDepth, int maxChannels, int maxSamples, int maxInputSize,
            double edgeCaseProbability) {
        this(family, maxParameters, maxDepth, maxChannels, maxSamples, maxInputSize, edgeCaseProbability, null);
    }

    private Generator(Family family, int maxParameters, int maxDepth, int maxChannels, int maxSamples,
            int maxInputSize, double edgeCaseProbability, Source source) {
        this.family = Objects.requireNonNull(family, "family");
        if ((family == Family.CUSTOM) != (source != null)) {
            throw new IllegalArgumentException(family == Family.CUSTOM
                    ? "family (custom) needs an architecture source: use Architectures.custom or Architectures.template"
                    : "only the custom family takes an architecture source");
        }
        this.source = source;
        this.maxParameters = positive("maxParameters", maxParameters);
        this.maxDepth = positive("maxDepth", maxDepth);
        this.maxChannels = positive("maxChannels", maxChannels);
        this.maxSamples = positive("maxSamples", maxSamples);
        this.maxInputSize = positive("maxInputSize", maxInputSize);
        if (!(edgeCaseProbability >= 0 && edgeCaseProbability <= 1)) {
            throw new IllegalArgumentException("edgeCaseProbability (" + edgeCaseProbability + ") must be in [0, 1]");
        }
        this.edgeCaseProbability = edgeCaseProbability;
        if (maxDepth < minDepth(family)) {
            throw new IllegalArgumentException("maxDepth (" + maxDepth + ") must be >= " + minDepth(family) + " for "
                    + family.factory());
        }
        if (maxChannels < minChannels(family)) {
            throw new IllegalArgumentException("maxChannels (" + maxChannels + ") must be >= " + minChannels(family)
                    + " for " + family.factory());
        }
    }

    static Generator of(Family family) {
        return new Generator(family, 150, 4, 6, 12, 10, 0.08);
    }

    /** A custom generator: p ≤ 150, N ≤ 12, depth and width unlimited (Integer.MAX_VALUE). */
    static Generator custom(Source source) {
        return new Generator(Family.CUSTOM, 150, Integer.MAX_VALUE, Integer.MAX_VALUE, 12, 10, 0.08, source);
    }

    private static int positive(String role, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(role + " (" + v + ") must be >= 1");
        }
        return v;
    }

    /** Parameter layers (or, for ReLU and polynomial MLPs, dense layers) the family needs at least. */
    static int minDepth(Family f) {
        return switch (f) {
            case DEEP_CNN -> 3;
            case ONE_HIDDEN_CNN_1D, ONE_HIDDEN_CNN_2D, LOCALLY_CONNECTED, RELU_MLP, POLYNOMIAL_MLP -> 2;
            case FULLY_CONNECTED, FULLY_CONNECTED_BIAS, CONV_LAYER, CUSTOM, RESIDUAL_MLP, GATED_MLP, LORA,
                LIGHTNING_ATTENTION, SINGLE_CHANNEL_CNN -> 1;
        };
    }

    /** Widths the family needs at least ({@link Family#LORA}: n ≥ 2, for a rank below n). */
    static int minChannels(Family f) {
        return f == Family.LORA ? 2 : 1;
    }

    /** At most {@code p} parameters (default 150). */
    public Generator maxParameters(int p) {
        return new Generator(family, p, maxDepth, maxChannels, maxSamples, maxInputSize, edgeCaseProbability, source);
    }

    /**
     * At most {@code d} parameter layers (default 4; at least 3 for deep CNNs, 2 for one-hidden
     * families and polynomial MLPs). A block ({@code res}, {@code add}, {@code mul}) or an attention
     * layer counts as one; attention nets have at most 3 layers whatever the limit.
     */
    public Generator maxDepth(int d) {
        return new Generator(family, maxParameters, d, maxChannels, maxSamples, maxInputSize, edgeCaseProbability, source);
    }

    /**
     * Hidden widths, channels and outputs K at most {@code c} (default 6); in the graph families also
     * the widths inside blocks, attention's features d and key dimension a (at least 2 for LoRA).
     */
    public Generator maxChannels(int c) {
        return new Generator(family, maxParameters, maxDepth, c, maxSamples, maxInputSize, edgeCaseProbability, source);
    }

    /** N at most {@code n} (default 12). */
    public Generator maxSamples(int n) {
        return new Generator(family, maxParameters, maxDepth, maxChannels, n, maxInputSize, edgeCaseProbability, source);
    }

    /** Input dimension d (FC) or signal length / image side (conv) at most {@code n} (default 10). */
    public Generator maxInputSize(int n) {
        return new Generator(family, maxParameters, maxDepth, maxChannels, maxSamples, n, edgeCaseProbability, source);
    }

    /**
     * Probability of each deliberate edge case (width 1, K = 1, kernel = input length, N = 1; for the
     * graph families also t = 1, a > d and N below the saturation point; default 0.08).
     */
    public Generator edgeCaseProbability(double prob) {
        return new Generator(family, maxParameters, maxDepth, maxChannels, maxSamples, maxInputSize, prob, source);
    }

    public Family family() {
        return family;
    }

    public int maxParameters() {
        return maxParameters;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int maxChannels() {
        return maxChannels;
    }

    public int maxSamples() {
        return maxSamples;
    }

    public int maxInputSize() {
        return maxInputSize;
    }

    /** The Java expression that builds this generator, for reports. */
    public String describe() {
        if (source != null) {
            StringBuilder sb = new StringBuilder(source.describe());
            sb.append(".maxParameters(").append(maxParameters).append(')');
            if (maxDepth != Integer.MAX_VALUE) {
                sb.append(".maxDepth(").append(maxDepth).append(')');
            }
            if (maxChannels != Integer.MAX_VALUE) {
                sb.append(".maxChannels(").append(maxChannels).append(')');
            }
            return sb.append(".maxSamples(").append(maxSamples).append(')').toString();
        }
        return String.format(Locale.ROOT,
                "Architectures.%s().maxParameters(%d).maxDepth(%d).maxChannels(%d).maxSamples(%d).maxInputSize(%d)"
                        + ".edgeCaseProbability(%s)",
                family.factory(), maxParameters, maxDepth, maxChannels, maxSamples, maxInputSize, edgeCaseProbability);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The seed of case {@code index} of a run with master seed {@code seed} (SplitMix64 mix). */
    public static long caseSeed(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    /** {@code count} cases, case i generated from {@link #caseSeed}(seed, i). */
    public List<Case> cases(long seed, int count) {
        List<Case> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generate(caseSeed(seed, i)));
        }
        return out;
    }

    /**
     * True if {@code c} lies in this generator's space: its family's pattern and every limit
     * (parameters, depth, channels, samples). The shrinker keeps candidates that are accepted.
     */
    public boolean accepts(Case c) {
        Architecture a = c.architecture();
        if (!family.matches(a) || a.parameterCount() > maxParameters || c.samples() > maxSamples
                || (source != null && !source.pattern().test(a))) {
            return false;
        }
        int depth = 0;
        for (int i = 1; i <= a.layerCount(); i++) {
            Layer l = a.layer(i);
            if (l.hasParameters()) {
                depth++;
                int width = a.shape(i).channels(); // units of dense, channels of conv, local and custom layers
                if (width > maxChannels) {
                    return false;
                }
            }
        }
        return depth <= maxDepth && (!family.isGraph() || innerWidth(a.layers()) <= maxChannels);
    }

    /** The largest width inside the layers, blocks included: dense units, channels, attention's a and v. */
    static int innerWidth(List<Layer> layers) {
        int w = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.Dense d) {
                w = Math.max(w, d.units());
            } else if (l instanceof Layer.Conv c) {
                w = Math.max(w, c.channels());
            } else if (l instanceof Layer.Local lc) {
                w = Math.max(w, lc.channels());
            } else if (l instanceof Layer.Attn at) {
                w = Math.max(w, Math.max(at.keyDim(), at.valueDim()));
            } else if (l instanceof Layer.Res r) {
                w = Math.max(w, innerWidth(r.block()));
            } else if (l instanceof Layer.Add add) {
                for (List<Layer> b : add.branches()) {
                    w = Math.max(w, innerWidth(b));
                }
            } else if (l instanceof Layer.Mul m) {
                w = Math.max(w, Math.max(innerWidth(m.left()), innerWidth(m.right())));
            }
        }
        return w;
    }

    /**
     * The case for {@code seed}: the same seed always gives the same case.
     *
     * @throws IllegalStateException if no draw fits {@link #maxParameters} (limits too small for the family)
     */
    public Case generate(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 4000; attempt++) {
            int shrinkBits = attempt / 200;
            Draw d = new Draw(rng, shrinkBits);
            Architecture a;
            try {
                a = architecture(d);
            } catch (IllegalArgumentException e) {
                continue; // a combination the layers refuse (e.g. kernel > padded length): draw again
            }
            if (a.parameterCount() > maxParameters) {
                continue;
            }
            int inputSize = a.input().size();
            int n = samples(d, a);
            int r = PointOptions.FULL_RANK;
            int full = Math.min(n, inputSize);
            if (full >= 2 && d.chance(0.15)) {
                r = d.uniform(1, full - 1);
            }
            double u = rng.nextDouble();
            Targets t = u < 0.8 ? Targets.RANDOM : u < 0.9 ? Targets.INTERPOLATE : Targets.ONE_HOT;
            long pointSeed = rng.nextLong() >>> 34;
            return new Case(family, a, n, r, t, pointSeed, seed);
        }
        throw new IllegalStateException("no " + family.factory() + " architecture with at most " + maxParameters
                + " parameters found in 4000 draws (seed " + seed + "); raise maxParameters");
    }

    private int samples(Draw d, Architecture a) {
        int inputSize = a.input().size();
        if (family.isGraph() && d.edge()) {
            // below the saturation point: N·K < p, so rank H_O <= N·K < p
            return Math.min(maxSamples, d.uniform(1, Math.max(1, (a.parameterCount() - 1) / a.outputSize())));
        }
        if (d.edge()) {
            return 1;
        }
        if (inputSize > 1 && d.chance(0.35)) {
            return Math.min(maxSamples, d.uniform(1, inputSize - 1)); // N < d
        }
        return d.uniform(Math.min(inputSize, maxSamples), maxSamples);
    }

    /** Random choices with size caps that shrink as attempts fail. */
    final class Draw {
        final SplittableRandom rng;
        final int shrinkBits;

        Draw(SplittableRandom rng, int shrinkBits) {
            this.rng = rng;
            this.shrinkBits = Math.min(shrinkBits, 8);
        }

        boolean chance(double prob) {
            return rng.nextDouble() < prob;
        }

        boolean edge() {
            return chance(edgeCaseProbability);
        }

        int uniform(int lo, int hi) {
            return hi <= lo ? lo : lo + rng.nextInt(hi - lo + 1);
        }

        /** In [lo, cap(hi)], where the cap halves every 200 failed attempts. */
        int size(int lo, int hi) {
            return uniform(lo, Math.max(lo, hi >> shrinkBits));
        }

        int channels() {
            return edge() ? 1 : size(1, maxChannels);
        }

        /** The generator's limits, for the graph families' draws. */
        Generator limits() {
            return Generator.this;
        }

        int outputs() {
            return edge() ? 1 : size(1, Math.min(maxChannels, 5));
        }

        int kernel(int length) {
            if (edge()) {
                return length;
            }
            if (edge()) {
                return 1;
            }
            return uniform(1, length);
        }

        int depth(int min, int max) {
            // weighted towards shallow nets: each extra layer with probability 1/2
            int depth = min;
            while (depth < max && chance(0.5)) {
                depth++;
            }
            return depth;
        }
    }

    private Architecture architecture(Draw d) {
        if (source != null) {
            return source.draw().draw(d.rng, d.shrinkBits);
        }
        return switch (family) {
            case FULLY_CONNECTED, FULLY_CONNECTED_BIAS -> fullyConnected(d, family == Family.FULLY_CONNECTED_BIAS);
            case RELU_MLP -> reluMlp(d);
            case ONE_HIDDEN_CNN_1D -> cnn1d(d, 1);
            case DEEP_CNN -> d.chance(0.15) ? cnn2d(d, d.depth(2, maxDepth - 1)) : cnn1d(d, d.depth(2, maxDepth - 1));
            case ONE_HIDDEN_CNN_2D -> cnn2d(d, 1);
            case LOCALLY_CONNECTED -> local(d);
            case CONV_LAYER -> convLayer(d);
            case RESIDUAL_MLP -> GraphDraws.residualMlp(d);
            case POLYNOMIAL_MLP -> GraphDraws.polynomialMlp(d, hiddenWidths(d, d.depth(1, maxDepth - 1)));
            case GATED_MLP -> GraphDraws.gatedMlp(d);
            case LORA -> GraphDraws.lora(d);
            case LIGHTNING_ATTENTION -> GraphDraws.attention(d);
            case SINGLE_CHANNEL_CNN -> singleChannelCnn(d);
            case CUSTOM -> throw new AssertionError("custom family without a source");
        };
    }

    private Architecture fullyConnected(Draw d, boolean bias) {
        int layers = maxDepth == 1 || d.chance(edgeCaseProbability / 2) ? 1 : d.depth(2, maxDepth);
        int in = d.size(1, maxInputSize);
        List<Layer> ls = new ArrayList<>();
        int[] widths = hiddenWidths(d, layers - 1);
        for (int w : widths) {
            ls.add(Layer.dense(w, bias));
        }
        ls.add(Layer.dense(d.outputs(), bias));
        return Architecture.of(Shape.vector(in), ls);
    }

    private int[] hiddenWidths(Draw d, int count) {
        int[] w = new int[count];
        for (int i = 0; i < count; i++) {
            w[i] = d.size(1, maxChannels);
        }
        if (count > 0 && d.chance(0.3)) {
            w[d.uniform(0, count - 1)] = d.uniform(1, 2); // bottleneck
        }
        if (count > 0 && d.edge()) {
            w[d.uniform(0, count - 1)] = 1;
        }
        return w;
    }

    private Architecture reluMlp(Draw d) {
        int hidden = d.depth(1, maxDepth - 1);
        List<Layer> ls = new ArrayList<>();
        for (int w : hiddenWidths(d, hidden)) {
            ls.add(Layer.dense(w));
            ls.add(Layer.activation(Activation.RELU));
        }
        ls.add(Layer.dense(d.outputs()));
        return Architecture.of(Shape.vector(d.size(1, maxInputSize)), ls);
    }

    private Architecture cnn1d(Draw d, int hidden) {
        int m0 = d.chance(0.7) ? 1 : d.size(1, Math.min(3, maxChannels));
        int len = d.size(2, maxInputSize);
        Shape in = Shape.signal(m0, len);
        List<Layer> ls = new ArrayList<>();
        int cur = len;
        for (int h = 0; h < hidden; h++) {
            int k = d.kernel(cur);
            int stride = 1;
            int pad = 0;
            if (d.chance(0.12)) {
                stride = 2;
            }
            if (d.chance(0.12) && k > 1) {
                pad = d.uniform(1, k - 1);
            }
            ls.add(Layer.conv(d.channels(), Extent.of(k), Extent.of(stride), Extent.of(pad), false));
            cur = (cur + 2 * pad - k) / stride + 1;
        }
        int kOut = d.outputs();
        if (d.chance(0.5)) {
            ls.add(Layer.dense(kOut));
        } else {
            ls.add(Layer.conv(kOut, d.kernel(cur)));
        }
        return Architecture.of(in, ls);
    }

    private Architecture cnn2d(Draw d, int hidden) {
        int m0 = d.chance(0.8) ? 1 : 2;
        int side = Math.min(maxInputSize, 6);
        int h = d.size(2, side);
        int w = d.chance(0.7) ? h : d.size(2, side);
        Shape in = Shape.image(m0, h, w);
        List<Layer> ls = new ArrayList<>();
        int ch = h;
        int cw = w;
        for (int l = 0; l < hidden; l++) {
            int kh = d.kernel(ch);
            int kw = d.chance(0.7) ? Math.min(kh, cw) : d.kernel(cw);
            ls.add(Layer.conv(d.channels(), Extent.of(kh, kw), Extent.of(1), Extent.of(0), false));
            ch = ch - kh + 1;
            cw = cw - kw + 1;
        }
        int kOut = d.outputs();
        if (d.chance(0.5)) {
            ls.add(Layer.dense(kOut));
        } else {
            int kh = d.kernel(ch);
            int kw = d.chance(0.7) ? Math.min(kh, cw) : d.kernel(cw);
            ls.add(Layer.conv(kOut, Extent.of(kh, kw), Extent.of(1), Extent.of(0), false));
        }
        return Architecture.of(in, ls);
    }

    private Architecture local(Draw d) {
        int m0 = d.chance(0.7) ? 1 : 2;
        int len = d.size(2, maxInputSize);
        int k = d.kernel(len);
        int stride = d.chance(0.1) ? 2 : 1;
        return Architecture.of(Shape.signal(m0, len),
                List.of(Layer.local(d.channels(), k, stride, 0, false), Layer.dense(d.outputs())));
    }

    private Architecture convLayer(Draw d) {
        int mIn = d.chance(0.5) ? 1 : d.size(1, Math.min(3, maxChannels));
        int mOut = d.channels();
        if (d.chance(0.3)) {
            int side = Math.min(maxInputSize, 6);
            int h = d.size(2, side);
            int w = d.chance(0.7) ? h : d.size(2, side);
            int kh = d.kernel(h);
            int kw = d.chance(0.7) ? Math.min(kh, w) : d.kernel(w);
            int stride = d.chance(0.2) ? 2 : 1;
            return Architecture.of(Shape.image(mIn, h, w),
                    List.of(Layer.conv(mOut, Extent.of(kh, kw), Extent.of(stride), Extent.of(0), false)));
        }
        int len = d.size(1, maxInputSize);
        int k = d.kernel(len);
        int stride = d.chance(0.25) ? d.uniform(2, 3) : 1;
        int pad = d.chance(0.25) && k > 1 ? d.uniform(1, k - 1) : 0;
        return Architecture.of(Shape.signal(mIn, len),
                List.of(Layer.conv(mOut, Extent.of(k), Extent.of(stride), Extent.of(pad), false)));
    }

    /**
     * SCNN-DIM's family: {@code in(1,d_0) -> conv(1,k=k_i,stride=s_i)} one to three times, no padding
     * or bias: filters 1..4, strides 1..3 (larger than the filter at times), the input as long as
     * the output lengths (1..3 at the end) need; edge cases a filter of 1 and a stride above it.
     */
    private Architecture singleChannelCnn(Draw d) {
        int layers = d.depth(1, Math.min(3, maxDepth));
        int[] k = new int[layers];
        int[] stride = new int[layers];
        for (int l = 0; l < layers; l++) {
            k[l] = d.edge() ? 1 : d.uniform(1, 4);
            stride[l] = d.edge() ? k[l] + 1 : d.chance(0.4) ? d.uniform(2, 3) : 1;
        }
        int length = d.uniform(1, 3);
        for (int l = layers - 1; l >= 0; l--) {
            length = (length - 1) * stride[l] + k[l] + (d.chance(0.3) ? d.uniform(0, stride[l] - 1) : 0);
        }
        List<Layer> ls = new java.util.ArrayList<>();
        for (int l = 0; l < layers; l++) {
            ls.add(Layer.conv(1, Extent.of(k[l]), Extent.of(stride[l]), Extent.of(0), false));
        }
        return Architecture.of(Shape.signal(1, length), ls);
    }
}
