package org.hessrank.hessian;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hessrank.exact.CompressedRank;
import org.hessrank.exact.Grade;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.RankResult;
import org.hessrank.hessian.HessianParts.Part;
import org.hessrank.net.LoweredNetwork;

/**
 * The ranks of H_O, H_F and H_L at a point mod a prime p &lt; 2^49 without any p × p matrix.
 *
 * <ul>
 *   <li><b>H_O</b>: rank H_O = rank J over ℚ (H_O = JᵀJ with J real), so the rank mod p of c·J
 *       (N·K × p, built mod p by backpropagation) is computed by {@link ModularElimination}:
 *       O(N·K·p·r) instead of O(p²·r), memory N·K·p.</li>
 *   <li><b>H_F, H_L</b>: {@link CompressedRank} on the {@link HessianVectorProducts} black box:
 *       about r + block products and O(r²·p) elimination, memory about r·p doubles.</li>
 * </ul>
 *
 * <p><b>Grade.</b> Every rank is a {@link Grade#CERTIFIED_LOWER_BOUND} on the rank over ℚ at the
 * point: a nonsingular r × r minor mod p of c·J, resp. of (c²·H·V)ᵀ for the explicit random V,
 * exists, so the rank over ℚ is at least r. The stated failure probability is the sum (union
 * bound) of (a) the chance that the random prime divides every maximal minor, from the Hadamard
 * bounds of {@code MatrixFreeBounds} via {@link ModularRank#failureProbability}, and (b) for H_F and
 * H_L the compression's {@link CompressedRank.Result#failureProbability()}.
 */
public final class MatrixFreeRanks {
    private MatrixFreeRanks() {
    }

    /** Receives the phase, the rank found so far, the products used and the elapsed seconds. */
    @FunctionalInterface
    public interface Listener {
        void update(Part part, String phase, int rank, int products, double seconds);
    }

    /** One part's outcome with its cost. */
    public record PartResult(RankResult rank, int products, double seconds, double primeFailure,
            double compressionFailure) {
    }

    /**
     * The three ranks mod {@code modulus}.
     *
     * @param seed seeds the random compression vectors (part F uses seed, part L seed + 1)
     * @param block vectors per block of the compression
     * @param maxRows the most basis rows of length p the caller can afford
     * @param listener progress, or null
     * @throws IllegalArgumentException see {@link HessianVectorProducts#of}
     * @throws IllegalStateException if a ReLU pre-activation is 0 or the rank outgrows maxRows
     */
    public static Map<Part, PartResult> compute(LoweredNetwork net, Point point, Modulus modulus, long seed, int block,
            int maxRows, Listener listener) {
        Objects.requireNonNull(modulus, "modulus");
        Listener lis = listener == null ? (a, b, c, d, e) -> { } : listener;
        Map<Part, PartResult> out = new EnumMap<>(Part.class);
        long t0 = System.nanoTime();
        lis.update(Part.O, "forward pass and residuals", 0, 0, 0);
        HessianVectorProducts hvp = HessianVectorProducts.of(net, point, modulus);
        Evaluation ev = hvp.evaluation();
        int p = net.parameterCount();
        int rows = point.samples() * net.outputSize();
        if ((long) rows * p > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Jacobian size N*K*p (%d*%d*%d) must be < 2^31 entries", point.samples(), net.outputSize(), p));
        }
        lis.update(Part.O, "Jacobian mod p", 0, 0, (System.nanoTime() - t0) / 1e9);
        long[] j = new Engine<>(new ModArith(modulus), ev, point.theta()).jacobian();
        lis.update(Part.O, "rank of J", 0, 0, (System.nanoTime() - t0) / 1e9);
        ModularElimination.Result rj = ModularElimination.rank(j, rows, p, modulus);
        j = null;
        double failO = ModularRank.failureProbability(MatrixFreeBounds.jacobian(ev, point), ModularRank.PRIME_BITS, 1);
        double secondsO = (System.nanoTime() - t0) / 1e9;
        out.put(Part.O, new PartResult(RankResult.of(rj.rank(), Grade.CERTIFIED_LOWER_BOUND, failO, null,
                new long[] {modulus.value()}, "matrix-free (rank of J mod p)"), 0, secondsO, failO, 0));
        for (Part part : new Part[] {Part.F, Part.L}) {
            long t1 = System.nanoTime();
            double log2 = MatrixFreeBounds.hessian(ev, point, part == Part.L);
            double primeFail = ModularRank.failureProbability(log2, ModularRank.PRIME_BITS, 1);
            long partSeed = seed + (part == Part.L ? 1 : 0);
            CompressedRank.Result r = CompressedRank.rank(hvp.blackBox(part), partSeed, block,
                    CompressedRank.DEFAULT_MISSES, maxRows,
                    (rank, products, seconds) -> lis.update(part, "compressed rank", rank, products, seconds));
            double fail = Math.min(1, primeFail + r.failureProbability());
            out.put(part, new PartResult(RankResult.of(r.rank(), Grade.CERTIFIED_LOWER_BOUND, fail, null,
                    new long[] {modulus.value()}, "matrix-free (rank of H*V, random V mod p)"), r.products(),
                    (System.nanoTime() - t1) / 1e9, primeFail, r.failureProbability()));
        }
        return out;
    }
}
