package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import java.util.stream.IntStream;
import org.hessrank.exact.BlackBox;
import org.hessrank.exact.BlackBoxFamily;
import org.hessrank.exact.GramFamily;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.Modulus;
import org.hessrank.net.LoweredNetwork;

/**
 * Exact Hessian-vector products mod a prime p &lt; 2^49: c²·H_O·v, c²·H_F·v and c²·H_L·v for blocks
 * of vectors, with the same scaling c as {@link Hessians} (so {@code apply(part, v)} equals
 * {@code Hessians.modular(net, point, p).part(part)·v} entry by entry) and without ever forming a
 * p × p matrix.
 *
 * <p><b>Algorithm</b>: the one {@link HessianAlgorithm} in {@link DoubleResidueRing} (forward-over-reverse
 * through the stages, masks fixed at the point); this class adds the blocking and the threads.
 * Write ℓ = ½Σ_i‖e_i‖², e_i = F(x_i) − y_i, and for a parameter stage m with input h_m let g_m be
 * the residual backpropagated to its output; the gradient block of stage m is Σ_i G_m(h_m)ᵀg_m
 * (terms: g[out]·h[in]). Differentiating along v:
 * <ul>
 *   <li>forward tangent: δh_{m+1} = W_m·δh_m + V_m·h_m (V_m: v's block of stage m), through
 *       fixed stages and masks; δF = J·v at the output;</li>
 *   <li>backward tangent: δg at the output is J·v (the H_O part) and, passing a parameter stage
 *       backwards, δg_in = W_mᵀδg_m + V_mᵀg_m (the second term belongs to H_F);</li>
 *   <li>H·v block of stage m: Σ_i δg_m·h_mᵀ + g_m·δh_mᵀ (the second term belongs to H_F).</li>
 * </ul>
 * H_O·v = Jᵀ(J·v) keeps only the J·v source; H_F·v only the terms with g; H_L·v both.
 *
 * <p><b>Layout and arithmetic.</b> A block of vectors is split into sub-blocks run in parallel;
 * each sub-block walks the samples in chunks, holding every stage's tangent as [unit][sample][vector]
 * so that each term of a stage is one long vectorisable "y ← y + c·x mod p" over (samples ×
 * vectors). Residues are kept in doubles and every multiply-add is exact (the FMA kernel of
 * {@link ModularElimination}, in {@link DoubleResidueRing}), lazily reduced to [0, p].
 *
 * <p><b>Cost</b> per vector: about 6·N·T multiply-adds mod p ({@link #applyFL}: about 8·N·T for
 * both H_F·v and H_L·v) (T = number of terms of all
 * parameter stages, N samples), plus O(N·(fixed-stage terms)). Construction: one exact forward
 * pass (BigInteger, O(N·T)) and a backward pass of the residuals mod p. Memory O(N·(sum of
 * stage sizes)·block + p·block). Immutable after construction and thread-safe.
 */
public final class HessianVectorProducts {
    private static final int TARGET_CHUNK = 512;
    private static final int SUB_BLOCK = 32;

    private final LoweredNetwork net;
    private final Evaluation ev;
    private final DoubleResidueRing ring;
    private final HessianAlgorithm<double[]> algorithm;
    private final long prime;
    private final int p;
    private final int n;
    private final int first;

    private HessianVectorProducts(LoweredNetwork net, Point point, Evaluation ev, Modulus modulus) {
        this.net = net;
        this.ev = ev;
        this.ring = new DoubleResidueRing(modulus);
        this.algorithm = Hessians.algorithm(ring, ev, point);
        this.prime = modulus.value();
        this.p = net.parameterCount();
        this.n = point.samples();
        this.first = algorithm.firstParameterStage();
    }

    /**
     * Products for the network at the point, mod {@code modulus}.
     *
     * @throws IllegalArgumentException if the prime is not below 2^49, the network has tanh or
     *     sigmoid, or the point does not fit the network
     * @throws IllegalStateException if a ReLU pre-activation is exactly 0 at the point
     */
    public static HessianVectorProducts of(LoweredNetwork net, Point point, Modulus modulus) {
        Objects.requireNonNull(modulus, "modulus");
        DoubleResidueRing.require(modulus);
        return of(EvaluatedPoint.of(net, point), modulus);
    }

    /** Products at an evaluated point, mod {@code modulus} (see {@link #of(LoweredNetwork, Point, Modulus)}). */
    public static HessianVectorProducts of(EvaluatedPoint at, Modulus modulus) {
        Objects.requireNonNull(modulus, "modulus");
        DoubleResidueRing.require(modulus);
        return new HessianVectorProducts(at.network(), at.point(), at.evaluation(), modulus);
    }

    /** c·J mod p, N·K × p row-major canonical residues, from the same tape as the products. */
    long[] jacobian() {
        Hessians.checkJacobianSize(n, net.outputSize(), p);
        return ring.jacobian(algorithm, n * net.outputSize(), p);
    }

