package org.hessrank.theory;

import static org.hessrank.theory.Statement.Kind.BOUND;
import static org.hessrank.theory.Statement.Kind.EXACT;
import static org.hessrank.theory.Statement.Provenance.DERIVED;
import static org.hessrank.theory.Statement.Provenance.PAPER;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import java.util.function.ToLongBiFunction;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * The convolutional statements of docs/theorems.md [SHS23]: the Toeplitz form of a conv layer (TOE-*),
 * one-hidden-layer linear CNNs (CNN1-*), deep linear CNNs (CNN-D-*), a locally connected layer
 * with an FC readout (LCN-F) and the growth law CNN-SQRT.
 *
 * <p>Notation (docs/theorems.md): {@code m_0} input channels, hidden channels {@code m_1 … m_{L−1}},
 * {@code K} output channels (classes with an FC readout); one hidden layer: {@code a = m_0 k_1},
 * {@code b = K k_2}, {@code q = min(m, a, b)}; with an FC readout on {@code d_1} positions,
 * {@code k_2 = d_1}. In 2D a kernel's size k is its number of taps {@code k_h·k_w}. Deep nets:
 * {@code RF_in(l) = Σ_{j≤l}(k_j − 1) + 1}, {@code RF_out(l) = Σ_{j>l}(k_j − 1) + 1},
 * {@code a_l = m_0 RF_in(l)}, {@code b_l = K RF_out(l)}, {@code q_l = min(m_l, a_l, b_l)}. The CNN
 * families (see {@link Families}) have stride 1, no padding and no biases. Formulas are evaluated
 * in {@code long} in O(L).
 */
public final class ConvolutionalStatements {
    private ConvolutionalStatements() {
    }

    private static final String SHS23 = "[SHS23]";
    private static final String ONE = "linear CNN with one hidden conv layer conv(m_0 → m, k_1) and a readout"
            + " conv(m → K, k_2) or dense(K); stride 1, no padding, no biases";
    private static final String DEEP = "deep linear CNN on 1D signals: L >= 3 parameter layers (L − 1 hidden"
            + " convs, then a conv or dense readout); stride 1, no padding, no biases";

    // ------------------------------------------------------------------ Toeplitz

    /**
     * TOE-SHAPE ([SHS23] framework, derived, exact): with any stride and padding a conv layer is
     * the linear map {@code T(W)x} with {@code d_out = ⌊(d_in + 2·pad − k)/stride⌋ + 1} per axis, in
     * 1D and 2D. Hypothesis: any architecture with a conv layer; any point. Checked by
     * {@link PointStatement#check}: for every conv layer, T(W) (from
     * {@link Architecture#layerMatrix}) has {@code m_out·d_out × m_in·d_in} entries with d_out from
     * the formula, and {@code T(W)x} equals a direct zero-padded cross-correlation written here
     * independently of the lowering, on a seeded random integer input. Cost O(rows·cols) per layer.
     */
    public static final PointStatement TOE_SHAPE = new ToeShape();

    /**
     * TOE-1 ([SHS23] framework, derived, exact at every point): one channel,
     * {@code rank T(w) = d − k + 1} for every nonzero kernel w. Hypothesis: a 1D conv layer with one
     * input and one output channel, stride 1, no padding, whose kernel is nonzero at the point;
     * applies to each such layer of any architecture.
     */
    public static final LayerStatement TOE_1 = new ToeLayer("TOE-1", EXACT, true,
            "1D conv layer with 1 input and 1 output channel, stride 1, pad 0, nonzero kernel at the point; any point",
            "rank T(w) = d − k + 1",
            (i, l) -> plainFromOneChannel(i, l, Shape.Kind.SIGNAL, 1) && !i.zeroWeightLayers().contains(l),
            (i, l) -> i.architecture().shape(l - 1).length() - conv(i.architecture(), l).kernel().width() + 1);

