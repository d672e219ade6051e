package org.hessrank.theory;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.hessrank.net.Architecture;

/**
 * What a statement may look at: the architecture and the facts of the point that the formulas
 * use (docs/theorems.md "Quantities"). Immutable. {@link Instances#of} computes every field exactly
 * from an {@link Architecture} and a {@code Point}; the 5-argument constructor is for instances
 * stated by hand (e.g. docs/theorems.md's reference rows), with the point-derived extras unknown.
 *
 * @param architecture the network
 * @param samples N
 * @param dataRank r = rank(X) at the point (exact)
 * @param augmentedDataRank r̃ = rank([X; 1ᵀ]) (exact)
 * @param residualRank rank of the residual matrix F(X) − Y (exact; 0 for interpolated targets)
 * @param omegaRank rank of Ω = Σ_i (F(x_i) − y_i) x_iᵀ (FC-1H, FC-RES), if known
 * @param activeRanks for a one-hidden-ReLU-layer net (RELU-1H-F), {@code rank X_{A_m}} for each
 *     hidden unit m, where A_m is the set of samples on which unit m is active; empty otherwise
 *     or if unknown. Unmodifiable.
 * @param zeroWeightLayers the parameter layers (numbered from 1, ascending) whose weights (biases
 *     excluded) are all zero at the point (TOE-1 needs a nonzero kernel); empty if none or
 *     unknown. Unmodifiable.
 * @param gradientZero true if the loss gradient Jᵀ(F(X) − Y) is exactly 0 at the point (a critical
 *     point; CNN1-L and CNN-D-L need a nonzero gradient); false if it is nonzero or unknown
 * @param activeResidualsGeneric for a one-hidden-ReLU-layer net, whether the residual restricted to
 *     each active set, R_{A_m}, has its generic rank min(|A_m|, K) (RELU-1H-F needs it; one-hot
 *     targets can break it); true when unknown or not applicable
 */
public record Instance(Architecture architecture, int samples, int dataRank, int augmentedDataRank,
        int residualRank, OptionalInt omegaRank, List<Integer> activeRanks, List<Integer> zeroWeightLayers,
        boolean gradientZero, boolean activeResidualsGeneric) {
    public Instance {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(omegaRank, "omegaRank");
        activeRanks = List.copyOf(Objects.requireNonNull(activeRanks, "activeRanks"));
        zeroWeightLayers = List.copyOf(Objects.requireNonNull(zeroWeightLayers, "zeroWeightLayers"));
        if (samples < 1) {
            throw new IllegalArgumentException("samples (" + samples + ") must be >= 1");
        }
        if (dataRank < 0 || augmentedDataRank < 0 || residualRank < 0) {
            throw new IllegalArgumentException("ranks (" + dataRank + ", " + augmentedDataRank + ", " + residualRank
                    + ") must be >= 0");
        }
        if (omegaRank.isPresent() && omegaRank.getAsInt() < 0) {
            throw new IllegalArgumentException("omegaRank (" + omegaRank.getAsInt() + ") must be >= 0");
        }
        for (int a : activeRanks) {
            if (a < 0) {
                throw new IllegalArgumentException("activeRanks (" + activeRanks + ") must be >= 0");
            }
        }
    }

    /** As the canonical constructor with the active-set residuals taken as generic. */
    public Instance(Architecture architecture, int samples, int dataRank, int augmentedDataRank, int residualRank,
            OptionalInt omegaRank, List<Integer> activeRanks, List<Integer> zeroWeightLayers, boolean gradientZero) {
        this(architecture, samples, dataRank, augmentedDataRank, residualRank, omegaRank, activeRanks,
                zeroWeightLayers, gradientZero, true);
    }

    /** An instance with only the basic facts (Ω rank, ReLU activity and zero layers unknown). */
    public Instance(Architecture architecture, int samples, int dataRank, int augmentedDataRank, int residualRank) {
        this(architecture, samples, dataRank, augmentedDataRank, residualRank, OptionalInt.empty(), List.of(),
                List.of(), false);
    }

    /**
     * A generic instance: X of full rank {@code r = min(N, d)}, {@code r̃ = min(N, d + 1)},
     * residual of full rank {@code min(N, K)} and Ω of rank {@code min(r, K)}; the facts of a point
     * with random weights, inputs and targets. {@code d} and {@code K} are the architecture's flat
     * input and output sizes. Activity sets stay unknown.
     */
    public static Instance generic(Architecture architecture, int samples) {
        int d = architecture.input().size();
        int k = architecture.outputSize();
        int r = Math.min(samples, d);
        return new Instance(architecture, samples, r, Math.min(samples, d + 1), Math.min(samples, k),
                OptionalInt.of(Math.min(r, k)), List.of(), List.of(), false);
    }

    /** True if X has its generic rank {@code min(N, d)} (d the flat input size). */
    public boolean fullDataRank() {
        return dataRank == Math.min(samples, architecture.input().size());
    }

    /**
     * True if the residual has its generic rank {@code min(N, K)} and Ω (if known) its generic rank
     * {@code min(r, K)} (K the flat output size): the facts of random targets. Statements about H_F
     * or H_L at generic points need it (a zero or low-rank residual is not generic).
     */
    public boolean genericResidual() {
        int k = architecture.outputSize();
        return residualRank == Math.min(samples, k)
                && (omegaRank.isEmpty() || omegaRank.getAsInt() == Math.min(dataRank, k));
    }

    /** A copy with Ω's rank replaced. */
    public Instance withOmegaRank(int rank) {
        return new Instance(architecture, samples, dataRank, augmentedDataRank, residualRank, OptionalInt.of(rank),
                activeRanks, zeroWeightLayers, gradientZero, activeResidualsGeneric);
    }

    /** A copy with the residual's rank replaced. */
    public Instance withResidualRank(int rank) {
        return new Instance(architecture, samples, dataRank, augmentedDataRank, rank, omegaRank, activeRanks,
                zeroWeightLayers, gradientZero, activeResidualsGeneric);
    }

    /** A copy with the ReLU activity ranks replaced. */
    public Instance withActiveRanks(List<Integer> ranks) {
        return new Instance(architecture, samples, dataRank, augmentedDataRank, residualRank, omegaRank, ranks,
                zeroWeightLayers, gradientZero, activeResidualsGeneric);
    }

    /** A copy with the zero-weight layers replaced. */
    public Instance withZeroWeightLayers(List<Integer> layers) {
        return new Instance(architecture, samples, dataRank, augmentedDataRank, residualRank, omegaRank, activeRanks,
                layers, gradientZero, activeResidualsGeneric);
    }

    /** A copy with the critical-point flag replaced. */
    public Instance withGradientZero(boolean zero) {
        return new Instance(architecture, samples, dataRank, augmentedDataRank, residualRank, omegaRank, activeRanks,
                zeroWeightLayers, zero, activeResidualsGeneric);
    }
}
