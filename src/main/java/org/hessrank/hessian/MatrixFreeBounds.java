package org.hessrank.hessian;


/**
 * Minor bounds for the failure probabilities of the matrix-free path, without a p × p matrix.
 *
 * <p>The one algorithm's Hessian-vector product ({@link HessianAlgorithm#pass}) is run once in double precision
 * on absolute values (|θ|, |x|, |residuals|, |masks|, |pooling numerators|) with v = (1, …, 1).
 * Every entry of c²·H_part is a sum of signed products and the same algorithm on absolute values
 * sums their absolute values, so the result bounds the row 1-norms Σ_b |H(a, b)| ≥ ‖row a‖₂.
 * Hadamard's inequality bounds every minor by the product of its rows' norms, so
 * Σ_a max(0, log₂ bound_a) bounds log₂ of every minor. For H_O the bound is on c·J instead, whose
 * rank is rank H_O: Hadamard over the rows of the absolute-value Jacobian. Rounding is covered by
 * {@link BoundRing#SLACK} as in {@link Hessians#log2MinorBounds}; an overflow gives +∞ (and a
 * failure probability of 1, stated as such). Cost: one product, O(N·T), and the absolute Jacobian.
 */
final class MatrixFreeBounds {
    private MatrixFreeBounds() {
    }

    /** log2 bound on every minor of c·J (N·K × p), from the algorithm in {@link BoundRing}. */
    static double jacobian(HessianAlgorithm<double[]> bounds) {
        double[] j = bounds.jacobian();
        int p = bounds.parameterCount();
        int rows = j.length / Math.max(1, p);
        double s = 0;
        for (int r = 0; r < rows; r++) {
            s += BoundRing.positiveLog2(BoundRing.norm(j, r * p, 1, p));
        }
        return s;
    }

    /** log2 bound on every minor of c²·H_F (withO false) or c²·H_L (withO true). */
    static double hessian(HessianAlgorithm<double[]> bounds, int samples, boolean withO) {
        double sum = 0;
        for (double a : rowBounds(bounds, samples, withO)) {
            sum += BoundRing.positiveLog2(a);
        }
        return sum;
    }

    /** Upper bounds on the row 1-norms of c²·H_F (withO false) or c²·H_L (withO true): H·(1, …, 1) on absolute values. */
    static double[] rowBounds(HessianAlgorithm<double[]> a, int n, boolean withO) {
        int p = a.parameterCount();
        double[] acc = new double[p];
        int first = a.firstParameterStage();
        if (first < 0) {
            return acc;
        }
        double[] ones = new double[p];
        java.util.Arrays.fill(ones, 1);
        int chunk = Math.min(n, 512);
        HessianAlgorithm.Buffers<double[]> buffers = a.buffers(chunk);
        for (int i0 = 0; i0 < n; i0 += chunk) {
            a.pass(new Batch<>(i0, Math.min(chunk, n - i0), 1, ones, 0, p, acc, true), first, first, withO, null,
                    buffers);
        }
        for (int k = 0; k < p; k++) {
            acc[k] *= BoundRing.SLACK * BoundRing.SLACK;
        }
        return acc;
    }
}