    /**
     * TOE-M ([SHS23] framework, derived, exact): 1D, generic W:
     * {@code rank T(W) = min(m_out·d_out, m_in·c)}, where c is the number of input positions the
     * windows cover ({@code c = d_in} at stride 1). Hypothesis: a 1D conv layer with <b>no padding</b>
     * (any stride, any channels), generic weights. Finding: with padding the formula is only an
     * upper bound (counterexamples {@code in(3,4) -> conv(2,k=1,stride=3,pad=1)}: rank 2, formula 3;
     * {@code in(3,7) -> conv(4,k=4,stride=3,pad=3)}: rank 14, formula 16), so the catalogue
     * restricts TOE-M to pad 0.
     */
    public static final LayerStatement TOE_M = new ToeLayer("TOE-M", EXACT, false,
            "1D conv layer with pad 0 (any stride, any channels); generic weights",
            "rank T(W) = min(m_out·d_out, m_in·c), c = input positions the windows cover",
            (i, l) -> {
                Layer.Conv c = conv(i.architecture(), l);
                return c != null && i.architecture().shape(l - 1).kind() == Shape.Kind.SIGNAL
                        && c.padding().equals(Extent.of(0));
            },
            (i, l) -> {
                Architecture a = i.architecture();
                Layer.Conv c = conv(a, l);
                Shape in = a.shape(l - 1);
                Shape out = a.shape(l);
                long cov = NamedFamilies.covered(in.length(), out.length(), c.kernel().width(), c.stride().width(), 0);
                return Math.min((long) out.channels() * out.length(), in.channels() * cov);
            });

    /**
     * TOE-2D ([SHS23] framework, derived, exact): 2D, 2 output channels, 1 input:
     * {@code rank T(W) = min(2·h_o·w_o − (h_o − k_h + 1)₊(w_o − k_w + 1)₊, h·w)} (a 3×3 kernel on 5×5
     * gives 17, not 18: the 1D formula does not carry over to 2D). Hypothesis: a 2D conv layer with
     * 1 input and 2 output channels, stride 1, no padding; generic weights.
     */
    public static final LayerStatement TOE_2D = new ToeLayer("TOE-2D", EXACT, false,
            "2D conv layer with 1 input and 2 output channels, stride 1, pad 0; generic weights",
            "rank T(W) = min(2·h_o·w_o − (h_o − k_h + 1)₊(w_o − k_w + 1)₊, h·w)",
            (i, l) -> plainFromOneChannel(i, l, Shape.Kind.IMAGE, 2),
            (i, l) -> {
                Architecture a = i.architecture();
                Layer.Conv c = conv(a, l);
                Shape in = a.shape(l - 1);
                Shape out = a.shape(l);
                long ho = out.height();
                long wo = out.width();
                long overlap = Math.max(ho - c.kernel().height() + 1, 0) * Math.max(wo - c.kernel().width() + 1, 0);
                return Math.min(2 * ho * wo - overlap, (long) in.height() * in.width());
            });

    // ------------------------------------------------------------------ one hidden layer

    static Optional<Families.Cnn> cnn(Instance i, int depth) {
        return Families.linearCnn(i.architecture()).filter(c -> depth == 2 ? c.depth() == 2 : c.depth() >= 3);
    }

    static Families.Cnn cnnOf(Instance i) {
        return Families.linearCnn(i.architecture()).orElseThrow();
    }

