package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.hessrank.hessian.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The named families' quantities: the catalogue's formulas written as expressions over them must
 * predict exactly what the catalogue's hand-coded statements predict (an independent
 * implementation of every quantity), on seeded random architectures; plus docs/theorems.md's
 * reference values and the error messages.
 */
class NamedFamiliesTest {
    static final String FCB_F = "2*qt*sum(hidden) + 2*qt*st - L*qt*qt + (L-2)*qt + sum(j = 2..L-1, 2*(hidden(j) - qt)"
            + "*(min(i = 1..j-1, hidden(i)) < min(rt, K, min(i = j..L-1, hidden(i)))))";

    /** Catalogue id → (family, part, expression). */
    static final List<String[]> FORMULAS = List.of(
            new String[] {"FC-O", "fc", "O", "q*(r + K - q)"},
            new String[] {"FC-F", "fc", "F", "2*q*sum(hidden) + 2*q*s - L*q*q"},
            new String[] {"FC-L", "fc", "L", "2*q*sum(hidden) + q*(r + K) - L*q*q"},
            new String[] {"FC-DEF", "fc", "L", "p - sum(l = 1..L, (M(l-1) - q)*(M(l) - q)) - q*(d - r)"},
            new String[] {"FCB-O", "fc-bias", "O", "K*rt - (K - q)*max(rt - 1 - q, 0)"},
            new String[] {"FCB-F", "fc-bias", "F", FCB_F},
            new String[] {"FCB-L", "fc-bias", "L", "HO + HF - qt*(2*st - qt - 1)"},
            new String[] {"LCN-F", "local1d", "F", "2*m*d1*min(m0*k, K, N)"},
            new String[] {"CNN1-O", "cnn1d", "O", "min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))"},
            new String[] {"CNN1-F", "cnn1d", "F", "2*m*min(m0*k1, d1*min(K, N))"},
            new String[] {"CNN1-O", "cnn1d-conv", "O", "min(K*m0*(k1 + k2 - 1), q*(a + b - q))"},
            new String[] {"CNN1-F", "cnn1d-conv", "F", "2*m*min(a, b)"},
            new String[] {"CNN1-O-2D", "cnn2d", "O", "min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))"},
            new String[] {"CNN-D-O", "cnn1d-deep", "O",
                "min(fc*K*min(m0*d0, N) + (1 - fc)*K*m0*RF, min(l = 1..L-1, q(l)*(a(l) + b(l) - q(l))))"},
            new String[] {"CNN-D-F", "cnn1d-deep", "F", "2*sum(l = 1..L-1, m(l)*min(a(l), b(l)))"},
            new String[] {"TOE-M", "conv1d-layer", "T", "min(m_out*d_out, m_in*c)"},
            new String[] {"TOE-2D", "conv2d-layer", "T",
                "min(2*h_out*w_out - max(h_out - kh + 1, 0)*max(w_out - kw + 1, 0), d_in)"});

