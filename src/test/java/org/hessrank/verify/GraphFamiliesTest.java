package org.hessrank.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.hessian.ExactHessians;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.ModularHessians;
import org.hessrank.hessian.ModularMatrix;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Shape;
import org.hessrank.theory.Catalogue;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;
import org.hessrank.theory.NamedFamilies;
import org.hessrank.theory.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The computation-graph families of the generators: what they draw (membership both ways, the
 * edge cases on purpose, the limits), and that the engine builds the Hessian parts of what they
 * draw (modular against exact, H_L = H_O + H_F) while no catalogue statement claims them.
 */
class GraphFamiliesTest {
    private static final int COUNT = 300;

    static Layer dense(int n) {
        return Layer.dense(n);
    }

    static Layer relu() {
        return Layer.activation(Activation.RELU);
    }

    static Layer frozen(int n) {
        return Layer.Dense.of(n, false, true);
    }

    static Layer res(Layer... block) {
        return Layer.res(List.of(block));
    }

    static Layer gate(int w) {
        return res(Layer.mul(List.of(Layer.id()), List.of(dense(w))));
    }

    static Layer product(int k) {
        return Layer.mul(List.of(dense(k)), List.of(dense(k)));
    }

    static Layer adapter(int n, int ra) {
        return Layer.add(List.of(List.of(frozen(n)), List.of(dense(ra), dense(n))));
    }

    static Architecture vector(int d, Layer... layers) {
        return Architecture.of(Shape.vector(d), List.of(layers));
    }

    static Architecture signal(int d, int t, Layer... layers) {
        return Architecture.of(Shape.signal(d, t), List.of(layers));
    }

    /** Members of each graph family, and near misses that belong to none of them. */
    static final List<Architecture> RESIDUAL = List.of(
            vector(3, res(dense(2), relu(), dense(3))),
            vector(3, res(dense(3))),
            vector(2, dense(4), res(dense(1), dense(4)), res(dense(4)), dense(1)),
            vector(5, res(dense(5), relu(), dense(5)), dense(2)));
    static final List<Architecture> POLYNOMIAL = List.of(
            vector(2, dense(3), Layer.pow(2), dense(1)),
            vector(1, dense(2), Layer.pow(3), dense(2), Layer.pow(3), dense(1)),
            vector(2, dense(2), Layer.poly(List.of(1L, -2L, 3L)), dense(2)),
            vector(2, dense(2), Layer.poly(List.of(0L, 0L, 1L, 0L)), dense(2)));
    static final List<Architecture> GATED = List.of(
            vector(3, gate(3)),
            vector(3, product(2)),
            vector(2, gate(2), product(4), gate(4), dense(1)),
            vector(4, product(1), dense(3)));
    static final List<Architecture> LORA = List.of(
            vector(3, adapter(4, 1)),
            vector(3, adapter(2, 1), adapter(5, 4), dense(2)),
            vector(1, adapter(3, 2)));
    static final List<Architecture> ATTENTION = List.of(
            signal(2, 3, Layer.attn(1, 1, 0)),
            signal(1, 1, Layer.attn(3, 2, 0), Layer.attn(3, 2, 0)),
            signal(2, 2, Layer.attn(1, 1, 0), Layer.attn(2, 3, 2)));
    static final List<Architecture> NONE = List.of(
            vector(3, res(dense(3)), res(dense(3)), dense(2), dense(2)),              // two readouts
            vector(3, Layer.dense(3, true), res(dense(3))),                            // a bias
            vector(3, res(dense(2), Layer.activation(Activation.leakyRelu(1, 2)), dense(3))), // leaky ReLU
            vector(3, res(dense(2), relu(), dense(2), relu(), dense(3))),               // a three-layer block
            vector(3, dense(2), dense(3)),                                              // no block: fc
            vector(2, dense(3), Layer.pow(1), dense(1)),                                // pow(1) is linear
            vector(2, dense(3), Layer.poly(List.of(1L, 2L, 0L)), dense(1)),            // poly of degree 1
            vector(2, dense(3), Layer.pow(2), dense(3), Layer.pow(3), dense(1)),       // two activations
            vector(2, dense(3), relu(), dense(1)),                                      // relu mlp
            vector(3, res(Layer.mul(List.of(dense(3)), List.of(Layer.id())))),          // mirrored gate
            vector(3, Layer.mul(List.of(Layer.id()), List.of(dense(3)))),               // gate without res
            vector(3, Layer.mul(List.of(dense(2), relu()), List.of(dense(2)))),         // activated product
            vector(3, Layer.add(List.of(List.of(frozen(3)), List.of(dense(3), dense(3))))), // ra = n
            vector(3, Layer.add(List.of(List.of(dense(3)), List.of(dense(1), dense(3))))),  // base trainable
            vector(3, Layer.add(List.of(List.of(frozen(3)), List.of(dense(3))))),           // no factorisation
            vector(3, adapter(3, 1), gate(3)),                                           // families mixed
            signal(2, 3, Layer.attn(1, 1, 1)),                                           // v != d
            signal(2, 3, Layer.attn(1, 1, 0), Layer.dense(2)),                           // a readout
            Architecture.of(Shape.signal(1, 4), List.of(Layer.flatten(), dense(4), res(dense(4)))));

