package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Extent;
import org.hessrank.net.Layer;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.Shape;
import org.hipparchus.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact and modular Hessians of graph networks (res, add, mul, pow, poly, attn, frozen
 * layers) against {@link GraphOracle}, which interprets the layers directly in hyper-dual
 * arithmetic over ℚ; the oracle itself against hand-worked Hessians, identities between
 * equivalent specs, float64 central differences of its own gradient, and the engine on the
 * linear layers (dense, conv, local, avgpool, relu, leaky relu chains).
 *
 * <p>Every random case is seeded: the seed draws the architecture (a family generator) and the
 * point. A failure names the family, the spec and the seed. Tests print nothing.
 */
class GraphOracleTest {
    /** 2^61 − 1, a Mersenne prime. */
    private static final Modulus PRIME = Modulus.of((1L << 61) - 1);
    private static final int MAX_P = 40;
    private static final long RANGE = 3;

    private static final Layer RELU = Layer.activation(Activation.RELU);
    private static final Layer LEAKY = Layer.activation(Activation.leakyRelu(1, 10));

    // ================================================================== hand-worked references

    private static final Architecture SQUARE = arch(Shape.vector(1), Layer.dense(1), Layer.pow(2));

    /** F = w²x², H_O = 4w²x⁴, H_F = (w²x² − y)·2x², H_L = 6w²x⁴ − 2x²y. */
    @Test
    void squareOfDenseByHand() {
        for (long[] wxy : new long[][] {{-3, 2, 5}, {2, -1, -7}, {1, 3, 0}}) {
            long w = wxy[0], x = wxy[1], y = wxy[2];
            GraphOracle.Result r = GraphOracle.of(SQUARE).hessians(point(new long[] {w}, new long[0], new long[][] {{x}},
                    new long[][] {{y}}));
            assertEquals(frac(w * w * x * x), r.outputs()[0][0]);
            assertEquals(frac(4 * w * w * x * x * x * x), r.o()[0][0]);
            assertEquals(frac(2 * w * w * x * x * x * x - 2 * x * x * y), r.f()[0][0]);
            assertEquals(frac(6 * w * w * x * x * x * x - 2 * x * x * y), r.l()[0][0]);
        }
    }

    @Test
    void engineSquareOfDenseByHand() {
        long w = -3, x = 2, y = 5;
        ExactHessians h = Hessians.exact(SQUARE.lower(), point(new long[] {w}, new long[0], new long[][] {{x}},
                new long[][] {{y}}));
        assertEquals(BigInteger.ONE, h.scale());
        assertEquals(BigInteger.valueOf(4 * w * w * x * x * x * x), h.o().get(0, 0));
        assertEquals(BigInteger.valueOf(2 * w * w * x * x * x * x - 2 * x * x * y), h.f().get(0, 0));
        assertEquals(BigInteger.valueOf(6 * w * w * x * x * x * x - 2 * x * x * y), h.l().get(0, 0));
    }

    /**
     * in(1,1) → attn(a=1): F = QKV·x³; ∇F = x³·(KV, QV, QK); ∇²F = x³·[[0,V,K],[V,0,Q],[K,Q,0]].
     */
    @Test
    void attentionOnOneTokenByHand() {
        Architecture a = arch(Shape.signal(1, 1), Layer.attn(1, 1, 0));
        long q = 2, k = -3, v = 5, x = -2, y = 7;
        GraphOracle.Result r = GraphOracle.of(a).hessians(point(new long[] {q, k, v}, new long[0],
                new long[][] {{x}}, new long[][] {{y}}));
        long x3 = x * x * x;
        long f = q * k * v * x3;
        assertEquals(frac(f), r.outputs()[0][0]);
        long[] g = {k * v * x3, q * v * x3, q * k * x3};
        long[][] second = {{0, v * x3, k * x3}, {v * x3, 0, q * x3}, {k * x3, q * x3, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(frac(g[i] * g[j]), r.o()[i][j], "H_O(" + i + "," + j + ")");
                assertEquals(frac((f - y) * second[i][j]), r.f()[i][j], "H_F(" + i + "," + j + ")");
            }
        }
    }

