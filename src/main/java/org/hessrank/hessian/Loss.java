package org.hessrank.hessian;

/**
 * The loss of the numeric Hessian paths ({@link NumericHessians}). The exact paths
 * ({@link Hessians}) are MSE only.
 */
public enum Loss {
    /**
     * ℓ = ½ Σ_i ||F(x_i) − y_i||²: gradient in F the residual F − y, Hessian in F the identity
     * (docs/theorems.md "Setting").
     */
    MSE,
    /**
     * Softmax cross-entropy ℓ = −Σ_i Σ_c y_ic log s_c(F(x_i)), s = softmax: gradient in F
     * (Σ_c y_ic)·s − y_i, Hessian in F (Σ_c y_ic)·(diag(s) − s sᵀ), of rank K − 1 for one-hot
     * targets (docs/theorems.md "Cross-entropy": K becomes K − 1). Transcendental, so numeric only.
     */
    CROSS_ENTROPY
}
