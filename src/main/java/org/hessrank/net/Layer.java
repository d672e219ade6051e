package org.hessrank.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One layer of an {@link Architecture}. Layers are immutable value types; each validates its own
 * fields on construction (sizes > 0, stride > 0, padding >= 0) and validates itself against its
 * input shape in {@link #outputShape(Shape, int)}. Every failure is an
 * {@link IllegalArgumentException} whose message names the layer, the field and the value.
 *
 * <p>Layers are numbered from 1 in messages ({@code in(...)} is number 0), counting activations
 * and {@code flatten}.
 *
 * <p>Parameter order inside a layer (docs/theorems.md "Parameter order": each weight row-major, then
 * its bias):
 * <ul>
 * <li>{@link Dense}: {@code W} is {@code K × n} over the flattened input; index {@code o·n + i};
 *     then {@code K} biases.</li>
 * <li>{@link Conv}: {@code W[out][in][kh][kw]} row-major, index
 *     {@code ((o·C_in + c)·k_h + a)·k_w + b}; in 1D {@code W[out][in][k]}, index
 *     {@code (o·C_in + c)·k + t}; then one bias per output channel.</li>
 * <li>{@link Local}: {@code W[out][pos][in][k]} row-major, index
 *     {@code ((o·L_out + x)·C_in + c)·k + t}; then one bias per (output channel, output
 *     position), index {@code o·L_out + x}. Equivalently: output unit {@code o·L_out + x} (its
 *     flat output index) owns a contiguous block of {@code C_in·k} weights, as in a dense row.</li>
 * <li>{@link Custom}: the user layer's own order (see {@link CustomLayer}).</li>
 * </ul>
 */
public sealed interface Layer permits Layer.Dense, Layer.Conv, Layer.Local, Layer.AvgPool, Layer.Flatten, Layer.Act,
        Layer.Custom, Layer.Pow, Layer.Poly, Layer.Id, Layer.Res, Layer.Add, Layer.Mul, Layer.Attn {

    /** The layer's name in specs and messages: {@code dense}, {@code conv}, {@code relu}, .... */
    String name();

    /** Canonical spec text, e.g. {@code conv(2,k=3x2,stride=1x2,pad=1,bias)}. */
    String spec();

    /**
     * The shape this layer produces from {@code in}.
     *
     * @param index the layer's number (from 1), used in messages only
     * @throws IllegalArgumentException if the layer does not fit its input, e.g.
     *         {@code conv layer 2: kernel (7) must be <= padded input length (5)}
     */
    Shape outputShape(Shape in, int index);

    /**
     * Number of parameters (weights then biases) on input {@code in}; exact, never overflows
     * (returns a long; {@link Math#multiplyExact} guarded). Assumes {@code in} was accepted by
     * {@link #outputShape(Shape, int)}.
     */
    long parameterCount(Shape in);

    /** True for layers with trainable parameters (a block: if any of its layers has some). */
    default boolean hasParameters() {
        return false;
    }

    /**
     * Number of frozen weights (drawn with the point, not parameters) on input {@code in}: those
     * of {@code dense(K,frozen)} and {@code conv(...,frozen)}, and of the frozen layers inside a
     * block. Assumes {@code in} was accepted by {@link #outputShape(Shape, int)}.
     */
    default long frozenCount(Shape in) {
        return 0;
    }

    // ---------------------------------------------------------------- factories

    static Dense dense(int units) {
        return Dense.of(units, false);
    }

    static Dense dense(int units, boolean bias) {
        return Dense.of(units, bias);
    }

    static Pow pow(int power) {
        return Pow.of(power);
    }

    static Poly poly(List<Long> coefficients) {
        return Poly.of(coefficients);
    }

    static Id id() {
        return Id.INSTANCE;
    }

    static Res res(List<Layer> block) {
        return Res.of(block);
    }

    static Add add(List<List<Layer>> branches) {
        return Add.of(branches);
    }

    static Mul mul(List<Layer> left, List<Layer> right) {
        return Mul.of(left, right);
    }

    static Attn attn(int keyDim, int heads, int valueDim) {
        return Attn.of(keyDim, heads, valueDim);
    }

    static Conv conv(int channels, int kernel) {
        return Conv.of(channels, Extent.of(kernel), Extent.of(1), Extent.of(0), false);
    }

    static Conv conv(int channels, Extent kernel, Extent stride, Extent padding, boolean bias) {
        return Conv.of(channels, kernel, stride, padding, bias);
    }

    static Local local(int channels, int kernel) {
        return Local.of(channels, kernel, 1, 0, false);
    }

    static Local local(int channels, int kernel, int stride, int padding, boolean bias) {
        return Local.of(channels, kernel, stride, padding, bias);
    }

    static AvgPool avgpool(int window) {
        return AvgPool.of(window);
    }

    static Flatten flatten() {
        return Flatten.INSTANCE;
    }

    static Act activation(Activation activation) {
        return Act.of(activation);
    }

    static Custom custom(CustomLayer layer) {
        return Custom.of(layer);
    }

    // ---------------------------------------------------------------- helpers

    private static void positive(String layer, String role, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(layer + " layer: " + role + " (" + v + ") must be > 0");
        }
    }

    private static void positiveExtent(String layer, String role, Extent e) {
        if (e.isSquare()) {
            positive(layer, role, e.width());
        } else {
            positive(layer, role + " height", e.height());
            positive(layer, role + " width", e.width());
        }
    }

    /**
     * The checks shared by conv and local layers, in this order: channels, kernel and stride
     * positive (per axis when not square), padding non-negative.
     *
     * @throws IllegalArgumentException naming the layer, the field and its value
     */
    private static void checkWindow(String layer, int channels, Extent kernel, Extent stride, Extent padding) {
        positive(layer, "channels", channels);
        positiveExtent(layer, "kernel", kernel);
        positiveExtent(layer, "stride", stride);
        if (padding.height() < 0 || padding.width() < 0) {
            throw new IllegalArgumentException(layer + " layer: pad (" + padding + ") must be >= 0");
        }
    }

    private static String where(String name, int index) {
        return name + " layer " + index + ": ";
    }

    private static long mul(long... xs) {
        long r = 1;
        for (long x : xs) {
            r = Math.multiplyExact(r, x);
        }
        return r;
    }

    /** Output size along one axis: floor((d + 2p − k)/s) + 1 (TOE-SHAPE); caller checked d + 2p >= k. */
    static int outLength(int d, int k, int s, int p) {
        return (int) ((d + 2L * p - k) / s) + 1;
    }

    private static void fits(String prefix, String axis, int k, int d, int p) {
        if (k > d + 2L * p) {
            throw new IllegalArgumentException(prefix + "kernel" + axis + " (" + k + ") must be <= padded input "
                    + (axis.isEmpty() ? "length" : axis.strip()) + " (" + (d + 2L * p) + ")");
        }
    }

    // ---------------------------------------------------------------- layers

    /**
     * Fully connected layer {@code y = W·flatten(h) (+ b)}, {@code W} of size
     * {@code units × in.size()}. Applies to any input shape (flattening it channel-major).
     */
    record Dense(int units, boolean bias, boolean frozen) implements Layer {
        public Dense {
            positive("dense", "units", units);
        }

        public static Dense of(int units, boolean bias) {
            return new Dense(units, bias, false);
        }

        /** With {@code frozen} the weights are drawn with the point and are not parameters. */
        public static Dense of(int units, boolean bias, boolean frozen) {
            return new Dense(units, bias, frozen);
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public String spec() {
            return "dense(" + units + (bias ? ",bias" : "") + (frozen ? ",frozen" : "") + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return Shape.vector(units);
        }

        /** The weights (and biases) of the layer, trainable or frozen. */
        public long weightCount(Shape in) {
            return Math.addExact(mul(units, in.size()), bias ? units : 0);
        }

        @Override
        public long parameterCount(Shape in) {
            return frozen ? 0 : weightCount(in);
        }

        @Override
        public long frozenCount(Shape in) {
            return frozen ? weightCount(in) : 0;
        }

        @Override
        public boolean hasParameters() {
            return !frozen;
        }
    }

    /**
     * Convolution (cross-correlation) with zero padding, 1D on a signal and 2D on an image. On a
     * signal the extents must be square (a single number). Output size per axis
     * {@code floor((d + 2·pad − k)/stride) + 1} (docs/theorems.md TOE-SHAPE). As a matrix it is the
     * (doubly-block) Toeplitz {@code T(W)} of docs/theorems.md (TOE-1, TOE-M, TOE-2D).
     */
    record Conv(int channels, Extent kernel, Extent stride, Extent padding, boolean bias, boolean frozen)
            implements Layer {
        public Conv {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(stride, "stride");
            Objects.requireNonNull(padding, "padding");
            checkWindow("conv", channels, kernel, stride, padding);
        }

        public static Conv of(int channels, Extent kernel, Extent stride, Extent padding, boolean bias) {
            return new Conv(channels, kernel, stride, padding, bias, false);
        }

        /** With {@code frozen} the weights are drawn with the point and are not parameters. */
        public static Conv of(int channels, Extent kernel, Extent stride, Extent padding, boolean bias,
                boolean frozen) {
            return new Conv(channels, kernel, stride, padding, bias, frozen);
        }

        @Override
        public String name() {
            return "conv";
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("conv(").append(channels).append(",k=").append(kernel.spec());
            if (!stride.equals(Extent.of(1))) {
                sb.append(",stride=").append(stride.spec());
            }
            if (!padding.equals(Extent.of(0))) {
                sb.append(",pad=").append(padding.spec());
            }
            return sb.append(bias ? ",bias" : "").append(frozen ? ",frozen)" : ")").toString();
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            String p = where("conv", index);
            switch (in.kind()) {
                case VECTOR -> throw new IllegalArgumentException(p + "input must be a signal (C,L) or image (C,H,W), got vector "
                        + in.dims() + " (use dense, or start from in(1," + in.size() + "))");
                case SIGNAL -> {
                    for (var e : new Object[][] {{"kernel", kernel}, {"stride", stride}, {"pad", padding}}) {
                        if (!((Extent) e[1]).isSquare()) {
                            throw new IllegalArgumentException(p + e[0] + " (" + e[1]
                                    + ") must be a single number on 1D input " + in.dims());
                        }
                    }
                    fits(p, "", kernel.width(), in.length(), padding.width());
                    return Shape.signal(channels, outLength(in.length(), kernel.width(), stride.width(), padding.width()));
                }
                default -> {
                    fits(p, " height", kernel.height(), in.height(), padding.height());
                    fits(p, " width", kernel.width(), in.width(), padding.width());
                    return Shape.image(channels,
                            outLength(in.height(), kernel.height(), stride.height(), padding.height()),
                            outLength(in.width(), kernel.width(), stride.width(), padding.width()));
                }
            }
        }

        /** Kernel taps per (output channel, input channel): k, or k_h·k_w in 2D. */
        int taps(Shape in) {
            return in.kind() == Shape.Kind.SIGNAL ? kernel.width() : kernel.height() * kernel.width();
        }

        /** The weights (and biases) of the layer, trainable or frozen. */
        public long weightCount(Shape in) {
            return Math.addExact(mul(channels, in.channels(), taps(in)), bias ? channels : 0);
        }

        @Override
        public long parameterCount(Shape in) {
            return frozen ? 0 : weightCount(in);
        }

        @Override
        public long frozenCount(Shape in) {
            return frozen ? weightCount(in) : 0;
        }

        @Override
        public boolean hasParameters() {
            return !frozen;
        }
    }

    /**
     * 1D locally connected layer: a convolution without weight sharing, one kernel per output
     * position, and (with bias) one bias per output unit (channel, position). See docs/theorems.md
     * LCN-F. Parameter order: {@code W[out][pos][in][k]} row-major, then biases {@code b[out][pos]}.
     */
    record Local(int channels, int kernel, int stride, int padding, boolean bias) implements Layer {
        public Local {
            checkWindow("local", channels, Extent.of(kernel), Extent.of(stride), Extent.of(padding));
        }

        public static Local of(int channels, int kernel, int stride, int padding, boolean bias) {
            return new Local(channels, kernel, stride, padding, bias);
        }

        @Override
        public String name() {
            return "local";
        }

        @Override
        public String spec() {
            return "local(" + channels + ",k=" + kernel + (stride != 1 ? ",stride=" + stride : "")
                    + (padding != 0 ? ",pad=" + padding : "") + (bias ? ",bias" : "") + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            String p = where("local", index);
            if (in.kind() != Shape.Kind.SIGNAL) {
                throw new IllegalArgumentException(p + "input must be a 1D signal (C,L), got "
                        + in.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + in.dims());
            }
            fits(p, "", kernel, in.length(), padding);
            return Shape.signal(channels, outLength(in.length(), kernel, stride, padding));
        }

        @Override
        public long parameterCount(Shape in) {
            long positions = outLength(in.length(), kernel, stride, padding);
            return Math.addExact(mul(channels, positions, in.channels(), kernel), bias ? mul(channels, positions) : 0);
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /**
     * Non-overlapping average pooling with window and stride {@code window}: over positions on a
     * signal (denominator s), over s×s squares on an image (denominator s²), per channel. Output
     * sizes round down (trailing positions are dropped).
     */
    record AvgPool(int window) implements Layer {
        public AvgPool {
            positive("avgpool", "window", window);
        }

        public static AvgPool of(int window) {
            return new AvgPool(window);
        }

        @Override
        public String name() {
            return "avgpool";
        }

        @Override
        public String spec() {
            return "avgpool(" + window + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            String p = where("avgpool", index);
            switch (in.kind()) {
                case VECTOR -> throw new IllegalArgumentException(p + "input must be a signal (C,L) or image (C,H,W), got vector "
                        + in.dims());
                case SIGNAL -> {
                    if (window > in.length()) {
                        throw new IllegalArgumentException(p + "window (" + window + ") must be <= input length ("
                                + in.length() + ")");
                    }
                    return Shape.signal(in.channels(), in.length() / window);
                }
                default -> {
                    if (window > in.height() || window > in.width()) {
                        throw new IllegalArgumentException(p + "window (" + window + ") must be <= input height ("
                                + in.height() + ") and width (" + in.width() + ")");
                    }
                    return Shape.image(in.channels(), in.height() / window, in.width() / window);
                }
            }
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /** Flattens any shape to a vector (channel-major); the identity on the flat data. */
    record Flatten() implements Layer {
        static final Flatten INSTANCE = new Flatten();

        public static Flatten of() {
            return INSTANCE;
        }

        @Override
        public String name() {
            return "flatten";
        }

        @Override
        public String spec() {
            return "flatten";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in.flatten();
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /**
     * An elementwise activation; keeps the shape. A leaky ReLU slope is stored reduced to lowest
     * terms (so {@code leakyrelu(2/20)} equals {@code leakyrelu(1/10)}).
     */
    record Act(Activation activation) implements Layer {
        public Act {
            Objects.requireNonNull(activation, "activation");
            if (activation.kind() == Activation.Kind.LEAKY_RELU) {
                long g = java.math.BigInteger.valueOf(activation.slopeNumerator())
                        .gcd(java.math.BigInteger.valueOf(activation.slopeDenominator())).longValue();
                if (g > 1) {
                    activation = Activation.leakyRelu(activation.slopeNumerator() / g, activation.slopeDenominator() / g);
                }
            }
        }

        public static Act of(Activation activation) {
            return new Act(activation);
        }

        @Override
        public String name() {
            return activation.kind() == Activation.Kind.LEAKY_RELU ? "leakyrelu" : activation.spec();
        }

        @Override
        public String spec() {
            return activation.spec();
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /**
     * A user-defined parameter layer ({@link CustomLayer}), wrapped so that it sits in an
     * {@link Architecture} like a built-in one. Equal when the specs are equal. Lowering probes and
     * checks the user's operations once per input shape ({@link CustomLayer} states the cost) and
     * caches the terms; the wrapper is otherwise immutable and thread-safe.
     */
    final class Custom implements Layer {
        private final CustomLayer layer;
        private final String spec;
        private final java.util.concurrent.ConcurrentHashMap<Shape, CustomLayer.Terms> lowered =
                new java.util.concurrent.ConcurrentHashMap<>();

        private Custom(CustomLayer layer) {
            this.layer = Objects.requireNonNull(layer, "layer");
            LayerRegistry.checkName(layer.name());
            this.spec = Objects.requireNonNull(layer.spec(), "spec");
        }

        public static Custom of(CustomLayer layer) {
            return new Custom(layer);
        }

        /** The user's layer. */
        public CustomLayer layer() {
            return layer;
        }

        @Override
        public String name() {
            return layer.name();
        }

        @Override
        public String spec() {
            return spec;
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            Shape out = Objects.requireNonNull(layer.outputShape(in, index), "outputShape");
            long p = layer.parameterCount(in);
            if (p <= 0) {
                throw new IllegalArgumentException(where(name(), index) + "parameter count (" + p + ") must be > 0");
            }
            return out;
        }

        @Override
        public long parameterCount(Shape in) {
            return layer.parameterCount(in);
        }

        @Override
        public boolean hasParameters() {
            return true;
        }

        /** The checked terms on input {@code in} (cached). */
        CustomLayer.Terms terms(Shape in, Shape out, int index) {
            CustomLayer.Terms t = lowered.get(in);
            if (t == null) {
                t = CustomLowering.terms(layer, in, out, index);
                lowered.putIfAbsent(in, t);
            }
            return t;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Custom c && c.spec.equals(spec);
        }

        @Override
        public int hashCode() {
            return spec.hashCode();
        }

        @Override
        public String toString() {
            return "Custom[" + spec + "]";
        }
    }

    // ---------------------------------------------------------------- polynomial graph layers

    /** Elementwise {@code x ↦ x^k}, {@code k ≥ 1}; keeps the shape, no parameters. */
    record Pow(int power) implements Layer {
        /** The largest power accepted (degrees multiply; the value-size limit refuses most nets long before). */
        public static final int MAX_POWER = 4096;

        public Pow {
            positive("pow", "power", power);
            if (power > MAX_POWER) {
                throw new IllegalArgumentException("pow layer: power (" + power + ") must be <= " + MAX_POWER);
            }
        }

        public static Pow of(int power) {
            return new Pow(power);
        }

        @Override
        public String name() {
            return "pow";
        }

        @Override
        public String spec() {
            return "pow(" + power + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /**
     * Elementwise {@code x ↦ c0 + c1·x + … + cn·x^n} with integer coefficients (at least one);
     * keeps the shape, no parameters. Its degree is that of the last nonzero coefficient.
     */
    record Poly(List<Long> coefficients) implements Layer {
        public Poly {
            Objects.requireNonNull(coefficients, "coefficients");
            if (coefficients.isEmpty()) {
                throw new IllegalArgumentException("poly layer: coefficients must not be empty");
            }
            if (coefficients.size() > Pow.MAX_POWER + 1) {
                throw new IllegalArgumentException("poly layer: degree (" + (coefficients.size() - 1) + ") must be <= "
                        + Pow.MAX_POWER);
            }
            coefficients = List.copyOf(coefficients);
        }

        public static Poly of(List<Long> coefficients) {
            return new Poly(coefficients);
        }

        /** The highest power with a nonzero coefficient (0 for a constant). */
        public int polynomialDegree() {
            for (int m = coefficients.size() - 1; m > 0; m--) {
                if (coefficients.get(m) != 0) {
                    return m;
                }
            }
            return 0;
        }

        @Override
        public String name() {
            return "poly";
        }

        @Override
        public String spec() {
            StringBuilder sb = new StringBuilder("poly(");
            for (int m = 0; m < coefficients.size(); m++) {
                sb.append(m == 0 ? "" : ",").append(coefficients.get(m));
            }
            return sb.append(')').toString();
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /** The identity: a branch that passes its input through ({@code mul(id | dense(3))}). */
    record Id() implements Layer {
        static final Id INSTANCE = new Id();

        public static Id of() {
            return INSTANCE;
        }

        @Override
        public String name() {
            return "id";
        }

        @Override
        public String spec() {
            return "id";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }
    }

    /**
     * A residual block {@code h ↦ h + B(h)}: the block's output shape must equal its input shape.
     * Parameters: the block's, in its order.
     */
    record Res(List<Layer> block) implements Layer {
        public Res {
            block = Chains.check("res", "block", block);
        }

        public static Res of(List<Layer> block) {
            return new Res(block);
        }

        @Override
        public String name() {
            return "res";
        }

        @Override
        public String spec() {
            return "res(" + Chains.spec(block) + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            Shape out = Chains.outputShape(block, in, where("res", index) + "block");
            if (!out.equals(in)) {
                throw new IllegalArgumentException(where("res", index) + "block output shape " + out.dims()
                        + " differs from its input shape " + in.dims());
            }
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return Chains.parameterCount(block, in);
        }

        @Override
        public long frozenCount(Shape in) {
            return Chains.frozenCount(block, in);
        }

        @Override
        public boolean hasParameters() {
            return Chains.hasParameters(block);
        }
    }

    /**
     * {@code h ↦ B_1(h) + … + B_m(h)} (m ≥ 1 branches with equal output shapes). Parameters: the
     * branches', left to right. A one-branch {@code add(B)} is the chain B.
     */
    record Add(List<List<Layer>> branches) implements Layer {
        public Add {
            Objects.requireNonNull(branches, "branches");
            if (branches.isEmpty()) {
                throw new IllegalArgumentException("add layer: needs at least one branch");
            }
            List<List<Layer>> copy = new ArrayList<>();
            for (int b = 0; b < branches.size(); b++) {
                copy.add(Chains.check("add", "branch " + (b + 1), branches.get(b)));
            }
            branches = List.copyOf(copy);
        }

        public static Add of(List<List<Layer>> branches) {
            return new Add(branches);
        }

        @Override
        public String name() {
            return "add";
        }

        @Override
        public String spec() {
            return Chains.branchesSpec("add", branches);
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return Chains.equalOutputs(branches, in, where("add", index));
        }

        @Override
        public long parameterCount(Shape in) {
            long total = 0;
            for (List<Layer> b : branches) {
                total = Math.addExact(total, Chains.parameterCount(b, in));
            }
            return total;
        }

        @Override
        public long frozenCount(Shape in) {
            long total = 0;
            for (List<Layer> b : branches) {
                total = Math.addExact(total, Chains.frozenCount(b, in));
            }
            return total;
        }

        @Override
        public boolean hasParameters() {
            return branches.stream().anyMatch(Chains::hasParameters);
        }
    }

    /**
     * {@code h ↦ L(h) ⊙ R(h)}, the elementwise product of two branches with equal output shapes
     * (gating). Parameters: the left branch's, then the right's.
     */
    record Mul(List<Layer> left, List<Layer> right) implements Layer {
        public Mul {
            left = Chains.check("mul", "left branch", left);
            right = Chains.check("mul", "right branch", right);
        }

        public static Mul of(List<Layer> left, List<Layer> right) {
            return new Mul(left, right);
        }

        /** The two branches, left then right. */
        public List<List<Layer>> branches() {
            return List.of(left, right);
        }

        @Override
        public String name() {
            return "mul";
        }

        @Override
        public String spec() {
            return Chains.branchesSpec("mul", branches());
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return Chains.equalOutputs(branches(), in, where("mul", index));
        }

        @Override
        public long parameterCount(Shape in) {
            return Math.addExact(Chains.parameterCount(left, in), Chains.parameterCount(right, in));
        }

        @Override
        public long frozenCount(Shape in) {
            return Math.addExact(Chains.frozenCount(left, in), Chains.frozenCount(right, in));
        }

        @Override
        public boolean hasParameters() {
            return Chains.hasParameters(left) || Chains.hasParameters(right);
        }
    }

    /**
     * Lightning (un-normalised) self-attention (Henry, Marchetti &amp; Kohn, ICLR 2025) on a signal
     * {@code (d, t)}: d features by t tokens. Per head, {@code Q, K ∈ ℤ^{a×d}} and
     * {@code V ∈ ℤ^{e×d}}; token i of the output is {@code Σ_j ⟨Q x_i, K x_j⟩ · V x_j}; the heads
     * are summed; shape {@code (d, t) → (e, t)}. Parameters per head: Q, K, V, each row-major.
     *
     * @param keyDim a, the rows of Q and K
     * @param heads H ≥ 1
     * @param valueDim e, the rows of V; 0 means d (the input's channels)
     */
    record Attn(int keyDim, int heads, int valueDim) implements Layer {
        public Attn {
            positive("attn", "a", keyDim);
            positive("attn", "heads", heads);
            if (valueDim < 0) {
                throw new IllegalArgumentException("attn layer: v (" + valueDim + ") must be >= 0 (0 means d)");
            }
        }

        public static Attn of(int keyDim, int heads, int valueDim) {
            return new Attn(keyDim, heads, valueDim);
        }

        /** e on an input with {@code d} channels. */
        public int valueDim(Shape in) {
            return valueDim == 0 ? in.channels() : valueDim;
        }

        @Override
        public String name() {
            return "attn";
        }

        @Override
        public String spec() {
            return "attn(a=" + keyDim + (heads != 1 ? ",heads=" + heads : "") + (valueDim != 0 ? ",v=" + valueDim : "")
                    + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            if (in.kind() != Shape.Kind.SIGNAL) {
                throw new IllegalArgumentException(where("attn", index) + "input must be a signal in(d,t) (d features by"
                        + " t tokens), got " + in.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + in.dims());
            }
            return Shape.signal(valueDim(in), in.length());
        }

        @Override
        public long parameterCount(Shape in) {
            long d = in.channels();
            return mul(heads, Math.addExact(mul(2, keyDim, d), mul(valueDim(in), d)));
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }
}
