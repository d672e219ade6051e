package org.hessrank.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.Grade;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.ModularElimination;
import org.hessrank.exact.ModularRank;
import org.hessrank.exact.Modulus;
import org.hessrank.exact.Primes;
import org.hessrank.exact.Witness;
import org.hessrank.hessian.HessianParts.Part;
import org.hessrank.hessian.HessianRanks;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.ModularHessians;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;
import org.hessrank.theory.Statement.Target;

/**
 * The ranks measured at one point: H_O, H_F, H_L and the matrices T(W) of the parameter layers,
 * each with how it was established, and the point's {@link Instance}. Immutable.
 *
 * <p>A modular rank (one random 49-bit prime) is a certified lower bound: the witness minor is
 * nonzero mod the prime, hence nonzero over ℤ. It equals the rank at the point except with the
 * stated probability (Hadamard bound on the minors via {@link Hessians#log2MinorBounds} and
 * {@link ModularRank#failureProbability}). Layer-matrix ranks are exact (Bareiss).
 */
public final class Measurement {
    private final Point point;
    private final Instance instance;
    private final int[] ranks;
    private final double[] failure;
    private final Witness[] witnesses;
    private final long prime;
    private final boolean deterministic;
    private final int[] layerRanks;

    private Measurement(Point point, Instance instance, int[] ranks, double[] failure, Witness[] witnesses, long prime,
            boolean deterministic, int[] layerRanks) {
        this.point = point;
        this.instance = instance;
        this.ranks = ranks;
        this.failure = failure;
        this.witnesses = witnesses;
        this.prime = prime;
        this.deterministic = deterministic;
        this.layerRanks = layerRanks;
    }

    /**
     * Measures H_O, H_F and H_L at {@code point} mod a random {@link ModularRank#PRIME_BITS}-bit
     * prime drawn from {@code primeSeed}, and the exact ranks of the layer matrices. Cost: the
     * modular Hessians (see {@link Hessians}) plus three eliminations, O(p²·r) each.
     */
    public static Measurement modular(Architecture arch, LoweredNetwork net, Point point, Instance instance,
            long primeSeed) {
        return modular(arch, net, point, instance, primeSeed, true);
    }

    /**
     * As {@link #modular(Architecture, LoweredNetwork, Point, Instance, long)}; with
     * {@code hessians} false only the layer matrices are measured (Hessian ranks read −1).
     */
    public static Measurement modular(Architecture arch, LoweredNetwork net, Point point, Instance instance,
            long primeSeed, boolean hessians) {
        if (!hessians) {
            return new Measurement(point, instance, new int[] {-1, -1, -1}, new double[3], new Witness[3], 0, true,
                    layerRanks(arch, point));
        }
        long q = Primes.randomPrime(new SplittableRandom(primeSeed), ModularRank.PRIME_BITS);
        Modulus mod = Modulus.of(q);
        int p = net.parameterCount();
        ModularHessians h = Hessians.modular(net, point, mod);
        double[] bounds = Hessians.log2MinorBounds(net, point);
        int[] ranks = new int[3];
        double[] fail = new double[3];
        Witness[] w = new Witness[3];
        for (Part part : Part.values()) {
            ModularElimination.Result r = ModularElimination.rank(h.part(part).toRowMajor(), p, p, mod);
            ranks[part.ordinal()] = r.rank();
            w[part.ordinal()] = r.witness();
            fail[part.ordinal()] = ModularRank.failureProbability(bounds[part.ordinal()], ModularRank.PRIME_BITS, 1);
        }
        return new Measurement(point, instance, ranks, fail, w, q, false, layerRanks(arch, point));
    }

    /**
     * Ranks measured by the caller (e.g. {@code hessrank rank}), indexed by {@link Part} ordinal,
     * with their failure probabilities (0 for deterministic ranks) and the prime used (0 if none).
     */
    public static Measurement of(Architecture arch, LoweredNetwork net, Point point, int[] ranks,
            double[] failureProbabilities, long prime, boolean deterministic) {
        return of(arch, net, point, ranks, failureProbabilities, new Witness[3], prime, deterministic);
    }

    /** As above, with the witness minors of the modular ranks (entries may be null). */
    public static Measurement of(Architecture arch, LoweredNetwork net, Point point, int[] ranks,
            double[] failureProbabilities, Witness[] witnesses, long prime, boolean deterministic) {
        Objects.requireNonNull(point, "point");
        if (ranks.length != 3 || failureProbabilities.length != 3) {
            throw new IllegalArgumentException("ranks (" + ranks.length + ") and failure probabilities ("
                    + failureProbabilities.length + ") must have one entry per part (3)");
        }
        return new Measurement(point, Instances.of(arch, point), ranks.clone(), failureProbabilities.clone(),
                witnesses.clone(), prime, deterministic, layerRanks(arch, point));
    }