    /**
     * "N large" for the all-conv CNN1-F, made concrete as two counts, both necessary:
     * <ul>
     *   <li>{@code N·d_2·min(a, k_2) >= min(a, b)} ({@code d_2} the readout's output positions,
     *       {@code k_2} its taps): each (sample, output position) adds a term of rank at most
     *       {@code min(a, k_2)} to the {@code a × b} correlation matrix whose rank H_F is 2m times;</li>
     *   <li>{@code N·d_1 >= min(a, b)} ({@code d_1} the hidden positions): every row of that matrix
     *       is a combination of the N·d_1 input patches the hidden layer sees. Found by the verifier:
     *       {@code in(1,8) -> conv(1,k=6) -> conv(2,k=2)} at N = 1 has rank H_F 6, not 8 (and the 2D
     *       {@code in(1,2,5) -> conv(1,k=2x3) -> conv(2,k=1x2)} likewise).</li>
     *   <li>in 2D also {@code N >= min(a, b)}: one sample's residual maps form a doubly-block
     *       Toeplitz matrix, which loses rank as in TOE-2D ({@code in(1,5,5) -> conv(1,k=3) -> conv(2,k=2)}
     *       at N = 1 has rank H_F 14, not 16: the residual matrix has rank 2·4 − 1 = 7). Each sample
     *       adds at least rank one, so N ≥ min(a, b) suffices generically; this is conservative.</li>
     * </ul>
     * The measured tests found the formula attained once these hold.
     */
    static boolean allConvSamplesF(Instance i, Families.Cnn c) {
        long a = (long) c.inputChannels() * c.layer(1).taps();
        long b = (long) c.outputChannels() * c.layer(2).taps();
        long need = Math.min(a, b);
        return (long) i.samples() * c.layer(2).outPositions() * Math.min(a, c.layer(2).taps()) >= need
                && (long) i.samples() * c.layer(1).outPositions() >= need
                && (!c.twoD() || i.samples() >= need);
    }

    /**
     * "N large" for the all-conv CNN1-O, made concrete: {@code N·d_2 >= m_0·RF} with
     * {@code RF = k_1 + k_2 − 1} (per axis, multiplied, in 2D): the patch matrix of the end-to-end
     * kernel, {@code N·d_2 × m_0·RF}, can then have full column rank, which the first term
     * {@code K·m_0·RF} needs (the FC-readout form {@code K·min(m_0 d_0, N)} is the case d_2 = 1).
     * The measured tests found the formula attained from there on.
     */
    static boolean allConvSamplesO(Instance i, Families.Cnn c) {
        Families.ConvSize l1 = c.layer(1);
        Families.ConvSize l2 = c.layer(2);
        long rf = (long) (l1.kernelH() + l2.kernelH() - 1) * (l1.kernelW() + l2.kernelW() - 1);
        return (long) i.samples() * l2.outPositions() >= c.inputChannels() * rf;
    }

    /**
     * CNN1-F ([SHS23] framework, derived, exact): {@code rank H_F = 2m·min(a, b)}; with an FC readout
     * and N samples {@code 2m·min(m_0 k_1, d_1·min(K, N))}. Hypothesis: one-hidden-layer linear CNN
     * (1D or 2D; k = k_h k_w in 2D), stride 1, no padding, no biases; X of full rank; residual of
     * generic rank; for the all-conv net "N large" is taken as {@code N·d_2·min(a, k_2) >= min(a, b)}
     * (see {@link #allConvSamplesF}); generic point.
     */
    public static final Statement CNN1_F = FormulaStatement.builder("CNN1-F").source(SHS23).provenance(DERIVED)
            .kind(EXACT).target(Part.F).hypothesis(ONE + "; 1D or 2D; X of full rank; all-conv: N·d_2·min(a, k_2) >= min(a, b), N·d_1 >= min(a, b), and in 2D N >= min(a, b);"
                    + " residual of generic rank; generic point")
            .formula("rank H_F = 2m·min(a, b); FC readout: 2m·min(m_0 k_1, d_1·min(K, N))")
            .appliesWhen(i -> cnn(i, 2).filter(c -> i.fullDataRank() && (c.fcReadout() || allConvSamplesF(i, c))).isPresent()
                    && i.genericResidual())
            .predicts(i -> {
                Families.Cnn c = cnnOf(i);
                long m = c.channels(1);
                long a = (long) c.inputChannels() * c.layer(1).taps();
                if (c.fcReadout()) {
                    long d1 = c.layer(1).outPositions();
                    return 2 * m * Math.min(a, d1 * Math.min(c.outputChannels(), i.samples()));
                }
                long b = (long) c.outputChannels() * c.layer(2).taps();
                return 2 * m * Math.min(a, b);
            }).build();

