package org.hessrank.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.api.Test;

/** Case lookup, the scaling fit, and one in-process measurement per method against FC-O/F/L. */
class ScaleBenchTest {
    @Test
    void casesByName() {
        assertEquals("in(64) -> dense(20) -> dense(20) -> dense(10)", ScaleBench.byName("fc-2k").orElseThrow().spec());
        ScaleBench.Case m7 = ScaleBench.byName("fc-M7").orElseThrow();
        assertArrayEquals(new int[] {128, 76, 200}, m7.formula());
        assertEquals(ScaleBench.series(new int[] {7}).get(0).spec(), m7.spec());
        assertTrue(ScaleBench.byName("fc-9k").isEmpty());
        assertEquals("8g", ScaleBench.heapFor("matrix-free", m7));
        assertEquals("16g", ScaleBench.heapFor("dense", m7));
    }

    /**
     * The graph cases of issue 12 parse, by name too, with the stated parameter counts (attention:
     * 2·(4·16·2 + 16·16) + 16·8·2 = 1,024; residual MLP: 32·48 + 4·48·48 + 48·4 = 10,944), N = 64,
     * range 16, no formula.
     */
    @Test
    void graphCasesParseWithTheirParameterCounts() {
        assertEquals(List.of("attn-1k", "resmlp-11k"), ScaleBench.GRAPHS.stream().map(ScaleBench.Case::name).toList());
        int[] expected = {1024, 10944};
        for (int i = 0; i < 2; i++) {
            ScaleBench.Case c = ScaleBench.GRAPHS.get(i);
            assertEquals(c, ScaleBench.byName(c.name()).orElseThrow());
            LoweredNetwork net = Architecture.parse(c.spec()).lower();
            assertEquals(expected[i], net.parameterCount(), c.name());
            assertFalse(net.isHomogeneousChain(), c.name());
            assertEquals(64, c.samples());
            assertEquals(16, c.range());
            assertArrayEquals(new int[] {-1, -1, -1}, c.formula());
        }
        assertEquals(PointOptions.DEFAULT_RANGE, ScaleBench.byName("fc-2k").orElseThrow().range());
    }

    /** A small attention net at range 16 by every method: the exact paths agree, and float64 matches them here. */
    @Test
    void everyMethodRunsOnASmallGraph() {
        List<Integer> first = null;
        for (String method : ScaleBench.METHODS) {
            ScaleBench.Measurement m = ScaleBench.measureOne("in(3,4) -> attn(a=2) -> dense(2)", method, 5, 16,
                    line -> { });
            List<Integer> ranks = List.of(m.rankO(), m.rankF(), m.rankL());
            if (first == null) {
                first = ranks;
            }
            assertEquals(first, ranks, method);
        }
    }

    @Test
    void exponentOfAPowerLaw() {
        List<ScaleBench.Run> runs = List.of(new ScaleBench.Run(100, 3.0, 1), new ScaleBench.Run(200, 24.0, 2),
                new ScaleBench.Run(400, 192.0, 4));
        assertEquals(3.0, ScaleBench.exponent(runs, ScaleBench.Run::seconds), 1e-12);
        assertEquals(1.0, ScaleBench.exponent(runs, ScaleBench.Run::peakGiB), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ScaleBench.exponent(runs.subList(0, 1),
                ScaleBench.Run::seconds));
    }

    /** in(4) -> dense(3) -> dense(2), N = 6: q = 2, ranks 8, 12, 16 (FC-O, FC-F, FC-L) by every method. */
    @Test
    void everyMethodMeasuresTheFormulas() {
        for (String method : ScaleBench.METHODS) {
            ScaleBench.Measurement m = ScaleBench.measureOne("in(4) -> dense(3) -> dense(2)", method, 6, line -> { });
            assertEquals(List.of(8, 12, 16), List.of(m.rankO(), m.rankF(), m.rankL()), method);
            assertTrue(m.line().matches("O=8 F=12 L=16 seconds=\\d+\\.\\d{3} peakGiB=(\\d+\\.\\d{3}|NaN)"
                    + " cpuSeconds=(\\d+\\.\\d{3}|NaN)"), m.line());
        }
    }
}
