package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter counts of docs/theorems.md reference architectures, shapes, validation and limits. */
class ArchitectureTest {

    private static int p(String spec) {
        return SpecParser.parse(spec).parameterCount();
    }

    @Test
    void fullyConnectedReferenceCounts() {
        assertEquals(18, p("in(4) -> dense(3) -> dense(2)"));
        assertEquals(23, p("in(4) -> dense(3,bias) -> dense(2,bias)"));
        assertEquals(62, p("in(6) -> dense(5) -> dense(4) -> dense(3)"));
        assertEquals(102, p("in(8) -> dense(6) -> dense(2) -> dense(7) -> dense(4)"));
        assertEquals(114, p("in(10) -> dense(6) -> dense(6) -> dense(3)"));
        assertEquals(80, p("in(5) -> dense(4) -> dense(4) -> dense(4) -> dense(4) -> dense(3)"));
        assertEquals(40, p("in(7) -> dense(5) -> dense(1)"));
        assertEquals(275, p("in(25) -> dense(5) -> dense(10) -> dense(10)"));
    }

    @Test
    void convolutionalReferenceCounts() {
        assertEquals(234, p("in(1,10) -> conv(6,k=3) -> conv(6,k=3) -> dense(3)"));
        int[] m = {4, 6, 8};
        int[] expected = {124, 222, 344};
        for (int i = 0; i < m.length; i++) {
            assertEquals(expected[i], p("in(1,12) -> conv(" + m[i] + ",k=3) -> conv(" + m[i] + ",k=3) -> dense(2)"));
        }
        // all-conv 1D, m0=1, k1=3, m=4, K=2, k2=3
        assertEquals(4 * 3 + 2 * 4 * 3, p("in(1,10) -> conv(4,k=3) -> conv(2,k=3)"));
        // conv 1->2, k=3 on d0=8, FC readout K=3: 6 + 3·2·6
        assertEquals(42, p("in(1,8) -> conv(2,k=3) -> dense(3)"));
        // LCN: local(2,k=3) on (3,12): 2·10·3·3 weights, then dense 2·20
        assertEquals(180 + 40, p("in(3,12) -> local(2,k=3) -> dense(2)"));
        assertEquals(180 + 20 + 40 + 2, p("in(3,12) -> local(2,k=3,bias) -> dense(2,bias)"));
    }

    @Test
    void shapesAfterEachLayer() {
        Architecture a = SpecParser.parse("in(2,9) -> conv(2,k=3,stride=2,pad=1,bias) -> relu -> dense(2,bias)");
        assertEquals(List.of(Shape.signal(2, 9), Shape.signal(2, 5), Shape.signal(2, 5), Shape.vector(2)), a.shapes());
        assertEquals(2 * 2 * 3 + 2 + 2 * 10 + 2, a.parameterCount());
        assertEquals(14, a.parameterOffset(2));
        assertEquals(14, a.parameterOffset(3));
        assertEquals(0, a.parameterCount(2));
        assertEquals(2, a.outputSize());
    }

    @Test
    void equalityIsByValue() {
        Architecture a = Architecture.of(Shape.image(1, 5, 5), List.of(Layer.conv(2, 3), Layer.dense(3)));
        assertEquals(a, SpecParser.parse("in(1,5,5) -> conv(2,k=3x3) -> dense(3)"));
        assertEquals(a.hashCode(), SpecParser.parse("in(1,5,5)->conv(2,k=3)->dense(3)").hashCode());
        assertNotEquals(a, SpecParser.parse("in(1,5,5) -> conv(2,k=3,bias) -> dense(3)"));
        assertEquals("in(1,5,5) -> conv(2,k=3) -> dense(3)", a.spec());
    }

    private static String message(Shape in, Layer... layers) {
        return assertThrows(IllegalArgumentException.class, () -> Architecture.of(in, List.of(layers))).getMessage();
    }

