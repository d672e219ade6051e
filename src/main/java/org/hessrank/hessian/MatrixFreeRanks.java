package org.hessrank.hessian;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hessrank.exact.CompressedRank;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.RankResult;
import org.hessrank.exact.ToeplitzRank;
import org.hessrank.net.LoweredNetwork;

/**
 * The ranks of H_O, H_F and H_L at a point mod a prime p &lt; 2^49 without any p × p matrix.
 *
 * <ul>
 *   <li><b>H_O</b>: rank H_O = rank J over ℚ (H_O = JᵀJ with J real), so the rank mod p of c·J
 *       (N·K × p, built mod p by backpropagation) is computed by {@link ModularElimination}:
 *       O(N·K·p·r) instead of O(p²·r), memory N·K·p.</li>
 *   <li><b>H_F, H_L</b>: the {@link HessianVectorProducts} black box compressed by
 *       {@link Compression#TOEPLITZ} (default; {@link ToeplitzRank}: about r products, O(r·p·log p)
 *       projection and r³/3 elimination) or {@link Compression#ECHELON} ({@link CompressedRank}:
 *       about r + block products and O(r²·p) elimination, with a far smaller failure bound).</li>
 * </ul>
 *
 * <p><b>Grade.</b> Every rank is a {@link Grade#CERTIFIED_LOWER_BOUND} on the rank over ℚ at the
 * point: a nonsingular r × r minor mod p of c·J, resp. of (c²·H·V)ᵀ for the explicit random V,
 * exists, so the rank over ℚ is at least r. The stated failure probability is the sum (union
 * bound) of (a) the chance that the random prime divides every maximal minor, from the Hadamard
 * bounds of {@code MatrixFreeBounds} via {@link ModularRank#failureProbability}, and (b) for H_F and
 * H_L the compression's own bound: {@link ToeplitzRank#failureBound} ((m+1)/q, m ≤ p the projected rows), C(p+1, 2)/q² for
 * {@link CompressedRank}.
 */
public final class MatrixFreeRanks {
    private MatrixFreeRanks() {
    }

    /** Receives the phase, the rank found so far, the products used and the elapsed seconds. */
    @FunctionalInterface
    public interface Listener {
        void update(Part part, String phase, int rank, int products, double seconds);
    }

    /** The phase a listener receives with a part's final rank on the Toeplitz path. */
    public static final String RANK_FOUND = "rank found";

    /** How H_F and H_L are compressed to a small matrix. */
    public enum Compression {
        /** Toeplitz preconditioners on both sides, bordered LU of the leading blocks ({@link ToeplitzRank}). */
        TOEPLITZ,
        /** Random dense vectors, incremental echelon basis of the images ({@link CompressedRank}). */
        ECHELON
    }

    /** One part's outcome with its cost. */
    public record PartResult(RankResult rank, int products, double seconds, double primeFailure,
            double compressionFailure) {
    }

    /** As {@link #compute(LoweredNetwork, Point, Modulus, long, int, int, Compression, Listener)} with Toeplitz compression. */
    public static Map<Part, PartResult> compute(LoweredNetwork net, Point point, Modulus modulus, long seed, int block,
            int maxRows, Listener listener) {
        return compute(net, point, modulus, seed, block, maxRows, Compression.TOEPLITZ, listener);
    }

    /**
     * The three ranks mod {@code modulus}.
     *
     * @param seed seeds the compression: the Toeplitz sequences shared by H_F and H_L, or the
     *     echelon compression's random vectors (part F uses seed, part L seed + 1)
     * @param block vectors per block of the compression
     * @param maxRows the most vectors of length p the caller can afford to hold
     * @param compression how H_F and H_L are compressed; a Toeplitz run whose rank profile turns
     *     out not generic (detected, which proves its answer short; see {@link ToeplitzRank}) is redone
     *     with {@link Compression#ECHELON}
     * @param listener progress, or null
     * @throws IllegalArgumentException see {@link HessianVectorProducts#of}
     * @throws IllegalStateException if a ReLU pre-activation is 0 or the rank outgrows maxRows
     */
    public static Map<Part, PartResult> compute(LoweredNetwork net, Point point, Modulus modulus, long seed, int block,
            int maxRows, Compression compression, Listener listener) {
        return compute(EvaluatedPoint.of(net, point), modulus, seed, block, maxRows, compression, listener);
    }

