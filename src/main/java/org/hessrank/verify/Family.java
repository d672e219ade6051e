package org.hessrank.verify;

import java.util.List;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;
import org.hessrank.theory.GraphFamilies;

/**
 * The architecture families the generators draw from: one per section of docs/theorems.md, and
 * the computation-graph families ({@link #isGraph()}) of {@link org.hessrank.theory.GraphFamilies},
 * which the catalogue does not cover and {@code hessrank conjecture} names.
 * {@link #matches} says whether an architecture belongs to the family; the shrinker uses it so
 * that a shrunk case stays in the family it was generated from.
 */
public enum Family {
    /** {@code in(d) -> dense(M_1) -> … -> dense(K)}, no bias, no activation (FC-*). */
    FULLY_CONNECTED("fullyConnected"),
    /** As {@link #FULLY_CONNECTED} with a bias in every layer (FCB-*). */
    FULLY_CONNECTED_BIAS("fullyConnectedWithBias"),
    /** {@code in(m0,d0) -> conv(m,k1) -> conv(K,k2) | dense(K)} (CNN1-*, 1D). */
    ONE_HIDDEN_CNN_1D("oneHiddenCnn1d"),
    /** {@code in(m0,h,w) -> conv(m,k) -> conv(K,k2) | dense(K)} (CNN1-O-2D, CNN1-F/L in 2D). */
    ONE_HIDDEN_CNN_2D("oneHiddenCnn2d"),
    /** Two or more hidden conv layers, then a conv or dense readout (CNN-D-*). */
    DEEP_CNN("deepCnn"),
    /** {@code in(m0,d0) -> local(m,k) -> dense(K)} (LCN-F). */
    LOCALLY_CONNECTED("locallyConnected"),
    /** {@code in(d) -> dense(M) -> relu -> … -> dense(K)} (RELU-1H-F). */
    RELU_MLP("reluMlp"),
    /** A single conv layer {@code in(m_in, d) -> conv(m_out, k, stride, pad)} (TOE-*). */
    CONV_LAYER("convLayer"),
    /**
     * {@code in(d) -> [dense(n)] -> res(β_1) -> … -> res(β_B) -> [dense(K)]}, each block β
     * {@code dense(m) -> relu -> dense(n)}, {@code dense(m) -> dense(n)} or {@code dense(n)}, no bias
     * ({@link org.hessrank.theory.GraphFamilies#residualMlp}; named family {@code res-fc}).
     */
    RESIDUAL_MLP("residualMlp"),
    /**
     * {@code in(d) -> dense(M_1) -> σ -> … -> dense(K)}, σ = {@code pow(2)}, {@code pow(3)} or a
     * {@code poly(c_0,…,c_k)} of degree k ≥ 2, the same in every layer, no bias
     * ({@link org.hessrank.theory.GraphFamilies#polynomialMlp}; named family {@code poly-mlp}).
     */
    POLYNOMIAL_MLP("polynomialMlp"),
    /**
     * Gates {@code res(mul(id | dense(w)))} and {@code mul(dense(k) | dense(k))}, then optionally
     * {@code dense(K)}, no bias ({@link org.hessrank.theory.GraphFamilies#gatedMlp}; named family
     * {@code gated-mlp}).
     */
    GATED_MLP("gatedMlp"),
    /**
     * LoRA-style adapters {@code add(dense(n,frozen) | dense(ra) -> dense(n))}, ra &lt; n, then
     * optionally {@code dense(K)}, no bias ({@link org.hessrank.theory.GraphFamilies#lora}; named
     * family {@code lora}).
     */
    LORA("loraAdapter"),
    /**
     * {@code in(d,t) -> attn(a,heads) [-> attn(...)]}, value dimension d, layers alike or not
     * ({@link org.hessrank.theory.GraphFamilies#attention}; named family {@code attn} takes the nets
     * whose layers are alike).
     */
    LIGHTNING_ATTENTION("lightningAttention"),
    /**
     * {@code in(1,d_0) -> conv(1,k=k_1,stride=s_1) -> … -> conv(1,k=k_L,stride=s_L)}: single-channel
     * linear CNNs, any strides, no padding, bias or readout (SCNN-DIM; named family {@code scnn}).
     */
    SINGLE_CHANNEL_CNN("singleChannelCnn"),
    /**
     * A user's own generator ({@link Architectures#custom}, {@link Architectures#template}), e.g. for
     * nets with a {@link org.hessrank.net.CustomLayer}. Its pattern is the generator's own, so
     * {@link #matches} accepts every architecture; {@link Architectures#all()} does not include it.
     */
    CUSTOM("custom");

