package org.hessrank.exact;

/**
 * A {@link BlackBoxFamily} of two n × n maps mod p, B (map 0) and B + AᵀA (map 1), for a fixed
 * k × n matrix A whose product A·v comes with B·v at no extra cost. For Hessians: B = c²H_F,
 * A = c·J and B + AᵀA = c²H_L, J·v being the forward tangent of the H_F product.
 *
 * <p>{@link ToeplitzRank} uses the factor when it is cheaper: it projects the k rows of A once
 * (P·Aᵀ, m × k) and forms the projected columns of map 1 as P·B·v + (P·Aᵀ)·(A·v), at k·m
 * multiply-adds per column instead of a second projection (O(L·log L)) and the work of applying
 * AᵀA. {@link #apply} must still apply both maps directly (the span checks and other callers use
 * it).
 */
public interface GramFamily extends BlackBoxFamily {
    /** k, the rows of A. */
    int factorRows();

    /** Row i of A as canonical residues, copied into {@code row} (length n). */
    void factorRow(int i, double[] row);

    /**
     * out[j] = B·in[j] and av[j] = A·in[j] (length k) mod p, canonical; {@code in} is not
     * modified.
     */
    void applyWithFactor(double[][] in, double[][] out, double[][] av);

    /**
     * The multiply-adds per vector that applying map 1 together with map 0 costs beyond map 0
     * alone (for Hessians, the backward pass seeded with J·v: about 2·N·p), which the factor saves.
     */
    double directExtraCost();

    @Override
    default int count() {
        return 2;
    }
}
