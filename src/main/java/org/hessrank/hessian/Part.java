package org.hessrank.hessian;

import java.util.List;

/**
 * Which matrix: one of the three loss-Hessian parts H_O, H_F, H_L, or {@link #T}, the Toeplitz
 * matrix T(W) of a conv layer that the TOE-* statements speak about. The one "which matrix" type
 * of hessrank: Hessian builders, rank results, statements and reports all key by it (maps keyed by
 * it are {@link java.util.EnumMap}s; nothing indexes arrays by its ordinal).
 */
public enum Part {
    /** H_O = Σ J_iᵀJ_i, the outer-product part. */
    O,
    /** H_F = Σ_i Σ_c r_ic ∇²F_c(x_i), the functional part. */
    F,
    /** H_L = H_O + H_F, the loss Hessian. */
    L,
    /** T(W) of a conv layer (not a Hessian part). */
    T;

    private static final List<Part> HESSIAN = List.of(O, F, L);

    /** O, F, L in this order: the Hessian parts every measurement ranks. */
    public static List<Part> hessianParts() {
        return HESSIAN;
    }

    /** True for O, F and L. */
    public boolean isHessian() {
        return this != T;
    }

    /** The printed name of the matrix: {@code H_O}, {@code H_F}, {@code H_L} or {@code T(W)}. */
    public String matrix() {
        return this == T ? "T(W)" : "H_" + name();
    }

    /**
     * The name in the {@code target} fields of JSON lines and CSV rows, and in statement
     * descriptions: {@code H_O}, {@code H_F}, {@code H_L} or {@code LAYER_MATRIX}.
     */
    public String targetName() {
        return this == T ? "LAYER_MATRIX" : "H_" + name();
    }

    /**
     * The one of {@code o}, {@code f}, {@code l} that this Hessian part names (all three are
     * evaluated by the caller: for values already at hand). O(1).
     *
     * @throws IllegalArgumentException for {@link #T}, which is not a Hessian part
     */
    public <X> X select(X o, X f, X l) {
        return switch (this) {
            case O -> o;
            case F -> f;
            case L -> l;
            case T -> throw new IllegalArgumentException("part (T) is not a Hessian part");
        };
    }
}
