package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hessrank.hessian.Part;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;
import org.hessrank.theory.NamedFamilies.NamedFamily;
import org.junit.jupiter.api.Test;

/**
 * The named graph families of {@code hessrank conjecture} (res-fc, poly-mlp, gated-mlp, lora,
 * attn): membership both ways on hand-written nets (every member in exactly one named family,
 * near misses in none), their variables as documented, and their values on nets worked by hand.
 */
class GraphNamedFamiliesTest {
    static final List<String> GRAPH = List.of("res-fc", "poly-mlp", "gated-mlp", "lora", "attn");

    static Layer dense(int n) {
        return Layer.dense(n);
    }

    static Layer relu() {
        return Layer.activation(Activation.RELU);
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
        return Layer.add(List.of(List.of(Layer.Dense.of(n, false, true)), List.of(dense(ra), dense(n))));
    }

    static Architecture vector(int d, Layer... layers) {
        return Architecture.of(Shape.vector(d), List.of(layers));
    }

    static Architecture signal(int d, int t, Layer... layers) {
        return Architecture.of(Shape.signal(d, t), List.of(layers));
    }

    /** Family name → members. */
    static final Map<String, List<Architecture>> MEMBERS = Map.of(
            "res-fc", List.of(
                    vector(3, res(dense(2), relu(), dense(3))),
                    vector(1, res(dense(1))),
                    vector(4, dense(2), res(dense(5), dense(2)), res(dense(2)), res(dense(1), relu(), dense(2)), dense(3)),
                    vector(2, res(dense(2), dense(2)), dense(1)),
                    vector(6, dense(3), res(dense(3)))),
            "poly-mlp", List.of(
                    vector(2, dense(3), Layer.pow(2), dense(1)),
                    vector(3, dense(2), Layer.pow(3), dense(2), Layer.pow(3), dense(4)),
                    vector(1, dense(1), Layer.poly(List.of(-1L, 0L, 2L)), dense(1)),
                    vector(2, dense(2), Layer.poly(List.of(1L, 1L, 1L, 3L, 0L)), dense(2), Layer.poly(List.of(1L, 1L,
                            1L, 3L, 0L)), dense(1)),
                    vector(2, dense(2), Layer.pow(7), dense(1))),
            "gated-mlp", List.of(
                    vector(2, gate(2)),
                    vector(2, product(3)),
                    vector(3, gate(3), product(2), gate(2), dense(4)),
                    vector(1, product(1), product(5), dense(1))),
            "lora", List.of(
                    vector(3, adapter(2, 1)),
                    vector(1, adapter(6, 5), adapter(3, 2), dense(2)),
                    vector(4, adapter(4, 3), dense(1))),
            "attn", List.of(
                    signal(1, 1, Layer.attn(1, 1, 0)),
                    signal(3, 2, Layer.attn(5, 2, 0), Layer.attn(5, 2, 0), Layer.attn(5, 2, 0)),
                    signal(2, 4, Layer.attn(1, 1, 2)),
                    signal(2, 4, Layer.attn(3, 1, 0), Layer.attn(3, 1, 0), Layer.attn(3, 1, 0), Layer.attn(3, 1, 0))));

    /** Nets close to a graph family but outside every named family. */
    static final List<Architecture> NEAR_MISSES = List.of(
            vector(3, dense(3), dense(3), res(dense(3))),                                      // two stems
            vector(3, res(Layer.dense(3, true))),                                             // a bias in a block
            vector(3, res(Layer.Dense.of(3, false, true)), dense(2)),                        // a frozen block
            vector(3, res(dense(2), Layer.activation(Activation.leakyRelu(1, 3)), dense(3))),  // leaky ReLU
            vector(3, res(dense(2), relu(), dense(2), relu(), dense(3))),                       // a deep block
            vector(3, res(relu()), dense(2)),                                                  // no parameters in a block
            vector(3, res(dense(3)), Layer.pow(2), dense(1)),                                   // mixed families
            vector(2, dense(3), Layer.pow(2), dense(3), Layer.pow(3), dense(1)),               // two activations
            vector(2, dense(3), Layer.pow(1), dense(1)),                                        // a linear power
            vector(2, dense(3), Layer.poly(List.of(5L, -1L, 0L)), dense(1)),                   // an affine poly
            vector(2, dense(3), Layer.pow(2)),                                                  // no readout
            vector(2, Layer.dense(3, true), Layer.pow(2), dense(1)),                            // a bias
            vector(3, Layer.mul(List.of(Layer.id()), List.of(dense(3)))),                       // a gate without res
            vector(3, res(Layer.mul(List.of(dense(3)), List.of(Layer.id())))),                  // a mirrored gate
            vector(3, res(Layer.mul(List.of(Layer.id()), List.of(dense(2), dense(3))))),        // a deep gate branch
            vector(3, Layer.mul(List.of(dense(2)), List.of(dense(1), dense(2)))),               // a deep product branch
            vector(3, product(2), relu(), dense(1)),                                            // an activation
            vector(3, Layer.add(List.of(List.of(Layer.Dense.of(3, false, true)), List.of(dense(3), dense(3))))), // ra = n
            vector(3, Layer.add(List.of(List.of(dense(3)), List.of(dense(1), dense(3))))),     // trainable base
            vector(3, Layer.add(List.of(List.of(dense(1), dense(3)), List.of(Layer.Dense.of(3, false, true))))), // swapped
            vector(3, Layer.add(List.of(List.of(Layer.Dense.of(3, false, true)), List.of(dense(1), dense(3)),
                    List.of(dense(1), dense(3))))),                                               // two updates
            vector(3, adapter(3, 1), adapter(2, 1), dense(2), dense(2)),                        // two readouts
            signal(2, 3, Layer.attn(2, 1, 0), Layer.attn(1, 1, 0)),                             // layers differ
            signal(2, 3, Layer.attn(2, 1, 0), Layer.attn(2, 2, 0)),                             // heads differ
            signal(2, 3, Layer.attn(2, 1, 3)),                                                  // v != d
            signal(2, 3, Layer.attn(2, 1, 0), dense(1)),                                        // a readout
            Architecture.of(Shape.image(1, 2, 2), List.of(dense(4), res(dense(4)))),       // not a vector input
            vector(4, dense(4), dense(4)));                                                     // fc

