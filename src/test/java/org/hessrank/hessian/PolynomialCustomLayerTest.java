package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hessrank.exact.FractionElimination;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.Architecture;
import org.hessrank.net.CustomLayer;
import org.hessrank.net.Layer;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Shape;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;

/**
 * Polynomial custom layers (monomials of any degree in parameters and inputs): exact Hessians
 * against an oracle that only evaluates the network (exact mixed derivatives of the loss by
 * Lagrange differentiation on an integer grid), against the built-in layers they imitate, and
 * their consistency check.
 */
class PolynomialCustomLayerTest {

    /** y_o = θ_o²·h_o + 3·θ_o·h_o² − θ_0·h_o on a vector of n entries (n parameters); degree 3. */
    record Cubic(int n, boolean wrongApply) implements CustomLayer {
        @Override
        public String name() {
            return "cubic";
        }

        @Override
        public String spec() {
            return "cubic";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return in.size();
        }

        @Override
        public long[] apply(Shape in, long[] theta, long[] h) {
            long[] y = new long[h.length];
            for (int o = 0; o < h.length; o++) {
                y[o] = theta[o] * theta[o] * h[o] + 3 * theta[o] * h[o] * h[o] - theta[0] * h[o] + (wrongApply ? 1 : 0);
            }
            return y;
        }

        @Override
        public Optional<List<Monomial>> monomials(Shape in) {
            List<Monomial> m = new ArrayList<>();
            for (int o = 0; o < in.size(); o++) {
                m.add(Monomial.of(o, 1, new int[] {o, o}, new int[] {o}));
                m.add(Monomial.of(o, 3, new int[] {o}, new int[] {o, o}));
                m.add(Monomial.of(o, -1, new int[] {0}, new int[] {o}));
            }
            return Optional.of(m);
        }
    }

    /** y = h ⊙ (W·h) as monomials: the built-in mul(id | dense(n)). */
    record Gate(int n) implements CustomLayer {
        @Override
        public String name() {
            return "gate";
        }

        @Override
        public String spec() {
            return "gate";
        }

        @Override
        public Shape outputShape(Shape in, int index) {
            return in;
        }

        @Override
        public long parameterCount(Shape in) {
            return (long) in.size() * in.size();
        }

        @Override
        public long[] apply(Shape in, long[] theta, long[] h) {
            int k = h.length;
            long[] y = new long[k];
            for (int o = 0; o < k; o++) {
                for (int i = 0; i < k; i++) {
                    y[o] += h[o] * theta[o * k + i] * h[i];
                }
            }
            return y;
        }

        @Override
        public Optional<List<Monomial>> monomials(Shape in) {
            int k = in.size();
            List<Monomial> m = new ArrayList<>();
            for (int o = 0; o < k; o++) {
                for (int i = 0; i < k; i++) {
                    m.add(Monomial.of(o, 1, new int[] {o * k + i}, new int[] {o, i}));
                }
            }
            return Optional.of(m);
        }
    }

    private static Point point(LoweredNetwork net, long seed) {
        return Points.draw(net, PointOptions.defaults().withSeed(seed).withSamples(2).withRange(3));
    }

