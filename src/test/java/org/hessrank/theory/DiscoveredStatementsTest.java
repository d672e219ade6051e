package org.hessrank.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.PointOptions;
import org.hessrank.net.Architecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The discovered statements on fresh random cases of their hypotheses (seeds other than the
 * searches'): each must apply and be tight, rank at two generic points (the larger).
 */
class DiscoveredStatementsTest {
    private static final int CASES = 8;

    private static Stream<DynamicTest> fresh(String name, long seed, Function<SplittableRandom, Architecture> draw,
            Function<Architecture, Integer> samples, Statement... statements) {
        SplittableRandom rng = new SplittableRandom(seed);
        return Stream.generate(() -> draw.apply(rng)).limit(CASES).map(a -> DynamicTest.dynamicTest(name + " "
                + a.spec(), () -> {
                    int n = samples.apply(a);
                    var points = Measure.points(a, PointOptions.defaults().withSamples(n), seed, 2);
                    PartRanks measured = Measure.max(points);
                    for (Statement s : statements) {
                        Instance i = points.get(0).instance();
                        assertTrue(s.appliesTo(i), s.id() + " must apply to " + a.spec() + " at N = " + n);
                        long got = s.target() == Part.O ? measured.o() : s.target() == Part.F ? measured.f() : measured.l();
                        assertEquals(s.predict(i).getAsLong(), got, s.id() + " on " + a.spec() + " at N = " + n);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> attention() {
        return fresh("ATT-F/L", 71, r -> {
            int d = 1 + r.nextInt(4);
            int a = 1 + r.nextInt(d);
            int t = 2 + r.nextInt(3);
            return Architecture.parse("in(" + d + "," + t + ") -> attn(a=" + a + ")");
        }, Architecture::parameterCount, DiscoveredStatements.ATT_F, DiscoveredStatements.ATT_L);
    }

    @TestFactory
    Stream<DynamicTest> squareMlp() {
        return fresh("PMLP-F", 72, r -> Architecture.parse("in(" + (1 + r.nextInt(4)) + ") -> dense(" + (1 + r.nextInt(4))
                + ") -> pow(2) -> dense(" + (1 + r.nextInt(3)) + ")"), Architecture::parameterCount,
                DiscoveredStatements.PMLP_F);
    }

    @TestFactory
    Stream<DynamicTest> residualBlock() {
        return fresh("RES-O/F/L", 73, r -> {
            int d = 1 + r.nextInt(4);
            return Architecture.parse("in(" + d + ") -> res(dense(" + (1 + r.nextInt(5)) + ") -> dense(" + d + "))");
        }, a -> a.input().size() + 3, DiscoveredStatements.RES_O, DiscoveredStatements.RES_F, DiscoveredStatements.RES_L);
    }
}