    @Test
    void everyMemberIsInExactlyItsFamily() {
        MEMBERS.forEach((name, nets) -> {
            for (Architecture a : nets) {
                for (NamedFamily f : NamedFamilies.all()) {
                    assertEquals(f.name().equals(name), f.contains(a), f.name() + " on " + a.spec());
                }
            }
        });
    }

    @Test
    void nearMissesAreInNoGraphFamily() {
        for (Architecture a : NEAR_MISSES) {
            for (String name : GRAPH) {
                assertFalse(NamedFamilies.byName(name).contains(a), name + " must not take " + a.spec());
            }
        }
    }

    @Test
    void variablesAreDocumentedAndEveryOneIsComputed() {
        Map<String, List<String>> expected = Map.of(
                "res-fc", List.of("d", "n", "K", "B", "L", "stem", "head", "relu", "s", "q", "N", "r", "p", "m"),
                "poly-mlp", List.of("d", "K", "L", "k", "pow", "deg", "N", "r", "p", "hidden", "M", "c"),
                "gated-mlp", List.of("d", "K", "B", "P", "G", "head", "N", "r", "p", "w", "prod"),
                "lora", List.of("d", "K", "L", "head", "f", "N", "r", "p", "n", "ra"),
                "attn", List.of("d", "t", "a", "heads", "l", "K", "N", "r", "p"));
        for (String name : GRAPH) {
            NamedFamily f = NamedFamilies.byName(name);
            List<String> documented = new java.util.ArrayList<>(f.scalars().keySet());
            documented.addAll(f.tables().keySet());
            assertEquals(expected.get(name), documented, name);
            f.scalars().values().forEach(v -> assertFalse(v.isBlank(), name));
            assertEquals(java.util.Set.of(Part.O, Part.F, Part.L), f.parts(), name);
            for (Architecture a : MEMBERS.get(name)) {
                Quantities q = f.quantities(Instance.generic(a, 3));
                java.util.Set<String> computed = new java.util.TreeSet<>(q.names());
                assertEquals(new java.util.TreeSet<>(documented), computed, name + " on " + a.spec());
                assertEquals(a.parameterCount(), q.scalar("p"), a.spec());
                assertEquals(3, q.scalar("N"));
                assertEquals(Math.min(3, a.input().size()), q.scalar("r"));
            }
        }
        String listing = NamedFamilies.describe();
        for (String name : GRAPH) {
            assertTrue(listing.contains("\n" + name + ": "), name);
        }
        assertTrue(listing.contains("  ra(i)      ra(i), i = 1..L: rank of adapter i (ra(i) < n(i))\n"), listing);
        assertTrue(listing.contains("  heads      heads H of every layer\n"), listing);
    }

    private static long eval(String family, Architecture a, int n, String expr) {
        NamedFamily f = NamedFamilies.byName(family);
        return f.parse(expr, Part.O).evaluate(f.quantities(Instance.generic(a, n)));
    }

