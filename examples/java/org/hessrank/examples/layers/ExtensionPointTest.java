package org.hessrank.examples.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.hessian.ExactHessians;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.HessianVectorProducts;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Point;
import org.hessrank.hessian.Points;
import org.hessrank.net.Architecture;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.Layer;
import org.hessrank.net.LayerRegistry;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Shape;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Case;
import org.hessrank.verify.Generator;
import org.hessrank.verify.Shrinker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extension point is wired correctly: a re-implementation of the built-in 1D conv through
 * {@link CustomLayer} gives exactly the built-in Hessians; inconsistent user layers are refused;
 * registered names parse and round-trip; generators and the shrinker work on custom layers.
 */
class ExtensionPointTest {
    @BeforeAll
    static void register() {
        DepthwiseConv1d.register();
        DilatedConv1d.register();
        MyConv1d.register();
    }

    /** The architecture with every 1D conv replaced by the custom re-implementation. */
    private static Architecture viaExtension(Architecture a, boolean fastPath) {
        List<Layer> ls = new ArrayList<>();
        for (Layer l : a.layers()) {
            if (l instanceof Layer.Conv c && !c.bias()) {
                ls.add(Layer.custom(new MyConv1d(c.channels(), c.kernel().width(), c.stride().width(),
                        c.padding().width(), fastPath)));
            } else {
                ls.add(l);
            }
        }
        return Architecture.of(a.input(), ls);
    }

