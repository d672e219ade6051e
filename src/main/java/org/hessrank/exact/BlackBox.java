package org.hessrank.exact;

/**
 * A linear map ℤ/p^n → ℤ/p^n known only through its products with vectors (a "black box"):
 * the matrix is never materialised. Used by {@link CompressedRank}.
 *
 * <p><b>Representation.</b> Vectors are {@code double[]} of length {@link #dimension()} holding
 * residues of the box's prime p &lt; 2^{@value ModularElimination#FAST_PRIME_BITS} as exact
 * integers (every such residue is a double without rounding). Inputs are canonical, in [0, p);
 * outputs may also use p for 0 (lazy reduction), as the elimination kernel does.
 */
public interface BlackBox {
    /** n: the map is n × n. */
    int dimension();

    /** The prime p. */
    long prime();

    /**
     * out[j] = A·in[j] mod p for every j. {@code in} is not modified; {@code out[j]} (each of
     * length n) is overwritten. Implementations may use several threads.
     */
    void apply(double[][] in, double[][] out);

    /**
     * True if the matrix is symmetric (as Hessians are): {@link ToeplitzRank} then takes its right
     * preconditioner to be the transpose of its left one, which makes T1·A·T1ᵀ symmetric and halves
     * the elimination. A wrong true makes ranks wrong; the default is false.
     */
    default boolean symmetric() {
        return false;
    }
}
