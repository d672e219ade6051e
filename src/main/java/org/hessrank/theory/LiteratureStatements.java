package org.hessrank.theory;

import static org.hessrank.theory.Statement.Kind.BOUND;
import static org.hessrank.theory.Statement.Kind.EXACT;
import static org.hessrank.theory.Statement.Provenance.PAPER;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hessrank.hessian.Part;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * The statements of docs/theorems.md's "Newer literature": the dimension of the function space
 * (the generic rank of J, so rank H_O at generic points with enough samples) of lightning
 * self-attention (ATT-DIM, [HMK25]), polynomial MLPs (PMLP-DIM, PMLP-DIM-EQ, [KTB19]/[FRWY25])
 * and single-channel strided linear CNNs (SCNN-DIM, [KMST23]). Each hypothesis is the paper's,
 * sharpened where hessrank found the claim false (docs/findings.md). Cost O(layers) per instance.
 */
public final class LiteratureStatements {
    private static final String HMK25 = "[HMK25]";
    private static final String KTB19 = "[KTB19]/[FRWY25]";
    private static final String KMST23 = "[KMST23]";

    private LiteratureStatements() {
    }

    /**
     * ATT-DIM ([HMK25], paper, exact): lightning attention, l layers on {@code in(d,t)}, one head,
     * V of size d×d, no readout: {@code rank H_O = l·(a(2d−a) + d²) − (l−1)·d² − l}. Hypothesis as
     * sharpened here: {@code a <= d} (for a > d the rank-a matrices QᵀK are all d×d matrices and
     * the formula undercounts) and {@code t >= 2} (one token sees only the symmetric part of QᵀK);
     * the same a in every layer; N at least the predicted dimension (at a generic new sample a
     * tangent direction not yet seen is nonzero, so the rank grows until it is the dimension; with
     * {@code N·d·t >= p} alone one sample of {@code in(2,4) -> attn(a=1)} has rank 3, not 6);
     * generic point.
     */
    public static final Statement ATT_DIM = FormulaStatement.builder("ATT-DIM").source(HMK25).provenance(PAPER)
            .kind(EXACT).target(Part.O)
            .hypothesis("lightning attention, l >= 1 layers on in(d,t), one head, v = d, no readout, the same a in every"
                    + " layer; a <= d and t >= 2 (sharpened: the paper's formula fails for a > d and for one token);"
                    + " N >= the predicted dimension, X of full rank; generic point")
            .formula("rank H_O = l·(a(2d−a) + d²) − (l−1)·d² − l")
            .appliesWhen(i -> attention(i).filter(at -> at.keyDim <= at.d && at.t >= 2).isPresent())
            .predicts(i -> attentionDimension(attention(i).orElseThrow()))
            .build();

    /**
     * PMLP-DIM ([KTB19], [FRWY25], paper, bound): a polynomial MLP with widths d_0 … d_h, no
     * biases, {@code pow(k)} after every hidden layer, linear output:
     * {@code rank H_O <= min(d_h·C(k^{h−1} + d_0 − 1, d_0 − 1), Σ_{i=1..h} (d_{i−1} − 1)·d_i + d_h)}
     * (parameters minus one rescaling per hidden neuron, capped by the ambient space). Checked
     * where N is at least the bound, so that the data can reach it (below that, N·d_h and the
     * samples cap the rank, and the bound says nothing new); every such point.
     */
    public static final Statement PMLP_DIM = FormulaStatement.builder("PMLP-DIM").source(KTB19).provenance(PAPER)
            .kind(BOUND).target(Part.O)
            .hypothesis("polynomial MLP in(d_0) -> dense(d_1) -> pow(k) -> … -> dense(d_h), h >= 2, k >= 2, no biases;"
                    + " N >= the bound (where the data can reach it); every point")
            .formula("rank H_O <= min(d_h·C(k^(h−1)+d_0−1, d_0−1), Σ_i (d_(i−1)−1)·d_i + d_h)")
            .notAlwaysAttained()
            .appliesWhen(i -> polynomialMlp(i).filter(m -> i.samples() >= expectedPolynomialDimension(m)).isPresent())
            .predicts(i -> expectedPolynomialDimension(polynomialMlp(i).orElseThrow()))
            .build();

    /**
     * PMLP-DIM-EQ ([KTB19], [FRWY25], paper, exact): the bound of PMLP-DIM is attained for equal
     * widths {@code d_0 = d_1 = … = d_h}, with N at least the predicted dimension (each generic
     * sample adds a direction until the rank is the dimension); generic point.
     */
    public static final Statement PMLP_DIM_EQ = FormulaStatement.builder("PMLP-DIM-EQ").source(KTB19)
            .provenance(PAPER).kind(EXACT).target(Part.O)
            .hypothesis("polynomial MLP as PMLP-DIM with equal widths d_0 = … = d_h; N >= the predicted dimension, X of"
                    + " full rank; generic point")
            .formula("rank H_O = min(d_h·C(k^(h−1)+d_0−1, d_0−1), Σ_i (d_(i−1)−1)·d_i + d_h)")
            .appliesWhen(i -> polynomialMlp(i).filter(m -> m.equalWidths()
                    && i.samples() >= expectedPolynomialDimension(m) && i.fullDataRank()).isPresent())
            .predicts(i -> expectedPolynomialDimension(polynomialMlp(i).orElseThrow()))
            .build();