    /** The CNN1-O expression (1D, or 2D with k → k_h k_w and the receptive field per axis). */
    static long cnn1O(Instance i) {
        Families.Cnn c = cnnOf(i);
        Families.ConvSize l1 = c.layer(1);
        Families.ConvSize l2 = c.layer(2);
        long m = c.channels(1);
        long m0 = c.inputChannels();
        long k = c.outputChannels();
        long a = m0 * l1.taps();
        long b = k * l2.taps();
        long q = Math.min(m, Math.min(a, b));
        long first;
        if (c.fcReadout()) {
            first = k * Math.min(m0 * l1.inPositions(), i.samples());
        } else {
            long rf = (long) (l1.kernelH() + l2.kernelH() - 1) * (l1.kernelW() + l2.kernelW() - 1);
            first = k * m0 * rf;
        }
        return Math.min(first, q * (a + b - q));
    }

    /**
     * CNN1-O ([SHS23] framework, derived, exact in 1D):
     * {@code rank H_O = min(K·m_0(k_1 + k_2 − 1), q(a + b − q))}; FC readout:
     * {@code min(K·min(m_0 c, N), q(m_0 k_1 + K d_1 − q))} with {@code c = d_0} (stride 1).
     * Hypothesis: one-hidden-layer linear CNN on 1D signals, stride 1, no padding, no biases; X of
     * full rank; all-conv: {@code N·d_2 >= m_0(k_1 + k_2 − 1)} (see {@link #allConvSamplesO}); FC
     * readout: {@code N >= m_0 d_0}, so that X has full column rank (the term {@code q(a + b − q)}
     * does not see the data's rank: {@code in(1,3) -> conv(1,k=3) -> dense(2)} at N = 2 is the FC net
     * d = 3, M = 1, K = 2 with rank H_O = q(r + K − q) = 3, not 4; found by the verifier);
     * generic point.
     */
    public static final Statement CNN1_O = FormulaStatement.builder("CNN1-O").source(SHS23).provenance(DERIVED)
            .kind(EXACT).target(Part.O).hypothesis(ONE + "; 1D; X of full rank; all-conv: N·d_2 >= m_0(k_1 + k_2 − 1); FC readout:"
                    + " N >= m_0 d_0; generic point")
            .formula("rank H_O = min(K·m_0(k_1 + k_2 − 1), q(a + b − q)); FC readout: min(K·min(m_0 c, N),"
                    + " q(m_0 k_1 + K d_1 − q))")
            .appliesWhen(i -> cnn(i, 2).filter(c -> !c.twoD() && i.fullDataRank()
                    && (c.fcReadout() ? i.samples() >= c.inputChannels() * c.layer(1).inPositions() : allConvSamplesO(i, c)))
                    .isPresent())
            .predicts(ConvolutionalStatements::cnn1O).build();

    /**
     * CNN1-O-2D ([SHS23] framework, derived, bound): the CNN1-O expression in 2D
     * ({@code k → k_h k_w}, {@code k_1 + k_2 − 1 → (k_1h + k_2h − 1)(k_1w + k_2w − 1)}, {@code c = h·w})
     * is only an upper bound (65 measured against 68 for {@code m_0=1, m=2, K=3}, 3×3 kernel, 5×5
     * input, FC readout). Hypothesis: one-hidden-layer linear CNN on images, stride 1, no padding,
     * no biases; any point.
     */
    public static final Statement CNN1_O_2D = FormulaStatement.builder("CNN1-O-2D").source(SHS23).provenance(DERIVED)
            .kind(BOUND).target(Part.O).hypothesis(ONE + "; 2D; any point")
            .formula("rank H_O ≤ the CNN1-O expression with k → k_h k_w")
            .appliesWhen(i -> cnn(i, 2).filter(Families.Cnn::twoD).isPresent())
            .predicts(ConvolutionalStatements::cnn1O).build();

