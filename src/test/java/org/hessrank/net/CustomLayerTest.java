package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lowering of {@link CustomLayer}s: probing, coefficients, the fast path and its checks. */
class CustomLayerTest {
    /**
     * {@code y[o] = scale·Σ_i θ[o·n + i]·h[i]}: a dense layer with every coefficient {@code scale},
     * optionally giving its terms directly (with one bad index when {@code badTerm}).
     */
    record Scaled(int units, int scale, boolean fast, boolean badTerm) implements CustomLayer {
        @Override
        public String name() {
            return "scaled";
        }

        @Override
        public String spec() {
            return "scaled(" + units + ",s=" + scale + ")";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return Shape.vector(units);
        }

        @Override
        public long parameterCount(Shape in) {
            return (long) units * in.size();
        }

        @Override
        public long[] apply(Shape in, long[] w, long[] h) {
            long[] y = new long[units];
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < h.length; i++) {
                    y[o] += scale * w[o * h.length + i] * h[i];
                }
            }
            return y;
        }

        @Override
        public long[] transposeInput(Shape in, long[] w, long[] g) {
            int n = in.size();
            long[] r = new long[n];
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < n; i++) {
                    r[i] += scale * w[o * n + i] * g[o];
                }
            }
            return r;
        }

        @Override
        public long[] transposeParameters(Shape in, long[] h, long[] g) {
            long[] r = new long[units * h.length];
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < h.length; i++) {
                    r[o * h.length + i] = scale * h[i] * g[o];
                }
            }
            return r;
        }

        @Override
        public Optional<Terms> terms(Shape in) {
            if (!fast) {
                return Optional.empty();
            }
            int n = in.size();
            int count = units * n * scale;
            int[] out = new int[count];
            int[] inIdx = new int[count];
            int[] par = new int[count];
            int t = 0;
            for (int o = 0; o < units; o++) {
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < scale; s++) {
                        out[t] = o;
                        inIdx[t] = i;
                        par[t] = o * n + i;
                        t++;
                    }
                }
            }
            if (badTerm) {
                inIdx[count - 1] = n;
            }
            return Optional.of(new Terms(out, inIdx, par));
        }
    }

    @Test
    void coefficientsBecomeRepeatedTermsAndTheLayerMatrixIsExact() {
        for (boolean fast : new boolean[] {false, true}) {
            Architecture a = Architecture.of(Shape.vector(3), List.of(Layer.custom(new Scaled(2, 3, fast, false))));
            ParameterStage st = a.lowerLayer(1);
            assertEquals(2 * 3 * 3, st.termCount());
            assertEquals("scaled layer 1", st.name());
            long[] w = {1, 2, 3, 4, 5, 6};
            assertArrayEquals(new long[][] {{3, 6, 9}, {12, 15, 18}}, a.layerMatrix(1, w));
        }
    }

    @Test
    void badFastPathTermsAndZeroParameterLayersAreRefused() {
        Architecture a = Architecture.of(Shape.vector(3), List.of(Layer.custom(new Scaled(2, 1, true, true))));
        assertEquals("scaled layer 1: terms().in[5] (3) must be in [0, 3)",
                assertThrows(IllegalArgumentException.class, a::lower).getMessage());
        assertEquals("zero layer 1: parameter count (0) must be > 0", assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(Shape.vector(3), List.of(Layer.custom(new ZeroParameters())))).getMessage());
    }

    /** A layer with no parameters: refused (custom layers are parameter layers). */
    record ZeroParameters() implements CustomLayer {
        @Override
        public String name() {
            return "zero";
        }

        @Override
        public String spec() {
            return "zero";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return 0;
        }

        @Override
        public long[] apply(Shape in, long[] w, long[] h) {
            return new long[h.length];
        }

        @Override
        public long[] transposeInput(Shape in, long[] w, long[] g) {
            return new long[g.length];
        }

        @Override
        public long[] transposeParameters(Shape in, long[] h, long[] g) {
            return new long[0];
        }
    }

    @Test
    void equalityIsBySpecAndTheRegistryParsesArguments() {
        assertEquals(Layer.custom(new Scaled(2, 3, false, false)), Layer.custom(new Scaled(2, 3, true, false)));
        assertNotEquals(Layer.custom(new Scaled(2, 3, false, false)), Layer.custom(new Scaled(2, 2, false, false)));
        LayerRegistry.register("scaled", args -> new Scaled(args.positional(0, "units"), args.integer("s", 1), false,
                false));
        try {
            assertTrue(LayerRegistry.names().contains("scaled"));
            Architecture a = Architecture.parse("in(4) -> scaled(3,s=2) -> dense(1)");
            assertEquals("in(4) -> scaled(3,s=2) -> dense(1)", a.spec());
            assertEquals("in(4) -> scaled(3,s=1) -> dense(1)", Architecture.parse("in(4)->scaled(3)->dense(1)").spec());
            assertEquals("spec position 10: scaled layer 1: unknown arguments 5, bias (accepted: s)",
                    assertThrows(IllegalArgumentException.class,
                            () -> Architecture.parse("in(4) -> scaled(3,5,bias) -> dense(1)")).getMessage());
            assertEquals("spec position 10: scaled layer 1: units (positional argument 1) is required",
                    assertThrows(IllegalArgumentException.class,
                            () -> Architecture.parse("in(4) -> scaled(s=2) -> dense(1)")).getMessage());
            assertEquals("spec position 21: scaled layer 1: positional arguments must come before key=value arguments"
                    + " and flags", assertThrows(IllegalArgumentException.class,
                            () -> Architecture.parse("in(4) -> scaled(s=2,3) -> dense(1)")).getMessage());
        } finally {
            LayerRegistry.unregister("scaled");
        }
        assertTrue(!LayerRegistry.isRegistered("scaled"));
    }
}