    /**
     * Attention written as matrices, in plain long arithmetic: with X the d × t input (entry
     * (c, j) at c·t + j), each head adds V·X·Sᵀ with S = Xᵀ·Qᵀ·K·X (S[i][j] = ⟨Q x_i, K x_j⟩).
     */
    @Test
    void attentionIsSumOverHeadsOfVXSTransposed() {
        int d = 2, t = 3, a = 2, e = 3, heads = 2;
        Architecture arch = arch(Shape.signal(d, t), Layer.attn(a, heads, e));
        SplittableRandom rng = new SplittableRandom(17);
        long[] theta = new long[arch.parameterCount()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = between(rng, -3, 3);
        }
        long[][] x = new long[d][t];
        long[] flat = new long[d * t];
        for (int c = 0; c < d; c++) {
            for (int j = 0; j < t; j++) {
                x[c][j] = between(rng, -3, 3);
                flat[c * t + j] = x[c][j];
            }
        }
        long[][] out = new long[e][t];
        int off = 0;
        for (int h = 0; h < heads; h++) {
            long[][] q = matrix(theta, off, a, d);
            long[][] k = matrix(theta, off + a * d, a, d);
            long[][] v = matrix(theta, off + 2 * a * d, e, d);
            off += 2 * a * d + e * d;
            long[][] xt = transpose(x);
            long[][] s = times(times(xt, transpose(q)), times(k, x));
            long[][] head = times(times(v, x), transpose(s));
            for (int r = 0; r < e; r++) {
                for (int i = 0; i < t; i++) {
                    out[r][i] += head[r][i];
                }
            }
        }
        assertEquals(arch.parameterCount(), off);
        GraphOracle.FirstOrder fo = GraphOracle.of(arch).firstOrder(GraphOracle.fractions(big(theta)),
                new BigFraction[0], GraphOracle.fractions(big(flat)));
        for (int r = 0; r < e; r++) {
            for (int i = 0; i < t; i++) {
                assertEquals(frac(out[r][i]), fo.outputs()[r * t + i], "output (" + r + "," + i + ")");
            }
        }
    }

    /** φ is read in the order of the frozen layers, each weights then bias: F = φ1·θ·φ0·x + φ2. */
    @Test
    void frozenWeightsAreReadInLayerOrder() {
        Architecture a = arch(Shape.vector(1), Layer.Dense.of(1, false, true), Layer.dense(1),
                Layer.Dense.of(1, true, true));
        long th = 3, p0 = -2, p1 = 5, p2 = 7, x = 2, y = 1;
        GraphOracle.Result r = GraphOracle.of(a).hessians(point(new long[] {th}, new long[] {p0, p1, p2},
                new long[][] {{x}}, new long[][] {{y}}));
        assertEquals(frac(p1 * th * p0 * x + p2), r.outputs()[0][0]);
        assertEquals(frac(p1 * p0 * x * p1 * p0 * x), r.o()[0][0]);
        assertEquals(BigFraction.ZERO, r.f()[0][0]);
    }