    private final String factory;

    Family(String factory) {
        this.factory = factory;
    }

    /**
     * True for the computation-graph families (residual, polynomial, gated, LoRA, attention), which
     * no statement of docs/theorems.md is about: {@link Architectures#all()} leaves them out and
     * {@link Architectures#graphs()} lists them.
     */
    /**
     * True for the families {@link Architectures#all()} draws for {@code check} and proofs-check:
     * every family some catalogue statement is about (of the graph families: attention, polynomial
     * MLPs and residual MLPs, for the newer literature and the discovered statements), not gated
     * MLPs, LoRA or custom ones.
     */
    public boolean isCatalogued() {
        return switch (this) {
            case GATED_MLP, LORA, CUSTOM -> false;
            default -> true;
        };
    }

    public boolean isGraph() {
        return switch (this) {
            case RESIDUAL_MLP, POLYNOMIAL_MLP, GATED_MLP, LORA, LIGHTNING_ATTENTION -> true;
            default -> false;
        };
    }

    /** The name of the {@link Architectures} factory method, e.g. {@code deepCnn}. */
    public String factory() {
        return factory;
    }

    /** True if {@code a} has this family's layer pattern (sizes are not checked). Cost O(layers). */
    public boolean matches(Architecture a) {
        List<Layer> ls = a.layers();
        Shape in = a.input();
        switch (this) {
            case FULLY_CONNECTED, FULLY_CONNECTED_BIAS -> {
                boolean bias = this == FULLY_CONNECTED_BIAS;
                return in.kind() == Shape.Kind.VECTOR
                        && ls.stream().allMatch(l -> l instanceof Layer.Dense d && d.bias() == bias);
            }
            case RELU_MLP -> {
                if (in.kind() != Shape.Kind.VECTOR || ls.size() < 3 || ls.size() % 2 == 0) {
                    return false;
                }
                for (int i = 0; i < ls.size(); i++) {
                    boolean ok = i % 2 == 0 ? ls.get(i) instanceof Layer.Dense d && !d.bias()
                            : ls.get(i) instanceof Layer.Act act && act.activation().equals(Activation.RELU);
                    if (!ok) {
                        return false;
                    }
                }
                return true;
            }
            case ONE_HIDDEN_CNN_1D, ONE_HIDDEN_CNN_2D, DEEP_CNN -> {
                Shape.Kind kind = this == ONE_HIDDEN_CNN_2D ? Shape.Kind.IMAGE : Shape.Kind.SIGNAL;
                if (this == DEEP_CNN && in.kind() == Shape.Kind.IMAGE) {
                    kind = Shape.Kind.IMAGE;
                }
                if (in.kind() != kind || ls.size() < 2) {
                    return false;
                }
                for (int i = 0; i < ls.size() - 1; i++) {
                    if (!(ls.get(i) instanceof Layer.Conv c) || c.bias()) {
                        return false;
                    }
                }
                Layer last = ls.get(ls.size() - 1);
                boolean readout = last instanceof Layer.Conv c ? !c.bias() : last instanceof Layer.Dense d && !d.bias();
                int hidden = ls.size() - 1;
                return readout && (this == DEEP_CNN ? hidden >= 2 : hidden == 1);
            }
            case LOCALLY_CONNECTED -> {
                return in.kind() == Shape.Kind.SIGNAL && ls.size() == 2 && ls.get(0) instanceof Layer.Local lc
                        && !lc.bias() && ls.get(1) instanceof Layer.Dense d && !d.bias();
            }
            case CONV_LAYER -> {
                return in.kind() != Shape.Kind.VECTOR && ls.size() == 1 && ls.get(0) instanceof Layer.Conv c && !c.bias();
            }
            case RESIDUAL_MLP -> {
                return GraphFamilies.residualMlp(a).isPresent();
            }
            case POLYNOMIAL_MLP -> {
                return GraphFamilies.polynomialMlp(a).isPresent();
            }
            case GATED_MLP -> {
                return GraphFamilies.gatedMlp(a).isPresent();
            }
            case LORA -> {
                return GraphFamilies.lora(a).isPresent();
            }
            case LIGHTNING_ATTENTION -> {
                return GraphFamilies.attention(a).isPresent();
            }
            case SINGLE_CHANNEL_CNN -> {
                return org.hessrank.theory.LiteratureStatements.singleChannelCnn(a).isPresent();
            }
            case CUSTOM -> {
                return true;
            }
            default -> throw new AssertionError(this);
        }
    }
}
