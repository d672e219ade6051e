package org.hessrank.theory;

import java.util.Objects;
import org.hessrank.net.Architecture;

/**
 * What a statement may look at: the architecture and the facts of the point that the formulas
 * use (THEOREMS.md "Quantities"). Immutable.
 *
 * @param architecture the network
 * @param samples N
 * @param dataRank r = rank(X) at the point (exact)
 * @param augmentedDataRank r̃ = rank([X; 1ᵀ]) (exact)
 * @param residualRank rank of the residual matrix F(X) − Y (exact; 0 for interpolated targets)
 */
public record Instance(Architecture architecture, int samples, int dataRank, int augmentedDataRank,
        int residualRank) {
    public Instance {
        Objects.requireNonNull(architecture, "architecture");
        if (samples < 1) {
            throw new IllegalArgumentException("samples (" + samples + ") must be >= 1");
        }
        if (dataRank < 0 || augmentedDataRank < 0 || residualRank < 0) {
            throw new IllegalArgumentException("ranks (" + dataRank + ", " + augmentedDataRank + ", " + residualRank
                    + ") must be >= 0");
        }
    }
}
