package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shrinking inside blocks: synthetic properties that fail on a structural feature of the graph
 * families shrink to the smallest net of the family that has the feature (blocks and layers
 * removed, widths, a, d, t, heads and N reduced), and no candidate is ever an invalid
 * architecture.
 */
class ShrinkerGraphTest {
    private static boolean anyLayer(List<Layer> ls, Predicate<Layer> p) {
        for (Layer l : ls) {
            if (p.test(l)) {
                return true;
            }
            List<List<Layer>> inner = l instanceof Layer.Res r ? List.of(r.block())
                    : l instanceof Layer.Add add ? add.branches() : l instanceof Layer.Mul m ? m.branches() : List.of();
            for (List<Layer> chain : inner) {
                if (anyLayer(chain, p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first generated case (of at least {@code minParameters} parameters) that fails, then shrunk. */
    private static Shrinker.Result shrinkFirst(Generator g, Predicate<Case> fails, int minParameters,
            Predicate<Case> start) {
        Case first = g.cases(17, 2000).stream().filter(fails).filter(start).filter(c -> c.parameters() >= minParameters)
                .findFirst().orElseThrow(() -> new AssertionError("no failing case to start from"));
        Shrinker.Result r = Shrinker.shrink(first, fails, g);
        assertTrue(fails.test(r.minimal()), r.minimal()::toString);
        assertTrue(g.accepts(r.minimal()), r.minimal()::toString);
        assertTrue(r.steps() > 0, "nothing was shrunk from " + first);
        assertEquals(first.pointSeed(), r.minimal().pointSeed(), "the point seed is kept");
        assertEquals(first.seed(), r.minimal().seed(), "the generation seed is kept");
        return r;
    }

    @Test
    void aProductGateShrinksToTheLoneProduct() {
        // fails iff the net contains a product gate mul(dense(k) | dense(k)); from a net with other gates,
        // a readout and a wide input, shrinking must drop them all and narrow the product to k = 1
        Predicate<Case> fails = c -> anyLayer(c.architecture().layers(),
                l -> l instanceof Layer.Mul m && m.left().get(0) instanceof Layer.Dense);
        Shrinker.Result r = shrinkFirst(Architectures.gatedMlp(), fails, 40,
                c -> c.architecture().layerCount() >= 3 && c.samples() >= 3);
        assertEquals("in(1) -> mul(dense(1) | dense(1))", r.minimal().architecture().spec(), r.original()::toString);
        assertEquals(1, r.minimal().samples());
    }

    /** The two one-gate nets of width 1: no edit leads from one to the other, so each is a local minimum. */
    static final Set<String> SMALLEST_GATES = Set.of("in(1) -> res(mul(id | dense(1)))",
            "in(1) -> mul(dense(1) | dense(1))");

    @Test
    void anyMulBlockShrinksToASmallestGate() {
        // every gated net has a mul block: the smallest are the two one-gate nets of width 1
        Predicate<Case> fails = c -> anyLayer(c.architecture().layers(), l -> l instanceof Layer.Mul);
        Shrinker.Result r = shrinkFirst(Architectures.gatedMlp(), fails, 40, c -> true);
        assertTrue(SMALLEST_GATES.contains(r.minimal().architecture().spec()), r.minimal() + " from " + r.original());
        // from a net of gated residual blocks only, a gated residual block is what remains
        Shrinker.Result res = shrinkFirst(Architectures.gatedMlp(), fails, 20, c -> c.architecture().layer(1)
                instanceof Layer.Res && c.architecture().layers().stream().noneMatch(l -> l instanceof Layer.Mul));
        assertEquals("in(1) -> res(mul(id | dense(1)))", res.minimal().architecture().spec(), res.original()::toString);
    }

    @Test
    void twoTokensShrinkToTheSmallestAttention() {
        // fails iff t >= 2: layers, heads, a and d all go to their minimum, t to 2
        Predicate<Case> fails = c -> c.architecture().input().length() >= 2;
        Shrinker.Result r = shrinkFirst(Architectures.lightningAttention(), fails, 30,
                c -> c.architecture().layerCount() >= 2 && c.architecture().input().length() >= 4);
        assertEquals("in(1,2) -> attn(a=1)", r.minimal().architecture().spec(), r.original()::toString);
        assertEquals(1, r.minimal().samples());
    }

    @Test
    void severalHeadsShrinkToTwoHeadsOfOneToken() {
        Predicate<Case> fails = c -> c.architecture().layers().stream().anyMatch(l -> ((Layer.Attn) l).heads() >= 2);
        Shrinker.Result r = shrinkFirst(Architectures.lightningAttention(), fails, 30, c -> true);
        assertEquals("in(1,1) -> attn(a=1,heads=2)", r.minimal().architecture().spec(), r.original()::toString);
    }

    @Test
    void aKeyDimensionAboveTheFeaturesShrinksToAEqualsTwoOnOneFeature() {
        Predicate<Case> fails = c -> c.architecture().layers().stream()
                .anyMatch(l -> ((Layer.Attn) l).keyDim() > c.architecture().input().channels());
        Shrinker.Result r = shrinkFirst(Architectures.lightningAttention(), fails, 20, c -> true);
        assertEquals("in(1,1) -> attn(a=2)", r.minimal().architecture().spec(), r.original()::toString);
    }

    @Test
    void twoResidualBlocksShrinkToTwoOneLayerBlocks() {
        // fails iff the net has >= 2 residual blocks: the stem, the readout, the blocks' hidden layers and
        // ReLUs go; the stream narrows to 1 (through the stem or the input, the blocks following it)
        Predicate<Case> fails = c -> c.architecture().layers().stream().filter(l -> l instanceof Layer.Res).count() >= 2;
        Shrinker.Result r = shrinkFirst(Architectures.residualMlp(), fails, 60,
                c -> c.architecture().layer(1) instanceof Layer.Dense && anyLayer(c.architecture().layers(),
                        l -> l instanceof Layer.Act));
        assertEquals("in(1) -> res(dense(1)) -> res(dense(1))", r.minimal().architecture().spec(),
                r.original()::toString);
    }

    @Test
    void aReluShrinksToTheSmallestReluBlock() {
        Predicate<Case> fails = c -> anyLayer(c.architecture().layers(), l -> l instanceof Layer.Act);
        Shrinker.Result r = shrinkFirst(Architectures.residualMlp(), fails, 60, c -> true);
        assertEquals("in(1) -> res(dense(1) -> relu -> dense(1))", r.minimal().architecture().spec(),
                r.original()::toString);
    }

    @Test
    void anAdapterOfRankTwoKeepsItsWidthAboveTheRank() {
        // fails iff some adapter has rank >= 2: the smallest such adapter has n = 3 (ra < n)
        Predicate<Case> fails = c -> anyLayer(c.architecture().layers(), l -> l instanceof Layer.Add a
                && ((Layer.Dense) a.branches().get(1).get(0)).units() >= 2);
        Shrinker.Result r = shrinkFirst(Architectures.loraAdapter(), fails, 30, c -> c.architecture().layerCount() >= 2);
        assertEquals("in(1) -> add(dense(3,frozen) | dense(2) -> dense(3))", r.minimal().architecture().spec(),
                r.original()::toString);
    }

    @Test
    void aCubicActivationShrinksToPowThree() {
        // fails iff the activation has degree >= 3: a poly(c0..c3) becomes pow(3), widths and depth go to 1
        Predicate<Case> fails = c -> c.architecture().layers().stream().anyMatch(l -> l instanceof Layer.Pow pw
                ? pw.power() >= 3 : l instanceof Layer.Poly py && py.polynomialDegree() >= 3);
        Shrinker.Result r = shrinkFirst(Architectures.polynomialMlp(), fails, 30,
                c -> c.architecture().layer(2) instanceof Layer.Poly && c.architecture().layerCount() >= 5);
        assertEquals("in(1) -> dense(1) -> pow(3) -> dense(1)", r.minimal().architecture().spec(),
                r.original()::toString);
    }

    @Test
    void fewSamplesOnlyMatterWithTheirSize() {
        // fails iff N >= 3 (the rank cannot saturate below): everything else goes, N stays 3
        Predicate<Case> fails = c -> c.samples() >= 3;
        Shrinker.Result r = shrinkFirst(Architectures.loraAdapter(), fails, 20, c -> c.samples() >= 6);
        assertEquals("in(1) -> add(dense(2,frozen) | dense(1) -> dense(2))", r.minimal().architecture().spec());
        assertEquals(3, r.minimal().samples());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void candidatesAreValidAndShrinkingEverythingReachesTheFamilysSmallestNet(Family f) {
        Generator g = Architectures.of(f);
        for (Case c : g.cases(4, 40)) {
            for (Case cand : Shrinker.candidates(c)) {
                Architecture a = cand.architecture();
                assertEquals(a, Architecture.of(a.input(), a.layers()), "revalidates");
                assertEquals(a, Architecture.parse(a.spec()), "its printed spec (in the reproducing command) parses back");
                a.lower(); // lowers without complaint
                assertTrue(!cand.equals(c));
                if (g.accepts(cand) && Arrays.compare(Shrinker.measure(cand), Shrinker.measure(c)) < 0
                        && cand.parameters() <= 20) {
                    Points.draw(a.lower(), cand.pointOptions(0)); // a point can be drawn
                }
            }
        }
        Shrinker.Result r = Shrinker.shrink(g.generate(99), x -> true, g::accepts, 2000);
        String smallest = switch (f) {
            case RESIDUAL_MLP -> "in(1) -> res(dense(1))";
            case POLYNOMIAL_MLP -> "in(1) -> dense(1) -> pow(2) -> dense(1)"; // pow(1) is not polynomial enough
            case GATED_MLP -> "in(1) -> res(mul(id | dense(1)))";
            case LORA -> "in(1) -> add(dense(2,frozen) | dense(1) -> dense(2))";
            case LIGHTNING_ATTENTION -> "in(1,1) -> attn(a=1)";
            default -> throw new AssertionError(f);
        };
        if (f == Family.GATED_MLP) {
            assertTrue(SMALLEST_GATES.contains(r.minimal().architecture().spec()), r.minimal()::toString);
        } else {
            assertEquals(smallest, r.minimal().architecture().spec(), "everything fails: the family's smallest net");
        }
        assertEquals(1, r.minimal().samples());
    }
}