    @Test
    void customConvGivesExactlyTheBuiltInHessiansInEveryNumberSystem() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(Architectures.oneHiddenCnn1d().maxParameters(90).cases(3, 14));
        cases.addAll(Architectures.deepCnn().maxParameters(90).cases(4, 14));
        cases.addAll(Architectures.convLayer().maxParameters(90).cases(5, 14));
        int compared = 0;
        for (Case c : cases) {
            Architecture builtIn = c.architecture();
            if (builtIn.input().kind() != Shape.Kind.SIGNAL) {
                continue; // 2D conv is not re-implemented
            }
            Architecture custom = viaExtension(builtIn, compared % 2 == 0);
            assertNotEquals(builtIn, custom);
            assertEquals(builtIn.parameterCount(), custom.parameterCount(), custom::spec);
            LoweredNetwork a = builtIn.lower();
            LoweredNetwork b = custom.lower();
            Point pa = Points.draw(a, c.pointOptions(0));
            Point pb = Points.draw(b, c.pointOptions(0));
            assertArrayEquals(pa.theta(), pb.theta());
            ExactHessians ha = Hessians.exact(a, pa);
            ExactHessians hb = Hessians.exact(b, pb);
            assertEquals(ha.o(), hb.o(), () -> "H_O of " + custom.spec());
            assertEquals(ha.f(), hb.f(), () -> "H_F of " + custom.spec());
            assertEquals(ha.l(), hb.l(), () -> "H_L of " + custom.spec());
            assertEquals(ha.scale(), hb.scale());
            Modulus m = Modulus.of(Primes.randomPrime(new SplittableRandom(c.seed()), 49));
            assertEquals(Hessians.modular(a, pa, m).l(), Hessians.modular(b, pb, m).l(), custom::spec);
            HessianVectorProducts va = HessianVectorProducts.of(a, pa, m);
            HessianVectorProducts vb = HessianVectorProducts.of(b, pb, m);
            long[] v = new SplittableRandom(c.seed()).longs(a.parameterCount(), 0, m.value()).toArray();
            for (Part part : Part.hessianParts()) {
                assertArrayEquals(va.apply(part, v), vb.apply(part, v), () -> part + " HVP of " + custom.spec());
            }
            for (int i = 1; i <= builtIn.layerCount(); i++) {
                if (builtIn.layer(i) instanceof Layer.Conv) {
                    long[] w = new SplittableRandom(i).longs(builtIn.parameterCount(i), -9, 10).toArray();
                    assertArrayEquals(builtIn.layerMatrix(i, w), custom.layerMatrix(i, w), custom::spec);
                }
            }
            compared++;
        }
        assertTrue(compared >= 25, "compared " + compared);
    }

    /** Delegates to a depthwise conv, with one operation replaced. */
    private static CustomLayer broken(String which) {
        DepthwiseConv1d d = new DepthwiseConv1d(2);
        return new CustomLayer() {
            @Override
            public String name() {
                return "depthwise";
            }

            @Override
            public String spec() {
                return "depthwise(k=2)";
            }

            @Override
            public Shape outputShape(Shape in, int index) {
                return d.outputShape(in, index);
            }

            @Override
            public long parameterCount(Shape in) {
                return d.parameterCount(in);
            }

            @Override
            public long[] apply(Shape in, long[] w, long[] h) {
                long[] y = d.apply(in, w, h);
                if (which.equals("affine")) {
                    y[0] += 1;
                } else if (which.equals("negative")) {
                    for (int i = 0; i < y.length; i++) {
                        y[i] = -y[i];
                    }
                }
                return y;
            }

            @Override
            public long[] transposeInput(Shape in, long[] w, long[] g) {
                if (which.equals("input")) { // flips the kernel: a classic adjoint bug
                    long[] flipped = new long[w.length];
                    for (int i = 0; i < w.length; i += 2) {
                        flipped[i] = w[i + 1];
                        flipped[i + 1] = w[i];
                    }
                    return d.transposeInput(in, flipped, g);
                }
                long[] r = d.transposeInput(in, w, g);
                if (which.equals("negative")) {
                    for (int i = 0; i < r.length; i++) {
                        r[i] = -r[i];
                    }
                }
                return r;
            }

            @Override
            public long[] transposeParameters(Shape in, long[] h, long[] g) {
                long[] r = d.transposeParameters(in, h, g);
                if (which.equals("parameters")) {
                    r[r.length - 1] = 0; // forgets the last tap
                } else if (which.equals("negative")) {
                    for (int i = 0; i < r.length; i++) {
                        r[i] = -r[i];
                    }
                }
                return r;
            }
        };
    }

    private static String refusal(String which) {
        Architecture a = Architecture.of(Shape.signal(2, 5), List.of(Layer.custom(broken(which)), Layer.dense(2)));
        return assertThrows(IllegalArgumentException.class, a::lower).getMessage();
    }

    @Test
    void inconsistentLayersAreRefusedWithTheOperationAndTheEntry() {
        assertTrue(refusal("input").startsWith("depthwise layer 1: transposeInput(θ, g) is not the transpose of apply"
                + " in the input: input "), refusal("input"));
        assertTrue(refusal("parameters").startsWith("depthwise layer 1: transposeParameters(h, g) is not the transpose"
                + " of apply in the parameters: parameter 3 is 0, the bilinear form of apply gives "),
                refusal("parameters"));
        assertTrue(refusal("affine").startsWith("depthwise layer 1: apply(θ, h) is not bilinear"), refusal("affine"));
        assertEquals("depthwise layer 1: coefficient of θ[0]·h[0] in output 0 is -1; custom layers need integer"
                + " coefficients in [0, 1024] (each is lowered to that many unit terms)", refusal("negative"));
        // the consistent layer itself lowers
        Architecture ok = Architecture.of(Shape.signal(2, 5), List.of(Layer.custom(new DepthwiseConv1d(2)),
                Layer.dense(2)));
        assertEquals(2 * 4 * 2, ok.lowerLayer(1).termCount());
    }

    @Test
    void registeredNamesParseAndRoundTrip() {
        for (String spec : List.of("in(3,9) -> depthwise(k=3) -> dense(2)",
                "in(2,12) -> dilated(3,k=3,dilation=2) -> relu -> dense(2)",
                "in(1,10) -> myconv(2,k=3,stride=2,pad=1) -> depthwise(k=2) -> flatten -> dense(1)")) {
            Architecture a = Architecture.parse(spec);
            assertEquals(spec, a.spec());
            assertEquals(a, Architecture.parse(a.spec()));
        }
        Architecture a = Architecture.parse("in(2,12) -> DILATED( 3 , k = 3 ) -> dense(2)");
        assertEquals("in(2,12) -> dilated(3,k=3,dilation=1) -> dense(2)", a.spec());
        assertEquals(new DilatedConv1d(3, 3, 1), ((Layer.Custom) a.layer(1)).layer());
        assertEquals(3 * 2 * 3 + 2 * 3 * 10, a.parameterCount());
    }

    @Test
    void parserErrorsNameTheRegisteredLayersArgumentsAndValues() {
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse("in(3,9) -> depthwize(k=3) -> dense(2)")).getMessage();
        assertTrue(unknown.startsWith("spec position 12: unknown layer 'depthwize' (expected one of dense, conv,"),
                unknown);
        assertTrue(unknown.contains("; registered: ") && unknown.contains("depthwise") && unknown.contains("dilated")
                && unknown.contains("myconv"), unknown);
        assertEquals("spec position 12: depthwise layer 1: unknown argument stride=2 (accepted: k)",
                assertThrows(IllegalArgumentException.class,
                        () -> Architecture.parse("in(3,9) -> depthwise(k=3,stride=2) -> dense(2)")).getMessage());
        assertEquals("spec position 12: depthwise layer 1: k (0) must be > 0", assertThrows(
                IllegalArgumentException.class, () -> Architecture.parse("in(3,9) -> depthwise(k=0) -> dense(2)"))
                .getMessage());
        assertEquals("spec position 12: depthwise layer 1: k=... is required", assertThrows(
                IllegalArgumentException.class, () -> Architecture.parse("in(3,9) -> depthwise -> dense(2)"))
                .getMessage());
        assertEquals("spec position 12: depthwise layer 1: kernel (10) must be <= input length (9)", assertThrows(
                IllegalArgumentException.class, () -> Architecture.parse("in(3,9) -> depthwise(k=10) -> dense(2)"))
                .getMessage());
        assertEquals("spec position 13: dilated layer 1: receptive field (13) must be <= input length (12)",
                assertThrows(IllegalArgumentException.class,
                        () -> Architecture.parse("in(2,12) -> dilated(3,k=4,dilation=4) -> dense(2)")).getMessage());
        assertEquals("spec position 26: duplicate depthwise argument 'k'", assertThrows(IllegalArgumentException.class,
                () -> Architecture.parse("in(3,9) -> depthwise(k=3,k=2) -> dense(2)")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.register("conv", args -> null));
        assertThrows(IllegalArgumentException.class, () -> LayerRegistry.register("Depth2", args -> null));
    }

    @Test
    void templateGeneratorIsReproducibleStaysInItsPatternAndShrinks() {
        Generator g = Architectures.template("in(1..3,2..9) -> depthwise(k=1..5) -> dense(1..3)").maxParameters(80)
                .maxSamples(6);
        List<Case> cases = g.cases(9, 60);
        assertEquals(cases, g.cases(9, 60));
        for (Case c : cases) {
            assertTrue(g.accepts(c), c::toString);
            assertTrue(c.architecture().layer(1) instanceof Layer.Custom cu && cu.layer() instanceof DepthwiseConv1d,
                    c::toString);
            assertTrue(c.parameters() <= 80 && c.samples() <= 6, c::toString);
        }
        assertTrue(cases.stream().map(c -> c.architecture().spec()).distinct().count() >= 30);
        // shrink "two channels and a kernel of at least 2" down to its smallest case
        Predicate<Case> fails = c -> c.architecture().input().channels() >= 2
                && ((DepthwiseConv1d) ((Layer.Custom) c.architecture().layer(1)).layer()).kernel() >= 2;
        Case start = cases.stream().filter(fails).filter(c -> c.samples() > 1).findFirst().orElseThrow();
        Shrinker.Result r = Shrinker.shrink(start, fails, g);
        assertEquals("in(2,2) -> depthwise(k=2) -> dense(1)", r.minimal().architecture().spec(), r::toString);
        assertEquals(1, r.minimal().samples());
        // a lambda generator with its own pattern
        Generator lambda = Architectures.custom("dilated", rng -> Architecture.of(Shape.signal(1, 6 + rng.nextInt(5)),
                List.of(Layer.custom(new DilatedConv1d(1 + rng.nextInt(3), 2, 1 + rng.nextInt(3))), Layer.dense(2))),
                a -> a.layer(1) instanceof Layer.Custom);
        assertEquals(lambda.generate(4), lambda.generate(4));
        assertTrue(lambda.describe().startsWith("Architectures.custom(\"dilated\", ...).maxParameters(150)"),
                lambda.describe());
    }

    @Test
    void theCatalogueNeverMisfiresOnCustomNets() {
        // family detection does not know custom layers: no catalogue statement applies, and
        // computing the instance facts (ranks of X, residual, zero layers) works on them
        org.hessrank.verify.SweepReport r = org.hessrank.verify.Sweep.of(org.hessrank.theory.Catalogue.all().stream()
                .filter(st -> !(st instanceof org.hessrank.theory.SweepStatement)).toList())
                .generators(Architectures.template("in(1..3,2..8) -> depthwise(k=1..4) -> dense(1..3)").maxParameters(60),
                        Architectures.template("in(1..2,3..9) -> dilated(1..2,k=1..3,dilation=1..2) -> relu -> dense(1..2)")
                                .maxParameters(60))
                .tries(40).seed(3).run();
        assertTrue(r.errors().isEmpty(), () -> String.join("\n", r.errors()));
        assertTrue(r.stats().stream().allMatch(st -> st.applicable() == 0), r::table);
    }
}