    @Test
    void parameterFreeNetworksAreRefused() {
        String message = "architecture: needs at least one parameter layer (dense, conv, local or attn, not frozen)";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.of(Shape.vector(1), List.of(Layer.pow(2))));
        assertEquals(message, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(Shape.vector(1),
                List.of(Layer.Dense.of(1, false, true), Layer.pow(2))));
        assertEquals(message, e.getMessage());
    }

    /**
     * res(B) = h + B(h): with the same θ, its parameter Jacobian is B's (the skip has no
     * parameters), F_res = x + F_B, and its input Jacobian is I + ∂B/∂x (here I + W).
     */
    @Test
    void residualBlockAddsTheIdentityOnItsInput() {
        int n = 3;
        Architecture res = arch(Shape.vector(n), Layer.res(List.of(Layer.dense(n, true))));
        Architecture dense = arch(Shape.vector(n), Layer.dense(n, true));
        SplittableRandom rng = new SplittableRandom(5);
        BigFraction[] theta = randomFractions(rng, dense.parameterCount());
        BigFraction[] x = randomFractions(rng, n);
        BigFraction[] none = new BigFraction[0];
        GraphOracle.FirstOrder r = GraphOracle.of(res).firstOrder(theta, none, x);
        GraphOracle.FirstOrder d = GraphOracle.of(dense).firstOrder(theta, none, x);
        BigFraction[][] rx = GraphOracle.of(res).inputJacobian(theta, none, x);
        BigFraction[][] dx = GraphOracle.of(dense).inputJacobian(theta, none, x);
        for (int o = 0; o < n; o++) {
            assertEquals(x[o].add(d.outputs()[o]), r.outputs()[o], "F_res = x + F_dense at " + o);
            assertArrayEquals(d.jacobian()[o], r.jacobian()[o], "J_res = J_dense, row " + o);
            for (int i = 0; i < n; i++) {
                assertEquals(theta[o * n + i], dx[o][i], "dF_dense/dx = W at " + o + "," + i);
                assertEquals(dx[o][i].add(o == i ? BigFraction.ONE : BigFraction.ZERO), rx[o][i],
                        "dF_res/dx = I + W at " + o + "," + i);
            }
        }
    }

    @Test
    void engineResidualJacobianIsTheBlocks() {
        int n = 3;
        Architecture res = arch(Shape.vector(n), Layer.res(List.of(Layer.dense(n, true))));
        Architecture dense = arch(Shape.vector(n), Layer.dense(n, true));
        Point point = Points.draw(dense.lower(), options(7, 2));
        IntegerMatrix jRes = Hessians.jacobian(res.lower(), point);
        assertEquals(Hessians.jacobian(dense.lower(), point), jRes);
        IntegerMatrix fDense = Hessians.forward(dense.lower(), point);
        assertEquals(point.inputs().add(fDense), Hessians.forward(res.lower(), point));
        GraphOracle oracle = GraphOracle.of(res);
        for (int s = 0; s < point.samples(); s++) {
            GraphOracle.FirstOrder fo = oracle.firstOrder(GraphOracle.fractions(point.theta()), new BigFraction[0],
                    GraphOracle.rows(point.inputs(), BigInteger.ONE)[s]);
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < res.parameterCount(); i++) {
                    assertEquals(fo.jacobian()[c][i], new BigFraction(jRes.get(s * n + c, i)),
                            "J(" + (s * n + c) + "," + i + ")");
                }
            }
        }
    }

    /** add(CHAIN) with one branch is the chain: same Hessians from the engine, and the oracle's. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void oneBranchAddHasTheChainsHessians(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Architecture chain = linearChain(rng);
        Architecture add = Architecture.of(chain.input(), List.of(Layer.add(List.of(chain.layers()))));
        String where = "spec " + add.spec() + ", seed " + seed;
        try {
            Point point = Points.draw(chain.lower(), options(seed, 2));
            ExactHessians hChain = Hessians.exact(chain.lower(), point);
            ExactHessians hAdd = Hessians.exact(add.lower(), point);
            assertEquals(hChain.scale(), hAdd.scale(), where + ": scale");
            assertEquals(hChain.o(), hAdd.o(), where + ": H_O");
            assertEquals(hChain.f(), hAdd.f(), where + ": H_F");
            assertEquals(hChain.l(), hAdd.l(), where + ": H_L");
            assertEqualsOracle(where, GraphOracle.of(add).hessians(point), hAdd);
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e, e);
        }
    }

    // ================================================================== the oracle on its own

    /** Specs that compute the same function of the same parameters have the same parts. */
    @Test
    void oracleAgreesAcrossEquivalentSpecs() {
        Shape in = Shape.vector(2);
        Layer d = Layer.dense(2, true);
        Layer out = Layer.dense(1);
        List<Layer[]> pairs = List.of(
                new Layer[] {Layer.mul(List.of(Layer.id()), List.of(Layer.id())), Layer.pow(2)},
                new Layer[] {Layer.poly(List.of(0L, 0L, 0L, 1L)), Layer.pow(3)},
                new Layer[] {Layer.res(List.of(Layer.pow(2))), Layer.poly(List.of(0L, 1L, 1L))},
                new Layer[] {Layer.add(List.of(List.of(Layer.id()), List.of(Layer.pow(2)))),
                    Layer.res(List.of(Layer.pow(2)))},
                new Layer[] {Layer.add(List.of(List.of(Layer.id()), List.of(Layer.id()))),
                    Layer.poly(List.of(0L, 2L))});
        for (Layer[] pair : pairs) {
            Architecture left = arch(in, d, pair[0], out);
            Architecture right = arch(in, d, pair[1], out);
            Case c = Case.draw(left, 9, 3);
            GraphOracle.Result a = GraphOracle.of(left).hessians(c.theta, c.phi, c.x, c.y);
            GraphOracle.Result b = GraphOracle.of(right).hessians(c.theta, c.phi, c.x, c.y);
            String where = left.spec() + " vs " + right.spec();
            assertTrue(Arrays.deepEquals(a.outputs(), b.outputs()), where + ": F");
            assertTrue(Arrays.deepEquals(a.o(), b.o()), where + ": H_O");
            assertTrue(Arrays.deepEquals(a.f(), b.f()), where + ": H_F");
        }
    }

    @Test
    void oracleRefusesZeroPreactivationsAndTanh() {
        Architecture relu = arch(Shape.vector(1), Layer.dense(1), RELU, Layer.dense(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GraphOracle.of(relu)
                .hessians(point(new long[] {2, 3}, new long[0], new long[][] {{0}}, new long[][] {{1}})));
        assertTrue(e.getMessage().contains("relu 2"), e.getMessage());
        Architecture tanh = arch(Shape.vector(1), Layer.dense(1), Layer.activation(Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> GraphOracle.of(tanh)
                .hessians(point(new long[] {2}, new long[0], new long[][] {{1}}, new long[][] {{1}})));
    }

    static Stream<Arguments> floatGraphs() {
        return Stream.of(
                Arguments.of(arch(Shape.vector(2), Layer.dense(2, true),
                        Layer.res(List.of(Layer.dense(2), LEAKY, Layer.dense(2, true))),
                        Layer.res(List.of(Layer.dense(2), RELU, Layer.dense(2))), Layer.dense(1)), 1L),
                Arguments.of(arch(Shape.vector(2), Layer.dense(2), Layer.poly(List.of(1L, -2L, 0L, -1L)),
                        Layer.dense(2), Layer.pow(2), Layer.dense(1)), 2L),
                Arguments.of(arch(Shape.vector(2), Layer.dense(2),
                        Layer.res(List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.dense(2, true))))),
                        Layer.add(List.of(List.of(Layer.Dense.of(2, true, true)),
                                List.of(Layer.dense(1), Layer.dense(2))))), 3L),
                Arguments.of(arch(Shape.signal(2, 2), Layer.attn(1, 2, 1), Layer.attn(2, 1, 2)), 4L));
    }

    /**
     * The exact H_L against float64 central differences of the loss gradient, the gradient being
     * the oracle's first-order parts (exact at θ ± h·e_k, h = 2^-20) rounded to double: checks the
     * second-order parts and the assembly of H_O and H_F against the first-order ones.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("floatGraphs")
    void oracleHessianMatchesFloat64CentralDifferences(Architecture arch, long seed) {
        Case c = Case.draw(arch, seed, 2);
        GraphOracle oracle = GraphOracle.of(arch);
        GraphOracle.Result exact = oracle.hessians(c.theta, c.phi, c.x, c.y);
        int p = arch.parameterCount();
        BigFraction h = new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(20));
        double twoH = 2 * h.doubleValue();
        double scale = 1;
        for (BigFraction[] row : exact.l()) {
            for (BigFraction v : row) {
                scale = Math.max(scale, Math.abs(v.doubleValue()));
            }
        }
        for (int k = 0; k < p; k++) {
            BigFraction[] plus = c.theta.clone();
            BigFraction[] minus = c.theta.clone();
            plus[k] = plus[k].add(h);
            minus[k] = minus[k].subtract(h);
            BigFraction[] gp = oracle.lossGradient(plus, c.phi, c.x, c.y);
            BigFraction[] gm = oracle.lossGradient(minus, c.phi, c.x, c.y);
            for (int i = 0; i < p; i++) {
                double fd = (gp[i].doubleValue() - gm[i].doubleValue()) / twoH;
                double ex = exact.l()[i][k].doubleValue();
                if (Math.abs(fd - ex) > 1e-6 * scale) {
                    fail(arch.spec() + ", seed " + seed + ": H_L(" + i + "," + k + ") exact " + ex
                            + ", central difference " + fd + " (scale " + scale + ")");
                }
            }
        }
    }

    // ================================================================== engine against oracle

    /** Dense, conv (1D and 2D, stride, padding), local, avgpool, relu and leaky relu chains. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void linearChainsMatchOracle(long seed) {
        checkFamily("linear chain", GraphOracleTest::linearChain, seed);
    }

    /** A chain with average pooling at Y = F(X): rational targets, H_F = 0. */
    @Test
    void interpolatedRationalTargetsMatchOracle() {
        Architecture a = arch(Shape.signal(1, 5), Layer.conv(2, 2), Layer.avgpool(2), LEAKY, Layer.dense(1, true));
        checkAgainstOracle("interpolated", a, 8, options(8, 3).withTargets(PointOptions.Targets.INTERPOLATE));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void residualMlpsMatchOracle(long seed) {
        checkFamily("res MLP", GraphOracleTest::resMlp, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void polynomialMlpsMatchOracle(long seed) {
        checkFamily("polynomial MLP", GraphOracleTest::polynomialMlp, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void gatedResidualsMatchOracle(long seed) {
        checkFamily("gated res", GraphOracleTest::gatedResidual, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void productsOfDenseBranchesMatchOracle(long seed) {
        checkFamily("mul of dense", GraphOracleTest::productOfDense, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void loraMatchesOracle(long seed) {
        checkFamily("LoRA", GraphOracleTest::lora, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void frozenConvsMatchOracle(long seed) {
        checkFamily("frozen conv", GraphOracleTest::frozenConv, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void attentionMatchesOracle(long seed) {
        checkFamily("attention", GraphOracleTest::attention, seed);
    }

    /** Attention corner cases: v ≠ d, one token, a > d, width d = 1, two layers, two heads. */
    static Stream<Arguments> attentionCorners() {
        return Stream.of(
                Arguments.of(arch(Shape.signal(2, 3), Layer.attn(2, 1, 0))),
                Arguments.of(arch(Shape.signal(2, 2), Layer.attn(1, 2, 3))),
                Arguments.of(arch(Shape.signal(1, 3), Layer.attn(3, 1, 2))),
                Arguments.of(arch(Shape.signal(2, 1), Layer.attn(3, 2, 0))),
                Arguments.of(arch(Shape.signal(1, 1), Layer.attn(2, 1, 1))),
                Arguments.of(arch(Shape.signal(2, 2), Layer.attn(2, 1, 1), Layer.attn(1, 2, 2))),
                Arguments.of(arch(Shape.signal(1, 2), Layer.attn(2, 2, 2), Layer.attn(1, 1, 1), Layer.flatten(),
                        Layer.dense(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attentionCorners")
    void attentionCornersMatchOracle(Architecture a) {
        checkAgainstOracle("attention corner", a, 11, options(11, 2));
    }

    // ------------------------------------------------------------------ the comparison

    private static void checkFamily(String family, Function<SplittableRandom, Architecture> generator, long seed) {
        Architecture a = generator.apply(new SplittableRandom(seed));
        checkAgainstOracle(family, a, seed, options(seed, 2 + (int) (seed % 2)));
    }

    /**
     * Engine {@code exact} = c²·oracle for H_O, H_F, H_L (c = the engine's scale), engine
     * {@code forward} = c·F, and engine {@code modular} = the same mod 2^61 − 1.
     */
    private static void checkAgainstOracle(String family, Architecture a, long seed, PointOptions options) {
        String where = family + ": spec " + a.spec() + ", seed " + seed;
        assertTrue(a.parameterCount() <= MAX_P, where + ": p = " + a.parameterCount());
        try {
            LoweredNetwork net = a.lower();
            Point point = Points.draw(net, options);
            GraphOracle.Result ref = GraphOracle.of(a).hessians(point);
            ExactHessians exact = Hessians.exact(net, point);
            assertEqualsOracle(where, ref, exact);
            BigFraction c = new BigFraction(exact.scale());
            IntegerMatrix forward = Hessians.forward(net, point);
            for (int s = 0; s < point.samples(); s++) {
                for (int k = 0; k < a.outputSize(); k++) {
                    assertEquals(ref.outputs()[s][k].multiply(c), new BigFraction(forward.get(s, k)),
                            where + ": c·F(" + s + "," + k + ")");
                }
            }
            ModularHessians mod = Hessians.modular(net, point, PRIME);
            assertEquals(exact.scale(), mod.scale(), where + ": modular scale");
            BigFraction c2 = c.multiply(c);
            assertResidues(where + ": H_O mod p", ref.o(), c2, mod.o());
            assertResidues(where + ": H_F mod p", ref.f(), c2, mod.f());
            assertResidues(where + ": H_L mod p", ref.l(), c2, mod.l());
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e, e);
        }
    }

    private static void assertEqualsOracle(String where, GraphOracle.Result ref, ExactHessians exact) {
        BigFraction c = new BigFraction(exact.scale());
        BigFraction c2 = c.multiply(c);
        assertEntries(where + ": H_O", ref.o(), c2, exact.o());
        assertEntries(where + ": H_F", ref.f(), c2, exact.f());
        assertEntries(where + ": H_L", ref.l(), c2, exact.l());
    }

    private static void assertEntries(String what, BigFraction[][] ref, BigFraction c2, IntegerMatrix m) {
        assertEquals(ref.length, m.rows(), what + ": rows");
        assertEquals(ref.length, m.cols(), what + ": cols");
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref.length; j++) {
                BigFraction expected = ref[i][j].multiply(c2);
                if (!expected.equals(new BigFraction(m.get(i, j)))) {
                    fail(what + " entry (" + i + "," + j + "): oracle·c² = " + expected + ", engine " + m.get(i, j));
                }
            }
        }
    }

    private static void assertResidues(String what, BigFraction[][] ref, BigFraction c2, ModularMatrix m) {
        assertEquals(ref.length, m.rows(), what + ": rows");
        BigInteger prime = BigInteger.valueOf(PRIME.value());
        for (int i = 0; i < ref.length; i++) {
            for (int j = 0; j < ref.length; j++) {
                BigFraction expected = ref[i][j].multiply(c2);
                assertTrue(expected.isInteger(), what + ": oracle·c² not integral at (" + i + "," + j + ")");
                long residue = expected.getNumerator().mod(prime).longValueExact();
                if (residue != m.get(i, j)) {
                    fail(what + " entry (" + i + "," + j + "): oracle·c² mod p = " + residue + ", engine "
                            + m.get(i, j));
                }
            }
        }
    }

    private static PointOptions options(long seed, int samples) {
        return PointOptions.defaults().withRange(RANGE).withSamples(samples).withSeed(seed);
    }

    // ------------------------------------------------------------------ family generators

    /** Draws architectures from {@code one} until p ≤ MAX_P (reproducible: one rng). */
    private static Architecture bounded(SplittableRandom rng, Function<SplittableRandom, Architecture> one) {
        while (true) {
            Architecture a = one.apply(rng);
            if (a.parameterCount() <= MAX_P) {
                return a;
            }
        }
    }

    private static int between(SplittableRandom rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    private static Layer dense(SplittableRandom rng, int units) {
        return Layer.dense(units, rng.nextBoolean());
    }

    static Architecture linearChain(SplittableRandom rng) {
        return bounded(rng, r -> switch (r.nextInt(5)) {
            case 0 -> {
                List<Layer> ls = new ArrayList<>();
                for (int k = between(r, 1, 3); k > 0; k--) {
                    ls.add(dense(r, between(r, 1, 3)));
                    ls.add(r.nextBoolean() ? RELU : LEAKY);
                }
                ls.add(dense(r, between(r, 1, 2)));
                yield Architecture.of(Shape.vector(between(r, 1, 3)), ls);
            }
            case 1 -> {
                int k = between(r, 1, 3);
                yield Architecture.of(Shape.signal(between(r, 1, 2), between(r, 4, 6)),
                        List.of(Layer.conv(between(r, 1, 2), Extent.of(k), Extent.of(between(r, 1, 2)),
                                Extent.of(between(r, 0, Math.min(1, k - 1))), r.nextBoolean()), RELU,
                                dense(r, between(r, 1, 2))));
            }
            case 2 -> Architecture.of(Shape.image(1, 4, 4),
                    List.of(Layer.conv(between(r, 1, 2), Extent.of(2, 3), Extent.of(1, 2), Extent.of(1, 1),
                            r.nextBoolean()), LEAKY, Layer.avgpool(2), Layer.flatten(), dense(r, 1)));
            case 3 -> Architecture.of(Shape.signal(2, 5),
                    List.of(Layer.local(between(r, 1, 2), 2, between(r, 1, 2), between(r, 0, 1), r.nextBoolean()),
                            RELU, Layer.dense(between(r, 1, 2))));
            default -> Architecture.of(Shape.signal(1, 6),
                    List.of(Layer.conv(2, 2), Layer.avgpool(2), Layer.conv(1, Extent.of(2), Extent.of(1), Extent.of(1),
                            true), Layer.dense(1)));
        });
    }

    /** dense → 1–2 × res(dense → relu|leakyrelu(1/10) → dense) → dense. */
    static Architecture resMlp(SplittableRandom rng) {
        return bounded(rng, r -> {
            int width = between(r, 1, 3);
            List<Layer> ls = new ArrayList<>(List.of(dense(r, width)));
            for (int b = between(r, 1, 2); b > 0; b--) {
                ls.add(Layer.res(List.of(dense(r, between(r, 1, 3)), r.nextBoolean() ? RELU : LEAKY, dense(r, width))));
                if (r.nextBoolean()) {
                    ls.add(r.nextBoolean() ? RELU : LEAKY);
                }
            }
            ls.add(Layer.dense(between(r, 1, 2)));
            return Architecture.of(Shape.vector(between(r, 1, 3)), ls);
        });
    }

    /** dense → σ → dense → σ → dense with σ ∈ {pow(2), pow(3), poly with a negative coefficient}. */
    static Architecture polynomialMlp(SplittableRandom rng) {
        return bounded(rng, r -> {
            List<Layer> ls = new ArrayList<>();
            for (int k = between(r, 1, 2); k > 0; k--) {
                ls.add(dense(r, between(r, 1, 3)));
                ls.add(switch (r.nextInt(3)) {
                    case 0 -> Layer.pow(2);
                    case 1 -> Layer.pow(3);
                    default -> {
                        List<Long> cs = new ArrayList<>();
                        for (int m = between(r, 2, 4); m > 0; m--) {
                            cs.add((long) between(r, -3, 3));
                        }
                        cs.set(r.nextInt(cs.size()), (long) -between(r, 1, 3));
                        yield Layer.poly(cs);
                    }
                });
            }
            ls.add(Layer.dense(between(r, 1, 2)));
            return Architecture.of(Shape.vector(between(r, 1, 3)), ls);
        });
    }

    /** dense(n) → res(mul(id | dense(n))) (once or twice) → dense. */
    static Architecture gatedResidual(SplittableRandom rng) {
        return bounded(rng, r -> {
            int n = between(r, 1, 3);
            List<Layer> ls = new ArrayList<>(List.of(dense(r, n)));
            for (int b = between(r, 1, 2); b > 0; b--) {
                ls.add(Layer.res(List.of(Layer.mul(List.of(Layer.id()), List.of(dense(r, n))))));
            }
            ls.add(Layer.dense(between(r, 1, 2)));
            return Architecture.of(Shape.vector(between(r, 1, 3)), ls);
        });
    }

    /** mul(dense(k) | dense(k)), alone or followed by a dense readout. */
    static Architecture productOfDense(SplittableRandom rng) {
        return bounded(rng, r -> {
            int k = between(r, 1, 3);
            List<Layer> ls = new ArrayList<>(List.of(Layer.mul(List.of(dense(r, k)), List.of(dense(r, k)))));
            if (r.nextBoolean()) {
                ls.add(Layer.dense(between(r, 1, 2)));
            }
            return Architecture.of(Shape.vector(between(r, 1, 3)), ls);
        });
    }

    /** add(dense(n, frozen) | dense(r) → dense(n)), optionally after a dense and before a readout. */
    static Architecture lora(SplittableRandom rng) {
        return bounded(rng, r -> {
            int n = between(r, 1, 3);
            List<Layer> ls = new ArrayList<>();
            if (r.nextBoolean()) {
                ls.add(Layer.dense(between(r, 1, 3)));
            }
            ls.add(Layer.add(List.of(List.of(Layer.Dense.of(n, r.nextBoolean(), true)),
                    List.of(Layer.dense(between(r, 1, 2)), dense(r, n)))));
            if (r.nextBoolean()) {
                ls.add(Layer.dense(between(r, 1, 2)));
            }
            return Architecture.of(Shape.vector(between(r, 1, 3)), ls);
        });
    }

    /** A frozen conv (1D or 2D, stride, padding, bias) among trainable layers. */
    static Architecture frozenConv(SplittableRandom rng) {
        return bounded(rng, r -> {
            Layer frozen;
            Shape in;
            if (r.nextBoolean()) {
                in = Shape.signal(between(r, 1, 2), between(r, 4, 6));
                int k = between(r, 1, 3); // padding < k: no window lies wholly in the padding
                frozen = Layer.Conv.of(between(r, 1, 2), Extent.of(k), Extent.of(between(r, 1, 2)),
                        Extent.of(between(r, 0, Math.min(1, k - 1))), r.nextBoolean(), true);
            } else {
                in = Shape.image(1, between(r, 3, 4), between(r, 3, 4));
                frozen = Layer.Conv.of(between(r, 1, 2), Extent.of(2, between(r, 1, 2)), Extent.of(1, between(r, 1, 2)),
                        Extent.of(between(r, 0, 1), 0), r.nextBoolean(), true);
            }
            List<Layer> ls = new ArrayList<>();
            if (r.nextBoolean()) {
                ls.add(Layer.conv(between(r, 1, 2), 1));
            }
            ls.add(frozen);
            if (r.nextBoolean()) {
                ls.add(r.nextBoolean() ? RELU : LEAKY);
            }
            ls.add(Layer.dense(between(r, 1, 2)));
            return Architecture.of(in, ls);
        });
    }

    /** 1–2 attention layers, 1–2 heads, a in 1..3, v default or any e. */
    static Architecture attention(SplittableRandom rng) {
        return bounded(rng, r -> {
            int d = between(r, 1, 2);
            List<Layer> ls = new ArrayList<>();
            for (int k = between(r, 1, 2); k > 0; k--) {
                ls.add(Layer.attn(between(r, 1, 3), between(r, 1, 2), r.nextBoolean() ? 0 : between(r, 1, 3)));
            }
            return Architecture.of(Shape.signal(d, between(r, 1, 3)), ls);
        });
    }

    // ------------------------------------------------------------------ helpers

    private static Architecture arch(Shape in, Layer... layers) {
        return Architecture.of(in, List.of(layers));
    }

    private static long[][] matrix(long[] theta, int offset, int rows, int cols) {
        long[][] m = new long[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = theta[offset + r * cols + c];
            }
        }
        return m;
    }

    private static long[][] transpose(long[][] m) {
        long[][] t = new long[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static long[][] times(long[][] a, long[][] b) {
        long[][] c = new long[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static BigFraction frac(long v) {
        return new BigFraction(v);
    }

    private static Point point(long[] theta, long[] phi, long[][] x, long[][] y) {
        return Point.of(big(theta), big(phi), IntegerMatrix.of(x), IntegerMatrix.of(y));
    }

    private static BigInteger[] big(long[] v) {
        return LongStream.of(v).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
    }

    private static BigFraction[] randomFractions(SplittableRandom rng, int n) {
        BigFraction[] f = new BigFraction[n];
        for (int i = 0; i < n; i++) {
            f[i] = new BigFraction(between(rng, -(int) RANGE, (int) RANGE));
        }
        return f;
    }

    /**
     * A point for the oracle alone (no engine involved): θ, φ, x, y uniform in [−R, R], redrawn
     * while a relu / leakyrelu pre-activation is exactly 0.
     */
    private record Case(BigFraction[] theta, BigFraction[] phi, BigFraction[][] x, BigFraction[][] y) {
        static Case draw(Architecture a, long seed, int samples) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int attempt = 0; attempt < 100; attempt++) {
                Case c = new Case(randomFractions(rng, a.parameterCount()), randomFractions(rng, a.frozenCount()),
                        new BigFraction[samples][], new BigFraction[samples][]);
                for (int s = 0; s < samples; s++) {
                    c.x[s] = randomFractions(rng, a.input().size());
                    c.y[s] = randomFractions(rng, a.outputSize());
                }
                try {
                    GraphOracle oracle = GraphOracle.of(a);
                    for (BigFraction[] x : c.x) {
                        oracle.forward(GraphOracle.constants(c.theta), GraphOracle.constants(c.phi),
                                GraphOracle.constants(x));
                    }
                    return c;
                } catch (IllegalStateException e) {
                    // a zero pre-activation: draw again
                }
            }
            throw new IllegalStateException(a.spec() + ", seed " + seed + ": 100 draws hit a zero pre-activation");
        }
    }
}
