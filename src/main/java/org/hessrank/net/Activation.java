package org.hessrank.net;

import java.util.Locale;

/**
 * An elementwise activation. Linear, ReLU and leaky ReLU are piecewise linear with rational
 * slopes, so a network using only them is exact over ℚ at any point where no pre-activation is
 * exactly zero. Tanh and sigmoid are transcendental: only numeric paths evaluate them.
 *
 * @param kind the function
 * @param slopeNumerator for leaky ReLU, the negative-side slope's numerator (0 for ReLU, 1 for linear)
 * @param slopeDenominator the slope's denominator (> 0)
 */
public record Activation(Kind kind, long slopeNumerator, long slopeDenominator) {
    public enum Kind { LINEAR, RELU, LEAKY_RELU, TANH, SIGMOID }

    public static final Activation LINEAR = new Activation(Kind.LINEAR, 1, 1);
    public static final Activation RELU = new Activation(Kind.RELU, 0, 1);
    public static final Activation TANH = new Activation(Kind.TANH, 0, 1);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0, 1);

    public Activation {
        if (slopeDenominator <= 0) {
            throw new IllegalArgumentException("activation slope denominator (" + slopeDenominator + ") must be > 0");
        }
    }

    /** Leaky ReLU with negative-side slope {@code numerator/denominator}. */
    public static Activation leakyRelu(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("leakyrelu slope denominator (" + denominator + ") must be > 0");
        }
        return new Activation(Kind.LEAKY_RELU, numerator, denominator);
    }

    /** True for activations that are exact over ℚ at a point (linear, ReLU, leaky ReLU). */
    public boolean isPiecewiseLinear() {
        return kind != Kind.TANH && kind != Kind.SIGMOID;
    }

    /** Spec form: {@code relu}, {@code leakyrelu(1/10)}, .... */
    public String spec() {
        return switch (kind) {
            case LEAKY_RELU -> "leakyrelu(" + slopeNumerator + "/" + slopeDenominator + ")";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