    /**
     * CNN1-L ([SHS23] framework, derived, bound, relational): {@code rank H_L <= rank H_O + rank H_F − 1},
     * because the gradient g lies in both column spaces ({@code g = Jᵀr ∈ col H_O}; a linear CNN is
     * homogeneous of degree L in θ, so {@code H_F θ = (L − 1) g}). Hypothesis: one-hidden-layer linear
     * CNN (1D or 2D), stride 1, no padding, no biases, at a point where the gradient is nonzero (at
     * a critical point the two column spaces need not meet).
     */
    public static final Statement CNN1_L = FormulaStatement.builder("CNN1-L").source(SHS23).provenance(DERIVED)
            .kind(BOUND).target(Part.L).hypothesis(ONE + "; 1D or 2D; any point with a nonzero gradient")
            .formula("rank H_L ≤ rank H_O + rank H_F − 1")
            .appliesWhen(i -> cnn(i, 2).isPresent() && !i.gradientZero())
            .predictsFromMeasured((i, m) -> m.o() + m.f() - 1).build();

    // ------------------------------------------------------------------ deep

    /** RF_in(l) for 1D: Σ_{j≤l}(k_j − 1) + 1. */
    static long rfIn(Families.Cnn c, int l) {
        long s = 1;
        for (int j = 1; j <= l; j++) {
            s += c.layer(j).kernelW() - 1;
        }
        return s;
    }

    /** RF_out(l) for 1D: Σ_{j>l}(k_j − 1) + 1 (the FC readout's kernel is d_{L−1}). */
    static long rfOut(Families.Cnn c, int l) {
        long s = 1;
        for (int j = l + 1; j <= c.depth(); j++) {
            s += c.layer(j).kernelW() - 1;
        }
        return s;
    }

    static long aL(Families.Cnn c, int l) {
        return c.inputChannels() * rfIn(c, l);
    }

    static long bL(Families.Cnn c, int l) {
        return c.outputChannels() * rfOut(c, l);
    }

    /**
     * CNN-D-O ([SHS23] framework, derived, bound):
     * {@code rank H_O <= min(K·m_0·RF, min_l q_l(a_l + b_l − q_l))}, where RF is the receptive field of
     * the whole net; with an FC readout {@code K·m_0·RF} becomes {@code K·min(m_0 d_0, N)}.
     * Hypothesis: deep linear CNN on 1D signals ({@code L >= 3}), stride 1, no padding, no biases;
     * any point.
     */
    public static final Statement CNN_D_O = FormulaStatement.builder("CNN-D-O").source(SHS23).provenance(DERIVED)
            .kind(BOUND).target(Part.O).hypothesis(DEEP + "; any point")
            .formula("rank H_O ≤ min(K·m_0·RF, min_l q_l(a_l + b_l − q_l)); FC readout: K·m_0·RF → K·min(m_0 d_0, N)")
            .appliesWhen(i -> cnn(i, 3).filter(c -> !c.twoD()).isPresent())
            .predicts(i -> {
                Families.Cnn c = cnnOf(i);
                long k = c.outputChannels();
                long m0 = c.inputChannels();
                long v = c.fcReadout() ? k * Math.min(m0 * c.inputPositions(), i.samples()) : k * m0 * rfIn(c, c.depth());
                for (int l = 1; l < c.depth(); l++) {
                    long a = aL(c, l);
                    long b = bL(c, l);
                    long q = Math.min(c.channels(l), Math.min(a, b));
                    v = Math.min(v, q * (a + b - q));
                }
                return v;
            }).build();