    /** p, the number of parameters. */
    public int dimension() {
        return p;
    }

    public long prime() {
        return prime;
    }

    /** The integer scale c (see {@link Hessians}). */
    public BigInteger scale() {
        return ev.totalScale;
    }

    /** c²·H_part·v mod p for one vector of residues (any longs; reduced first). */
    public long[] apply(Part part, long[] v) {
        if (v.length != p) {
            throw new IllegalArgumentException("vector length (" + v.length + ") must equal the parameter count ("
                    + p + ")");
        }
        double[] x = ring.ofLongs(v);
        double[][] out = new double[1][p];
        apply(part, new double[][] {x}, out);
        long[] r = new long[p];
        for (int k = 0; k < p; k++) {
            r[k] = ring.canonical(out[0][k]);
        }
        return r;
    }

    /** This part as a {@link BlackBox} mod p. */
    public BlackBox blackBox(Part part) {
        Objects.requireNonNull(part, "part");
        return new PartBox(p, prime, this, part);
    }

    /**
     * out[j] = c²·H_part·in[j] mod p for every j; inputs are canonical residues held in doubles
     * (not modified); outputs are canonical. Sub-blocks of vectors run in parallel.
     */
    public void apply(Part part, double[][] in, double[][] out) {
        Objects.requireNonNull(part, "part");
        run(in, out, null, null, part != Part.F, part != Part.O);
    }

    /**
     * outF[j] = c²·H_F·in[j] and outL[j] = c²·H_L·in[j] mod p together: one forward pass, the
     * backward pass twice (about 8/12 of the cost of two {@link #apply} calls).
     */
    public void applyFL(double[][] in, double[][] outF, double[][] outL) {
        Objects.requireNonNull(outL, "outL");
        run(in, outF, outL, null, true, true);
    }

    /** H_F and H_L as a {@link BlackBoxFamily} (map 0 is H_F, map 1 is H_L), applied together when both are wanted. */
    public BlackBoxFamily familyFL() {
        return new FamilyFL(p, prime, this);
    }

    /**
     * H_F and H_L as a {@link GramFamily}: c²H_L = c²H_F + (cJ)ᵀ(cJ), with cJ = {@code jacobian}
     * (N·K × p canonical residues, as from {@link #jacobian()}; kept, not copied) and cJ·v taken
     * from the forward tangent of the H_F product ({@link #applyF}).
     */
    public GramFamily familyFL(long[] jacobian) {
        Objects.requireNonNull(jacobian, "jacobian");
        int k = n * net.outputSize();
        if (jacobian.length != (long) k * p) {
            throw new IllegalArgumentException("jacobian length (" + jacobian.length + ") must be N*K*p = "
                    + (long) k * p);
        }
        return new GramFL(p, prime, this, jacobian, k);
    }

    /**
     * outF[j] = c²·H_F·in[j] and jv[j] = c·J·in[j] (length N·K, row i·K + c as in
     * {@link #jacobian()}) mod p, canonical: the H_F product and its forward tangent at the output.
     */
    public void applyF(double[][] in, double[][] outF, double[][] jv) {
        Objects.requireNonNull(jv, "jv");
        int k = n * net.outputSize();
        if (jv.length != in.length) {
            throw new IllegalArgumentException("jv length (" + jv.length + ") must equal in length (" + in.length + ")");
        }
        for (double[] row : jv) {
            if (row.length != k) {
                throw new IllegalArgumentException("jv rows must have length N*K = " + k);
            }
        }
        run(in, outF, null, jv, false, true);
    }

    /**
     * {@link #blackBox(Part)}: one part of {@code h}. The two adapters are records so that their
     * components answer {@code dimension()} and {@code prime()}.
     */
    private record PartBox(int dimension, long prime, HessianVectorProducts h, Part part) implements BlackBox {
        @Override
        public void apply(double[][] in, double[][] out) {
            h.apply(part, in, out);
        }

        @Override
        public boolean symmetric() {
            return true;
        }
    }

    /** {@link #familyFL(long[])}: H_F, and H_L through the Jacobian factor. */
    private record GramFL(int dimension, long prime, HessianVectorProducts h, long[] jacobian, int factorRows)
            implements GramFamily {
        @Override
        public void factorRow(int i, double[] row) {
            for (int a = 0; a < dimension; a++) {
                row[a] = jacobian[i * dimension + a];
            }
        }

        @Override
        public boolean symmetric() {
            return true;
        }

        @Override
        public double directExtraCost() {
            return 2.0 * factorRows / h.net.outputSize() * dimension; // the H_O backward pass: about 2·N·p
        }

        @Override
        public void applyWithFactor(double[][] in, double[][] out, double[][] av) {
            h.applyF(in, out, av);
        }

        @Override
        public void apply(double[][] in, boolean[] wanted, double[][][] out) {
            new FamilyFL(dimension, prime, h).apply(in, wanted, out);
        }
    }

