package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hessrank.exact.Bareiss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference ranks of docs/theorems.md's fully connected table (taken from the table, not from this
 * code), as the maximum of the Bareiss ranks over three seeded points with entries in [−2^10, 2^10].
 */
class ReferenceRankTest {
    @ParameterizedTest(name = "d={0} hidden={1} K={2} N={3} bias={4}")
    @CsvSource({
        "4, 3,   2, 6,  false, 18, 8,  12, 16",
        "4, 3,   2, 6,  true,  23, 10, 12, 20",
        "6, 5 4, 3, 10, false, 62, 18, 45, 54",
        "7, 5,   1, 7,  false, 40, 7,  10, 16",
    })
    void fullyConnectedTable(int d, String hidden, int k, int n, boolean bias, int p, int rankO, int rankF,
            int rankL) {
        int[] widths = java.util.Arrays.stream(hidden.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
        TestNets.Net net = TestNets.fc(d, widths, k, bias);
        assertEquals(p, net.lowered.parameterCount());
        int[] best = new int[3];
        for (long seed = 1; seed <= 3; seed++) {
            Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(seed).withSamples(n).withRange(1 << 10));
            ExactHessians h = Hessians.exact(net.lowered, point);
            best[0] = Math.max(best[0], Bareiss.engine().rank(h.o()).rank());
            best[1] = Math.max(best[1], Bareiss.engine().rank(h.f()).rank());
            best[2] = Math.max(best[2], Bareiss.engine().rank(h.l()).rank());
        }
        assertEquals(rankO, best[0], "rank H_O");
        assertEquals(rankF, best[1], "rank H_F");
        assertEquals(rankL, best[2], "rank H_L");
    }
}