    /**
     * One measurement per point of a {@link HessianRanks} run (as {@code hessrank rank} makes it):
     * the per-point ranks, the part's union-bound failure probability for every point, and the
     * witness of the best point.
     */
    public static List<Measurement> of(Architecture arch, LoweredNetwork net, HessianRanks.Measurement m) {
        List<Measurement> out = new ArrayList<>();
        for (int k = 0; k < m.points().size(); k++) {
            int[] ranks = new int[3];
            double[] fail = new double[3];
            Witness[] w = new Witness[3];
            long prime = 0;
            boolean det = true;
            for (Part part : Part.values()) {
                HessianRanks.PartRank pr = m.part(part);
                ranks[part.ordinal()] = pr.ranksPerPoint().get(k);
                fail[part.ordinal()] = pr.failureProbability();
                det &= pr.best().grade() == Grade.DETERMINISTIC;
                if (pr.primes().size() == m.points().size()) {
                    prime = pr.primes().get(k);
                }
                if (pr.ranksPerPoint().indexOf(pr.rank()) == k) {
                    w[part.ordinal()] = pr.best().witness();
                }
            }
            out.add(of(arch, net, m.points().get(k), ranks, fail, w, det ? 0 : prime, det));
        }
        return out;
    }

    /** Exact ranks of T(W) per layer (index = layer number, −1 for layers without parameters). */
    private static int[] layerRanks(Architecture arch, Point point) {
        int[] out = new int[arch.layerCount() + 1];
        Arrays.fill(out, -1);
        for (int i = 1; i <= arch.layerCount(); i++) {
            if (!arch.layer(i).hasParameters()) {
                continue;
            }
            int off = arch.parameterOffset(i);
            BigInteger[] params = new BigInteger[arch.parameterCount(i)];
            for (int k = 0; k < params.length; k++) {
                params[k] = point.theta(off + k);
            }
            BigInteger[][] m = arch.layerMatrix(i, params);
            if (m.length * (long) (m.length == 0 ? 0 : m[0].length) > 40_000) {
                continue; // too large for an exact side check; statements on it stay unmeasured
            }
            out[i] = m.length == 0 || m[0].length == 0 ? 0 : Bareiss.echelon(IntegerMatrix.of(m)).rank();
        }
        return out;
    }

    public Point point() {
        return point;
    }

    public Instance instance() {
        return instance;
    }

    /** The seed point {@code point()} was drawn with (after redraws). */
    public long seed() {
        return point.options().map(o -> o.seed()).orElse(0L);
    }

    /**
     * The measured rank of a target; for {@link Target#LAYER_MATRIX}, that of the first parameter
     * layer's T(W). −1 if not measured.
     */
    public int rank(Target target) {
        return switch (target) {
            case H_O -> ranks[0];
            case H_F -> ranks[1];
            case H_L -> ranks[2];
            case LAYER_MATRIX -> firstLayerRank();
        };
    }

    private int firstLayerRank() {
        for (int i = 1; i < layerRanks.length; i++) {
            if (layerRanks[i] >= 0) {
                return layerRanks[i];
            }
        }
        return -1;
    }

    /** Exact rank of T(W) of layer {@code index} (1-based), −1 if it has no parameters or was too large. */
    public int layerRank(int index) {
        return layerRanks[index];
    }

    /** Probability that the rank is below the rank at the point (0 for exact ranks). */
    public double failureProbability(Target target) {
        return target == Target.LAYER_MATRIX || deterministic ? 0 : failure[target.ordinal()];
    }

    /** True if the Hessian ranks are exact (not modular). */
    public boolean deterministic() {
        return deterministic;
    }

    public long prime() {
        return prime;
    }

    /**
     * Why the true rank of {@code target} at this point is at least {@link #rank}: the witness
     * minor mod the prime, or exactness.
     */
    public String evidence(Target target) {
        String name = target == Target.LAYER_MATRIX ? "T(W_1)" : target.name();
        int r = rank(target);
        if (target == Target.LAYER_MATRIX || deterministic) {
            return String.format(Locale.ROOT, "rank %s = %d exactly (deterministic) at point seed %d", name, r, seed());
        }
        if (r == 0) {
            return String.format(Locale.ROOT, "rank %s = 0 mod the prime %d (point seed %d)", name, prime, seed());
        }
        Witness w = witnesses[target.ordinal()];
        String minor = w == null ? "a " + r + "x" + r + " minor" : String.format(Locale.ROOT,
                "the %dx%d minor on rows %s, columns %s,", r, r, abbreviate(w.rows()), abbreviate(w.cols()));
        return String.format(Locale.ROOT, "rank %s >= %d: %s of c^2*%s is nonzero mod the prime %d, hence over Z"
                + " (point seed %d)", name, r, minor, name, prime, seed());
    }

    /** Evidence for the rank of layer {@code index}'s T(W) (exact). */
    public String layerEvidence(int index) {
        return String.format(Locale.ROOT, "rank T(W) of layer %d (%s) = %d exactly (Bareiss over Z) at point seed %d",
                index, instance.architecture().layer(index).spec(), layerRanks[index], seed());
    }

    private static String abbreviate(int[] idx) {
        if (idx.length <= 12) {
            return Arrays.toString(idx);
        }
        return Arrays.toString(Arrays.copyOf(idx, 12)).replace("]", ", ... (" + idx.length + " indices)]");
    }
}
