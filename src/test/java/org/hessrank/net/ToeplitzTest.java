package org.hessrank.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.IntegerMatrix;
import org.junit.jupiter.api.Test;

/**
 * Toeplitz facts of docs/theorems.md (TOE-1, TOE-M, TOE-2D) on the explicit matrices
 * {@link Architecture#layerMatrix}, with an exact rank computed by a fraction-free elimination
 * local to this test (cross-checked once against {@link Bareiss}).
 */
class ToeplitzTest {
    private static final int WIDE = 1 << 20;

    /** Exact rank over ℚ by fraction-free Gaussian elimination (the input is not modified). */
    static int rank(long[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        BigInteger[][] a = new BigInteger[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = BigInteger.valueOf(m[i][j]);
            }
        }
        int r = 0;
        BigInteger prev = BigInteger.ONE;
        for (int c = 0; c < cols && r < rows; c++) {
            int piv = -1;
            for (int i = r; i < rows; i++) {
                if (a[i][c].signum() != 0) {
                    piv = i;
                    break;
                }
            }
            if (piv < 0) {
                continue;
            }
            BigInteger[] t = a[piv];
            a[piv] = a[r];
            a[r] = t;
            for (int i = r + 1; i < rows; i++) {
                for (int j = c + 1; j < cols; j++) {
                    a[i][j] = a[r][c].multiply(a[i][j]).subtract(a[i][c].multiply(a[r][j])).divide(prev);
                }
                a[i][c] = BigInteger.ZERO;
            }
            prev = a[r][c];
            r++;
        }
        return r;
    }

    private static long[] kernel(SplittableRandom rnd, int n, boolean sparse) {
        long[] w = new long[n];
        boolean nonzero = false;
        while (!nonzero) {
            for (int i = 0; i < n; i++) {
                w[i] = sparse && rnd.nextInt(3) > 0 ? 0 : rnd.nextInt(-WIDE, WIDE + 1);
                nonzero |= w[i] != 0;
            }
        }
        return w;
    }

