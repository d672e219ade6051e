package org.hessrank.net;

import java.util.Objects;

/**
 * An elementwise polynomial {@code x ↦ c0 + c1·x + … + cn·x^n} with integer coefficients on
 * {@code size} entries ({@code pow(k)} and {@code poly(...)}). Exact over ℤ; its second
 * derivative is what makes a network's H_F carry curvature terms.
 */
public final class PolynomialStage implements Stage {
    private final int size;
    private final long[] coefficients;

    private PolynomialStage(int size, long[] coefficients) {
        this.size = size;
        this.coefficients = coefficients;
    }

    /** @throws IllegalArgumentException if the size is not positive or there is no coefficient */
    public static PolynomialStage of(int size, long[] coefficients) {
        Objects.requireNonNull(coefficients, "coefficients");
        if (size <= 0) {
            throw new IllegalArgumentException("polynomial size (" + size + ") must be > 0");
        }
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("polynomial coefficients must not be empty");
        }
        return new PolynomialStage(size, coefficients.clone());
    }

    /** {@code c0 … cn}. Not copied: do not modify. */
    public long[] coefficients() {
        return coefficients;
    }

    @Override
    public int inSize() {
        return size;
    }

    @Override
    public int outSize() {
        return size;
    }

    @Override
    public String toString() {
        return "PolynomialStage[size=" + size + ", " + java.util.Arrays.toString(coefficients) + "]";
    }
}
