package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.hessrank.exact.IntegerMatrix;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builders against an independent exact reference: F is affine in each parameter stage's
 * parameters separately (masks fixed), so with step 1 the first difference F(θ + e_k) − F(θ) is
 * ∂F/∂θ_k exactly, and for parameters a, b of different stages the mixed second difference is
 * ∂²F/∂θ_a∂θ_b exactly (0 within a stage). The reference forward pass is TestNets' dense BigFraction
 * one. Masks must not flip under the unit steps: checked, not assumed.
 */
class ExactReferenceTest {
    static List<TestNets.Net> nets() {
        return TestNets.zoo();
    }

    @ParameterizedTest
    @MethodSource("nets")
    void jacobianOuterAndFunctionalMatchFiniteDifferences(TestNets.Net net) {
        Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(11).withSamples(4));
        int p = net.lowered.parameterCount();
        int n = point.samples();
        int k = net.lowered.outputSize();
        BigInteger c = Hessians.scale(net.lowered, point);
        BigInteger[] theta = point.theta();
        BigInteger[][] x = new BigInteger[n][];
        TestNets.Ref[] base = new TestNets.Ref[n];
        for (int i = 0; i < n; i++) {
            x[i] = TestNets.row(point.inputs(), i);
            base[i] = TestNets.forward(net.layers, theta, x[i]);
        }
        // first differences
        TestNets.Ref[][] step = new TestNets.Ref[p][n];
        BigInteger[] cj = new BigInteger[n * k * p];
        for (int a = 0; a < p; a++) {
            BigInteger[] t = theta.clone();
            t[a] = t[a].add(BigInteger.ONE);
            for (int i = 0; i < n; i++) {
                step[a][i] = TestNets.forward(net.layers, t, x[i]);
                assertEquals(base[i].signs(), step[a][i].signs(), "mask flipped; choose another seed");
                for (int cc = 0; cc < k; cc++) {
                    BigFraction d = step[a][i].out()[cc].subtract(base[i].out()[cc]).multiply(c);
                    assertEquals(BigInteger.ONE, d.getDenominator(), "c·J must be integral");
                    cj[(i * k + cc) * p + a] = d.getNumerator();
                }
            }
        }
        IntegerMatrix jRef = IntegerMatrix.of(n * k, p, cj);
        assertEquals(jRef, Hessians.jacobian(net.lowered, point), net.name);
        ExactHessians h = Hessians.exact(net.lowered, point);
        assertEquals(jRef.transpose().multiply(jRef), h.o(), net.name + ": H_O");

        // mixed second differences for H_F
        int[] stageOf = parameterStageOf(net.layers, p);
        BigFraction yScale = new BigFraction(BigInteger.ONE, point.targetDenominator());
        BigInteger c2 = c.multiply(c);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                BigFraction expected = BigFraction.ZERO;
                if (stageOf[a] != stageOf[b]) {
                    BigInteger[] t = theta.clone();
                    t[a] = t[a].add(BigInteger.ONE);
                    t[b] = t[b].add(BigInteger.ONE);
                    for (int i = 0; i < n; i++) {
                        TestNets.Ref both = TestNets.forward(net.layers, t, x[i]);
                        assertEquals(base[i].signs(), both.signs(), "mask flipped; choose another seed");
                        for (int cc = 0; cc < k; cc++) {
                            BigFraction second = both.out()[cc].subtract(step[a][i].out()[cc])
                                    .subtract(step[b][i].out()[cc]).add(base[i].out()[cc]);
                            BigFraction residual = base[i].out()[cc]
                                    .subtract(yScale.multiply(point.targets().get(i, cc)));
                            expected = expected.add(residual.multiply(second));
                        }
                    }
                }
                assertEquals(expected.multiply(c2), new BigFraction(h.f().get(a, b)),
                        net.name + ": H_F(" + a + ", " + b + ")");
            }
        }
    }

    /** Index of the dense layer owning each parameter, from the layer list. */
    static int[] parameterStageOf(List<TestNets.Layer> layers, int p) {
        List<Integer> owner = new ArrayList<>();
        int index = 0;
        for (TestNets.Layer layer : layers) {
            if (layer instanceof TestNets.Dense d) {
                int count = d.in() * d.out() + (d.bias() ? d.out() : 0);
                for (int j = 0; j < count; j++) {
                    owner.add(index);
                }
                index++;
            }
        }
        assertEquals(p, owner.size());
        return owner.stream().mapToInt(Integer::intValue).toArray();
    }
}