    @Test
    void valuesOnNetsWorkedByHand() {
        // in(4) -> dense(2) -> res(5 -> 2) -> res(2) -> res(1 -> relu -> 2) -> dense(3):
        // p = 8 + (10 + 10) + 4 + (2 + 2) + 6 = 42, dense layers 1 + 2 + 1 + 2 + 1 = 7
        Architecture res = MEMBERS.get("res-fc").get(2);
        assertEquals(42, res.parameterCount());
        assertEquals(List.of(4L, 2L, 3L, 3L, 7L, 1L, 1L, 1L, 42L), List.of(eval("res-fc", res, 5, "d"),
                eval("res-fc", res, 5, "n"), eval("res-fc", res, 5, "K"), eval("res-fc", res, 5, "B"),
                eval("res-fc", res, 5, "L"), eval("res-fc", res, 5, "stem"), eval("res-fc", res, 5, "head"),
                eval("res-fc", res, 5, "relu"), eval("res-fc", res, 5, "p")));
        assertEquals(5 * 1000 + 0 * 100 + 1, eval("res-fc", res, 5, "m(1)*1000 + m(2)*100 + m(3)"));
        Architecture plain = MEMBERS.get("res-fc").get(1);
        assertEquals(List.of(1L, 1L, 0L, 0L, 0L), List.of(eval("res-fc", plain, 1, "n"), eval("res-fc", plain, 1, "K"),
                eval("res-fc", plain, 1, "stem + head"), eval("res-fc", plain, 1, "relu"),
                eval("res-fc", plain, 1, "m(1)")));

        // poly(1,1,1,3,0) twice: degree 3, coefficients c(0..3) = 1 1 1 3; degree of the output:
        // 1 -> dense 2 -> poly 6 -> dense 7 -> poly 21 -> dense 22
        Architecture poly = MEMBERS.get("poly-mlp").get(3);
        assertEquals(List.of(3L, 0L, 22L, 3L, 1113L), List.of(eval("poly-mlp", poly, 2, "k"), eval("poly-mlp", poly, 2,
                "pow"), eval("poly-mlp", poly, 2, "deg"), eval("poly-mlp", poly, 2, "L"),
                eval("poly-mlp", poly, 2, "c(0)*1000 + c(1)*100 + c(2)*10 + c(3)")));
        assertEquals(2 * 10 + 2, eval("poly-mlp", poly, 2, "hidden(1)*10 + hidden(2)"));
        Architecture cube = MEMBERS.get("poly-mlp").get(1);
        assertEquals(List.of(3L, 1L, 1L, 4L), List.of(eval("poly-mlp", cube, 2, "k"), eval("poly-mlp", cube, 2, "pow"),
                eval("poly-mlp", cube, 2, "c(3) - c(0) - c(1) - c(2)"), eval("poly-mlp", cube, 2, "M(3)")));

        // in(3) -> gate(3) -> product(2) -> gate(2) -> dense(4): widths 3 3 2 2, p = 9 + 12 + 4 + 8 = 33
        Architecture gated = MEMBERS.get("gated-mlp").get(2);
        assertEquals(List.of(3L, 4L, 3L, 1L, 2L, 1L, 33L), List.of(eval("gated-mlp", gated, 2, "d"),
                eval("gated-mlp", gated, 2, "K"), eval("gated-mlp", gated, 2, "B"), eval("gated-mlp", gated, 2, "P"),
                eval("gated-mlp", gated, 2, "G"), eval("gated-mlp", gated, 2, "head"), eval("gated-mlp", gated, 2, "p")));
        assertEquals(3322, eval("gated-mlp", gated, 2, "w(0)*1000 + w(1)*100 + w(2)*10 + w(3)"));
        assertEquals(10, eval("gated-mlp", gated, 2, "prod(1)*100 + prod(2)*10 + prod(3)"));

        // in(1) -> adapter(6, 5) -> adapter(3, 2) -> dense(2): p = (5 + 30) + (12 + 6) + 6 = 59, f = 6 + 18
        Architecture lora = MEMBERS.get("lora").get(1);
        assertEquals(List.of(1L, 2L, 2L, 1L, 24L, 59L), List.of(eval("lora", lora, 4, "d"), eval("lora", lora, 4, "K"),
                eval("lora", lora, 4, "L"), eval("lora", lora, 4, "head"), eval("lora", lora, 4, "f"),
                eval("lora", lora, 4, "p")));
        assertEquals(163, eval("lora", lora, 4, "n(0)*100 + n(1)*10 + n(2)"));
        assertEquals(52, eval("lora", lora, 4, "ra(1)*10 + ra(2)"));
        assertEquals(1, eval("lora", lora, 4, "r"), "rank X ≤ d = 1");

        // in(3,2) -> attn(a=5,heads=2) x3: p = 3 * 2 * (2*5*3 + 3*3) = 234, K = 6
        Architecture attn = MEMBERS.get("attn").get(1);
        assertEquals(List.of(3L, 2L, 5L, 2L, 3L, 6L, 234L, 4L), List.of(eval("attn", attn, 4, "d"),
                eval("attn", attn, 4, "t"), eval("attn", attn, 4, "a"), eval("attn", attn, 4, "heads"),
                eval("attn", attn, 4, "l"), eval("attn", attn, 4, "K"), eval("attn", attn, 4, "p"),
                eval("attn", attn, 4, "r")));
    }

    @Test
    void namesOfOtherFamiliesAreRefusedAndNonMembersHaveNoQuantities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedFamilies.byName("attn").parse("m(1)", Part.O));
        assertTrue(e.getMessage().contains("unknown name 'm'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NamedFamilies.byName("lora").parse("d", Part.T));
        assertTrue(e.getMessage().contains("part (T) is not available for family lora"), e.getMessage());
        Architecture twoKinds = signal(2, 3, Layer.attn(2, 1, 0), Layer.attn(1, 1, 0));
        e = assertThrows(IllegalArgumentException.class,
                () -> NamedFamilies.byName("attn").quantities(Instance.generic(twoKinds, 2)));
        assertTrue(e.getMessage().endsWith("is not in family attn"), e.getMessage());
    }
}
