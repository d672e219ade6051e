package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The newer literature (docs/theorems.md): ATT-DIM, PMLP-DIM, PMLP-DIM-EQ and SCNN-DIM against
 * measured ranks (rank H_O at two generic points, the largest), and the counterexamples that
 * sharpened ATT-DIM's hypothesis.
 */
class LiteratureStatementsTest {
    private static PartRanks measured(Architecture a, int samples) {
        return Measure.max(Measure.points(a, PointOptions.defaults().withSamples(samples), 7, 2));
    }

    private static Instance instance(Architecture a, int samples) {
        return Measure.points(a, PointOptions.defaults().withSamples(samples), 7, 1).get(0).instance();
    }

    /** d, t, a, l: the formula l·(a(2d−a) + d²) − (l−1)·d² − l is the measured rank, with N ≥ p. */
    @ParameterizedTest(name = "d={0} t={1} a={2} l={3}")
    @CsvSource({"1,2,1,1", "2,2,1,1", "2,3,2,1", "3,2,2,1", "3,3,1,1", "2,2,1,2", "2,3,2,2", "3,2,3,1", "4,2,2,1"})
    void attentionDimensionIsTheRankOfHO(int d, int t, int a, int l) {
        Architecture arch = Architecture.parse("in(" + d + "," + t + ")" + " -> attn(a=".concat(a + ")").repeat(l));
        int samples = arch.parameterCount();
        Instance i = instance(arch, samples);
        assertTrue(LiteratureStatements.ATT_DIM.appliesTo(i), arch.spec());
        assertEquals(LiteratureStatements.ATT_DIM.predict(i).getAsLong(), measured(arch, samples).o(), arch.spec());
    }

    /**
     * The paper's formula without the sharpened hypothesis: for a > d the rank-a products QᵀK are
     * all of ℝ^{d×d} and the rank exceeds it (7 > 6); with one token only the symmetric part of
     * QᵀK acts and the rank falls short (14 < 16). The statement refuses both.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'in(2,3) -> attn(a=3)', 7, 6", "'in(3,1) -> attn(a=2)', 14, 16", "'in(1,3) -> attn(a=2)', 1, 0"})
    void attentionFormulaFailsForKeysWiderThanFeaturesAndForOneToken(String spec, long rank, long formula) {
        Architecture arch = Architecture.parse(spec);
        int samples = arch.parameterCount() + 3;
        Instance i = instance(arch, samples);
        GraphFamilies.Attention at = GraphFamilies.attention(arch).orElseThrow();
        long paper = LiteratureStatements.attentionDimension(new LiteratureStatements.Attention(at.features(),
                at.tokens(), at.layers().get(0).keyDim(), at.layers().size()));
        assertEquals(formula, paper);
        assertEquals(rank, measured(arch, samples).o(), spec);
        assertNotEquals(paper, rank);
        assertFalse(LiteratureStatements.ATT_DIM.appliesTo(i), spec);
    }

    /**
     * With N·d·t ≥ p but N below the dimension, one sample of {@code in(2,4) -> attn(a=1)} has
     * rank 3 (Y = V·u·qᵀX is an outer product); the rank reaches the dimension 6 at N = 3.
     */
    @org.junit.jupiter.api.Test
    void attentionNeedsAsManySamplesAsTheDimension() {
        Architecture arch = Architecture.parse("in(2,4) -> attn(a=1)");
        assertEquals(3, measured(arch, 1).o());
        assertFalse(LiteratureStatements.ATT_DIM.appliesTo(instance(arch, 1)));
        assertEquals(6, measured(arch, 6).o());
        assertTrue(LiteratureStatements.ATT_DIM.appliesTo(instance(arch, 6)));
    }

    /** Widths and power: the bound holds everywhere; equality with equal widths and enough samples. */
    @ParameterizedTest(name = "{0} k={1}")
    @CsvSource({"'2,2,2', 2, 6, true", "'3,3,3', 2, 15, true", "'2,2,2,2', 2, 8, true", "'2,2,2', 3, 6, true",
        "'2,3,1', 2, 3, false", "'2,4,1', 2, 3, false", "'3,2,2', 2, 8, false"})
    void polynomialMlpDimension(String widths, int k, long expected, boolean equal) {
        String[] w = widths.split(",");
        StringBuilder spec = new StringBuilder("in(" + w[0] + ")");
        for (int j = 1; j < w.length; j++) {
            spec.append(" -> dense(").append(w[j]).append(')').append(j < w.length - 1 ? " -> pow(" + k + ")" : "");
        }
        Architecture arch = Architecture.parse(spec.toString());
        int samples = 40;
        Instance i = instance(arch, samples);
        assertFalse(LiteratureStatements.PMLP_DIM.appliesTo(instance(arch, (int) expected - 1)),
                "checked only where N reaches the bound");
        assertTrue(LiteratureStatements.PMLP_DIM.appliesTo(i), arch.spec());
        assertEquals(equal, LiteratureStatements.PMLP_DIM_EQ.appliesTo(i), arch.spec());
        assertEquals(expected, LiteratureStatements.PMLP_DIM.predict(i).getAsLong(), arch.spec());
        long rank = measured(arch, samples).o();
        assertTrue(rank <= expected, arch.spec() + ": " + rank + " > " + expected);
        if (equal) {
            assertEquals(expected, rank, arch.spec());
        }
    }

    /** Σ k_i − (L − 1), strides larger than filters included. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'in(1,8) -> conv(1,k=3,stride=2) -> conv(1,k=2)', 4",
        "'in(1,12) -> conv(1,k=2,stride=3) -> conv(1,k=3,stride=2)', 4",
        "'in(1,6) -> conv(1,k=3) -> conv(1,k=3) -> conv(1,k=2)', 6", "'in(1,5) -> conv(1,k=3)', 3",
        "'in(1,9) -> conv(1,k=2,stride=2) -> conv(1,k=2,stride=2)', 3"})
    void singleChannelCnnDimension(String spec, long expected) {
        Architecture arch = Architecture.parse(spec);
        int samples = arch.input().length() + 2;
        Instance i = instance(arch, samples);
        assertTrue(LiteratureStatements.SCNN_DIM.appliesTo(i), spec);
        assertEquals(expected, LiteratureStatements.SCNN_DIM.predict(i).getAsLong());
        assertEquals(expected, measured(arch, samples).o(), spec);
        assertEquals(List.of(LiteratureStatements.SCNN_DIM), Catalogue.applicable(i).stream()
                .filter(s -> s.id().endsWith("-DIM")).toList());
    }

    /** Padding, a bias, two channels or a readout put a CNN outside SCNN-DIM. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'in(1,5) -> conv(1,k=3,pad=1)'", "'in(1,5) -> conv(1,k=3,bias)'", "'in(1,5) -> conv(2,k=3)'",
        "'in(1,5) -> conv(1,k=3) -> dense(1)'", "'in(2,5) -> conv(1,k=3)'"})
    void singleChannelCnnHypothesis(String spec) {
        Architecture arch = Architecture.parse(spec);
        assertFalse(LiteratureStatements.SCNN_DIM.appliesTo(instance(arch, 12)), spec);
    }
}
