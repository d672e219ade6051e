package org.hessrank.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Witness;
import org.hessrank.hessian.Observation;
import org.hessrank.hessian.Observations;
import org.hessrank.hessian.Part;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instance;
import org.hessrank.theory.Instances;

/**
 * One point as the verifier sees it: its {@link Observation} (the Hessian ranks with grade and
 * witness), its {@link Instance} (the facts statements are predicted from) and the exact ranks of
 * the layer matrices T(W). Immutable.
 *
 * <p>A Hessian rank mod a prime is a certified lower bound: the witness minor is nonzero mod the
 * prime, hence over ℤ. The failure probability a verdict decided at this point reports is
 * {@link #failureProbability}: the point's own, or for a point of a run of k (as {@code hessrank
 * rank --points k} measures it) the union bound over the run, which also covers the run's largest
 * rank. Layer-matrix ranks are exact (Bareiss), at a cost of O(rows·cols·rank) per layer.
 */
public final class MeasuredPoint {
    /** Largest T(W) (rows·cols) ranked exactly; larger layer matrices stay unmeasured. */
    static final long MAX_LAYER_MATRIX_ENTRIES = 40_000;

    private final Observation observation;
    private final Instance instance;
    private final Map<Part, Double> failure;
    private final int[] layerRanks;

    private MeasuredPoint(Observation observation, Instance instance, Map<Part, Double> failure, int[] layerRanks) {
        // the facts are drawn: the evaluation need not outlive them (sweeps keep thousands of points)
        this.observation = observation.withoutEvaluation();
        this.instance = instance;
        this.failure = failure;
        this.layerRanks = layerRanks;
    }

    /** The observation on its own, with its instance (from {@link Instances#of}). */
    public static MeasuredPoint of(Architecture arch, Observation observation, Instance instance) {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(instance, "instance");
        Map<Part, Double> fail = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            fail.put(part, observation.failureProbability(part));
        }
        return new MeasuredPoint(observation, instance, Collections.unmodifiableMap(fail),
                layerRanks(arch, observation.point()));
    }

    /**
     * Every point of a run, each reporting the run's union bound per part (see the class comment).
     *
     * @param net {@code arch} lowered
     */
    public static List<MeasuredPoint> of(Architecture arch, LoweredNetwork net, Observations run) {
        Map<Part, Double> fail = new EnumMap<>(Part.class);
        for (Part part : Part.hessianParts()) {
            fail.put(part, run.failureProbability(part));
        }
        Map<Part, Double> shared = Collections.unmodifiableMap(fail);
        List<MeasuredPoint> out = new ArrayList<>();
        for (Observation o : run.points()) {
            Instance instance = o.evaluated() != null ? Instances.of(arch, o.evaluated()) : Instances.of(arch, net, o.point());
            out.add(new MeasuredPoint(o, instance, shared, layerRanks(arch, o.point())));
        }
        return out;
    }

    /** Exact ranks of T(W) per layer (index = layer number, −1 for layers without parameters). */
    private static int[] layerRanks(Architecture arch, Point point) {
        int[] out = new int[arch.layerCount() + 1];
        Arrays.fill(out, -1);
        for (int i = 1; i <= arch.layerCount(); i++) {
            if (!arch.hasLayerMatrix(i)) {
                continue;
            }
            int off = arch.parameterOffset(i);
            BigInteger[] params = new BigInteger[arch.parameterCount(i)];
            for (int k = 0; k < params.length; k++) {
                params[k] = point.theta(off + k);
            }
            BigInteger[][] m = arch.layerMatrix(i, params);
            if (m.length * (long) (m.length == 0 ? 0 : m[0].length) > MAX_LAYER_MATRIX_ENTRIES) {
                continue; // too large for an exact side check; statements on it stay unmeasured
            }
            out[i] = m.length == 0 || m[0].length == 0 ? 0 : Bareiss.echelon(IntegerMatrix.of(m)).rank();
        }
        return out;
    }

    public Observation observation() {
        return observation;
    }

    public Point point() {
        return observation.point();
    }

    public Instance instance() {
        return instance;
    }

    /** The seed the point was drawn with (after redraws). */
    public long seed() {
        return point().options().map(o -> o.seed()).orElse(0L);
    }

    /**
     * The measured rank of a part; for {@link Part#T}, that of the first parameter layer's T(W).
     * −1 if not measured.
     */
    public int rank(Part part) {
        return part == Part.T ? firstLayerRank() : observation.rank(part);
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

    /** Probability that the rank is below the rank at the point, as verdicts report it (0 for exact ranks). */
    public double failureProbability(Part part) {
        return part == Part.T || observation.deterministic() ? 0 : failure.get(part);
    }

    /**
     * Why the true rank of {@code part} at this point is at least {@link #rank}: the witness
     * minor mod the prime, or exactness.
     */
    public String evidence(Part part) {
        String name = part.targetName();
        int r = rank(part);
        long prime = observation.prime();
        if (part == Part.T || observation.deterministic()) {
            return String.format(Locale.ROOT, "rank %s = %d exactly (deterministic) at point seed %d",
                    part == Part.T ? "T(W_1)" : name, r, seed());
        }
        if (r == 0) {
            return String.format(Locale.ROOT, "rank %s = 0 mod the prime %d (point seed %d)", name, prime, seed());
        }
        Witness w = observation.witness(part);
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