    static List<Architecture> members(Family f) {
        return switch (f) {
            case RESIDUAL_MLP -> RESIDUAL;
            case POLYNOMIAL_MLP -> POLYNOMIAL;
            case GATED_MLP -> GATED;
            case LORA -> LORA;
            case LIGHTNING_ATTENTION -> ATTENTION;
            default -> throw new AssertionError(f);
        };
    }

    static List<Family> graphFamilies() {
        return List.of(Family.RESIDUAL_MLP, Family.POLYNOMIAL_MLP, Family.GATED_MLP, Family.LORA,
                Family.LIGHTNING_ATTENTION);
    }

    @Test
    void membershipIsExactBothWays() {
        for (Family f : Family.values()) {
            if (!f.isGraph()) {
                continue;
            }
            for (Family g : graphFamilies()) {
                for (Architecture a : members(g)) {
                    assertEquals(f == g, f.matches(a), f + " on " + a.spec());
                }
            }
            for (Architecture a : NONE) {
                assertFalse(f.matches(a), f + " must not take " + a.spec());
            }
        }
        for (Family f : Family.values()) {
            if (f.isGraph() || f == Family.CUSTOM) {
                continue;
            }
            for (Family g : graphFamilies()) {
                for (Architecture a : members(g)) {
                    assertFalse(f.matches(a), f + " must not take the graph net " + a.spec());
                }
            }
        }
    }

