package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The graph layers of the spec language: {@code pow}, {@code poly}, {@code id}, {@code res},
 * {@code add}, {@code mul}, {@code attn} and frozen {@code dense}/{@code conv}: what they parse to,
 * their round trips, parameter counts and every error message.
 */
class SpecParserGraphTest {

    private static Architecture parse(String spec) {
        return SpecParser.parse(spec);
    }

    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> SpecParser.parse(spec), spec).getMessage();
    }

    private static void assertError(String spec, String expectedMessage) {
        assertEquals(expectedMessage, error(spec), spec);
    }

    private static void assertRoundTrip(Architecture a) {
        Architecture again = SpecParser.parse(a.spec());
        assertEquals(a, again, a.spec());
        assertEquals(a.spec(), again.spec(), a.spec());
    }

    private static Layer.Dense frozenDense(int units, boolean bias) {
        return Layer.Dense.of(units, bias, true);
    }

    // ------------------------------------------------------------------ what the specs parse to

    @Test
    void theDocumentedExamplesParseToTheIntendedLayers() {
        assertEquals(Architecture.of(Shape.vector(8), List.of(Layer.add(List.of(List.of(frozenDense(8, false)),
                List.of(Layer.dense(2), Layer.dense(8)))))),
                parse("in(8) -> add(dense(8,frozen) | dense(2) -> dense(8))"));
        assertEquals(Architecture.of(Shape.vector(4), List.of(Layer.res(List.of(Layer.mul(List.of(Layer.id()),
                List.of(Layer.dense(4))))))),
                parse("in(4) -> res(mul(id | dense(4)))"));
        assertEquals(Architecture.of(Shape.vector(3), List.of(Layer.dense(4), Layer.pow(2), Layer.dense(2))),
                parse("in(3) -> dense(4) -> pow(2) -> dense(2)"));
        assertEquals(Architecture.of(Shape.signal(3, 4), List.of(Layer.attn(2, 1, 0), Layer.attn(2, 1, 0))),
                parse("in(3,4) -> attn(a=2) -> attn(a=2)"));
        assertEquals(Architecture.of(Shape.signal(4, 5), List.of(Layer.attn(2, 3, 2))),
                parse("in(4,5) -> attn(a=2,heads=3,v=2)"));
    }

    @Test
    void powPolyAndIdParse() {
        Architecture a = parse("in(3) -> dense(3) -> poly(1,-2,0,5) -> id -> pow(3) -> dense(1)");
        assertEquals(List.of(Layer.dense(3), Layer.poly(List.of(1L, -2L, 0L, 5L)), Layer.id(), Layer.pow(3),
                Layer.dense(1)), a.layers());
        assertEquals(List.of(7L), ((Layer.Poly) parse("in(2) -> poly(7) -> dense(1)").layer(1)).coefficients());
        assertEquals(List.of(Long.MAX_VALUE, Long.MIN_VALUE),
                ((Layer.Poly) parse("in(2) -> poly(9223372036854775807,-9223372036854775808) -> dense(1)").layer(1))
                        .coefficients());
        assertEquals(Layer.pow(1), parse("in(2) -> pow(1) -> dense(1)").layer(1));
    }

    @Test
    void frozenDenseAndConvParseWithTheirArgumentsInAnyOrder() {
        assertEquals(frozenDense(3, false), parse("in(4) -> dense(3,frozen) -> dense(1)").layer(1));
        assertEquals(frozenDense(3, true), parse("in(4) -> dense(3,bias,frozen) -> dense(1)").layer(1));
        assertEquals(frozenDense(3, true), parse("in(4) -> dense(3,frozen,bias) -> dense(1)").layer(1));
        assertEquals(Layer.dense(3, true), parse("in(4) -> dense(3,bias) -> dense(1)").layer(1));
        Layer.Conv conv = Layer.Conv.of(2, Extent.of(3), Extent.of(2), Extent.of(1), true, true);
        for (String spec : List.of("in(2,9) -> conv(2,k=3,stride=2,pad=1,bias,frozen) -> dense(1)",
                "in(2,9) -> conv(2,frozen,k=3,stride=2,pad=1,bias) -> dense(1)",
                "in(2,9) -> conv(2,bias,pad=1,frozen,stride=2,k=3) -> dense(1)")) {
            assertEquals(conv, parse(spec).layer(1), spec);
        }
        assertEquals(Layer.Conv.of(2, Extent.of(3, 2), Extent.of(1), Extent.of(0), false, true),
                parse("in(1,5,5) -> conv(2,k=3x2,frozen) -> dense(1)").layer(1));
    }

    @Test
    void attnArgumentsInAnyOrderWithDefaults() {
        Layer expected = Layer.attn(2, 3, 5);
        for (String args : List.of("a=2,heads=3,v=5", "v=5,a=2,heads=3", "heads=3,v=5,a=2")) {
            assertEquals(expected, parse("in(4,5) -> attn(" + args + ")").layer(1), args);
        }
        assertEquals(Layer.attn(2, 1, 0), parse("in(4,5) -> attn(a=2,heads=1)").layer(1));
        assertEquals(Layer.attn(2, 1, 0), parse("in(4,5) -> attn(a=2,v=0)").layer(1));
        assertEquals(Layer.attn(1, 4, 0), parse("in(4,5) -> attn(heads=4,a=1)").layer(1));
    }

    @Test
    void addTakesOneOrMoreBranches() {
        assertEquals(Layer.add(List.of(List.of(Layer.dense(3)))), parse("in(4) -> add(dense(3))").layer(1));
        assertEquals(Layer.add(List.of(List.of(Layer.dense(3)), List.of(Layer.dense(2), Layer.dense(3)),
                List.of(Layer.dense(3, true)))),
                parse("in(4) -> add(dense(3) | dense(2) -> dense(3) | dense(3,bias))").layer(1));
    }

    @Test
    void nestedBlocks() {
        assertEquals(Layer.res(List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.dense(3))))),
                parse("in(3) -> res(mul(id | dense(3)))").layer(1));
        Architecture a = parse("in(2,6) -> res(add(attn(a=1) | mul(id | conv(2,k=3,pad=1)) -> res(pow(2))) -> relu)"
                + " -> dense(1)");
        Layer inner = Layer.add(List.of(List.of(Layer.attn(1, 1, 0)),
                List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.conv(2, Extent.of(3), Extent.of(1), Extent.of(1),
                        false))), Layer.res(List.of(Layer.pow(2))))));
        assertEquals(Layer.res(List.of(inner, Layer.activation(Activation.RELU))), a.layer(1));
        assertRoundTrip(a);
        // a chain inside a block continues after a nested block
        assertEquals(Layer.res(List.of(Layer.res(List.of(Layer.dense(4))), Layer.dense(4))),
                parse("in(4) -> res(res(dense(4)) -> dense(4))").layer(1));
    }

    @Test
    void whitespaceCaseAndArrows() {
        Architecture lora = parse("in(8) -> add(dense(8,frozen) | dense(2) -> dense(8))");
        assertEquals(lora, parse("  IN ( 8 )->ADD(Dense( 8 , FROZEN )|DENSE(2)\u2192dense (8)\t)  "));
        assertEquals(lora, parse("in(8)->add(dense(8,frozen)|dense(2)->dense(8))"));
        assertEquals(parse("in(4) -> res(mul(id | dense(4)))"), parse("in(4)->Res ( MUL(ID|dense(4)) )"));
        assertEquals(parse("in(4,5) -> attn(a=2,heads=3,v=2)"), parse("in(4,5) -> ATTN ( Heads = 3 , A=2 ,V = 2 )"));
        assertEquals(parse("in(3) -> dense(3) -> poly(1,-2,3) -> dense(1)"),
                parse("in(3) -> dense(3) -> POLY( 1 , -2,3 ) -> dense(1)"));
        assertEquals(parse("in(3) -> dense(3) -> pow(2) -> dense(1)"), parse("in(3)->dense(3)->Pow ( 2 )->dense(1)"));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void everyNewLayerRoundTripsFromTheModel() {
        List<Architecture> nets = List.of(
                Architecture.of(Shape.vector(3), List.of(Layer.dense(3), Layer.pow(4), Layer.dense(1))),
                Architecture.of(Shape.vector(3), List.of(Layer.dense(3), Layer.poly(List.of(-1L, 0L, 2L, 0L)),
                        Layer.dense(1))),
                Architecture.of(Shape.vector(3), List.of(Layer.dense(3), Layer.poly(List.of(Long.MIN_VALUE,
                        Long.MAX_VALUE)), Layer.dense(1))),
                Architecture.of(Shape.vector(3), List.of(Layer.id(), Layer.dense(2))),
                Architecture.of(Shape.vector(3), List.of(Layer.res(List.of(Layer.dense(2), Layer.dense(3, true))))),
                Architecture.of(Shape.vector(3), List.of(Layer.add(List.of(List.of(Layer.dense(2)))))),
                Architecture.of(Shape.vector(3), List.of(Layer.add(List.of(List.of(Layer.id()),
                        List.of(Layer.dense(3)), List.of(frozenDense(3, true), Layer.pow(2)))))),
                Architecture.of(Shape.vector(3), List.of(Layer.mul(List.of(Layer.dense(2)), List.of(Layer.dense(2),
                        Layer.activation(Activation.RELU))))),
                Architecture.of(Shape.signal(3, 4), List.of(Layer.attn(2, 1, 0))),
                Architecture.of(Shape.signal(3, 4), List.of(Layer.attn(2, 3, 0), Layer.attn(1, 1, 5))),
                Architecture.of(Shape.vector(3), List.of(frozenDense(3, false), Layer.dense(1))),
                Architecture.of(Shape.signal(1, 8), List.of(Layer.Conv.of(2, Extent.of(3), Extent.of(2), Extent.of(1),
                        true, true), Layer.dense(1))),
                Architecture.of(Shape.image(1, 4, 4), List.of(Layer.Conv.of(2, Extent.of(2, 3), Extent.of(1),
                        Extent.of(0), false, true), Layer.dense(1))));
        for (Architecture a : nets) {
            assertRoundTrip(a);
        }
    }

    /** Random nested graph architectures print a spec that parses back to an equal architecture. */
    @Test
    void randomGraphArchitecturesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int blocks = 0;
        for (int trial = 0; trial < 300; trial++) {
            Shape in = rnd.nextBoolean() ? Shape.vector(rnd.nextInt(1, 5)) : Shape.signal(rnd.nextInt(1, 4),
                    rnd.nextInt(2, 6));
            List<Layer> layers = new ArrayList<>(chain(rnd, in, 0));
            layers.add(Layer.dense(rnd.nextInt(1, 3)));
            Architecture a = Architecture.of(in, layers);
            blocks += a.isGraph() ? 1 : 0;
            assertRoundTrip(a);
        }
        assertTrue(blocks > 100, "too few graph architectures drawn: " + blocks);
    }

    /** A random shape-preserving chain on {@code in}. */
    private static List<Layer> chain(SplittableRandom rnd, Shape in, int depth) {
        List<Layer> out = new ArrayList<>();
        int n = rnd.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(depth >= 3 ? 5 : 9);
            out.add(switch (kind) {
                case 0 -> Layer.id();
                case 1 -> Layer.pow(rnd.nextInt(1, 4));
                case 2 -> Layer.poly(rnd.longs(rnd.nextInt(1, 4), -5, 6).boxed().toList());
                case 3 -> in.kind() == Shape.Kind.VECTOR ? Layer.Dense.of(in.size(), rnd.nextBoolean(), rnd.nextBoolean())
                        : Layer.Conv.of(in.channels(), Extent.of(3), Extent.of(1), Extent.of(1), rnd.nextBoolean(),
                                rnd.nextBoolean());
                case 4 -> in.kind() == Shape.Kind.SIGNAL ? Layer.attn(rnd.nextInt(1, 3), rnd.nextInt(1, 3),
                        rnd.nextBoolean() ? 0 : in.channels()) : Layer.activation(Activation.RELU);
                case 5 -> Layer.res(chain(rnd, in, depth + 1));
                case 6 -> {
                    List<List<Layer>> branches = new ArrayList<>();
                    for (int b = rnd.nextInt(1, 4); b > 0; b--) {
                        branches.add(chain(rnd, in, depth + 1));
                    }
                    yield Layer.add(branches);
                }
                default -> Layer.mul(chain(rnd, in, depth + 1), chain(rnd, in, depth + 1));
            });
        }
        return out;
    }

    // ------------------------------------------------------------------ parameter counts

    @Test
    void parameterAndFrozenCounts() {
        Architecture attn = parse("in(3,4) -> attn(a=2)");
        assertEquals(2 * 3 + 2 * 3 + 3 * 3, attn.parameterCount());
        assertEquals(0, attn.frozenCount());
        assertEquals(Shape.signal(3, 4), attn.outputShape());
        assertEquals(3 * 21, parse("in(3,4) -> attn(a=2,heads=3)").parameterCount());
        // v=2 on d=4: per head Q, K 2x4 and V 2x4
        Architecture multi = parse("in(4,5) -> attn(a=2,heads=3,v=2)");
        assertEquals(3 * (2 * 4 + 2 * 4 + 2 * 4), multi.parameterCount());
        assertEquals(Shape.signal(2, 5), multi.outputShape());
        assertEquals(21 + 21, parse("in(3,4) -> attn(a=2) -> attn(a=2)").parameterCount());

        Architecture lora = parse("in(8) -> add(dense(8,frozen) | dense(2) -> dense(8))");
        assertEquals(16 + 16, lora.parameterCount());
        assertEquals(64, lora.frozenCount());
        assertEquals(Shape.vector(8), lora.outputShape());
        Architecture frozenBias = parse("in(8) -> dense(3,bias,frozen) -> dense(1)");
        assertEquals(3, frozenBias.parameterCount());
        assertEquals(8 * 3 + 3, frozenBias.frozenCount());
        Architecture frozenConv = parse("in(2,9) -> conv(3,k=2,bias,frozen) -> dense(1)");
        assertEquals(3 * 8, frozenConv.parameterCount());
        assertEquals(3 * 2 * 2 + 3, frozenConv.frozenCount());

        assertEquals(16, parse("in(4) -> res(mul(id | dense(4)))").parameterCount());
        assertEquals(3 * 4 + 4 * 2, parse("in(3) -> dense(4) -> pow(2) -> dense(2)").parameterCount());
        // branches left to right: dense(1) on 4, dense(2) on 1, then mul's two dense(2) on 4
        assertEquals(4 + 2 + 8 + 8, parse("in(4) -> add(dense(1) -> dense(2) | mul(dense(2) | dense(2)))")
                .parameterCount());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void shapeErrorsOfBlocksNameTheirPosition() {
        assertError("in(4) -> res(dense(3))", "spec position 10: res block: output shape (3) differs from its input"
                + " shape (4)");
        assertError("in(1,6) -> res(conv(2,k=3))", "spec position 12: res block: output shape (2,4) differs from its"
                + " input shape (1,6)");
        assertError("in(4) -> add(dense(3) | dense(2))",
                "spec position 25: add branch 2: output shape (2) differs from branch 1's (3)");
        assertError("in(4) -> add(dense(3) | dense(3) | dense(2) -> dense(4))",
                "spec position 36: add branch 3: output shape (4) differs from branch 1's (3)");
        assertError("in(4) -> mul(dense(3) | id)", "spec position 25: mul branch 2: output shape (4) differs from"
                + " branch 1's (3)");
        // a block inside a branch is named with the branch
        assertError("in(4) -> add(id | res(dense(3)))",
                "spec position 19: add branch 2: res block: output shape (3) differs from its input shape (4)");
    }

    @Test
    void errorsOfLayersInsideBlocksNameTheNestedLayer() {
        assertError("in(4) -> res(dense(0))", "spec position 14: res block: dense layer 1: units (0) must be > 0");
        assertError("in(4) -> res(dense(4) -> pow(0))", "spec position 26: res block: pow layer 2: power (0) must be > 0");
        assertError("in(4) -> add(id | dense(4) -> conv(2,k=3))", "spec position 31: add branch 2: conv layer 2: input"
                + " must be a signal (C,L) or image (C,H,W), got vector (4) (use dense, or start from in(1,4))");
        assertError("in(4) -> mul(attn(a=2) | id)", "spec position 14: mul branch 1: attn layer 1: input must be a"
                + " signal in(d,t) (d features by t tokens), got vector (4)");
        assertError("in(1,6) -> res(mul(id | conv(1,k=9,pad=1)))", "spec position 25: mul branch 2: conv layer 1:"
                + " kernel (9) must be <= padded input length (8)");
        assertError("in(2,6) -> res(conv(2,k=3,pad=1) -> conv(2))",
                "spec position 37: res block: conv layer 2: kernel size k=... is required");
        assertError("in(2,6) -> add(attn(heads=2))", "spec position 16: add branch 1: attn layer 1: key size a=... is"
                + " required");
    }

    @Test
    void barOutsideAddAndMul() {
        assertError("in(4) | dense(2)", "spec position 7: '|' separates branches, only inside add(...) or mul(...)");
        assertError("in(4) -> dense(2) | dense(2)",
                "spec position 19: '|' separates branches, only inside add(...) or mul(...)");
        assertError("in(4) -> res(dense(4) | dense(4))",
                "spec position 23: '|' separates branches, only inside add(...) or mul(...); res holds one chain");
        assertError("in(4) -> add(res(dense(4) | id))",
                "spec position 27: '|' separates branches, only inside add(...) or mul(...); res holds one chain");
    }

    @Test
    void mulTakesExactlyTwoBranches() {
        assertError("in(4) -> mul(dense(2))", "spec position 10: mul takes exactly two branches (mul(A | B)), found 1");
        assertError("in(4) -> mul(dense(2) | dense(2) | dense(2))",
                "spec position 10: mul takes exactly two branches (mul(A | B)), found 3");
        assertError("in(4) -> res(mul(id))", "spec position 14: res block: mul takes exactly two branches (mul(A | B)),"
                + " found 1");
    }

    @Test
    void emptyChainsAndMissingParentheses() {
        assertError("in(4) -> add(dense(2) | )",
                "spec position 25: expected a layer in add branch 2 (use id for the identity), found ')'");
        assertError("in(4) -> add(| dense(2))",
                "spec position 14: expected a layer in add branch 1 (use id for the identity), found '|'");
        assertError("in(4) -> mul(id || dense(2))",
                "spec position 18: expected a layer in mul branch 2 (use id for the identity), found '|'");
        assertError("in(4) -> res()", "spec position 14: expected a layer in res block (use id for the identity),"
                + " found ')'");
        assertError("in(4) -> add(dense(2) | dense(2)",
                "spec position 33: expected '->', '|' or ')' in add branch 2, found end of input");
        assertError("in(4) -> res(dense(4)", "spec position 22: expected '->' or ')' in res block, found end of input");
        assertError("in(4) -> res(dense(4) dense(4))", "spec position 23: expected '->' or ')' in res block, found"
                + " 'dense'");
        assertError("in(4) -> res(res(dense(4)) -> dense(1)",
                "spec position 39: expected '->' or ')' in res block, found end of input");
        assertError("in(4) -> res dense(4)", "spec position 14: expected '(' after 'res', found 'dense'");
        assertError("in(4) -> res(dense(4) ->)", "spec position 25: expected a layer name (dense, conv, local, avgpool,"
                + " flatten, linear, relu, leakyrelu, tanh, sigmoid, pow, poly, id, res, add, mul, attn), found ')'");
        assertError("in(4) -> res(dense(4)))", "spec position 23: expected '->' between layers, found ')'");
        assertError("in(4) -> id() -> dense(1)", "spec position 12: expected '->' between layers, found '('");
    }

    @Test
    void powAndPolyErrors() {
        assertError("in(4) -> pow(0) -> dense(1)", "spec position 10: pow layer 1: power (0) must be > 0");
        assertError("in(4) -> dense(2) -> pow(-3)", "spec position 22: pow layer 2: power (-3) must be > 0");
        assertError("in(4) -> pow() -> dense(1)", "spec position 14: expected pow power (an integer), found ')'");
        assertError("in(4) -> pow -> dense(1)", "spec position 14: expected '(' after 'pow', found '-'");
        assertError("in(4) -> pow(2,3) -> dense(1)", "spec position 15: expected ')' after pow power, found ','");
        assertError("in(4) -> poly() -> dense(1)",
                "spec position 15: expected poly coefficient c0 (an integer; poly needs at least one), found ')'");
        assertError("in(4) -> poly(1,) -> dense(1)",
                "spec position 17: expected poly coefficient c1 (an integer), found ')'");
        assertError("in(4) -> poly(1 2) -> dense(1)",
                "spec position 17: expected ')' or ',' after poly coefficients, found '2'");
    }

    @Test
    void attnErrors() {
        assertError("in(4,3) -> attn(heads=2)", "spec position 12: attn layer 1: key size a=... is required");
        assertError("in(4,3) -> attn(a=2,a=3)", "spec position 21: duplicate attn argument 'a'");
        assertError("in(4,3) -> attn(a=2,heads=2,HEADS=2)", "spec position 29: duplicate attn argument 'heads'");
        assertError("in(4,3) -> attn(a=2,q=3)",
                "spec position 21: expected an attn argument (a=, heads= or v=), found 'q'");
        assertError("in(4,3) -> attn(2)", "spec position 17: expected an attn argument (a=, heads= or v=), found '2'");
        assertError("in(4,3) -> attn()", "spec position 17: expected an attn argument (a=, heads= or v=), found ')'");
        assertError("in(4,3) -> attn(a)", "spec position 18: expected '=' after 'a', found ')'");
        assertError("in(4,3) -> attn(a=2 heads=2)",
                "spec position 21: expected ')' or ',' after attn arguments, found 'heads'");
        assertError("in(4,3) -> attn", "spec position 16: expected '(' after 'attn', found end of input");
        assertError("in(4) -> attn(a=2)", "spec position 10: attn layer 1: input must be a signal in(d,t)"
                + " (d features by t tokens), got vector (4)");
        assertError("in(1,4,4) -> attn(a=2)", "spec position 14: attn layer 1: input must be a signal in(d,t)"
                + " (d features by t tokens), got image (1,4,4)");
        assertError("in(4) -> dense(6) -> attn(a=1)", "spec position 22: attn layer 2: input must be a signal in(d,t)"
                + " (d features by t tokens), got vector (6)");
        assertError("in(4,3) -> attn(a=0)", "spec position 12: attn layer 1: a (0) must be > 0");
        assertError("in(4,3) -> attn(a=2,heads=0)", "spec position 12: attn layer 1: heads (0) must be > 0");
        assertError("in(4,3) -> attn(a=2,v=-1)", "spec position 12: attn layer 1: v (-1) must be >= 0 (0 means d)");
    }

    @Test
    void frozenArgumentErrors() {
        assertError("in(6) -> dense(5,frozen,frozen)", "spec position 25: duplicate dense argument 'frozen'");
        assertError("in(6) -> dense(5,bias,frozen,bias)", "spec position 30: duplicate dense argument 'bias'");
        assertError("in(6) -> dense(5,freeze)",
                "spec position 18: expected 'bias' or 'frozen' after ',' in dense, found 'freeze'");
        assertError("in(2,9) -> conv(2,k=3,frozen,frozen) -> dense(1)",
                "spec position 30: duplicate conv argument 'frozen'");
        assertError("in(2,9) -> local(2,k=3,frozen) -> dense(1)", "spec position 24: expected a local argument (k=,"
                + " stride=, pad= or bias; local has no frozen form), found 'frozen'");
        // frozen weights are not parameters: a net of frozen layers only has none
        assertError("in(6) -> dense(5,frozen)",
                "architecture: needs at least one parameter layer (dense, conv, local or attn, not frozen)");
        assertError("in(6) -> res(id)",
                "architecture: needs at least one parameter layer (dense, conv, local or attn, not frozen)");
    }

    @Test
    void numbersOutOfRange() {
        assertError("in(4) -> pow(2147483648) -> dense(1)",
                "spec position 14: pow power (2147483648) is out of range (must be <= 2147483647)");
        assertError("in(4,3) -> attn(a=99999999999)",
                "spec position 19: attn a (99999999999) is out of range (must be <= 2147483647)");
        assertError("in(4,3) -> attn(a=1,heads=2147483648)",
                "spec position 27: attn heads (2147483648) is out of range (must be <= 2147483647)");
        assertError("in(4) -> res(dense(2147483648))",
                "spec position 20: dense units (2147483648) is out of range (must be <= 2147483647)");
        assertError("in(4) -> poly(1,9223372036854775808) -> dense(1)",
                "spec position 17: poly coefficient c1 (9223372036854775808) is out of range (must be <="
                        + " 9223372036854775807)");
        assertError("in(4) -> poly(-9223372036854775809) -> dense(1)",
                "spec position 15: poly coefficient c0 (-9223372036854775809) is out of range (must be >="
                        + " -9223372036854775808)");
        assertError("in(4) -> poly(0,0,123456789012345678901234567890) -> dense(1)",
                "spec position 19: poly coefficient c2 (123456789012345678901234567890) is out of range (must be <="
                        + " 9223372036854775807)");
    }

    @Test
    void nestingDepthIsLimited() {
        assertEquals(64, SpecParser.MAX_DEPTH);
        String ok = "in(4) -> dense(4) -> " + "res(".repeat(64) + "dense(4)" + ")".repeat(64);
        Architecture deep = parse(ok);
        assertRoundTrip(deep);
        assertEquals(2 * 16, deep.parameterCount());
        String mixed = "in(4) -> " + "add(id | mul(id | ".repeat(32) + "dense(4)" + "))".repeat(32);
        assertRoundTrip(parse(mixed));

        String tooDeep = "in(4) -> dense(4) -> " + "res(".repeat(65) + "dense(4)" + ")".repeat(65);
        int at = "in(4) -> dense(4) -> ".length() + 4 * 64 + 1;
        assertError(tooDeep, "spec position " + at + ": res nested too deep: res, add and mul blocks nest at most 64"
                + " deep");
        String tooDeepMixed = "in(4) -> " + "add(id | mul(id | ".repeat(32) + "res(dense(4))" + "))".repeat(32);
        assertError(tooDeepMixed, "spec position " + ("in(4) -> ".length() + 18 * 32 + 1) + ": res nested too deep:"
                + " res, add and mul blocks nest at most 64 deep");
        // far too deep: a clear message, not a StackOverflowError
        String hostile = "in(4) -> " + "mul(".repeat(100_000);
        assertError(hostile, "spec position " + ("in(4) -> ".length() + 4 * 64 + 1) + ": mul nested too deep: res, add"
                + " and mul blocks nest at most 64 deep");
    }

    @Test
    void newNamesAreReservedForTheParser() {
        for (String name : List.of("pow", "poly", "id", "res", "add", "mul", "attn", "frozen", "heads")) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> LayerRegistry.register(name, args -> null), name).getMessage();
            assertEquals("layer name (" + name + ") is built in and cannot be registered", msg);
        }
    }
}
