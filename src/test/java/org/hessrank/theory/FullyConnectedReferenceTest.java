package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalLong;
import org.hessrank.net.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/theorems.md's fully connected reference table: the catalogue's formulas, evaluated at the
 * generic instance of each row, give the listed p, H_O, H_F and H_L (numbers typed from
 * docs/theorems.md; "N ≥ n" rows are evaluated at N = n and N = n + 5).
 */
class FullyConnectedReferenceTest {
    static Architecture fc(int d, String hidden, int k, boolean bias) {
        StringBuilder spec = new StringBuilder("in(" + d + ")");
        for (String w : hidden.trim().split(" ")) {
            spec.append(" -> dense(").append(w).append(bias ? ",bias)" : ")");
        }
        spec.append(" -> dense(").append(k).append(bias ? ",bias)" : ")");
        return Architecture.parse(spec.toString());
    }

    static long value(Statement s, Instance i) {
        OptionalLong v = s.predict(i);
        assertTrue(v.isPresent(), s.id() + " must apply to " + i.architecture());
        return v.getAsLong();
    }

    @ParameterizedTest(name = "d={0} hidden=[{1}] K={2} N={3}{4} bias={5}")
    @CsvSource({
        "4,  3,       2,  6,  '',  false, 18,  8,   12,  16",
        "4,  3,       2,  6,  '',  true,  23,  10,  12,  20",
        "6,  5 4,     3,  10, '',  false, 62,  18,  45,  54",
        "8,  6 2 7,   4,  8,  '+', false, 102, 20,  60,  68",
        "10, 6 6,     3,  5,  '',  false, 114, 15,  63,  69",
        "5,  4 4 4 4, 3,  5,  '+', false, 80,  15,  69,  75",
        "7,  5,       1,  7,  '+', false, 40,  7,   10,  16",
        "25, 5 10,    10, 50, '',  false, 275, 150, 175, 250",
    })
    void table(int d, String hidden, int k, int n, String orMore, boolean bias, int p, long o, long f, long l) {
        Architecture a = fc(d, hidden, k, bias);
        assertEquals(p, a.parameterCount(), "p");
        int[] ns = orMore.isEmpty() ? new int[] {n} : new int[] {n, n + 5};
        for (int samples : ns) {
            Instance i = Instance.generic(a, samples);
            PartRanks measured = PartRanks.of(o, f, l);
            if (!bias) {
                assertEquals(Families.Structure.FC_LINEAR, Families.detect(a));
                assertEquals(o, value(FullyConnectedStatements.FC_O, i), "FC-O");
                assertEquals(f, value(FullyConnectedStatements.FC_F, i), "FC-F (attained)");
                assertEquals(l, value(FullyConnectedStatements.FC_L, i), "FC-L (attained)");
                assertEquals(l, value(FullyConnectedStatements.FC_DEF, i), "FC-DEF");
                assertEquals(l, FullyConnectedStatements.FC_SUM.predict(i, measured).getAsLong(), "FC-SUM");
                assertFalse(FullyConnectedStatements.FC_SUM.predict(i).isPresent(), "FC-SUM is relational");
                assertFalse(FullyConnectedStatements.FC_RES.appliesTo(i), "FC-RES needs s0 < min(r, K)");
                if (hidden.trim().indexOf(' ') < 0) {
                    assertEquals(f, value(FullyConnectedStatements.FC_1H, i), "FC-1H at rank Ω = min(r, K)");
                } else {
                    assertFalse(FullyConnectedStatements.FC_1H.appliesTo(i), "FC-1H needs L = 2");
                }
                for (Statement s : Arrays.asList(FullyConnectedStatements.FCB_O, FullyConnectedStatements.FCB_F,
                        FullyConnectedStatements.FCB_L)) {
                    assertFalse(s.appliesTo(i), s.id() + " needs biases");
                }
            } else {
                assertEquals(Families.Structure.FC_LINEAR_BIAS, Families.detect(a));
                assertEquals(o, value(FullyConnectedStatements.FCB_O, i), "FCB-O");
                assertEquals(f, value(FullyConnectedStatements.FCB_F, i), "FCB-F");
                assertEquals(l, FullyConnectedStatements.FCB_L.predict(i, measured).getAsLong(), "FCB-L");
                assertFalse(FullyConnectedStatements.FC_O.appliesTo(i), "FC-O refuses biases");
            }
        }
    }
}
