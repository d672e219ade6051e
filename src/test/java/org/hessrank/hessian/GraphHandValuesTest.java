package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Shape;
import org.junit.jupiter.api.Test;

/** Graph Hessians against values worked out by hand. */
class GraphHandValuesTest {
    private static BigInteger[] ints(long... v) {
        BigInteger[] b = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = BigInteger.valueOf(v[i]);
        }
        return b;
    }

    private static IntegerMatrix column(long... v) {
        return IntegerMatrix.of(v.length, 1, ints(v));
    }

    /** F = (w·x)², one sample: H_L = 6w²x⁴ − 2x²y, H_O = 4w²x⁴, H_F = 2x²(w²x² − y). */
    @Test
    void squareOfALinearUnit() {
        LoweredNetwork net = Architecture.of(Shape.vector(1), List.of(Layer.dense(1), Layer.pow(2))).lower();
        long w = 3, x = -2, y = 5;
        ExactHessians h = Hessians.exact(net, Point.of(ints(w), column(x), column(y)));
        assertEquals(BigInteger.ONE, h.scale());
        assertEquals(BigInteger.valueOf(6 * w * w * x * x * x * x - 2 * x * x * y), h.l().get(0, 0));
        assertEquals(BigInteger.valueOf(4 * w * w * x * x * x * x), h.o().get(0, 0));
        assertEquals(BigInteger.valueOf(2 * x * x * (w * w * x * x - y)), h.f().get(0, 0));
    }

    /**
     * F = x·(u·x) + x = res(mul(id | dense(1))) on one input: ∂F/∂u = x², ∂²F/∂u² = 0, so
     * H_L = H_O = x⁴ and H_F = 0.
     */
    @Test
    void gatedResidualUnit() {
        LoweredNetwork net = Architecture.of(Shape.vector(1),
                List.of(Layer.res(List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.dense(1))))))).lower();
        long u = 2, x = 3, y = 1;
        ExactHessians h = Hessians.exact(net, Point.of(ints(u), column(x), column(y)));
        assertEquals(BigInteger.valueOf(x * x * x * x), h.o().get(0, 0));
        assertEquals(BigInteger.ZERO, h.f().get(0, 0));
        assertEquals(BigInteger.valueOf(u * x * x + x), Hessians.forward(net, Point.of(ints(u), column(x), column(y))).get(0, 0));
    }

    /**
     * F = (a·x)(b·x) = mul(dense(1) | dense(1)): ∇F = (b x², a x²), ∇²F = [[0, x²], [x², 0]];
     * with r = abx² − y: H_O = x⁴ [[b², ab], [ab, a²]], H_F = r x² [[0, 1], [1, 0]].
     */
    @Test
    void productOfTwoBranches() {
        LoweredNetwork net = Architecture.of(Shape.vector(1),
                List.of(Layer.mul(List.of(Layer.dense(1)), List.of(Layer.dense(1))))).lower();
        long a = 2, b = -3, x = 2, y = 7;
        ExactHessians h = Hessians.exact(net, Point.of(ints(a, b), column(x), column(y)));
        long r = a * b * x * x - y;
        long x4 = x * x * x * x;
        assertEquals(IntegerMatrix.of(2, 2, ints(b * b * x4, a * b * x4, a * b * x4, a * a * x4)), h.o());
        assertEquals(IntegerMatrix.of(2, 2, ints(0, r * x * x, r * x * x, 0)), h.f());
    }

    /**
     * One-token, one-feature attention with a = 1: F = (q x)(k x)(v x) = q k v x³. Gradient
     * x³(kv, qv, qk); Hessian x³ [[0, v, k], [v, 0, q], [k, q, 0]].
     */
    @Test
    void oneTokenAttention() {
        LoweredNetwork net = Architecture.of(Shape.signal(1, 1), List.of(Layer.attn(1, 1, 0))).lower();
        long q = 2, k = 3, v = -1, x = 2, y = 4;
        ExactHessians h = Hessians.exact(net, Point.of(ints(q, k, v), column(x), column(y)));
        long x3 = x * x * x;
        long r = q * k * v * x3 - y;
        long[] g = {k * v * x3, q * v * x3, q * k * x3};
        long[] o = new long[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[i * 3 + j] = g[i] * g[j];
            }
        }
        assertEquals(IntegerMatrix.of(3, 3, ints(o)), h.o());
        assertEquals(IntegerMatrix.of(3, 3, ints(0, r * x3 * v, r * x3 * k, r * x3 * v, 0, r * x3 * q, r * x3 * k,
                r * x3 * q, 0)), h.f());
    }

    /**
     * Degrees in (θ, φ, x): q, k, v of degree 2, scores 4, output 6 (then 7, 14, 21); pow
     * multiplies; res takes the larger side; a frozen layer counts like a trainable one.
     */
    @Test
    void degrees() {
        assertEquals(6, Architecture.parse("in(3,4) -> attn(a=2)").lower().degree());
        assertEquals(21, Architecture.parse("in(3,4) -> attn(a=2) -> attn(a=2)").lower().degree());
        assertEquals(6, Architecture.parse("in(2) -> dense(2) -> pow(3)").lower().degree());
        assertEquals(3, Architecture.parse("in(2) -> res(dense(2) -> dense(2))").lower().degree());
        assertEquals(3, Architecture.parse("in(2) -> dense(2) -> dense(2,frozen) -> relu").lower().degree());
    }

    /** A frozen layer is read from φ: F = w·(φ·x) for dense(1,frozen) -> dense(1). */
    @Test
    void frozenLayerReadsPhi() {
        LoweredNetwork net = Architecture.of(Shape.vector(1),
                List.of(Layer.Dense.of(1, false, true), Layer.dense(1))).lower();
        assertEquals(1, net.parameterCount());
        assertEquals(1, net.frozenCount());
        long w = 3, phi = -2, x = 5, y = 1;
        Point pt = Point.of(ints(w), ints(phi), column(x), column(y));
        assertEquals(BigInteger.valueOf(w * phi * x), Hessians.forward(net, pt).get(0, 0));
        ExactHessians h = Hessians.exact(net, pt);
        assertEquals(BigInteger.valueOf(phi * x * phi * x), h.o().get(0, 0));
        assertEquals(BigInteger.ZERO, h.f().get(0, 0));
    }
}