    @Test
    void graphsAreListedApartFromTheCatalogueFamilies() {
        assertEquals(graphFamilies(), Architectures.graphs().stream().map(Generator::family).toList());
        // check and proofs-check draw every family a catalogue statement is about: of the graph
        // families, attention, polynomial and residual MLPs (the newer literature, the discovered statements)
        assertEquals(List.of(Family.RESIDUAL_MLP, Family.POLYNOMIAL_MLP, Family.LIGHTNING_ATTENTION),
                Architectures.all().stream().map(Generator::family).filter(Family::isGraph).toList());
        assertEquals(Family.values().length - 1 - graphFamilies().size() + 3, Architectures.all().size());
        assertEquals(List.of("residualMlp", "polynomialMlp", "gatedMlp", "loraAdapter", "lightningAttention"),
                List.of(Architectures.residualMlp(), Architectures.polynomialMlp(), Architectures.gatedMlp(),
                        Architectures.loraAdapter(), Architectures.lightningAttention()).stream()
                        .map(g -> g.family().factory()).toList());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void drawsStayInTheFamilyAndWithinEveryLimitInsideBlocksToo(Family f) {
        Generator g = Architectures.of(f).maxParameters(60).maxDepth(3).maxChannels(3).maxSamples(5).maxInputSize(4);
        for (Case c : g.cases(21, COUNT)) {
            Architecture a = c.architecture();
            assertTrue(f.matches(a), () -> f + " drew " + a.spec());
            assertTrue(g.accepts(c), c::toString);
            assertEquals(a, Architecture.parse(a.spec()), "the printed spec parses back");
            assertTrue(a.parameterCount() <= 60 && c.samples() <= 5, c::toString);
            assertTrue(Generator.innerWidth(a.layers()) <= 3, c::toString);
            assertTrue(a.layers().stream().filter(Layer::hasParameters).count() <= 3, c::toString);
            assertTrue(a.input().kind() == Shape.Kind.SIGNAL ? a.input().length() <= 4 : a.input().size() <= 4,
                    c::toString);
        }
        Generator narrow = Architectures.of(f).maxParameters(60).maxDepth(3).maxChannels(3);
        Case outside = new Case(f, f == Family.LIGHTNING_ATTENTION ? signal(2, 2, Layer.attn(4, 1, 0))
                : f == Family.LORA ? vector(2, adapter(5, 1)) : f == Family.POLYNOMIAL_MLP
                        ? vector(2, dense(4), Layer.pow(2), dense(1)) : f == Family.GATED_MLP
                                ? vector(2, product(4)) : vector(2, dense(2), res(dense(4), dense(2))),
                1, 0, org.hessrank.hessian.PointOptions.Targets.RANDOM, 1, 1);
        assertTrue(f.matches(outside.architecture()));
        assertFalse(narrow.accepts(outside), "a width 4 inside " + outside + " exceeds maxChannels(3)");
    }

    private static boolean some(Generator g, Predicate<Case> p) {
        return g.cases(3, COUNT).stream().anyMatch(p);
    }

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

    private static boolean has(Case c, Predicate<Layer> p) {
        return anyLayer(c.architecture().layers(), p);
    }

    /** N·K &lt; p: rank H_O ≤ N·K cannot reach p. */
    private static boolean belowSaturation(Case c) {
        return (long) c.samples() * c.architecture().outputSize() < c.parameters();
    }

    @Test
    void edgeCasesAndVariantsAreDrawnOnPurpose() {
        Generator res = Architectures.residualMlp();
        assertTrue(some(res, c -> has(c, l -> l instanceof Layer.Act)), "ReLU blocks");
        assertTrue(some(res, c -> has(c, l -> l instanceof Layer.Res r && r.block().size() == 2)), "linear blocks");
        assertTrue(some(res, c -> has(c, l -> l instanceof Layer.Res r && r.block().size() == 1)), "one-layer blocks");
        assertTrue(some(res, c -> c.architecture().layers().stream().filter(l -> l instanceof Layer.Res).count() >= 2),
                "several blocks");
        assertTrue(some(res, c -> c.architecture().layer(1) instanceof Layer.Dense), "a stem");
        assertTrue(some(res, c -> c.architecture().layer(1) instanceof Layer.Res), "no stem");
        assertTrue(some(res, c -> has(c, l -> l instanceof Layer.Res r && r.block().get(0) instanceof Layer.Dense d
                && d.units() == 1)), "width 1");
        assertTrue(some(res, GraphFamiliesTest::belowSaturation), "N below the saturation point");

        Generator poly = Architectures.polynomialMlp();
        assertTrue(some(poly, c -> has(c, l -> l.equals(Layer.pow(2)))), "pow(2)");
        assertTrue(some(poly, c -> has(c, l -> l.equals(Layer.pow(3)))), "pow(3)");
        assertTrue(some(poly, c -> has(c, l -> l instanceof Layer.Poly q && q.polynomialDegree() == 3)), "cubic poly");
        assertTrue(some(poly, c -> has(c, l -> l instanceof Layer.Poly q && q.polynomialDegree() == 2)), "quadratic");
        assertTrue(some(poly, c -> c.architecture().layerCount() >= 5), "two activations");
        assertTrue(some(poly, GraphFamiliesTest::belowSaturation), "N below the saturation point");

        Generator gated = Architectures.gatedMlp();
        assertTrue(some(gated, c -> has(c, l -> l instanceof Layer.Res)), "gated residual blocks");
        assertTrue(some(gated, c -> has(c, l -> l instanceof Layer.Mul m && !(m.left().get(0) instanceof Layer.Id))),
                "product gates");
        assertTrue(some(gated, c -> has(c, l -> l instanceof Layer.Res) && has(c, l -> l instanceof Layer.Mul m
                && m.left().get(0) instanceof Layer.Dense)), "both kinds in one net");
        assertTrue(some(gated, c -> has(c, l -> l instanceof Layer.Mul m && m.right().get(0) instanceof Layer.Dense d
                && d.units() == 1)), "width 1");

        Generator lora = Architectures.loraAdapter();
        assertTrue(some(lora, c -> has(c, l -> l instanceof Layer.Add a && ((Layer.Dense) a.branches().get(1).get(0))
                .units() == 1)), "rank-1 adapters");
        assertTrue(some(lora, c -> has(c, l -> l instanceof Layer.Add a && ((Layer.Dense) a.branches().get(1).get(0))
                .units() >= 3)), "rank >= 3");
        assertTrue(some(lora, c -> c.architecture().layers().stream().filter(l -> l instanceof Layer.Add).count() >= 2),
                "stacked adapters");
        assertTrue(some(lora, c -> c.architecture().layer(c.architecture().layerCount()) instanceof Layer.Dense),
                "a readout");
        assertTrue(some(lora, c -> c.architecture().layer(c.architecture().layerCount()) instanceof Layer.Add),
                "no readout");
        assertTrue(some(lora, c -> c.architecture().input().size() == 1), "width 1 input");

        Generator attn = Architectures.lightningAttention();
        assertTrue(some(attn, c -> c.architecture().input().length() == 1), "one token");
        assertTrue(some(attn, c -> c.architecture().input().channels() == 1), "one feature");
        assertTrue(some(attn, c -> ((Layer.Attn) c.architecture().layer(1)).keyDim() > c.architecture().input()
                .channels()), "a > d");
        assertTrue(some(attn, c -> ((Layer.Attn) c.architecture().layer(1)).heads() > 1), "several heads");
        for (int l = 1; l <= 3; l++) {
            int layers = l;
            assertTrue(some(attn, c -> c.architecture().layerCount() == layers), layers + " layers");
        }
        assertTrue(some(attn, c -> c.architecture().layers().stream().distinct().count() > 1), "layers that differ");
        assertTrue(some(attn, GraphFamiliesTest::belowSaturation), "N below the saturation point");
        assertTrue(attn.cases(3, COUNT).stream().allMatch(c -> c.architecture().layerCount() <= 3), "at most 3 layers");
    }

    @Test
    void edgeCasesFollowTheEdgeCaseProbability() {
        Generator always = Architectures.lightningAttention().edgeCaseProbability(1);
        assertTrue(always.cases(3, 50).stream().allMatch(c -> c.architecture().input().length() == 1
                && c.architecture().input().channels() == 1 && ((Layer.Attn) c.architecture().layer(1)).keyDim() > 1
                && belowSaturation(c)), "every edge case at probability 1: t = 1, d = 1, a > d, N·K < p");
        // at probability 0 one token is only an ordinary draw of t in 1..6
        long oneToken = Architectures.lightningAttention().edgeCaseProbability(0).cases(3, COUNT).stream()
                .filter(c -> c.architecture().input().length() == 1).count();
        assertTrue(oneToken < COUNT * 0.3, oneToken + " of " + COUNT + " cases with t = 1 at edge-case probability 0");
    }

    @Test
    void loraNeedsTwoChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.loraAdapter().maxChannels(1));
        assertEquals("maxChannels (1) must be >= 2 for loraAdapter", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architectures.polynomialMlp().maxDepth(1));
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void theEngineBuildsTheHessianPartsOfEveryDraw(Family f) {
        Generator g = Architectures.of(f).maxParameters(40).maxSamples(4).maxChannels(4).maxInputSize(5);
        SplittableRandom primes = new SplittableRandom(77);
        for (Case c : g.cases(5, 12)) {
            LoweredNetwork net = c.architecture().lower();
            Point pt = Points.draw(net, c.pointOptions(0));
            int p = c.parameters();
            Modulus m = Modulus.of(Primes.randomPrime(primes, 49));
            ModularHessians h = Hessians.modular(net, pt, m);
            ExactHessians e = Hessians.exact(net, pt);
            assertEquals(ModularMatrix.reduce(e.o(), m), h.o(), c::toString);
            assertEquals(ModularMatrix.reduce(e.f(), m), h.f(), c::toString);
            assertEquals(ModularMatrix.reduce(e.l(), m), h.l(), c::toString);
            assertEquals(e.o().add(e.f()), e.l(), c::toString);
            assertEquals(e.l(), e.l().transpose(), c::toString);
            assertEquals(p, e.l().rows(), c::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void theRankPathsAgreeOnEveryDraw(Family f) {
        // modular (mod one prime), deterministic (over Q) and matrix-free (Hessian-vector products)
        for (Case c : Architectures.of(f).maxParameters(30).maxSamples(4).cases(12, 6)) {
            LoweredNetwork net = c.architecture().lower();
            java.util.Map<HessianRanks.Method, Observations> runs = new java.util.EnumMap<>(HessianRanks.Method.class);
            for (HessianRanks.Method m : List.of(HessianRanks.Method.DETERMINISTIC, HessianRanks.Method.MODULAR,
                    HessianRanks.Method.MATRIX_FREE)) {
                runs.put(m, HessianRanks.observe(net, c.pointOptions(0), 1, m, msg -> { }));
            }
            for (Part part : Part.hessianParts()) {
                int exact = runs.get(HessianRanks.Method.DETERMINISTIC).rank(part);
                assertEquals(exact, runs.get(HessianRanks.Method.MODULAR).rank(part), part + " of " + c);
                assertEquals(exact, runs.get(HessianRanks.Method.MATRIX_FREE).rank(part), part + " of " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void onlyTheLiteratureClaimsAGraphNetAndTheVerifierMeasuresThem(Family f) {
        Verifier v = Verifier.of(Catalogue.all());
        List<String> literature = List.of("ATT-DIM", "PMLP-DIM", "PMLP-DIM-EQ", "SCNN-DIM", "ATT-F", "ATT-L", "PMLP-F",
                "RES-O", "RES-F", "RES-L");
        for (Case c : Architectures.of(f).maxParameters(60).cases(8, 20)) {
            Architecture a = c.architecture();
            Instance inst = Instances.of(a, Points.draw(a.lower(), c.pointOptions(0)));
            List<String> applicable = v.applicable(inst).stream().map(Statement::id).toList();
            List<String> allowed = f == Family.LIGHTNING_ATTENTION ? List.of("ATT-DIM", "ATT-F", "ATT-L")
                    : f == Family.POLYNOMIAL_MLP ? List.of("PMLP-DIM", "PMLP-DIM-EQ", "PMLP-F")
                    : f == Family.RESIDUAL_MLP ? List.of("RES-O", "RES-F", "RES-L") : List.of();
            assertTrue(allowed.containsAll(applicable) && literature.containsAll(applicable),
                    () -> a.spec() + " claimed by " + applicable);
        }
        // a conjecture over the family's named twin is measured end to end (points, facts, ranks)
        Statement bound = NamedFamilies.byName(named(f)).conjecture("P", Part.L, Statement.Kind.BOUND, "p", false);
        Case c = Architectures.of(f).maxParameters(60).cases(9, 40).stream()
                .filter(k -> NamedFamilies.byName(named(f)).contains(k.architecture())).findFirst().orElseThrow();
        CaseResult r = Verifier.of(List.of(bound)).verify(c);
        Verdict verdict = r.verdict("P").orElseThrow();
        assertTrue(verdict.measured() >= 1 && verdict.measured() <= c.parameters(), verdict::toString);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RESIDUAL_MLP", "POLYNOMIAL_MLP", "GATED_MLP", "LORA",
        "LIGHTNING_ATTENTION"})
    void everyDrawIsInExactlyItsNamedFamily(Family f) {
        int in = 0;
        for (Case c : Architectures.of(f).cases(6, COUNT)) {
            Architecture a = c.architecture();
            boolean alike = f != Family.LIGHTNING_ATTENTION || a.layers().stream().distinct().count() == 1;
            for (NamedFamilies.NamedFamily nf : NamedFamilies.all()) {
                assertEquals(alike && nf.name().equals(named(f)), nf.contains(a), nf.name() + " on " + a.spec());
            }
            if (alike) {
                in++;
                assertEquals(a.parameterCount(), NamedFamilies.byName(named(f)).quantities(Instance.generic(a,
                        c.samples())).scalar("p"), a.spec());
            }
        }
        assertTrue(in >= COUNT * 0.7, in + " of " + COUNT + " draws in " + named(f));
    }

    @Test
    void theLoraAnalogueOfFcOHoldsTightAndAnOffByOneIsShrunk() {
        // one adapter, no readout: F = (W0 + A·B)·x, and W0 is frozen, so J is that of the linear net
        // A·B with hidden width ra: rank H_O = q(r + n - q), q = min(r, ra) (FC-O with K = n > ra)
        NamedFamilies.NamedFamily lora = NamedFamilies.byName("lora");
        String q = "min(r, ra(1))";
        Statement exact = lora.conjecture("LORA-O", Part.O, Statement.Kind.EXACT, q + "*(r + n(1) - " + q + ")", true,
                "(L == 1)*(head == 0)");
        SweepReport ok = Sweep.of(List.of(exact)).generators(Architectures.loraAdapter()).tries(80).seed(3).run();
        StatementStats s = ok.stats("LORA-O").orElseThrow();
        assertTrue(ok.problems().isEmpty(), ok.failureMessage());
        assertTrue(s.applicable() >= 10 && s.tight() == s.applicable(), s.toString());
        Statement off = lora.conjecture("LORA-O-1", Part.O, Statement.Kind.BOUND, q + "*(r + n(1) - " + q + ") - 1",
                false, "(L == 1)*(head == 0)");
        SweepReport bad = Sweep.of(List.of(off)).generators(Architectures.loraAdapter()).tries(80).seed(3).run();
        Counterexample ce = bad.counterexample("LORA-O-1").orElseThrow();
        assertEquals(Verdict.Outcome.VIOLATED, ce.verdict().outcome());
        assertEquals("in(1) -> add(dense(2,frozen) | dense(1) -> dense(2))", ce.shrunk().architecture().spec());
        assertEquals(1, ce.shrunk().samples());
    }

    static String named(Family f) {
        return switch (f) {
            case RESIDUAL_MLP -> "res-fc";
            case POLYNOMIAL_MLP -> "poly-mlp";
            case GATED_MLP -> "gated-mlp";
            case LORA -> "lora";
            case LIGHTNING_ATTENTION -> "attn";
            default -> throw new AssertionError(f);
        };
    }
}
