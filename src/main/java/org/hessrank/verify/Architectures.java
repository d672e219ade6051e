package org.hessrank.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * Entry points to the seeded architecture generators, one per family of docs/theorems.md
 * ({@link #all()}) and one per computation-graph family ({@link #graphs()}: residual, polynomial and
 * gated MLPs, LoRA adapters, lightning attention). Each returns
 * a {@link Generator} with default limits (p ≤ 150, depth ≤ 4, channels ≤ 6, N ≤ 12, input ≤ 10)
 * that the fluent {@code max…} methods change, e.g.
 * <pre>{@code
 * Case c = Architectures.deepCnn().maxParameters(300).maxChannels(4).generate(42);
 * }</pre>
 * Public API: usable from any test framework.
 */
public final class Architectures {
    private Architectures() {
    }

    /** Deep linear FC nets without bias (FC-*), 1 to maxDepth weight matrices. */
    public static Generator fullyConnected() {
        return Generator.of(Family.FULLY_CONNECTED);
    }

    /** Deep linear FC nets with a bias in every layer (FCB-*). */
    public static Generator fullyConnectedWithBias() {
        return Generator.of(Family.FULLY_CONNECTED_BIAS);
    }

    /** One hidden 1D conv layer, then a conv or FC readout (CNN1-*). */
    public static Generator oneHiddenCnn1d() {
        return Generator.of(Family.ONE_HIDDEN_CNN_1D);
    }

    /** One hidden 2D conv layer, then a conv or FC readout (CNN1-O-2D, CNN1-F, CNN1-L). */
    public static Generator oneHiddenCnn2d() {
        return Generator.of(Family.ONE_HIDDEN_CNN_2D);
    }

    /** Two or more hidden conv layers (mostly 1D, some 2D), then a conv or FC readout (CNN-D-*). */
    public static Generator deepCnn() {
        return Generator.of(Family.DEEP_CNN);
    }

    /** A locally connected layer and an FC readout (LCN-F). */
    public static Generator locallyConnected() {
        return Generator.of(Family.LOCALLY_CONNECTED);
    }

    /** Dense layers with ReLU between them, mostly one hidden layer (RELU-1H-F). */
    public static Generator reluMlp() {
        return Generator.of(Family.RELU_MLP);
    }

    /** A single conv layer, 1D or 2D, with stride and padding (TOE-*). */
    public static Generator convLayer() {
        return Generator.of(Family.CONV_LAYER);
    }

    /**
     * Residual MLPs {@code in(d) -> [dense(n)] -> res(β) x B -> [dense(K)]}, β = {@code dense(m) ->
     * relu -> dense(n)}, {@code dense(m) -> dense(n)} (a linear residual net) or {@code dense(n)}
     * (named family {@code res-fc}).
     */
    public static Generator residualMlp() {
        return Generator.of(Family.RESIDUAL_MLP);
    }

    /**
     * Polynomial MLPs {@code in(d) -> dense(M_1) -> σ -> … -> dense(K)}, σ = {@code pow(2)},
     * {@code pow(3)} or {@code poly(...)} (named family {@code poly-mlp}).
     */
    public static Generator polynomialMlp() {
        return Generator.of(Family.POLYNOMIAL_MLP);
    }

    /**
     * Gated MLPs: gates {@code res(mul(id | dense(w)))} and {@code mul(dense(k) | dense(k))}, then
     * optionally {@code dense(K)} (named family {@code gated-mlp}).
     */
    public static Generator gatedMlp() {
        return Generator.of(Family.GATED_MLP);
    }

    /**
     * LoRA-style adapters {@code add(dense(n,frozen) | dense(ra) -> dense(n))}, ra &lt; n, stacked,
     * then optionally {@code dense(K)} (named family {@code lora}).
     */
    public static Generator loraAdapter() {
        return Generator.of(Family.LORA);
    }

    /**
     * Lightning attention {@code in(d,t) -> attn(a=A[,heads=H])}, 1–3 layers (named family
     * {@code attn} for the nets whose layers are alike).
     */
    public static Generator lightningAttention() {
        return Generator.of(Family.LIGHTNING_ATTENTION);
    }

    /**
     * The generator of a family with default limits.
     *
     * @throws IllegalArgumentException for {@link Family#CUSTOM} (use {@link #custom} or {@link #template})
     */
    public static Generator of(Family family) {
        return Generator.of(family);
    }

    /** Single-channel linear CNNs with any strides (SCNN-DIM). */
    public static Generator singleChannelCnn() {
        return Generator.of(Family.SINGLE_CHANNEL_CNN);
    }

    /**
     * One default generator per family of docs/theorems.md, in {@link Family} order: what
     * {@code hessrank check}, the property suite and proofs-check draw from ({@link Family#isCatalogued}):
     * attention, polynomial and residual MLPs and single-channel CNNs included (the newer literature
     * and the discovered statements); {@link Family#CUSTOM} and the graph families no catalogue
     * statement is about (gated MLPs, LoRA) excluded.
     */
    public static List<Generator> all() {
        return Arrays.stream(Family.values()).filter(Family::isCatalogued).map(Generator::of).toList();
    }

    /**
     * One default generator per computation-graph family ({@link Family#isGraph()}), in
     * {@link Family} order: residual, polynomial and gated MLPs, LoRA adapters, lightning attention.
     */
    public static List<Generator> graphs() {
        return Arrays.stream(Family.values()).filter(Family::isGraph).map(Generator::of).toList();
    }

    /**
     * A generator of the user's own architectures, e.g. nets containing a
     * {@link org.hessrank.net.CustomLayer}: {@code draw} builds an architecture from a seeded
     * random source (it may throw {@link IllegalArgumentException} for a combination the layers
     * refuse: the generator then draws again), and {@code pattern} says which architectures
     * belong (the shrinker keeps only candidates it accepts, e.g. "a depthwise layer followed by
     * a dense readout"). N, data rank and targets are drawn by the generator as for the built-in
     * families; {@code maxParameters} and {@code maxSamples} apply; depth and width limits are
     * off unless set. Cases carry {@link Family#CUSTOM}.
     *
     * <p>{@code draw} must be a pure function of its random source, so that a printed case seed
     * reproduces the case.
     *
     * @param name shown in reports, e.g. {@code depthwise}
     */
    public static Generator custom(String name, Function<SplittableRandom, Architecture> draw,
            Predicate<Architecture> pattern) {
        return Generator.custom(new Generator.Source(name, (rng, shrinkBits) -> draw.apply(rng), pattern,
                "Architectures.custom(\"" + name + "\", ...)"));
    }

    /**
     * A generator from a spec template with integer ranges {@code lo..hi}, each drawn uniformly
     * (ranges narrow towards {@code lo} when draws keep failing the size caps), e.g.
     * <pre>{@code
     * Architectures.template("in(1..3,2..9) -> depthwise(k=1..4) -> dense(1..3)")
     * }</pre>
     * Draws the layers refuse (a kernel longer than the input) are redrawn. The pattern is the
     * template's: same input kind and the same sequence of layer names, so shrinking keeps the
     * layer types and shrinks sizes, N and the custom layers' {@link org.hessrank.net.CustomLayer#smaller()}
     * variants. Cost: O(template length) per draw.
     *
     * @throws IllegalArgumentException if the template has a range with {@code lo > hi}, or if no
     *         valid architecture comes out of it (the low ends and 1000 seeded draws tried; the
     *         last parser message is given)
     */
    public static Generator template(String template) {
        Objects.requireNonNull(template, "template");
        Matcher m = RANGE.matcher(template);
        List<int[]> ranges = new ArrayList<>();
        while (m.find()) {
            int lo = Integer.parseInt(m.group(1));
            int hi = Integer.parseInt(m.group(2));
            if (lo > hi) {
                throw new IllegalArgumentException("template range " + m.group() + ": low end (" + lo
                        + ") must be <= high end (" + hi + ")");
            }
            ranges.add(new int[] {lo, hi});
        }
        Architecture low = sample(template, ranges);
        Shape.Kind kind = low.input().kind();
        List<String> names = low.layers().stream().map(Layer::name).toList();
        Predicate<Architecture> pattern = a -> a.input().kind() == kind
                && a.layers().stream().map(Layer::name).toList().equals(names);
        return Generator.custom(new Generator.Source("template", (rng, shrinkBits) -> Architecture.parse(
                fill(template, ranges, r -> {
                    int hi = Math.max(r[0], r[0] + ((r[1] - r[0]) >> shrinkBits));
                    return r[0] + rng.nextInt(hi - r[0] + 1);
                })), pattern, "Architectures.template(\"" + template + "\")"));
    }

    private static Architecture sample(String template, List<int[]> ranges) {
        try {
            return Architecture.parse(fill(template, ranges, r -> r[0]));
        } catch (IllegalArgumentException first) {
            SplittableRandom rng = new SplittableRandom(template.hashCode());
            IllegalArgumentException last = first;
            for (int i = 0; i < 1000; i++) {
                try {
                    return Architecture.parse(fill(template, ranges, r -> r[0] + rng.nextInt(r[1] - r[0] + 1)));
                } catch (IllegalArgumentException e) {
                    last = e;
                }
            }
            throw new IllegalArgumentException("template (" + template + ") gives no valid architecture: "
                    + last.getMessage(), last);
        }
    }

    private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)");

    private static String fill(String template, List<int[]> ranges, java.util.function.ToIntFunction<int[]> pick) {
        Matcher m = RANGE.matcher(template);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(sb, Integer.toString(pick.applyAsInt(ranges.get(i++))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
