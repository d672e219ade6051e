package org.hessrank.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
            assertTrue(m.line().matches("O=8 F=12 L=16 seconds=\\d+\\.\\d{3} peakGiB=(\\d+\\.\\d{3}|NaN)"), m.line());
        }
    }
}