    @Test
    void cubicLayerMatchesTheLossDifferentiatedOnAGrid() {
        Architecture a = Architecture.of(Shape.vector(2), List.of(Layer.dense(2), Layer.custom(new Cubic(2, false)),
                Layer.dense(1)));
        LoweredNetwork net = a.lower();
        assertEquals(4 + 2 + 2, net.parameterCount());
        Point pt = point(net, 11);
        ExactHessians h = Hessians.exact(net, pt);
        assertEquals(BigInteger.ONE, h.scale());
        int p = net.parameterCount();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                BigFraction want = mixedDerivative(net, pt, i, j, 7);
                assertEquals(want, new BigFraction(h.l().get(i, j)), "H_L[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void gateLayerEqualsTheBuiltInGatedBlock() {
        LoweredNetwork custom = Architecture.of(Shape.vector(3), List.of(Layer.custom(new Gate(3)), Layer.dense(2)))
                .lower();
        LoweredNetwork builtIn = Architecture.of(Shape.vector(3),
                List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.dense(3))), Layer.dense(2))).lower();
        Point pt = point(builtIn, 5);
        ExactHessians a = Hessians.exact(custom, pt);
        ExactHessians b = Hessians.exact(builtIn, pt);
        assertEquals(b.o(), a.o());
        assertEquals(b.f(), a.f());
        assertEquals(b.l(), a.l());
    }

    @Test
    void matrixFreeAndModularAgreeWithExact() {
        LoweredNetwork net = Architecture.of(Shape.vector(3), List.of(Layer.dense(3), Layer.custom(new Cubic(3, false)),
                Layer.dense(2))).lower();
        Point pt = point(net, 2);
        ExactHessians exact = Hessians.exact(net, pt);
        org.hessrank.exact.Modulus mod = org.hessrank.exact.Modulus.of(2_305_843_009_213_693_951L);
        ModularHessians modular = Hessians.modular(net, pt, mod);
        int p = net.parameterCount();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                assertEquals(exact.l().get(i, j).mod(BigInteger.valueOf(mod.value())).longValue(),
                        modular.part(Part.L).get(i, j), "H_L mod p [" + i + "][" + j + "]");
            }
        }
        var ranks = MatrixFreeRanks.compute(net, pt, org.hessrank.exact.Modulus.of(1_000_000_007L), 3, 8,
                Integer.MAX_VALUE, null);
        assertEquals(FractionElimination.rank(exact.o()), ranks.get(Part.O).rank().rank());
        assertEquals(FractionElimination.rank(exact.f()), ranks.get(Part.F).rank().rank());
        assertEquals(FractionElimination.rank(exact.l()), ranks.get(Part.L).rank().rank());
    }

    @Test
    void applyDisagreeingWithTheMonomialsIsRefused() {
        Architecture a = Architecture.of(Shape.vector(2), List.of(Layer.custom(new Cubic(2, true)), Layer.dense(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::lower);
        assertTrue(e.getMessage().startsWith("cubic layer 1: apply(θ, h) disagrees with monomials(): output 0 is "),
                e.getMessage());
    }

    /**
     * ∂²L/∂θ_a∂θ_b at the point, L = ½Σ||F − y||², from L on the grid θ + s·e_a + u·e_b,
     * s, u ∈ [−m, m]: exact for a loss of degree ≤ 2m along each axis (Lagrange weights).
     */
    private static BigFraction mixedDerivative(LoweredNetwork net, Point pt, int a, int b, int m) {
        BigFraction[] w = derivativeWeights(m);
        BigFraction sum = BigFraction.ZERO;
        for (int s = -m; s <= m; s++) {
            for (int u = -m; u <= m; u++) {
                if (a == b && u != 0) {
                    continue;
                }
                BigInteger[] theta = pt.theta();
                theta[a] = theta[a].add(BigInteger.valueOf(s));
                theta[b] = theta[b].add(BigInteger.valueOf(u));
                BigFraction loss = loss(net, pt.withTheta(theta));
                sum = sum.add(a == b ? secondWeights(m)[s + m].multiply(loss) : w[s + m].multiply(w[u + m]).multiply(loss));
            }
        }
        return sum;
    }

    private static BigFraction loss(LoweredNetwork net, Point pt) {
        IntegerMatrix f = Hessians.forward(net, pt);
        BigFraction l = BigFraction.ZERO;
        for (int i = 0; i < f.rows(); i++) {
            for (int c = 0; c < f.cols(); c++) {
                BigInteger r = f.get(i, c).subtract(pt.targets().get(i, c));
                l = l.add(new BigFraction(r.multiply(r)));
            }
        }
        return l.divide(2);
    }

    /** Weights of q'(0) from q(−m..m) for polynomials of degree ≤ 2m: the derivative of the Lagrange basis. */
    private static BigFraction[] derivativeWeights(int m) {
        return lagrangeDerivative(m, 1);
    }

    private static BigFraction[] secondWeights(int m) {
        return lagrangeDerivative(m, 2);
    }

    /** Weights of q^(order)(0) from the values q(−m..m): the coefficients of the Lagrange basis polynomials. */
    private static BigFraction[] lagrangeDerivative(int m, int order) {
        int n = 2 * m + 1;
        BigFraction[] w = new BigFraction[n];
        for (int j = 0; j < n; j++) {
            // basis polynomial ℓ_j(x) = Π_{k≠j} (x − x_k)/(x_j − x_k), as coefficients
            BigFraction[] poly = {BigFraction.ONE};
            BigFraction den = BigFraction.ONE;
            for (int k = 0; k < n; k++) {
                if (k == j) {
                    continue;
                }
                BigFraction[] next = new BigFraction[poly.length + 1];
                java.util.Arrays.fill(next, BigFraction.ZERO);
                for (int e = 0; e < poly.length; e++) {
                    next[e + 1] = next[e + 1].add(poly[e]);
                    next[e] = next[e].subtract(poly[e].multiply(k - m));
                }
                poly = next;
                den = den.multiply(j - k);
            }
            BigFraction coefficient = poly[order].divide(den);
            w[j] = order == 2 ? coefficient.multiply(2) : coefficient;
        }
        return w;
    }
}