    @Test
    void rankHelperAgreesWithBareiss() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int r = rnd.nextInt(1, 7);
            int c = rnd.nextInt(1, 7);
            long[][] m = new long[r][c];
            for (long[] row : m) {
                for (int j = 0; j < c; j++) {
                    row[j] = rnd.nextInt(4) == 0 ? rnd.nextInt(-3, 4) : 0;
                }
            }
            assertEquals(Bareiss.engine().rank(IntegerMatrix.of(m)).rank(), rank(m));
        }
    }

    /** TOE-1: one channel, stride 1, no padding: rank T(w) = d − k + 1 for every nonzero w. */
    @Test
    void toe1SingleChannelRankIsDMinusKPlusOneForEveryNonzeroKernel() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int d = rnd.nextInt(1, 16);
            int k = rnd.nextInt(1, d + 1);
            Architecture a = Architecture.of(Shape.signal(1, d), List.of(Layer.conv(1, k)));
            long[] w = kernel(rnd, k, trial % 2 == 0); // half the kernels are sparse (not generic)
            long[][] t = a.layerMatrix(1, w);
            assertEquals(d - k + 1, t.length);
            assertEquals(d, t[0].length);
            assertEquals(d - k + 1, rank(t), () -> "d=" + d + " k=" + k);
        }
    }

    /**
     * TOE-M: 1D generic W: rank T(W) = min(m_out·d_out, m_in·c), c = input positions covered.
     * Without padding this holds exactly (any stride). With padding it is only an upper bound:
     * windows truncated by the padding see fewer input positions (see the two counterexamples
     * below), so the padded cases are checked as {@code <=}.
     */
    @Test
    void toeMMultiChannelGenericRank() {
        SplittableRandom rnd = new SplittableRandom(13);
        int exactCases = 0;
        for (int trial = 0; trial < 200; trial++) {
            int cin = rnd.nextInt(1, 4);
            int cout = rnd.nextInt(1, 5);
            int d = rnd.nextInt(1, 11);
            int pad = trial % 2 == 0 ? 0 : rnd.nextInt(1, 4);
            int k = rnd.nextInt(1, d + 2 * pad + 1);
            int stride = rnd.nextInt(1, 4);
            Architecture a = Architecture.of(Shape.signal(cin, d),
                    List.of(Layer.conv(cout, Extent.of(k), Extent.of(stride), Extent.of(pad), false)));
            int dout = a.outputShape().length();
            boolean[] covered = new boolean[d];
            for (int x = 0; x < dout; x++) {
                for (int t = 0; t < k; t++) {
                    int i = x * stride + t - pad;
                    if (i >= 0 && i < d) {
                        covered[i] = true;
                    }
                }
            }
            int c = 0;
            for (boolean b : covered) {
                c += b ? 1 : 0;
            }
            int formula = Math.min(cout * dout, cin * c);
            int best = 0;
            for (int point = 0; point < 2; point++) { // generic rank: max over two points
                best = Math.max(best, rank(a.layerMatrix(1, kernel(rnd, a.parameterCount(), false))));
            }
            int got = best;
            if (pad == 0) {
                assertEquals(formula, got, () -> a.spec());
                exactCases++;
            } else {
                assertTrue(got <= formula, () -> a.spec() + ": rank " + got + " > TOE-M " + formula);
            }
        }
        assertEquals(100, exactCases);
    }

    /** All-padding window: in(3,4), conv(2,k=1,stride=3,pad=1): TOE-M says 3, the rank is 2. */
    @Test
    void toeMOvercountsAllPaddingWindows() {
        Architecture a = SpecParser.parse("in(3,4) -> conv(2,k=1,stride=3,pad=1)");
        assertEquals(2, a.outputShape().length()); // windows at input positions -1 (padding) and 2
        long[][] t = a.layerMatrix(1, kernel(new SplittableRandom(23), 6, false));
        assertEquals(2, rank(t)); // min(2·2, 3·1) = 3 literally; the padding window's rows are zero
    }

    /**
     * Truncated windows: in(3,7), conv(4,k=4,stride=3,pad=3): windows cover input positions
     * {0}, 0..3, 3..6, {6}; each edge window's 4 rows live on 3 columns, so rank <= 3+3+4+4 = 14,
     * while TOE-M literally gives min(4·4, 3·7) = 16.
     */
    @Test
    void toeMOvercountsTruncatedWindows() {
        Architecture a = SpecParser.parse("in(3,7) -> conv(4,k=4,stride=3,pad=3)");
        long[][] t = a.layerMatrix(1, kernel(new SplittableRandom(29), a.parameterCount(), false));
        assertEquals(16, t.length);
        assertEquals(14, rank(t));
    }

    /** TOE-2D: 3×3 kernel on 5×5, two output channels, one input: rank 17, not 18. */
    @Test
    void toe2dExampleIs17() {
        Architecture a = SpecParser.parse("in(1,5,5) -> conv(2,k=3)");
        SplittableRandom rnd = new SplittableRandom(17);
        for (int point = 0; point < 5; point++) {
            long[][] t = a.layerMatrix(1, kernel(rnd, 18, false));
            assertEquals(18, t.length);
            assertEquals(25, t[0].length);
            assertEquals(17, rank(t));
        }
    }

    /** TOE-2D formula on small sizes (stride 1, no padding), generic kernels. */
    @Test
    void toe2dFormulaOnSmallSizes() {
        SplittableRandom rnd = new SplittableRandom(19);
        for (int h = 1; h <= 6; h++) {
            for (int w = 1; w <= 6; w++) {
                for (int kh = 1; kh <= h; kh++) {
                    for (int kw = 1; kw <= w; kw++) {
                        Architecture a = Architecture.of(Shape.image(1, h, w), List.of(
                                Layer.conv(2, Extent.of(kh, kw), Extent.of(1), Extent.of(0), false)));
                        int ho = h - kh + 1;
                        int wo = w - kw + 1;
                        int expected = Math.min(2 * ho * wo - Math.max(ho - kh + 1, 0) * Math.max(wo - kw + 1, 0),
                                h * w);
                        int best = 0;
                        for (int point = 0; point < 2; point++) {
                            best = Math.max(best, rank(a.layerMatrix(1, kernel(rnd, 2 * kh * kw, false))));
                        }
                        int got = best;
                        assertEquals(expected, got, () -> a.spec());
                    }
                }
            }
        }
    }
}