    /**
     * SCNN-DIM ([KMST23], paper, exact): a single-channel linear CNN, L conv layers with filter
     * sizes k_i and any strides s_i, no padding, no bias, no readout:
     * {@code rank H_O = Σ_i k_i − (L − 1)}. Hypothesis: X of full rank with N >= d_0; generic point.
     */
    public static final Statement SCNN_DIM = FormulaStatement.builder("SCNN-DIM").source(KMST23).provenance(PAPER)
            .kind(EXACT).target(Part.O)
            .hypothesis("in(1,d_0) -> conv(1,k=k_1,stride=s_1) -> … -> conv(1,k=k_L,stride=s_L), L >= 1, no padding,"
                    + " no bias, no readout; X of full rank, N >= d_0; generic point")
            .formula("rank H_O = Σ_i k_i − (L − 1)")
            .appliesWhen(i -> singleChannelCnn(i.architecture()).isPresent() && i.fullDataRank()
                    && i.samples() >= i.architecture().input().length())
            .predicts(i -> {
                List<Filter> layers = singleChannelCnn(i.architecture()).orElseThrow();
                long sum = 0;
                for (Filter f : layers) {
                    sum += f.kernel();
                }
                return sum - (layers.size() - 1);
            })
            .build();

    /** The statements of this class in docs/theorems.md order. */
    static List<Statement> all() {
        return List.of(ATT_DIM, PMLP_DIM, PMLP_DIM_EQ, SCNN_DIM);
    }

    // ------------------------------------------------------------------ families of the literature

    /** One-head, v = d lightning attention with the same a in every layer: d, t, a, l. */
    record Attention(int d, int t, int keyDim, int layers) {
    }

    static Optional<Attention> attention(Instance i) {
        return GraphFamilies.attention(i.architecture()).flatMap(at -> {
            int a = at.layers().get(0).keyDim();
            for (GraphFamilies.AttnLayer l : at.layers()) {
                if (l.heads() != 1 || l.keyDim() != a) {
                    return Optional.empty();
                }
            }
            Attention out = new Attention(at.features(), at.tokens(), a, at.layers().size());
            // N >= dim: each generic sample adds a direction until the rank is the dimension
            return i.samples() >= attentionDimension(out) && i.fullDataRank() ? Optional.of(out) : Optional.empty();
        });
    }

    /** ATT-DIM's expression. */
    static long attentionDimension(Attention at) {
        return attentionDimension(at.d, at.keyDim, at.layers);
    }

    /** ATT-DIM's expression as the paper states it, {@code l·(a(2d−a) + d²) − (l−1)·d² − l}, for any a. */
    public static long attentionDimension(long d, long a, long l) {
        return l * (a * (2 * d - a) + d * d) - (l - 1) * d * d - l;
    }

    /** A polynomial MLP with a power activation: widths d_0 … d_h and the power k. */
    record PolynomialMlp(List<Integer> widths, int power) {
        boolean equalWidths() {
            return widths.stream().distinct().count() == 1;
        }

        /** C(k^{h−1} + d_0 − 1, d_0 − 1), saturated at Long.MAX_VALUE: the monomials of the output's degree. */
        long monomials() {
            int h = widths.size() - 1;
            BigInteger degree = BigInteger.valueOf(power).pow(h - 1);
            int d0 = widths.get(0);
            BigInteger c = BigInteger.ONE;
            for (int j = 1; j <= d0 - 1; j++) {
                c = c.multiply(degree.add(BigInteger.valueOf(j))).divide(BigInteger.valueOf(j));
            }
            return c.bitLength() < 63 ? c.longValue() : Long.MAX_VALUE;
        }
    }

    static Optional<PolynomialMlp> polynomialMlp(Instance i) {
        return GraphFamilies.polynomialMlp(i.architecture()).filter(GraphFamilies.PolynomialMlp::isPower)
                .map(m -> new PolynomialMlp(m.widths(), m.degree()));
    }

    /** PMLP-DIM's expression, the expected dimension capped by the ambient space. */
    static long expectedPolynomialDimension(PolynomialMlp m) {
        List<Integer> w = m.widths();
        int h = w.size() - 1;
        long params = 0;
        for (int j = 1; j <= h; j++) {
            params += (long) (w.get(j - 1) - 1) * w.get(j);
        }
        params += w.get(h);
        long ambient = m.monomials() > Long.MAX_VALUE / w.get(h) ? Long.MAX_VALUE : w.get(h) * m.monomials();
        return Math.min(ambient, params);
    }

    /** One layer of a single-channel CNN: its filter size k_i and stride s_i. */
    public record Filter(int kernel, int stride) {
    }

    /**
     * The layers of a single-channel 1D linear CNN {@code in(1,d_0) -> conv(1,...) -> …}, no
     * padding, no bias, no other layer (SCNN-DIM's family); empty otherwise. O(layers).
     */
    public static Optional<List<Filter>> singleChannelCnn(Architecture a) {
        Shape in = a.input();
        if (in.kind() != Shape.Kind.SIGNAL || in.channels() != 1) {
            return Optional.empty();
        }
        List<Filter> out = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (!(l instanceof Layer.Conv c) || c.channels() != 1 || c.bias() || c.frozen()
                    || !c.padding().equals(Extent.of(0))) {
                return Optional.empty();
            }
            out.add(new Filter(c.kernel().width(), c.stride().width()));
        }
        return Optional.of(out);
    }
}