    @Test
    void validationMessagesNameLayerFieldAndValue() {
        assertEquals("conv layer 2: kernel (7) must be <= padded input length (5)",
                message(Shape.signal(1, 7), Layer.conv(1, 3), Layer.conv(1, 7)));
        assertEquals("conv layer 1: kernel height (6) must be <= padded input height (5)",
                message(Shape.image(1, 5, 5), Layer.conv(1, Extent.of(6, 1), Extent.of(1), Extent.of(0), false)));
        assertEquals("conv layer 1: kernel width (8) must be <= padded input width (7)",
                message(Shape.image(1, 5, 5), Layer.conv(1, Extent.of(1, 8), Extent.of(1), Extent.of(1), false)));
        assertTrue(message(Shape.vector(6), Layer.conv(1, 3)).startsWith("conv layer 1: input must be a signal"));
        assertEquals("conv layer 1: kernel (3x2) must be a single number on 1D input (1,9)",
                message(Shape.signal(1, 9), Layer.conv(1, Extent.of(3, 2), Extent.of(1), Extent.of(0), false)));
        assertEquals("local layer 1: kernel (13) must be <= padded input length (12)",
                message(Shape.signal(3, 12), Layer.local(2, 13)));
        assertTrue(message(Shape.image(1, 4, 4), Layer.local(2, 3)).startsWith("local layer 1: input must be a 1D signal"));
        assertEquals("avgpool layer 2: window (5) must be <= input length (4)",
                message(Shape.signal(1, 6), Layer.conv(1, 3), Layer.avgpool(5), Layer.dense(1)));
        assertEquals("avgpool layer 1: window (3) must be <= input height (2) and width (5)",
                message(Shape.image(1, 2, 5), Layer.avgpool(3), Layer.dense(1)));
        assertTrue(message(Shape.vector(4), Layer.avgpool(2), Layer.dense(1)).startsWith("avgpool layer 1: input"));
        assertTrue(message(Shape.vector(4), Layer.flatten(), Layer.activation(Activation.RELU))
                .contains("at least one parameter layer"));
        assertTrue(message(Shape.vector(4)).contains("at least one layer"));
    }

    @Test
    void layerConstructorsRejectBadFields() {
        assertEquals("dense layer: units (0) must be > 0",
                assertThrows(IllegalArgumentException.class, () -> Layer.dense(0)).getMessage());
        assertEquals("conv layer: stride (0) must be > 0", assertThrows(IllegalArgumentException.class,
                () -> Layer.conv(1, Extent.of(3), Extent.of(0), Extent.of(0), false)).getMessage());
        assertEquals("conv layer: pad (-1) must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> Layer.conv(1, Extent.of(3), Extent.of(1), Extent.of(-1), false)).getMessage());
        assertEquals("conv layer: kernel width (0) must be > 0", assertThrows(IllegalArgumentException.class,
                () -> Layer.conv(1, Extent.of(3, 0), Extent.of(1), Extent.of(0), false)).getMessage());
        assertEquals("local layer: stride (-2) must be > 0",
                assertThrows(IllegalArgumentException.class, () -> Layer.local(1, 3, -2, 0, false)).getMessage());
        assertEquals("avgpool layer: window (0) must be > 0",
                assertThrows(IllegalArgumentException.class, () -> Layer.avgpool(0)).getMessage());
        assertEquals("image height (0) must be > 0",
                assertThrows(IllegalArgumentException.class, () -> Shape.image(1, 0, 3)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Shape.image(100000, 100000, 100000))
                .getMessage().contains("overflows"));
    }

    @Test
    void noSizeLimitBeyondAnInt() {
        // issue #11: the parser and Architecture never refuse a net for its size (each Hessian path
        // refuses what it cannot build, with the estimate: hessian.LimitsTest, cli.MatrixFreePathTest)
        Architecture ok = SpecParser.parse("in(447) -> dense(447)");
        assertEquals(199_809, ok.parameterCount());
        assertEquals(200_704, SpecParser.parse("in(448) -> dense(448)").parameterCount());
        assertEquals(200_704, Architecture.of(Shape.vector(448), List.of(Layer.dense(448))).parameterCount());
        assertEquals(250_500, SpecParser.parse("in(1000) -> dense(250) -> dense(2)").parameterCount());
        // parameter counts beyond int are refused
        String big = assertThrows(IllegalArgumentException.class, () -> Architecture.of(Shape.vector(100_000),
                List.of(Layer.dense(100_000)))).getMessage();
        assertTrue(big.startsWith("dense layer 1: parameter count"), big);
    }

    @Test
    void layerMatrixChecksItsParameterVector() {
        Architecture a = SpecParser.parse("in(4) -> relu -> dense(3,bias)");
        assertThrows(IllegalArgumentException.class, () -> a.layerMatrix(2, new long[12]));
        assertThrows(IllegalArgumentException.class, () -> a.layerMatrix(1, new long[0]));
        assertEquals(3, a.layerMatrix(2, new long[15]).length);
        assertThrows(IndexOutOfBoundsException.class, () -> a.layerMatrix(3, new long[15]));
    }
}
