package org.hessrank.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * Which computation-graph family an {@link Architecture} belongs to, decided exactly from its
 * layers (nothing is skipped: a {@code flatten} or {@code linear} layer puts a net outside every
 * family here), and the sizes of its members. No layer has a bias; every dense layer is
 * trainable except the frozen base of a LoRA adapter. The families are disjoint from each other
 * and from those of {@link Families}.
 *
 * <table>
 * <caption>Graph families</caption>
 * <tr><th>family</th><th>layers</th></tr>
 * <tr><td>{@link #residualMlp residual MLP}</td><td>{@code in(d) -> [dense(n)] -> res(β_1) -> … ->
 *     res(β_B) -> [dense(K)]}, B ≥ 1, each block β {@code dense(n)}, {@code dense(m) -> dense(n)} or
 *     {@code dense(m) -> relu -> dense(n)}</td></tr>
 * <tr><td>{@link #polynomialMlp polynomial MLP}</td><td>{@code in(d) -> dense(M_1) -> σ -> … -> σ ->
 *     dense(K)}, L ≥ 2 dense layers, σ the same {@code pow(k)} or {@code poly(c_0,…,c_k)} everywhere,
 *     of degree k ≥ 2</td></tr>
 * <tr><td>{@link #gatedMlp gated MLP}</td><td>{@code in(d) -> G_1 -> … -> G_B -> [dense(K)]}, B ≥ 1,
 *     each gate {@code res(mul(id | dense(w)))} (width kept) or {@code mul(dense(k) | dense(k))}
 *     (width k)</td></tr>
 * <tr><td>{@link #lora LoRA adapters}</td><td>{@code in(d) -> A_1 -> … -> A_L -> [dense(K)]}, L ≥ 1,
 *     each adapter {@code add(dense(n,frozen) | dense(ra) -> dense(n))} with ra &lt; n</td></tr>
 * <tr><td>{@link #attention lightning attention}</td><td>{@code in(d,t) -> attn(a_1, heads_1) -> … ->
 *     attn(a_l, heads_l)}, l ≥ 1, value dimension d in every layer</td></tr>
 * </table>
 * Vector input for the MLP families, a signal {@code in(d,t)} (d features by t tokens) for
 * attention. Cost: O(layers, nested ones included). Nothing is modified.
 */
public final class GraphFamilies {
    private GraphFamilies() {
    }

    // ---------------------------------------------------------------- residual MLP

    /**
     * One residual block {@code res(β)}.
     *
     * @param hidden m, the width of the block's first dense layer, or 0 for the one-layer block
     *     {@code res(dense(n))}
     * @param relu whether the block is {@code dense(m) -> relu -> dense(n)}
     */
    public record ResBlock(int hidden, boolean relu) {
    }

    /**
     * A residual MLP.
     *
     * @param inputSize d
     * @param stem whether an input layer {@code dense(n)} precedes the blocks (else n = d)
     * @param width n, the width of the residual stream
     * @param blocks β_1 … β_B (unmodifiable)
     * @param head whether a readout {@code dense(K)} follows the blocks (else K = n)
     * @param outputSize K
     */
    public record ResidualMlp(int inputSize, boolean stem, int width, List<ResBlock> blocks, boolean head,
            int outputSize) {
        public ResidualMlp {
            blocks = List.copyOf(blocks);
        }

        /** Blocks with a ReLU. */
        public int reluBlocks() {
            return (int) blocks.stream().filter(ResBlock::relu).count();
        }

        /** Dense layers in all: the stem, the blocks' and the readout. */
        public int denseLayers() {
            int n = (stem ? 1 : 0) + (head ? 1 : 0);
            for (ResBlock b : blocks) {
                n += b.hidden() == 0 ? 1 : 2;
            }
            return n;
        }
    }

    /** The sizes of a residual MLP, or empty. */
    public static Optional<ResidualMlp> residualMlp(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> ls = a.layers();
        if (a.input().kind() != Shape.Kind.VECTOR) {
            return Optional.empty();
        }
        int i = 0;
        boolean stem = ls.size() > 1 && plain(ls.get(0)) && ls.get(1) instanceof Layer.Res;
        if (stem) {
            i = 1;
        }
        List<ResBlock> blocks = new ArrayList<>();
        for (; i < ls.size() && ls.get(i) instanceof Layer.Res r; i++) {
            ResBlock b = resBlock(r.block());
            if (b == null) {
                return Optional.empty();
            }
            blocks.add(b);
        }
        boolean head = i == ls.size() - 1 && plain(ls.get(i));
        if (blocks.isEmpty() || i + (head ? 1 : 0) != ls.size()) {
            return Optional.empty();
        }
        int width = stem ? ((Layer.Dense) ls.get(0)).units() : a.input().size();
        return Optional.of(new ResidualMlp(a.input().size(), stem, width, blocks, head, a.outputSize()));
    }

    private static ResBlock resBlock(List<Layer> block) {
        if (block.size() == 1 && plain(block.get(0))) {
            return new ResBlock(0, false);
        }
        if (block.size() == 2 && plain(block.get(0)) && plain(block.get(1))) {
            return new ResBlock(((Layer.Dense) block.get(0)).units(), false);
        }
        if (block.size() == 3 && plain(block.get(0)) && isRelu(block.get(1)) && plain(block.get(2))) {
            return new ResBlock(((Layer.Dense) block.get(0)).units(), true);
        }
        return null;
    }

    // ---------------------------------------------------------------- polynomial MLP

    /**
     * A polynomial MLP.
     *
     * @param widths M_0 = d, M_1 … M_{L−1} (hidden), M_L = K (unmodifiable)
     * @param activation σ, a {@link Layer.Pow} or {@link Layer.Poly}, the same after every hidden layer
     */
    public record PolynomialMlp(List<Integer> widths, Layer activation) {
        public PolynomialMlp {
            widths = List.copyOf(widths);
        }

        /** L, the number of dense layers. */
        public int depth() {
            return widths.size() - 1;
        }

        /** k, the degree of σ. */
        public int degree() {
            return activation instanceof Layer.Pow p ? p.power() : ((Layer.Poly) activation).polynomialDegree();
        }

        /** Whether σ is {@code pow(k)}. */
        public boolean isPower() {
            return activation instanceof Layer.Pow;
        }

        /** c_0 … c_k, the coefficients of σ up to its degree ({@code pow(k)}: c_k = 1, the others 0). */
        public long[] coefficients() {
            long[] c = new long[degree() + 1];
            if (activation instanceof Layer.Poly p) {
                for (int m = 0; m < c.length; m++) {
                    c[m] = p.coefficients().get(m);
                }
            } else {
                c[c.length - 1] = 1;
            }
            return c;
        }
    }

    /** The sizes of a polynomial MLP, or empty. */
    public static Optional<PolynomialMlp> polynomialMlp(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> ls = a.layers();
        if (a.input().kind() != Shape.Kind.VECTOR || ls.size() < 3 || ls.size() % 2 == 0) {
            return Optional.empty();
        }
        Layer sigma = ls.get(1);
        boolean polynomial = sigma instanceof Layer.Pow p ? p.power() >= 2
                : sigma instanceof Layer.Poly q && q.polynomialDegree() >= 2;
        if (!polynomial) {
            return Optional.empty();
        }
        List<Integer> widths = new ArrayList<>();
        widths.add(a.input().size());
        for (int i = 0; i < ls.size(); i++) {
            Layer l = ls.get(i);
            if (i % 2 == 0) {
                if (!plain(l)) {
                    return Optional.empty();
                }
                widths.add(((Layer.Dense) l).units());
            } else if (!l.equals(sigma)) {
                return Optional.empty();
            }
        }
        return Optional.of(new PolynomialMlp(widths, sigma));
    }

    // ---------------------------------------------------------------- gated MLP

    /**
     * One gate of a gated MLP.
     *
     * @param product true for {@code mul(dense(k) | dense(k))}, false for the gated residual
     *     {@code res(mul(id | dense(w)))}
     * @param width the width after the gate (k, or the unchanged w)
     */
    public record Gate(boolean product, int width) {
    }

    /**
     * A gated MLP.
     *
     * @param inputSize d
     * @param gates G_1 … G_B (unmodifiable)
     * @param head whether a readout {@code dense(K)} follows the gates
     * @param outputSize K (the last gate's width without a readout)
     */
    public record GatedMlp(int inputSize, List<Gate> gates, boolean head, int outputSize) {
        public GatedMlp {
            gates = List.copyOf(gates);
        }

        /** Product gates {@code mul(dense(k) | dense(k))}. */
        public int products() {
            return (int) gates.stream().filter(Gate::product).count();
        }
    }

    /** The sizes of a gated MLP, or empty. */
    public static Optional<GatedMlp> gatedMlp(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> ls = a.layers();
        if (a.input().kind() != Shape.Kind.VECTOR) {
            return Optional.empty();
        }
        List<Gate> gates = new ArrayList<>();
        int i = 0;
        for (; i < ls.size(); i++) {
            Layer l = ls.get(i);
            int width = a.shape(i + 1).size();
            if (l instanceof Layer.Mul m && m.left().size() == 1 && plain(m.left().get(0)) && m.right().size() == 1
                    && plain(m.right().get(0))) {
                gates.add(new Gate(true, width));
            } else if (l instanceof Layer.Res r && r.block().size() == 1 && r.block().get(0) instanceof Layer.Mul m
                    && m.left().equals(List.of(Layer.id())) && m.right().size() == 1 && plain(m.right().get(0))) {
                gates.add(new Gate(false, width));
            } else {
                break;
            }
        }
        boolean head = i == ls.size() - 1 && plain(ls.get(i));
        if (gates.isEmpty() || i + (head ? 1 : 0) != ls.size()) {
            return Optional.empty();
        }
        return Optional.of(new GatedMlp(a.input().size(), gates, head, a.outputSize()));
    }

    // ---------------------------------------------------------------- LoRA

    /**
     * One adapter {@code add(dense(n,frozen) | dense(ra) -> dense(n))}: a frozen base weight plus a
     * trainable rank-ra update.
     *
     * @param width n
     * @param rank ra &lt; n
     */
    public record Adapter(int width, int rank) {
    }

    /**
     * A stack of LoRA adapters.
     *
     * @param inputSize d
     * @param adapters A_1 … A_L (unmodifiable)
     * @param head whether a trainable readout {@code dense(K)} follows
     * @param outputSize K (the last adapter's n without a readout)
     */
    public record Lora(int inputSize, List<Adapter> adapters, boolean head, int outputSize) {
        public Lora {
            adapters = List.copyOf(adapters);
        }
    }

    /** The sizes of a LoRA-adapter net, or empty. */
    public static Optional<Lora> lora(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        List<Layer> ls = a.layers();
        if (a.input().kind() != Shape.Kind.VECTOR) {
            return Optional.empty();
        }
        List<Adapter> adapters = new ArrayList<>();
        int i = 0;
        for (; i < ls.size(); i++) {
            Adapter ad = ls.get(i) instanceof Layer.Add add ? adapter(add) : null;
            if (ad == null) {
                break;
            }
            adapters.add(ad);
        }
        boolean head = i == ls.size() - 1 && plain(ls.get(i));
        if (adapters.isEmpty() || i + (head ? 1 : 0) != ls.size()) {
            return Optional.empty();
        }
        return Optional.of(new Lora(a.input().size(), adapters, head, a.outputSize()));
    }

    private static Adapter adapter(Layer.Add add) {
        List<List<Layer>> bs = add.branches();
        if (bs.size() != 2 || bs.get(0).size() != 1 || bs.get(1).size() != 2) {
            return null;
        }
        if (!(bs.get(0).get(0) instanceof Layer.Dense base) || !base.frozen() || base.bias()
                || !plain(bs.get(1).get(0)) || !plain(bs.get(1).get(1))) {
            return null;
        }
        int rank = ((Layer.Dense) bs.get(1).get(0)).units();
        return rank < base.units() ? new Adapter(base.units(), rank) : null;
    }

    // ---------------------------------------------------------------- attention

    /**
     * One lightning-attention layer: {@code attn(a=keyDim,heads=heads)} with value dimension d.
     *
     * @param keyDim a
     * @param heads H
     */
    public record AttnLayer(int keyDim, int heads) {
    }

    /**
     * A stack of lightning-attention layers on a signal of d features by t tokens.
     *
     * @param features d
     * @param tokens t
     * @param layers the l layers (unmodifiable)
     */
    public record Attention(int features, int tokens, List<AttnLayer> layers) {
        public Attention {
            layers = List.copyOf(layers);
        }

        /** Whether every layer has the same a and heads. */
        public boolean uniform() {
            return layers.stream().distinct().count() == 1;
        }
    }

    /** The sizes of a lightning-attention net, or empty. */
    public static Optional<Attention> attention(Architecture a) {
        Objects.requireNonNull(a, "architecture");
        Shape in = a.input();
        if (in.kind() != Shape.Kind.SIGNAL) {
            return Optional.empty();
        }
        List<AttnLayer> layers = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (!(l instanceof Layer.Attn at) || (at.valueDim() != 0 && at.valueDim() != in.channels())) {
                return Optional.empty();
            }
            layers.add(new AttnLayer(at.keyDim(), at.heads()));
        }
        return Optional.of(new Attention(in.channels(), in.length(), layers));
    }

    // ---------------------------------------------------------------- helpers

    /** A trainable dense layer without bias. */
    private static boolean plain(Layer l) {
        return l instanceof Layer.Dense d && !d.bias() && !d.frozen();
    }

    private static boolean isRelu(Layer l) {
        return l instanceof Layer.Act act && act.activation().equals(Activation.RELU);
    }
}
