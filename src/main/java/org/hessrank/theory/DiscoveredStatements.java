package org.hessrank.theory;

import static org.hessrank.theory.Statement.Kind.EXACT;
import static org.hessrank.theory.Statement.Provenance.DISCOVERED;

import java.util.List;
import java.util.Optional;
import org.hessrank.hessian.Part;

/**
 * Formulas hessrank proposed from exact ranks ({@code hessrank discover}, docs/discover.md) for
 * the open questions of docs/theorems.md: H_F and H_L of lightning attention, H_F of a
 * one-hidden-layer polynomial MLP, and the three parts of a linear residual block. Each fits
 * every measured case of its search and was then checked on fresh random cases (the search's
 * own check, {@code DiscoveredStatementsTest}, {@code check} and proofs-check). Provenance
 * {@code discovered}: evidence, not proof. Cost O(layers) per instance.
 */
public final class DiscoveredStatements {
    private static final String SOURCE = "hessrank discover";

    private DiscoveredStatements() {
    }

    /** One layer of lightning attention in ATT-DIM's sharpened hypothesis, with N >= p: d and a. */
    private static Optional<long[]> attentionLayer(Instance i) {
        return GraphFamilies.attention(i.architecture()).filter(at -> at.layers().size() == 1
                && at.layers().get(0).heads() == 1 && at.layers().get(0).keyDim() <= at.features() && at.tokens() >= 2
                && i.samples() >= i.architecture().parameterCount() && i.fullDataRank() && i.genericResidual())
                .map(at -> new long[] {at.features(), at.layers().get(0).keyDim()});
    }

    /**
     * ATT-F (discovered): one layer of lightning attention on {@code in(d,t)}, one head, v = d,
     * a <= d, t >= 2, N >= p: {@code rank H_F = a(4d − a)}. Found over 61 cases (d <= 5, t <= 6)
     * with {@code discover --family attn --part F}.
     */
    public static final Statement ATT_F = FormulaStatement.builder("ATT-F").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.F)
            .hypothesis("one layer of lightning attention in(d,t) -> attn(a), one head, v = d, a <= d, t >= 2; N >= p;"
                    + " X of full rank, residual of generic rank; generic point")
            .formula("rank H_F = a(4d − a)")
            .appliesWhen(i -> attentionLayer(i).isPresent())
            .predicts(i -> {
                long[] da = attentionLayer(i).orElseThrow();
                return da[1] * (4 * da[0] - da[1]);
            }).build();

    /** ATT-L (discovered): in ATT-F's hypothesis H_L has full rank, {@code rank H_L = p = 2ad + d²}. */
    public static final Statement ATT_L = FormulaStatement.builder("ATT-L").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.L)
            .hypothesis("as ATT-F; generic point")
            .formula("rank H_L = p = 2ad + d²")
            .appliesWhen(i -> attentionLayer(i).isPresent())
            .predicts(i -> i.architecture().parameterCount()).build();

    /** {@code in(d) -> dense(M) -> pow(2) -> dense(K)}, no bias, with N >= p: d and M. */
    private static Optional<long[]> squareMlp(Instance i) {
        return GraphFamilies.polynomialMlp(i.architecture()).filter(m -> m.widths().size() == 3 && m.isPower()
                && m.degree() == 2 && i.samples() >= i.architecture().parameterCount() && i.fullDataRank()
                && i.genericResidual())
                .map(m -> new long[] {m.widths().get(0), m.widths().get(1)});
    }

    /**
     * PMLP-F (discovered): one hidden {@code pow(2)} layer, {@code in(d) -> dense(M) -> pow(2) ->
     * dense(K)}, no bias, N >= p: {@code rank H_F = min(p, 2dM)}. Found over 60 cases with
     * {@code discover --family poly-mlp --part F}.
     */
    public static final Statement PMLP_F = FormulaStatement.builder("PMLP-F").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.F)
            .hypothesis("in(d) -> dense(M) -> pow(2) -> dense(K), no bias; N >= p; X of full rank, residual of generic"
                    + " rank (the full proofs-check found rank 2, not 4, at one-hot or low-rank data); generic point")
            .formula("rank H_F = min(p, 2dM)")
            .appliesWhen(i -> squareMlp(i).isPresent())
            .predicts(i -> {
                long[] dm = squareMlp(i).orElseThrow();
                return Math.min(i.architecture().parameterCount(), 2 * dm[0] * dm[1]);
            }).build();

    /** One linear residual block {@code in(d) -> res(dense(m) -> dense(d))}, X of full rank d: d and m. */
    private static Optional<long[]> residualBlock(Instance i) {
        return GraphFamilies.residualMlp(i.architecture()).filter(r -> !r.stem() && !r.head() && r.blocks().size() == 1
                && r.blocks().get(0).hidden() > 0 && !r.blocks().get(0).relu() && i.fullDataRank()
                && i.samples() >= r.inputSize())
                .map(r -> new long[] {r.inputSize(), r.blocks().get(0).hidden()});
    }

    /**
     * RES-O (discovered): one linear residual block {@code in(d) -> res(dense(m) -> dense(d))}, X of
     * full rank with N >= d: {@code rank H_O = q(2d − q)}, q = min(m, d): the FC-O of the block's
     * product W₂W₁ (the skip adds the identity, a constant, to the function). Measured on d <= 4,
     * m <= 5.
     */
    public static final Statement RES_O = FormulaStatement.builder("RES-O").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.O)
            .hypothesis("in(d) -> res(dense(m) -> dense(d)), no bias; X of full rank, N >= d; generic point")
            .formula("rank H_O = q(2d − q), q = min(m, d)")
            .appliesWhen(i -> residualBlock(i).isPresent())
            .predicts(i -> {
                long[] dm = residualBlock(i).orElseThrow();
                long q = Math.min(dm[0], dm[1]);
                return q * (2 * dm[0] - q);
            }).build();

    /** RES-F (discovered): in RES-O's hypothesis with a generic residual, H_F has full rank p = 2dm. */
    public static final Statement RES_F = FormulaStatement.builder("RES-F").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.F)
            .hypothesis("as RES-O; residual of generic rank; generic point")
            .formula("rank H_F = p = 2dm")
            .appliesWhen(i -> residualBlock(i).isPresent() && i.genericResidual())
            .predicts(i -> i.architecture().parameterCount()).build();

    /** RES-L (discovered): in RES-F's hypothesis H_L has full rank p = 2dm. */
    public static final Statement RES_L = FormulaStatement.builder("RES-L").source(SOURCE).provenance(DISCOVERED)
            .kind(EXACT).target(Part.L)
            .hypothesis("as RES-F; generic point")
            .formula("rank H_L = p = 2dm")
            .appliesWhen(i -> residualBlock(i).isPresent() && i.genericResidual())
            .predicts(i -> i.architecture().parameterCount()).build();

    /** The statements of this class in catalogue order. */
    static List<Statement> all() {
        return List.of(ATT_F, ATT_L, PMLP_F, RES_O, RES_F, RES_L);
    }
}
