package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.numeric.ApfloatRank;
import org.hessrank.numeric.Float64Rank;
import org.hessrank.numeric.NumericRank;
import org.hessrank.numeric.Precision;
import org.hessrank.numeric.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The numeric Hessian paths against independent oracles: the exact integer Hessians (entries and
 * ranks) on piecewise-linear nets, docs/theorems.md's reference ranks, and high-precision finite
 * differences for tanh, sigmoid and softmax cross-entropy.
 */
class NumericHessiansTest {
    static final Precision P60 = Precision.digits(60);

    static List<String> exactNets() {
        return List.of(
                "in(4) -> dense(3) -> dense(2)",
                "in(3) -> dense(4,bias) -> dense(2,bias) -> dense(2,bias)",
                "in(5) -> dense(4,bias) -> relu -> dense(3)",
                "in(4) -> dense(6) -> leakyrelu(1/10) -> dense(3,bias) -> relu -> dense(2,bias)",
                "in(1,6) -> conv(2,k=3) -> avgpool(2) -> flatten -> dense(2,bias)",
                // graphs (their real point is the integer point itself)
                "in(3,4) -> attn(a=2) -> dense(2)",
                "in(4) -> res(dense(4) -> relu -> dense(4)) -> dense(2)",
                "in(3) -> dense(3,bias) -> poly(1,-2,0,1) -> dense(2)",
                "in(4) -> res(mul(id | dense(4))) -> dense(2)",
                "in(6) -> add(dense(6,frozen) | dense(2) -> dense(6)) -> dense(2)",
                "in(1,6) -> conv(2,k=3) -> avgpool(2) -> res(conv(2,k=1) -> leakyrelu(1/3)) -> flatten -> dense(2)");
    }