    /** {@link #familyFL()}: H_F and H_L of {@code h}, applied together when both are wanted. */
    private record FamilyFL(int dimension, long prime, HessianVectorProducts h) implements BlackBoxFamily {
        @Override
        public int count() {
            return 2;
        }

        @Override
        public boolean symmetric() {
            return true;
        }

        @Override
        public void apply(double[][] in, boolean[] wanted, double[][][] out) {
            if (wanted[0] && wanted[1]) {
                h.applyFL(in, out[0], out[1]);
            } else if (wanted[0]) {
                h.apply(Part.F, in, out[0]);
            } else if (wanted[1]) {
                h.apply(Part.L, in, out[1]);
            }
        }
    }

    /** out (and out2, the H_L of a pair) for every vector; jv, if non-null, receives c·J·v. */
    private void run(double[][] in, double[][] out, double[][] out2, double[][] jv, boolean withO, boolean withF) {
        double[][][] outs = out2 == null ? new double[][][] {out} : new double[][][] {out, out2};
        for (double[][] o : outs) {
            if (in.length != o.length) {
                throw new IllegalArgumentException("out length (" + o.length + ") must equal in length (" + in.length
                        + ")");
            }
            for (int j = 0; j < in.length; j++) {
                if (in[j].length != p || o[j].length != p) {
                    throw new IllegalArgumentException("vector " + j + " length must equal the parameter count (" + p
                            + ")");
                }
            }
        }
        int m = in.length;
        if (first < 0 || m == 0) {
            for (double[][] o : outs) {
                for (double[] v : o) {
                    java.util.Arrays.fill(v, 0);
                }
            }
            for (int j = 0; jv != null && j < m; j++) {
                java.util.Arrays.fill(jv[j], 0);
            }
            return;
        }
        int subBlocks = (m + SUB_BLOCK - 1) / SUB_BLOCK;
        int cores = Runtime.getRuntime().availableProcessors();
        if (subBlocks < cores && m >= 2 * 8) {
            subBlocks = Math.min(cores, m / 8);
        }
        final int tasks = subBlocks;
        IntStream range = IntStream.range(0, tasks);
        if (tasks > 1) {
            range = range.parallel();
        }
        range.forEach(task -> {
            int j0 = (int) ((long) m * task / tasks);
            int j1 = (int) ((long) m * (task + 1) / tasks);
            subBlock(in, out, out2, jv, j0, j1, withO, withF);
        });
    }

    /** Copies the output tangent of a batch (samples i0.., vectors j0..) into jv[vector][sample·K + output]. */
    private void outputTangent(double[] top, Batch<double[]> batch, double[][] jv, int j0) {
        int outputs = net.outputSize();
        for (int c = 0; c < outputs; c++) {
            for (int ii = 0; ii < batch.c; ii++) {
                int at = c * batch.stride + ii * batch.b;
                int row = (batch.i0 + ii) * outputs + c;
                for (int d = 0; d < batch.b; d++) {
                    jv[j0 + d][row] = ring.canonical(top[at + d]);
                }
            }
        }
    }

    /**
     * Vectors j0..j1−1: one pass of the algorithm over the samples in chunks. With {@code out2}
     * non-null (a pair), out gets H_F·v and out2 gets H_L·v = H_F·v + H_O·v from one forward pass.
     */
    private void subBlock(double[][] in, double[][] out, double[][] out2, double[][] jv, int j0, int j1,
            boolean withO, boolean withF) {
        boolean pair = out2 != null;
        int b = j1 - j0;
        double[] vt = new double[p * b];
        for (int j = 0; j < b; j++) {
            double[] v = in[j0 + j];
            for (int k = 0; k < p; k++) {
                vt[k * b + j] = v[k];
            }
        }
        double[] acc = new double[p * b];
        double[] accO = pair ? new double[p * b] : null;
        int cs = Math.max(1, Math.min(n, TARGET_CHUNK / b));
        HessianAlgorithm.Buffers<double[]> buffers = algorithm.buffers(cs * b);
        for (int i0 = 0; i0 < n; i0 += cs) {
            Batch<double[]> batch = new Batch<>(i0, Math.min(cs, n - i0), b, vt, 0, p, acc, withF);
            algorithm.pass(batch, first, first, withO && !pair, accO, buffers);
            if (jv != null) {
                outputTangent(algorithm.outputTangent(buffers), batch, jv, j0);
            }
        }
        for (int j = 0; j < b; j++) {
            double[] o = out[j0 + j];
            double[] o2 = pair ? out2[j0 + j] : null;
            for (int k = 0; k < p; k++) {
                long x = ring.canonical(acc[k * b + j]);
                o[k] = x;
                if (pair) {
                    long y = x + ring.canonical(accO[k * b + j]);
                    o2[k] = y >= prime ? y - prime : y;
                }
            }
        }
    }
}
