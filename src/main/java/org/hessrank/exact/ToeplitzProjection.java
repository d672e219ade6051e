package org.hessrank.exact;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The first m rows of T·y mod a prime q &lt; 2^49 for a unit upper triangular Toeplitz matrix T
 * (n × n, T[i][l] = t_{l−i} for l ≥ i, t_0 = 1) and many vectors y, in O(n·log n) per vector
 * instead of O(m·n).
 *
 * <p>(T·y)_i = Σ_{l ≥ i} t_{l−i}·y_l is entry n−1−i of the linear convolution of t with y
 * reversed. That integer convolution (entries below n·q² &lt; 2^120) is computed exactly by cyclic
 * number-theoretic transforms of length L ≥ n + m − 1 modulo three fixed primes near 2^48
 * (product about 2^144) and recombined by Garner's CRT, then reduced mod q. The transform of t
 * is computed once.
 *
 * <p>Cost per vector: 6 transforms of length L (about 3·L·log₂L butterflies) and O(m) CRT
 * steps; blocks of {@value #WIDTH} vectors are transformed together, blocks in parallel. Memory:
 * 3·L doubles for t plus about L·({@value #WIDTH} + 2) per running block. Immutable and thread-safe.
 */
public final class ToeplitzProjection {
    /** Vectors transformed together (interleaved). */
    static final int WIDTH = 16;

    private final long q;
    private final double qd;
    private final double qinv;
    private final int n;
    private final int rows;
    private final NumberTheoreticTransform[] transforms;
    /** Per prime: transform of t, times L^{-1}. */
    private final double[][] kernels;
    private final double[] primeD;
    private final double[] primeInv;
    private final double c12;
    private final double c123;
    private final double p1ModP3;
    private final double p1ModQ;
    private final double p12ModQ;

    private ToeplitzProjection(Modulus modulus, double[] t, int rows) {
        this.q = modulus.value();
        this.qd = q;
        this.qinv = 1.0 / q;
        this.n = t.length;
        this.rows = rows;
        int log = 1;
        while ((1L << log) < (long) n + rows - 1) {
            log++;
        }
        List<long[]> ps = NumberTheoreticTransform.primes();
        transforms = new NumberTheoreticTransform[3];
        kernels = new double[3][];
        primeD = new double[3];
        primeInv = new double[3];
        for (int k = 0; k < 3; k++) {
            long pk = ps.get(k)[0];
            transforms[k] = new NumberTheoreticTransform(pk, ps.get(k)[1], log);
            primeD[k] = pk;
            primeInv[k] = 1.0 / pk;
            int len = transforms[k].length();
            double[][] a = new double[len][1];
            for (int x = 0; x < n; x++) {
                a[x][0] = reduceD(t[x], pk, 1.0 / pk);
            }
            transforms[k].forward(a);
            Modulus mk = Modulus.of(pk);
            double[] scale = new double[len];
            java.util.Arrays.fill(scale, mk.inverse(len));
            transforms[k].multiply(a, scale);
            kernels[k] = new double[len];
            for (int x = 0; x < len; x++) {
                kernels[k][x] = a[x][0];
            }
        }
        long p1 = ps.get(0)[0];
        long p2 = ps.get(1)[0];
        long p3 = ps.get(2)[0];
        Modulus m2 = Modulus.of(p2);
        Modulus m3 = Modulus.of(p3);
        c12 = m2.inverse(p1 % p2);
        c123 = m3.inverse(m3.multiply(p1 % p3, p2 % p3));
        p1ModP3 = p1 % p3;
        p1ModQ = modulus.reduce(p1);
        p12ModQ = modulus.multiply(modulus.reduce(p1), modulus.reduce(p2));
    }

    /**
     * The projection onto the first {@code rows} rows of T for the sequence {@code t}.
     *
     * @param t t_0 … t_{n−1}, canonical residues mod q with t_0 = 1 (T is then invertible)
     * @param rows m, 1 ≤ m ≤ n
     * @throws IllegalArgumentException if q ≥ 2^49, t_0 ≠ 1, m is out of range or n + m − 1 &gt; 2^22
     */
    public static ToeplitzProjection of(Modulus modulus, double[] t, int rows) {
        Objects.requireNonNull(modulus, "modulus");
        Objects.requireNonNull(t, "t");
        if (modulus.value() >= (1L << ModularElimination.FAST_PRIME_BITS)) {
            throw new IllegalArgumentException("modulus (" + modulus.value() + ") must be < 2^"
                    + ModularElimination.FAST_PRIME_BITS);
        }
        if (t.length == 0 || t[0] != 1) {
            throw new IllegalArgumentException("t must be non-empty with t[0] = 1");
        }
        if (rows < 1 || rows > t.length) {
            throw new IllegalArgumentException("rows (" + rows + ") must be in [1, " + t.length + "]");
        }
        if ((long) t.length + rows - 1 > (1L << NumberTheoreticTransform.MAX_LOG)) {
            throw new IllegalArgumentException("n + rows - 1 (" + (t.length + rows - 1L) + ") must be <= 2^"
                    + NumberTheoreticTransform.MAX_LOG);
        }
        return new ToeplitzProjection(modulus, t.clone(), rows);
    }

    /** n, the length of the vectors. */
    public int dimension() {
        return n;
    }

    /** m, the rows kept. */
    public int rows() {
        return rows;
    }

    /** The transform length L (a power of two ≥ n + m − 1). */
    public int transformLength() {
        return transforms[0].length();
    }

    /**
     * out[j][i] = (T·ys[j])_i mod q for i &lt; m; {@code ys[j]} are canonical residues of length n
     * (not modified), {@code out[j]} of length ≥ m; outputs are canonical.
     */
    public void apply(double[][] ys, double[][] out) {
        if (ys.length != out.length) {
            throw new IllegalArgumentException("out length (" + out.length + ") must equal ys length ("
                    + ys.length + ")");
        }
        for (int j = 0; j < ys.length; j++) {
            if (ys[j].length != n || out[j].length < rows) {
                throw new IllegalArgumentException("vector " + j + " must have length " + n + " (out >= " + rows
                        + ")");
            }
        }
        int blocks = (ys.length + WIDTH - 1) / WIDTH;
        IntStream range = IntStream.range(0, blocks);
        if (blocks > 1) {
            range = range.parallel();
        }
        range.forEach(b -> block(ys, out, b * WIDTH, Math.min(ys.length, (b + 1) * WIDTH)));
    }

    private void block(double[][] ys, double[][] out, int j0, int j1) {
        int w = j1 - j0;
        int len = transforms[0].length();
        double[][] buf = new double[len][w];
        double[][] residues = new double[3][rows * w];
        for (int k = 0; k < 3; k++) {
            double pk = primeD[k];
            double pki = primeInv[k];
            for (int u = 0; u < len; u++) {
                java.util.Arrays.fill(buf[u], 0);
            }
            for (int c = 0; c < w; c++) {
                double[] y = ys[j0 + c];
                for (int u = 0; u < n; u++) {
                    buf[u][c] = reduceD(y[n - 1 - u], pk, pki);
                }
            }
            transforms[k].forward(buf);
            transforms[k].multiply(buf, kernels[k]);
            transforms[k].inverse(buf);
            double[] res = residues[k];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(buf[n - 1 - i], 0, res, i * w, w);
            }
        }
        double[] x = garner(residues[0], residues[1], residues[2]);
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < w; c++) {
                out[j0 + c][i] = x[i * w + c];
            }
        }
    }

    /**
     * X mod q for each X ∈ [0, P1·P2·P3) given by its residues (lazy, in [0, P_k]), by Garner's
     * algorithm, as one flat loop so that it vectorises. Returns canonical residues mod q.
     */
    private double[] garner(double[] x1, double[] x2, double[] x3) {
        double p1 = primeD[0];
        double p2 = primeD[1];
        double p2i = primeInv[1];
        double p3 = primeD[2];
        double p3i = primeInv[2];
        double[] out = new double[x1.length];
        for (int e = 0; e < out.length; e++) {
            double a1 = x1[e] == p1 ? 0 : x1[e];
            double d2 = x2[e] - reduceD(a1, p2, p2i) + p2;
            double k2 = mul(reduceD(d2, p2, p2i), c12, p2, p2i);
            k2 = k2 == p2 ? 0 : k2;
            double d3 = x3[e] - reduceD(a1, p3, p3i) + 2 * p3 - mul(p1ModP3, reduceD(k2, p3, p3i), p3, p3i);
            double k3 = mul(reduceD(d3, p3, p3i), c123, p3, p3i);
            k3 = k3 == p3 ? 0 : k3;
            double v = reduceD(a1, qd, qinv) + mul(p1ModQ, reduceD(k2, qd, qinv), qd, qinv)
                    + mul(p12ModQ, reduceD(k3, qd, qinv), qd, qinv);
            v = reduceD(v, qd, qinv);
            out[e] = v == qd ? 0 : v;
        }
        return out;
    }

    /** v mod p into [0, p] for an integer-valued v with |v| below a few p (exact). */
    private static double reduceD(double v, double p, double pinv) {
        return Math.fma(-Math.floor(v * pinv), p, v);
    }

    /** a·b mod p into [0, p], exactly, for a, b in [0, p] and p &lt; 2^49. */
    private static double mul(double a, double b, double p, double pinv) {
        double h = a * b;
        double l = Math.fma(a, b, -h);
        double r = Math.fma(-Math.floor(h * pinv), p, h) + l;
        return Math.fma(-Math.floor(r * pinv), p, r);
    }
}
