package org.hessrank.net;

/**
 * Lowers single layers to stages. Package-private: {@link Architecture#lower()} is the entry
 * point. Every builder fills primitive arrays directly and hands them to the stage factory, which
 * range-checks every index.
 */
final class Lowering {
    /** Largest number of terms a single stage may have (int arrays of this length, three of them). */
    static final long MAX_TERMS = 1L << 27;

    private Lowering() {
    }

    private static int terms(String what, int index, long n) {
        if (n > MAX_TERMS) {
            throw new IllegalArgumentException(what + " layer " + index + ": lowering needs " + n
                    + " terms, more than the limit " + MAX_TERMS + " of one layer on every path; make the layer or its"
                    + " input smaller");
        }
        return (int) n;
    }

    static ParameterStage dense(Layer.Dense d, Shape in, int index) {
        int n = in.size();
        int k = d.units();
        int count = terms("dense", index, (long) n * k);
        int[] out = new int[count];
        int[] inIdx = new int[count];
        int[] par = new int[count];
        int t = 0;
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < n; i++) {
                out[t] = o;
                inIdx[t] = i;
                par[t] = o * n + i;
                t++;
            }
        }
        int weights = n * k;
        int[] bOut = new int[d.bias() ? k : 0];
        int[] bPar = new int[bOut.length];
        for (int o = 0; o < bOut.length; o++) {
            bOut[o] = o;
            bPar[o] = weights + o;
        }
        return ParameterStage.of("dense layer " + index, n, k, weights + bOut.length, out, inIdx, par, bOut, bPar);
    }

    /**
     * Conv 1D/2D (1D = 2D with kernel height 1). Term for output (o, y, x), input channel c, tap
     * (a, b): input position (y·s_h + a − p_h, x·s_w + b − p_w), skipped when outside the input
     * (zero padding).
     */
    static ParameterStage conv(Layer.Conv cv, Shape in, Shape outShape, int index) {
        boolean oneD = in.kind() == Shape.Kind.SIGNAL;
        int kh = oneD ? 1 : cv.kernel().height();
        int kw = cv.kernel().width();
        int sh = oneD ? 1 : cv.stride().height();
        int sw = cv.stride().width();
        int ph = oneD ? 0 : cv.padding().height();
        int pw = cv.padding().width();
        int cin = in.channels();
        int hin = in.height();
        int win = in.width();
        int cout = cv.channels();
        int hout = outShape.height();
        int wout = outShape.width();
        long bound = (long) cout * hout * wout * cin * kh * kw;
        int cap = terms("conv", index, bound);
        int[] out = new int[cap];
        int[] inIdx = new int[cap];
        int[] par = new int[cap];
        int t = 0;
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < hout; y++) {
                for (int x = 0; x < wout; x++) {
                    int oi = (o * hout + y) * wout + x;
                    for (int c = 0; c < cin; c++) {
                        for (int a = 0; a < kh; a++) {
                            int iy = y * sh + a - ph;
                            if (iy < 0 || iy >= hin) {
                                continue;
                            }
                            for (int b = 0; b < kw; b++) {
                                int ix = x * sw + b - pw;
                                if (ix < 0 || ix >= win) {
                                    continue;
                                }
                                out[t] = oi;
                                inIdx[t] = (c * hin + iy) * win + ix;
                                par[t] = ((o * cin + c) * kh + a) * kw + b;
                                t++;
                            }
                        }
                    }
                }
            }
        }
        int weights = cout * cin * kh * kw;
        int positions = hout * wout;
        int[] bOut = new int[cv.bias() ? cout * positions : 0];
        int[] bPar = new int[bOut.length];
        for (int b = 0; b < bOut.length; b++) {
            bOut[b] = b;
            bPar[b] = weights + b / positions;
        }
        return ParameterStage.of("conv layer " + index, in.size(), outShape.size(), weights + (cv.bias() ? cout : 0),
                trim(out, t), trim(inIdx, t), trim(par, t), bOut, bPar);
    }

    /** Locally connected 1D; parameter order W[o][x][c][t], then b[o][x]. */
    static ParameterStage local(Layer.Local lc, Shape in, Shape outShape, int index) {
        int k = lc.kernel();
        int s = lc.stride();
        int p = lc.padding();
        int cin = in.channels();
        int lin = in.length();
        int cout = lc.channels();
        int lout = outShape.length();
        int cap = terms("local", index, (long) cout * lout * cin * k);
        int[] out = new int[cap];
        int[] inIdx = new int[cap];
        int[] par = new int[cap];
        int t = 0;
        for (int o = 0; o < cout; o++) {
            for (int x = 0; x < lout; x++) {
                int oi = o * lout + x;
                for (int c = 0; c < cin; c++) {
                    for (int j = 0; j < k; j++) {
                        int ix = x * s + j - p;
                        if (ix < 0 || ix >= lin) {
                            continue;
                        }
                        out[t] = oi;
                        inIdx[t] = c * lin + ix;
                        par[t] = (oi * cin + c) * k + j;
                        t++;
                    }
                }
            }
        }
        int weights = cout * lout * cin * k;
        int[] bOut = new int[lc.bias() ? cout * lout : 0];
        int[] bPar = new int[bOut.length];
        for (int b = 0; b < bOut.length; b++) {
            bOut[b] = b;
            bPar[b] = weights + b;
        }
        return ParameterStage.of("local layer " + index, in.size(), outShape.size(), weights + bOut.length,
                trim(out, t), trim(inIdx, t), trim(par, t), bOut, bPar);
    }

    /** Average pooling: numerators 1, denominator s (1D) or s² (2D). */
    static FixedLinearStage avgpool(Layer.AvgPool ap, Shape in, Shape outShape, int index) {
        boolean oneD = in.kind() == Shape.Kind.SIGNAL;
        int s = ap.window();
        int sh = oneD ? 1 : s;
        int count = terms("avgpool", index, (long) outShape.size() * sh * s);
        int[] out = new int[count];
        int[] inIdx = new int[count];
        long[] num = new long[count];
        int t = 0;
        for (int c = 0; c < outShape.channels(); c++) {
            for (int y = 0; y < outShape.height(); y++) {
                for (int x = 0; x < outShape.width(); x++) {
                    int oi = outShape.index(c, y, x);
                    for (int a = 0; a < sh; a++) {
                        for (int b = 0; b < s; b++) {
                            out[t] = oi;
                            inIdx[t] = in.index(c, y * sh + a, x * s + b);
                            num[t] = 1;
                            t++;
                        }
                    }
                }
            }
        }
        return FixedLinearStage.of("avgpool layer " + index, in.size(), outShape.size(), out, inIdx, num,
                (long) sh * s);
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : java.util.Arrays.copyOf(a, n);
    }
}