    /**
     * CNN-D-F ([SHS23] framework, derived, bound; loose, the exact value is open):
     * {@code rank H_F <= 2 Σ_l m_l·min(a_l, b_l)}. Hypothesis: deep linear CNN on 1D signals
     * ({@code L >= 3}), stride 1, no padding, no biases; any point.
     */
    public static final Statement CNN_D_F = FormulaStatement.builder("CNN-D-F").source(SHS23).provenance(DERIVED)
            .kind(BOUND).target(Part.F).hypothesis(DEEP + "; any point")
            .formula("rank H_F ≤ 2 Σ_l m_l · min(a_l, b_l)")
            .appliesWhen(i -> cnn(i, 3).filter(c -> !c.twoD()).isPresent())
            .predicts(i -> {
                Families.Cnn c = cnnOf(i);
                long v = 0;
                for (int l = 1; l < c.depth(); l++) {
                    v += 2L * c.channels(l) * Math.min(aL(c, l), bL(c, l));
                }
                return v;
            }).build();

    /**
     * CNN-D-L ([SHS23] framework, derived, bound, relational): {@code rank H_L <= rank H_O + rank H_F − 1}
     * (as CNN1-L). Hypothesis: deep linear CNN on 1D signals ({@code L >= 3}), stride 1, no padding,
     * no biases; any point with a nonzero gradient.
     */
    public static final Statement CNN_D_L = FormulaStatement.builder("CNN-D-L").source(SHS23).provenance(DERIVED)
            .kind(BOUND).target(Part.L).hypothesis(DEEP + "; any point with a nonzero gradient")
            .formula("rank H_L ≤ rank H_O + rank H_F − 1")
            .appliesWhen(i -> cnn(i, 3).filter(c -> !c.twoD()).isPresent() && !i.gradientZero())
            .predictsFromMeasured((i, m) -> m.o() + m.f() - 1).build();

    // ------------------------------------------------------------------ locally connected

    /**
     * LCN-F ([SHS23] framework, derived, exact): a locally connected layer (no weight sharing) with
     * an FC readout: {@code rank H_F = 2m·d_1·min(m_0 k, K, N)} (against {@code 2m·min(m_0 k,
     * d_1 min(K, N))} for the CNN). Hypothesis: {@code local(m, k) -> dense(K)} on a 1D signal,
     * stride 1, no padding, no biases; X of full rank; generic point.
     */
    public static final Statement LCN_F = FormulaStatement.builder("LCN-F").source(SHS23).provenance(DERIVED)
            .kind(EXACT).target(Part.F)
            .hypothesis("local(m, k) -> dense(K) on a 1D signal, stride 1, pad 0, no biases; X of full rank;"
                    + " residual of generic rank; generic point")
            .formula("rank H_F = 2m·d_1·min(m_0 k, K, N)")
            .appliesWhen(i -> Families.localFc(i.architecture()).isPresent() && i.fullDataRank() && i.genericResidual())
            .predicts(i -> {
                Families.Lcn l = Families.localFc(i.architecture()).orElseThrow();
                long inner = Math.min(Math.min((long) l.inputChannels() * l.kernel(), l.outputSize()), i.samples());
                return 2L * l.channels() * l.positions() * inner;
            }).build();

    /**
     * CNN-SQRT ([SHS23], paper headline, exact): as the hidden channels m grow, p grows
     * quadratically and {@code rank H_L} linearly. Hypothesis: linear CNN on 1D signals (one hidden
     * layer or deep), stride 1, no padding, no biases, all hidden channels m,
     * {@code m >= max_l min(a_l, b_l)} (from there every q_l is constant); generic points. Checked
     * over a sweep: the measured ranks lie on one line (slope not predicted: the exact rank is open);
     * p must be quadratic in m when there are at least two hidden layers.
     */
    public static final SweepStatement CNN_SQRT = new CnnSqrt();