    static int draw(SplittableRandom rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** A random architecture of the family (may be refused by the layers: then null). */
    static Architecture random(String family, SplittableRandom rng) {
        try {
            switch (family) {
                case "fc", "fc-bias" -> {
                    boolean bias = family.equals("fc-bias");
                    List<Layer> ls = new ArrayList<>();
                    int depth = draw(rng, 2, 4);
                    for (int l = 0; l < depth; l++) {
                        ls.add(Layer.dense(draw(rng, 1, 6), bias));
                    }
                    return Architecture.of(Shape.vector(draw(rng, 1, 8)), ls);
                }
                case "local1d" -> {
                    int d0 = draw(rng, 2, 9);
                    return Architecture.of(Shape.signal(draw(rng, 1, 2), d0),
                            List.of(Layer.local(draw(rng, 1, 4), draw(rng, 1, d0)), Layer.dense(draw(rng, 1, 4))));
                }
                case "cnn1d", "cnn1d-conv", "cnn1d-deep" -> {
                    int d0 = draw(rng, 3, 12);
                    int hidden = family.equals("cnn1d-deep") ? draw(rng, 2, 3) : 1;
                    List<Layer> ls = new ArrayList<>();
                    int cur = d0;
                    for (int h = 0; h < hidden; h++) {
                        int k = draw(rng, 1, Math.max(1, cur - 1));
                        ls.add(Layer.conv(draw(rng, 1, 4), k));
                        cur = cur - k + 1;
                    }
                    boolean dense = family.equals("cnn1d") || (family.equals("cnn1d-deep") && rng.nextBoolean());
                    ls.add(dense ? Layer.dense(draw(rng, 1, 4)) : Layer.conv(draw(rng, 1, 4), draw(rng, 1, cur)));
                    return Architecture.of(Shape.signal(draw(rng, 1, 2), d0), ls);
                }
                case "cnn2d" -> {
                    int h = draw(rng, 2, 6);
                    int w = draw(rng, 2, 6);
                    return Architecture.of(Shape.image(draw(rng, 1, 2), h, w), List.of(Layer.conv(draw(rng, 1, 4),
                            Extent.of(draw(rng, 1, h), draw(rng, 1, w)), Extent.of(1), Extent.of(0), false),
                            Layer.dense(draw(rng, 1, 4))));
                }
                case "conv1d-layer" -> {
                    int d = draw(rng, 1, 10);
                    int k = draw(rng, 1, d);
                    return Architecture.of(Shape.signal(draw(rng, 1, 3), d), List.of(Layer.conv(draw(rng, 1, 4),
                            Extent.of(k), Extent.of(draw(rng, 1, 3)), Extent.of(draw(rng, 0, k - 1)), false)));
                }
                case "conv2d-layer" -> {
                    int h = draw(rng, 1, 6);
                    int w = draw(rng, 1, 6);
                    boolean plain = rng.nextInt(3) > 0; // TOE-2D's own hypothesis: 1 -> 2 channels, stride 1
                    return Architecture.of(Shape.image(plain ? 1 : draw(rng, 1, 2), h, w), List.of(Layer.conv(
                            plain ? 2 : draw(rng, 1, 3), Extent.of(draw(rng, 1, h), draw(rng, 1, w)),
                            Extent.of(plain ? 1 : draw(rng, 1, 2)), Extent.of(0), false)));
                }
                default -> throw new AssertionError(family);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A generic instance, or one with a lower data rank (and r̃ = min(r + 1, N)). */
    static Instance instance(Architecture a, SplittableRandom rng) {
        int n = draw(rng, 1, 40);
        Instance g = Instance.generic(a, n);
        if (rng.nextInt(4) > 0 || g.dataRank() < 2) {
            return g;
        }
        int r = draw(rng, 1, g.dataRank() - 1);
        return new Instance(a, n, r, Math.min(r + 1, n), g.residualRank(), g.omegaRank(), List.of(), List.of(), false);
    }

    @Test
    void expressionsPredictWhatTheCatalogueStatementsPredict() {
        for (String[] f : FORMULAS) {
            Statement catalogue = Catalogue.byId(f[0]);
            NamedFamily family = NamedFamilies.byName(f[1]);
            Part part = Part.valueOf(f[2]);
            Statement mine = family.conjecture(f[0] + "-expr", part, catalogue.kind(), f[3], false);
            SplittableRandom rng = new SplittableRandom(f[0].hashCode() * 31L + f[1].hashCode());
            int compared = 0;
            for (int t = 0; t < 400; t++) {
                Architecture a = random(f[1], rng);
                if (a == null) {
                    continue;
                }
                assertTrue(family.contains(a), f[1] + " should contain " + a.spec());
                Instance inst = instance(a, rng);
                if (!catalogue.appliesTo(inst)) {
                    continue;
                }
                assertTrue(mine.appliesTo(inst), f[0] + " applies at " + a.spec() + " but the expression does not");
                OptionalLong want;
                OptionalLong got;
                if (catalogue instanceof LayerStatement ls) {
                    int layer = ls.layers(inst).get(0);
                    want = ls.predictLayer(inst, layer);
                    got = ((LayerStatement) mine).predictLayer(inst, layer);
                } else {
                    PartRanks m = PartRanks.of(rng.nextInt(100), rng.nextInt(100), rng.nextInt(100));
                    want = catalogue.predict(inst, m);
                    got = mine.predict(inst, m);
                }
                assertEquals(want, got, f[0] + " as \"" + f[3] + "\" at " + a.spec() + ", N=" + inst.samples()
                        + ", r=" + inst.dataRank() + "; quantities " + family.quantities(inst));
                compared++;
            }
            assertTrue(compared >= 40, f[0] + " on " + f[1] + ": only " + compared + " comparisons");
        }
    }

    /** docs/theorems.md's FC reference values (generic points). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "4; 3; 2; 6; false; 18; 8; 12; 16", "4; 3; 2; 6; true; 23; 10; 12; 20", "6; 5,4; 3; 10; false; 62; 18; 45; 54",
        "8; 6,2,7; 4; 8; false; 102; 20; 60; 68", "10; 6,6; 3; 5; false; 114; 15; 63; 69",
        "5; 4,4,4,4; 3; 5; false; 80; 15; 69; 75", "7; 5; 1; 7; false; 40; 7; 10; 16",
        "25; 5,10; 10; 50; false; 275; 150; 175; 250"})
    void referenceValues(int d, String hidden, int k, int n, boolean bias, long p, long ho, long hf, long hl) {
        List<Layer> ls = new ArrayList<>();
        for (String w : hidden.split(",")) {
            ls.add(Layer.dense(Integer.parseInt(w), bias));
        }
        ls.add(Layer.dense(k, bias));
        Architecture a = Architecture.of(Shape.vector(d), ls);
        Instance inst = Instance.generic(a, n);
        Function<String, Long> eval = e -> NamedFamilies.byName(bias ? "fc-bias" : "fc").parse(e, Part.O)
                .evaluate(NamedFamilies.byName(bias ? "fc-bias" : "fc").quantities(inst));
        assertEquals(p, eval.apply("p"));
        if (bias) {
            assertEquals(ho, eval.apply("K*rt - (K - q)*max(rt - 1 - q, 0)"));
            assertEquals(hf, eval.apply(FCB_F));
            assertEquals(hl, ho + hf - eval.apply("qt*(2*st - qt - 1)"));
        } else {
            assertEquals(ho, eval.apply("q*(r + K - q)"));
            assertEquals(hf, eval.apply("2*q*sum(hidden) + 2*q*s - L*q*q"));
            assertEquals(hl, eval.apply("2*q*sum(hidden) + q*(r + K) - L*q*q"));
        }
    }

    @Test
    void quantitiesOfAOneHiddenCnnWithFcReadout() {
        // conv 1->2, k=3 on d0=8, FC readout K=3, N=30: docs/theorems.md reference H_O = 24
        Architecture a = Architecture.parse("in(1,8) -> conv(2,k=3) -> dense(3)");
        Quantities q = NamedFamilies.byName("cnn1d").quantities(Instance.generic(a, 30));
        assertEquals(Map.of("m0", 1L, "m", 2L, "K", 3L, "k1", 3L, "k2", 6L, "d0", 8L, "d1", 6L, "d2", 1L, "a", 3L,
                "b", 18L), Map.copyOf(q.scalars()).entrySet().stream().filter(e -> !List.of("q", "N", "r", "p")
                        .contains(e.getKey())).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                Map.Entry::getValue)));
        assertEquals(24, NamedFamilies.byName("cnn1d").parse("min(K*min(m0*d0, N), q*(m0*k1 + K*d1 - q))", Part.O)
                .evaluate(q));
    }

    @Test
    void coveredPositionsCountWindowsWithStrideAndPadding() {
        assertEquals(10, NamedFamilies.covered(10, 8, 3, 1, 0));
        assertEquals(3, NamedFamilies.covered(10, 3, 1, 3, 0)); // 1-tap windows at 0, 3, 6
        assertEquals(4, NamedFamilies.covered(7, 2, 2, 3, 0)); // windows [0, 1], [3, 4]
        assertEquals(5, NamedFamilies.covered(5, 7, 3, 1, 2)); // padding: every position covered
        assertEquals(2, NamedFamilies.covered(5, 1, 3, 3, 1)); // window [-1, 1]
    }

    @Test
    void errorsNameTheFamilyThePartAndTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("mlp"));
        assertTrue(e.getMessage().startsWith("family (mlp) is unknown; known: fc, fc-bias, relu-fc, cnn1d"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("fc").parse("d", Part.T));
        assertEquals("part (T) is not available for family fc (available: O, F, L)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("fc").parse("m0 + 1", Part.O));
        assertTrue(e.getMessage().contains("unknown name 'm0'; known for family fc: d, HF, hidden(i), HL, HO, K, L,"
                + " M(i), N, p, q, r, s; functions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("fc").parse("HO + 1", Part.O));
        assertTrue(e.getMessage().contains("uses HO, the rank it predicts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("conv1d-layer").parse("HO", Part.T));
        assertTrue(e.getMessage().contains("unknown name 'HO'"), e.getMessage());
        Architecture cnn = Architecture.parse("in(1,8) -> conv(2,k=3) -> dense(3)");
        e = assertThrows(IllegalArgumentException.class,
                () -> NamedFamilies.byName("fc").quantities(Instance.generic(cnn, 3)));
        assertTrue(e.getMessage().endsWith("is not in family fc"), e.getMessage());
    }

    @Test
    void familiesAreDisjointOnTheirOwnDraws() {
        SplittableRandom rng = new SplittableRandom(5);
        for (String name : List.of("fc", "fc-bias", "local1d", "cnn1d", "cnn1d-conv", "cnn1d-deep", "cnn2d",
                "conv1d-layer", "conv2d-layer")) {
            for (int t = 0; t < 30; t++) {
                Architecture a = random(name, rng);
                if (a == null) {
                    continue;
                }
                for (NamedFamily f : NamedFamilies.all()) {
                    assertEquals(f.name().equals(name), f.contains(a), f.name() + " on " + a.spec());
                }
            }
        }
        assertFalse(NamedFamilies.describe().isBlank());
    }
}
