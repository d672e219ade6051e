package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.verify.Architectures;
import org.hessrank.verify.Case;
import org.hessrank.verify.Generator;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact Hessians of what the property generators of the computation-graph families draw
 * ({@link Architectures#graphs()}: residual, polynomial and gated MLPs, LoRA adapters, lightning
 * attention; ReLU masks, frozen weights φ, several heads, one token), against {@link GraphOracle},
 * at each case's own point (its N, data rank and targets).
 */
class GraphFamiliesOracleTest {
    static java.util.List<Generator> generators() {
        return Architectures.graphs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void exactHessiansOfEveryDrawMatchTheOracle(Generator family) {
        Generator g = family.maxParameters(30).maxChannels(4).maxInputSize(5).maxSamples(4);
        for (Case c : g.cases(13, 10)) {
            Architecture a = c.architecture();
            LoweredNetwork net = a.lower();
            Point pt = Points.draw(net, c.pointOptions(0));
            ExactHessians h = Hessians.exact(net, pt);
            assertEquals(BigInteger.ONE, h.scale(), c::toString);
            GraphOracle.Result ref = GraphOracle.of(a).hessians(pt);
            assertEquals(integers(ref.o()), h.o(), () -> c + ": H_O");
            assertEquals(integers(ref.f()), h.f(), () -> c + ": H_F");
            assertEquals(integers(ref.l()), h.l(), () -> c + ": H_L");
        }
    }

    private static IntegerMatrix integers(BigFraction[][] m) {
        BigInteger[][] out = new BigInteger[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new BigInteger[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                assertEquals(BigInteger.ONE, m[i][j].getDenominator(), "an integral oracle entry");
                out[i][j] = m[i][j].getNumerator();
            }
        }
        return IntegerMatrix.of(out);
    }
}