    /** As {@link #compute(LoweredNetwork, Point, Modulus, long, int, int, Compression, Listener)} at an evaluated point. */
    public static Map<Part, PartResult> compute(EvaluatedPoint at, Modulus modulus, long seed, int block,
            int maxRows, Compression compression, Listener listener) {
        Objects.requireNonNull(modulus, "modulus");
        LoweredNetwork net = at.network();
        Point point = at.point();
        Objects.requireNonNull(compression, "compression");
        Listener lis = listener == null ? (a, b, c, d, e) -> { } : listener;
        Map<Part, PartResult> out = new EnumMap<>(Part.class);
        long t0 = System.nanoTime();
        lis.update(Part.O, "forward pass and residuals", 0, 0, 0);
        HessianVectorProducts hvp = HessianVectorProducts.of(at, modulus);
        HessianAlgorithm<double[]> bounds = at.algorithm(BoundRing.INSTANCE);
        int p = net.parameterCount();
        int rows = point.samples() * net.outputSize();
        lis.update(Part.O, "Jacobian mod p", 0, 0, (System.nanoTime() - t0) / 1e9);
        long[] j = hvp.jacobian();
        lis.update(Part.O, "rank of J", 0, 0, (System.nanoTime() - t0) / 1e9);
        ModularElimination.Result rj = ModularElimination.rank(j, rows, p, modulus);
        double failO = ModularRank.failureProbability(MatrixFreeBounds.jacobian(bounds), ModularRank.PRIME_BITS, 1);
        double secondsO = (System.nanoTime() - t0) / 1e9;
        out.put(Part.O, new PartResult(RankResult.of(rj.rank(), Grade.CERTIFIED_LOWER_BOUND, failO, null,
                new long[] {modulus.value()}, "rank of J mod p"), 0, secondsO, failO, 0));
        lis.update(Part.O, RANK_FOUND, rj.rank(), 0, secondsO);
        Part[] parts = {Part.F, Part.L};
        double[] primeFail = new double[2];
        for (int i = 0; i < 2; i++) {
            primeFail[i] = ModularRank.failureProbability(MatrixFreeBounds.hessian(bounds, point.samples(), parts[i] == Part.L),
                    ModularRank.PRIME_BITS, 1);
        }
        ToeplitzRank.Result[] tr = null;
        if (compression != Compression.TOEPLITZ) {
            j = null;
        }
        double[] finished = new double[2];
        if (compression == Compression.TOEPLITZ) {
            ToeplitzRank.Listener[] progress = new ToeplitzRank.Listener[2];
            for (int i = 0; i < 2; i++) {
                final int m = i;
                progress[i] = (rank, products, seconds, done) -> {
                    finished[m] = seconds;
                    lis.update(parts[m], done ? RANK_FOUND : "Toeplitz-preconditioned rank", rank, products, seconds);
                };
            }
            try {
                // H_F and H_L share T1, T2 and the forward pass of their products; H_L's projected
                // columns may come from H_F's and the projected Jacobian (c²H_L = c²H_F + (cJ)ᵀcJ)
                tr = ToeplitzRank.ranks(hvp.familyFL(j), seed, block, (long) maxRows * p, progress);
            } catch (ToeplitzRank.NonGenericProfileException e) {
                tr = null; // proved the Toeplitz answer short; redone below with the echelon compression
            }
            j = null;
        }
        for (int i = 0; i < 2; i++) {
            Part part = parts[i];
            int rank;
            int products;
            double compressionFail;
            double seconds;
            String how;
            if (tr != null) {
                rank = tr[i].rank();
                products = tr[i].products();
                compressionFail = tr[i].failureProbability();
                // shared run: the part that finished first gets the time so far, the other the rest
                double other = finished[1 - i];
                seconds = other < finished[i] ? finished[i] - other : finished[i];
                how = "leading minors of T1*H*T1^T (Toeplitz T1 mod p)";
            } else {
                long t2 = System.nanoTime();
                CompressedRank.Result r = CompressedRank.rank(hvp.blackBox(part), seed + i, block,
                        CompressedRank.DEFAULT_MISSES, maxRows,
                        (rk, pr, sec) -> lis.update(part, "compressed rank", rk, pr, sec));
                rank = r.rank();
                products = r.products();
                compressionFail = r.failureProbability();
                seconds = (System.nanoTime() - t2) / 1e9;
                how = "echelon basis of H*V (random V mod p)";
                lis.update(part, RANK_FOUND, rank, products, seconds);
            }
            double fail = Math.min(1, primeFail[i] + compressionFail);
            out.put(part, new PartResult(RankResult.of(rank, Grade.CERTIFIED_LOWER_BOUND, fail, null,
                    new long[] {modulus.value()}, how), products, seconds, primeFail[i], compressionFail));
        }
        return out;
    }
}
