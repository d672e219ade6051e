package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cheap entrywise bounds must dominate the exact Hadamard bounds of the exact Hessians. */
class MinorBoundsTest {
    @ParameterizedTest
    @ValueSource(strings = {"in(4) -> dense(3) -> dense(2)", "in(3) -> dense(4,bias) -> relu -> dense(2,bias)",
        "in(1,6) -> conv(2,k=3) -> leakyrelu(1/10) -> dense(2)", "in(1,4,4) -> conv(2,k=2) -> avgpool(2) -> dense(2)",
        "in(5) -> dense(3) -> dense(3) -> dense(2)", "in(3,4) -> attn(a=2) -> attn(a=2)",
        "in(4) -> res(dense(4) -> relu -> dense(4)) -> dense(2)", "in(3) -> dense(3,bias) -> poly(1,-2,0,1) -> dense(2)",
        "in(4) -> res(mul(id | dense(4))) -> dense(2)", "in(6) -> add(dense(6,frozen) | dense(2) -> dense(6)) -> dense(2)",
        "in(1,6) -> conv(2,k=3) -> avgpool(2) -> res(conv(2,k=1) -> leakyrelu(1/3)) -> flatten -> dense(2)"})
    void boundsDominateExactHadamardBounds(String spec) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        for (long seed = 0; seed < 3; seed++) {
            Point point = Points.draw(net, PointOptions.defaults().withSamples(6).withSeed(seed));
            ExactHessians h = Hessians.exact(net, point);
            double[] bounds = Hessians.log2MinorBounds(net, point);
            IntegerMatrix[] parts = {h.o(), h.f(), h.l()};
            for (int k = 0; k < 3; k++) {
                double exact = parts[k].log2HadamardBound();
                assertTrue(bounds[k] >= exact, spec + " part " + k + ": bound " + bounds[k] + " < exact " + exact);
                assertTrue(bounds[k] <= 2 * exact + 64 * parts[k].rows(), spec + " part " + k + ": bound " + bounds[k]
                        + " is uselessly loose against " + exact);
            }
        }
    }
}