    /** At an integer point (R = 1) the numeric parts are the exact parts over c². */
    @ParameterizedTest
    @MethodSource("exactNets")
    void entriesEqualExactHessian(String spec) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        Point pt = Points.draw(net, PointOptions.defaults().withSeed(7).withRange(50));
        ExactHessians ex = Hessians.exact(net, pt);
        double c2 = ex.scale().pow(2).doubleValue();
        RealPoint rp = RealPoint.of(pt, 1, 0);
        NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, Loss.MSE);
        NumericHessians.ApfloatParts a = NumericHessians.apfloat(net, rp, Loss.MSE, P60);
        int p = net.parameterCount();
        for (Part part : Part.hessianParts()) {
            IntegerMatrix m = ex.part(part);
            double scale = 1;
            for (int i = 0; i < p * p; i++) {
                scale = Math.max(scale, Math.abs(m.get(i / p, i % p).doubleValue() / c2));
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double want = m.get(i, j).doubleValue() / c2;
                    assertEquals(want, d.part(part)[i * p + j], 1e-12 * scale, part + " float64 (" + i + "," + j + ")");
                    Apfloat w = new Apfloat(m.get(i, j), 80).divide(new Apfloat(ex.scale().pow(2), 80));
                    Apfloat diff = ApfloatMath.abs(a.part(part)[i * p + j].subtract(w));
                    assertTrue(diff.doubleValue() <= 1e-50 * scale, part + " apfloat (" + i + "," + j + "): " + diff);
                }
            }
        }
    }

    /**
     * The derivation in {@link RealPoint}: the float64 parts at θα/R, X/R, Y/R equal
     * t_L²·D⁻¹·(exact parts at the equivalent integer point)·D⁻¹/c², entry by entry.
     */
    @ParameterizedTest
    @ValueSource(ints = {-3, 0, 2})
    void equivalentIntegerPointMatchesEntrywise(int a) {
        String spec = "in(3) -> dense(4,bias) -> relu -> dense(3,bias) -> dense(2,bias)";
        LoweredNetwork net = Architecture.parse(spec).lower();
        long range = 1 << 10;
        Point pt = Points.draw(net, PointOptions.defaults().withSeed(3).withRange(range));
        RealPoint rp = RealPoint.of(pt, range, a);
        Point eq = rp.equivalentIntegerPoint(net);
        ExactHessians ex = Hessians.exact(net, eq);
        NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, Loss.MSE);
        int p = net.parameterCount();
        int layers = 3;
        double alpha = Math.scalb(1.0, a);
        double tl = Math.pow(alpha, layers) / Math.pow(range, layers + 1);
        double[] dd = new double[p];
        int j = 0;
        for (int s = 0; s < net.stages().size(); s++) {
            if (net.stages().get(s) instanceof org.hessrank.net.ParameterStage ps) {
                j++;
                int off = net.parameterOffset(s);
                java.util.Arrays.fill(dd, off, off + ps.parameterCount(), alpha / range);
                for (int b : ps.biasParam()) {
                    dd[off + b] = Math.pow(alpha, j) / Math.pow(range, j + 1);
                }
            }
        }
        double c2 = ex.scale().pow(2).doubleValue();
        for (Part part : Part.hessianParts()) {
            double max = 0;
            for (double v : d.part(part)) {
                max = Math.max(max, Math.abs(v));
            }
            for (int r = 0; r < p; r++) {
                for (int q = 0; q < p; q++) {
                    double want = tl * tl * ex.part(part).get(r, q).doubleValue() / c2 / (dd[r] * dd[q]);
                    assertEquals(want, d.part(part)[r * p + q], 1e-9 * Math.max(max, Math.abs(want)),
                            part + " (" + r + "," + q + ")");
                }
            }
        }
    }

    static Stream<Arguments> referenceNets() {
        // docs/theorems.md FC reference table: d, hidden, K, N, bias, H_O, H_F, H_L
        return Stream.of(
                Arguments.of("in(4) -> dense(3) -> dense(2)", 6, 8, 12, 16),
                Arguments.of("in(4) -> dense(3,bias) -> dense(2,bias)", 6, 10, 12, 20),
                Arguments.of("in(6) -> dense(5) -> dense(4) -> dense(3)", 10, 18, 45, 54),
                Arguments.of("in(7) -> dense(5) -> dense(1)", 7, 7, 10, 16));
    }

    /** float64 and apfloat ranks at the real point equal docs/theorems.md's values and the exact (mod p) ranks there. */
    @ParameterizedTest
    @MethodSource("referenceNets")
    void ranksAgreeWithExactAndTheorems(String spec, int n, int rankO, int rankF, int rankL) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        RealPoint rp = RealPoint.draw(net, PointOptions.defaults().withSeed(11).withSamples(n));
        Point eq = rp.equivalentIntegerPoint(net);
        Modulus mod = Modulus.of(Primes.randomPrime(new SplittableRandom(5), 49));
        ModularHessians mh = Hessians.modular(net, eq, mod);
        NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, Loss.MSE);
        NumericHessians.ApfloatParts a = NumericHessians.apfloat(net, rp, Loss.MSE, P60);
        int p = net.parameterCount();
        int[] want = {rankO, rankF, rankL};
        for (Part part : Part.hessianParts()) {
            int exact = ModularElimination.rank(mh.part(part).toRowMajor(), p, p, mod).rank();
            assertEquals(want[part.ordinal()], exact, part + " exact");
            NumericRank fr = Float64Rank.of(d.part(part), p, p, Tolerance.numpyDefault());
            NumericRank ar = ApfloatRank.of(a.part(part), p, p, P60, Tolerance.numpyDefault());
            assertTrue(fr.clearGap(), part + " float64 gap " + fr);
            assertTrue(ar.clearGap(), part + " apfloat gap " + ar);
            assertEquals(exact, fr.rank(), part + " float64 " + fr);
            assertEquals(exact, ar.rank(), part + " apfloat " + ar);
            assertTrue(ar.gapDecades() > 30, part + " apfloat gap " + ar);
        }
    }

    /** Cross-entropy: docs/theorems.md replaces K by K − 1 (paper); H_O = q(r + K' − q) with K' = K − 1. */
    @Test
    void crossEntropyOuterRankUsesKMinusOne() {
        // d = 4, M = 3, K = 3, N = 6: K' = 2, q = min(4, 2, 3) = 2, rank H_O = 2·(4 + 2 − 2) = 8
        LoweredNetwork net = Architecture.parse("in(4) -> dense(3) -> dense(3)").lower();
        RealPoint rp = RealPoint.draw(net, PointOptions.defaults().withSeed(2).withSamples(6)
                .withTargets(PointOptions.Targets.ONE_HOT));
        NumericHessians.ApfloatParts a = NumericHessians.apfloat(net, rp, Loss.CROSS_ENTROPY, P60);
        int p = net.parameterCount();
        NumericRank o = ApfloatRank.of(a.o(), p, p, P60, Tolerance.numpyDefault());
        assertEquals(8, o.rank(), o.toString());
        assertTrue(o.gapDecades() > 30, o.toString());
        NumericHessians.Float64Parts d = NumericHessians.float64(net, rp, Loss.CROSS_ENTROPY);
        assertEquals(8, Float64Rank.of(d.o(), p, p, Tolerance.numpyDefault()).rank());
    }

    static Stream<Arguments> smoothCases() {
        return Stream.of(
                Arguments.of("in(3) -> dense(4,bias) -> tanh -> dense(2,bias)", Loss.MSE),
                Arguments.of("in(3) -> dense(3) -> tanh -> dense(3,bias) -> tanh -> dense(2)", Loss.MSE),
                Arguments.of("in(3) -> dense(4,bias) -> sigmoid -> dense(3)", Loss.MSE),
                Arguments.of("in(3) -> dense(4) -> tanh -> dense(3,bias)", Loss.CROSS_ENTROPY),
                Arguments.of("in(1,5) -> conv(2,k=2) -> sigmoid -> avgpool(2) -> flatten -> dense(3)",
                        Loss.CROSS_ENTROPY));
    }

    /**
     * H_L against central differences of the gradient at 60 digits (step 1e-20, truncation error
     * about 1e-40), and the gradient against central differences of the loss.
     */
    @ParameterizedTest
    @MethodSource("smoothCases")
    void smoothHessianMatchesFiniteDifferences(String spec, Loss loss) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        int p = net.parameterCount();
        SplittableRandom rng = new SplittableRandom(spec.hashCode());
        Apfloat[] theta = new Apfloat[p];
        for (int i = 0; i < p; i++) {
            theta[i] = new Apfloat(rng.nextDouble(-1, 1), 60);
        }
        int n = 4;
        Apfloat[][] x = new Apfloat[n][net.inputSize()];
        Apfloat[][] y = new Apfloat[n][net.outputSize()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = new Apfloat(rng.nextDouble(-1, 1), 60);
            }
            int cls = rng.nextInt(y[i].length);
            for (int c = 0; c < y[i].length; c++) {
                y[i][c] = loss == Loss.MSE ? new Apfloat(rng.nextDouble(-1, 1), 60) : new Apfloat(c == cls ? 1 : 0);
            }
        }
        NumericHessians.ApfloatParts h = NumericHessians.apfloat(net, theta, x, y, loss, P60);
        Apfloat step = new Apfloat("1e-20", 60);
        Apfloat two = new Apfloat(2);
        Apfloat[] base = NumericHessians.lossAndGradient(net, theta, x, y, loss, P60);
        for (int k = 0; k < p; k++) {
            Apfloat[] tp = theta.clone();
            Apfloat[] tm = theta.clone();
            tp[k] = theta[k].add(step);
            tm[k] = theta[k].subtract(step);
            Apfloat[] gp = NumericHessians.lossAndGradient(net, tp, x, y, loss, P60);
            Apfloat[] gm = NumericHessians.lossAndGradient(net, tm, x, y, loss, P60);
            Apfloat dLoss = gp[p].subtract(gm[p]).divide(step.multiply(two));
            assertTrue(ApfloatMath.abs(dLoss.subtract(base[k])).doubleValue() < 1e-30, "gradient " + k);
            for (int r = 0; r < p; r++) {
                Apfloat fd = gp[r].subtract(gm[r]).divide(step.multiply(two));
                double err = ApfloatMath.abs(fd.subtract(h.l()[r * p + k])).doubleValue();
                assertTrue(err < 1e-30, spec + " H_L(" + r + "," + k + ") off by " + err);
            }
        }
    }

    /** H_O = Σ J_iᵀ A_i J_i against a float64 central-difference Jacobian of the outputs. */
    @ParameterizedTest
    @MethodSource("smoothCases")
    void outerPartMatchesFiniteDifferenceJacobian(String spec, Loss loss) {
        LoweredNetwork net = Architecture.parse(spec).lower();
        int p = net.parameterCount();
        int k = net.outputSize();
        SplittableRandom rng = new SplittableRandom(spec.hashCode() + 1);
        double[] theta = rng.doubles(p, -1, 1).toArray();
        int n = 3;
        double[][] x = new double[n][];
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            x[i] = rng.doubles(net.inputSize(), -1, 1).toArray();
            y[i][rng.nextInt(k)] = 1;
        }
        double hstep = 1e-6;
        double[][][] jac = new double[n][k][p];
        for (int q = 0; q < p; q++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[q] += hstep;
            tm[q] -= hstep;
            double[][] fp = NumericHessians.outputs(net, tp, x);
            double[][] fm = NumericHessians.outputs(net, tm, x);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    jac[i][c][q] = (fp[i][c] - fm[i][c]) / (2 * hstep);
                }
            }
        }
        double[][] f = NumericHessians.outputs(net, theta, x);
        double[] want = new double[p * p];
        for (int i = 0; i < n; i++) {
            double[][] a = new double[k][k];
            if (loss == Loss.MSE) {
                for (int c = 0; c < k; c++) {
                    a[c][c] = 1;
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : f[i]) {
                    max = Math.max(max, v);
                }
                double[] s = new double[k];
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    s[c] = Math.exp(f[i][c] - max);
                    sum += s[c];
                }
                for (int c = 0; c < k; c++) {
                    for (int e = 0; e < k; e++) {
                        a[c][e] = (c == e ? s[c] / sum : 0) - s[c] / sum * s[e] / sum;
                    }
                }
            }
            for (int r = 0; r < p; r++) {
                for (int q = 0; q < p; q++) {
                    for (int c = 0; c < k; c++) {
                        for (int e = 0; e < k; e++) {
                            want[r * p + q] += jac[i][c][r] * a[c][e] * jac[i][e][q];
                        }
                    }
                }
            }
        }
        NumericHessians.Float64Parts h = NumericHessians.float64(net, theta, x, y, loss);
        for (int i = 0; i < p * p; i++) {
            assertEquals(want[i], h.o()[i], 1e-7, spec + " H_O entry " + i);
        }
    }

    @Test
    void badInputIsRefused() {
        LoweredNetwork net = Architecture.parse("in(2) -> dense(2) -> tanh -> dense(1)").lower();
        double[][] x = {{1, 2}};
        double[][] y = {{1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericHessians.float64(net, new double[3], x, y, Loss.MSE));
        assertTrue(e.getMessage().contains("theta length (3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NumericHessians.apfloat(net, new Apfloat[6], new Apfloat[1][2], new Apfloat[1][1], Loss.MSE,
                        Precision.FLOAT64));
        assertTrue(e.getMessage().contains("precision (float64)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NumericHessians.float64(net, new double[6], x, new double[2][1], Loss.MSE));
        assertTrue(e.getMessage().contains("targets rows (2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NumericHessians.float64(net, new double[] {1e300, 1e300, 1, 1, 1e300, 1e300}, x, y, Loss.MSE));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        LoweredNetwork relu = Architecture.parse("in(2) -> dense(1) -> relu -> dense(1)").lower();
        IllegalStateException z = assertThrows(IllegalStateException.class,
                () -> NumericHessians.float64(relu, new double[] {1, -1, 1}, new double[][] {{2, 2}}, y, Loss.MSE));
        assertTrue(z.getMessage().contains("exactly 0"), z.getMessage());
        Point pt = Points.draw(Architecture.parse("in(2) -> dense(2,bias) -> dense(1,bias)").lower(),
                PointOptions.defaults().withRange(3));
        assertThrows(IllegalArgumentException.class, () -> RealPoint.of(pt, 0, 0));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> RealPoint.of(pt, 3, 4)
                .equivalentIntegerPoint(Architecture.parse("in(2) -> dense(2,bias) -> dense(1,bias)").lower()));
        assertTrue(big.getMessage().contains("not an integer"), big.getMessage());
        assertTrue(BigInteger.ONE.signum() > 0);
    }
}