    /** The statements of this class in docs/theorems.md order. */
    static List<Statement> all() {
        return List.of(TOE_SHAPE, TOE_1, TOE_M, TOE_2D, CNN1_F, CNN1_O, CNN1_O_2D, CNN1_L, CNN_D_O, CNN_D_F, CNN_D_L,
                LCN_F, CNN_SQRT);
    }

    // ------------------------------------------------------------------ helpers and implementations

    /** The conv layer at {@code l}, or null. */
    static Layer.Conv conv(Architecture a, int l) {
        return a.layer(l) instanceof Layer.Conv c ? c : null;
    }

    static boolean plain(Layer.Conv c) {
        return c.stride().equals(Extent.of(1)) && c.padding().equals(Extent.of(0));
    }

    /**
     * Whether layer {@code l} is a {@link #plain} conv layer on a {@code kind} input with one
     * channel and {@code outChannels} output channels (TOE-1, TOE-2D). O(1).
     */
    private static boolean plainFromOneChannel(Instance i, int l, Shape.Kind kind, int outChannels) {
        Layer.Conv c = conv(i.architecture(), l);
        Shape in = i.architecture().shape(l - 1);
        return c != null && in.kind() == kind && in.channels() == 1 && c.channels() == outChannels && plain(c);
    }

    private static final class ToeLayer extends Described implements LayerStatement {
        private final boolean everyPoint;
        private final BiPredicate<Instance, Integer> applies;
        private final ToLongBiFunction<Instance, Integer> value;

        ToeLayer(String id, Kind kind, boolean everyPoint, String hypothesis, String formula,
                BiPredicate<Instance, Integer> applies, ToLongBiFunction<Instance, Integer> value) {
            super(id, SHS23, DERIVED, kind, hypothesis, formula, Part.T);
            this.everyPoint = everyPoint;
            this.applies = applies;
            this.value = value;
        }

        @Override
        public boolean everyPoint() {
            return everyPoint;
        }

        @Override
        public List<Integer> layers(Instance instance) {
            List<Integer> out = new ArrayList<>();
            for (int l = 1; l <= instance.architecture().layerCount(); l++) {
                if (applies.test(instance, l)) {
                    out.add(l);
                }
            }
            return List.copyOf(out);
        }

        @Override
        public OptionalLong predictLayer(Instance instance, int layer) {
            if (layer < 1 || layer > instance.architecture().layerCount() || !applies.test(instance, layer)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(value.applyAsLong(instance, layer));
        }
    }

    private static final class ToeShape extends Described implements PointStatement {
        ToeShape() {
            super("TOE-SHAPE", SHS23, DERIVED, EXACT, "any conv layer, 1D or 2D, any stride and padding; any point",
                    "the layer is the linear map T(W)x of size m_out·d_out × m_in·d_in,"
                            + " d_out = ⌊(d_in + 2·pad − k)/stride⌋ + 1 per axis", Part.T);
        }

