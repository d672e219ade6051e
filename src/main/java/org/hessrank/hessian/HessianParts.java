package org.hessrank.hessian;

import java.math.BigInteger;

/**
 * The three Hessian parts at one point, each multiplied by {@code scale()²} so that they are
 * integers (or residues of integers): {@code o() = c²·H_O}, {@code f() = c²·H_F},
 * {@code l() = c²·H_L = o() + f()}, with c = {@link #scale()} &gt; 0. Ranks are those of the
 * unscaled parts.
 *
 * @param <M> the matrix type ({@code IntegerMatrix} or {@link ModularMatrix})
 */
public interface HessianParts<M> {
    /** c²·H_O, p × p, symmetric. */
    M o();

    /** c²·H_F, p × p, symmetric, with zero diagonal blocks per parameter stage. */
    M f();

    /** c²·H_L = o() + f(). */
    M l();

    /**
     * The part asked for.
     *
     * @throws IllegalArgumentException for {@link Part#T}
     */
    default M part(Part part) {
        return switch (part) {
            case O -> o();
            case F -> f();
            case L -> l();
            case T -> throw new IllegalArgumentException("part (T) is not a Hessian part");
        };
    }

    /** The integer scale c of the network output (product of all denominators; 1 for integer networks). */
    BigInteger scale();

    /** p. */
    int parameterCount();
}