        @Override
        public boolean appliesTo(Architecture a) {
            for (Layer l : a.layers()) {
                if (l instanceof Layer.Conv) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public IdentityCheck check(Architecture a, Point point) {
            if (!appliesTo(a)) {
                throw new IllegalArgumentException("TOE-SHAPE: architecture (" + a.spec() + ") has no conv layer");
            }
            int layers = 0;
            for (int l = 1; l <= a.layerCount(); l++) {
                Layer.Conv c = conv(a, l);
                if (c == null) {
                    continue;
                }
                Shape in = a.shape(l - 1);
                boolean twoD = in.kind() == Shape.Kind.IMAGE;
                int kh = twoD ? c.kernel().height() : 1;
                int kw = c.kernel().width();
                int sh = twoD ? c.stride().height() : 1;
                int sw = c.stride().width();
                int ph = twoD ? c.padding().height() : 0;
                int pw = c.padding().width();
                int ho = Math.floorDiv(in.height() + 2 * ph - kh, sh) + 1;
                int wo = Math.floorDiv(in.width() + 2 * pw - kw, sw) + 1;
                var t = LayerMatrices.matrix(a, l, point);
                long rows = (long) c.channels() * ho * wo;
                if (t.rows() != rows || t.cols() != in.size()) {
                    return new IdentityCheck(false, "conv layer " + l + ": T(W) is " + t.rows() + "×" + t.cols()
                            + ", expected " + rows + "×" + in.size() + " (d_out = " + ho + "×" + wo + ")");
                }
                int off = a.parameterOffset(l);
                int cin = in.channels();
                SplittableRandom rng = new SplittableRandom(0x70E5L + l);
                BigInteger[] x = new BigInteger[in.size()];
                for (int e = 0; e < x.length; e++) {
                    x[e] = BigInteger.valueOf(rng.nextLong(-1024, 1025));
                }
                for (int o = 0; o < c.channels(); o++) {
                    for (int y = 0; y < ho; y++) {
                        for (int xx = 0; xx < wo; xx++) {
                            BigInteger direct = BigInteger.ZERO;
                            for (int ch = 0; ch < cin; ch++) {
                                for (int u = 0; u < kh; u++) {
                                    for (int v = 0; v < kw; v++) {
                                        int iy = y * sh + u - ph;
                                        int ix = xx * sw + v - pw;
                                        if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                                            continue; // zero padding
                                        }
                                        BigInteger w = point.theta(off + ((o * cin + ch) * kh + u) * kw + v);
                                        direct = direct.add(w.multiply(x[(ch * in.height() + iy) * in.width() + ix]));
                                    }
                                }
                            }
                            int row = (o * ho + y) * wo + xx;
                            BigInteger viaT = BigInteger.ZERO;
                            for (int col = 0; col < x.length; col++) {
                                viaT = viaT.add(t.get(row, col).multiply(x[col]));
                            }
                            if (!viaT.equals(direct)) {
                                return new IdentityCheck(false, "conv layer " + l + ": (T(W)x)[" + row + "] = " + viaT
                                        + " but the direct convolution gives " + direct);
                            }
                        }
                    }
                }
                layers++;
            }
            return new IdentityCheck(true, layers + " conv layer(s): T(W) has the stated size and T(W)x equals the direct"
                    + " zero-padded cross-correlation on a seeded random input");
        }
    }

    private static final class CnnSqrt extends Described implements SweepStatement {
        CnnSqrt() {
            super("CNN-SQRT", SHS23, PAPER, EXACT, "linear CNN on 1D signals (stride 1, pad 0, no biases), all hidden"
                    + " channels m >= max_l min(a_l, b_l); generic points",
                    "rank H_L linear in m while p grows quadratically (with >= 2 hidden layers), so rank = Θ(√p)",
                    Part.L);
        }

        @Override
        public boolean appliesTo(Instance instance) {
            return Families.linearCnn(instance.architecture()).filter(c -> !c.twoD()).isPresent();
        }

        @Override
        public int threshold(Instance base) {
            Families.Cnn c = Families.linearCnn(base.architecture()).filter(x -> !x.twoD()).orElseThrow(() ->
                    new IllegalArgumentException("CNN-SQRT: base architecture (" + base.architecture().spec()
                            + ") must be a linear CNN on 1D signals (stride 1, pad 0, no biases)"));
            long t = 1;
            for (int l = 1; l < c.depth(); l++) {
                t = Math.max(t, Math.min(aL(c, l), bL(c, l)));
            }
            return (int) t;
        }

        @Override
        public GrowthCheck check(Instance base, List<Sample> samples) {
            int t = threshold(base);
            boolean quadratic = Families.linearCnn(base.architecture()).orElseThrow().depth() >= 3;
            return Sweeps.checkLine(samples, t, -1, quadratic, "slope measured; the exact rank is open");
        }
    }
}
