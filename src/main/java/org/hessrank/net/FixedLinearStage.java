package org.hessrank.net;

import java.util.Objects;

/**
 * A fixed linear map with rational coefficients sharing one denominator:
 * {@code y[out[t]] += numerator[t] · h[in[t]] / denominator}. Average pooling over s×s windows
 * has numerators 1 and denominator s²; flattening is the identity. Exact builders scale by the
 * denominator to stay in ℤ (rank-preserving). Arrays are not copied on access.
 */
public final class FixedLinearStage implements Stage {
    private final String name;
    private final int inSize;
    private final int outSize;
    private final int[] out;
    private final int[] in;
    private final long[] numerator;
    private final long denominator;

    private FixedLinearStage(String name, int inSize, int outSize, int[] out, int[] in, long[] numerator,
            long denominator) {
        this.name = name;
        this.inSize = inSize;
        this.outSize = outSize;
        this.out = out;
        this.in = in;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** A stage from its terms (arrays copied, indices range-checked). */
    public static FixedLinearStage of(String name, int inSize, int outSize, int[] out, int[] in, long[] numerator,
            long denominator) {
        Objects.requireNonNull(name, "name");
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException(name + ": sizes (in " + inSize + ", out " + outSize
                    + ") must be positive");
        }
        if (denominator <= 0) {
            throw new IllegalArgumentException(name + ": denominator (" + denominator + ") must be > 0");
        }
        if (in.length != out.length || numerator.length != out.length) {
            throw new IllegalArgumentException(name + ": term arrays must have equal lengths");
        }
        for (int t = 0; t < out.length; t++) {
            if (out[t] < 0 || out[t] >= outSize || in[t] < 0 || in[t] >= inSize) {
                throw new IllegalArgumentException(name + ": term " + t + " (" + out[t] + " <- " + in[t]
                        + ") out of range");
            }
        }
        return new FixedLinearStage(name, inSize, outSize, out.clone(), in.clone(), numerator.clone(), denominator);
    }

    /** The identity on {@code size} entries (flatten). */
    public static FixedLinearStage identity(String name, int size) {
        int[] idx = new int[size];
        long[] ones = new long[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
            ones[i] = 1;
        }
        return of(name, size, size, idx, idx, ones, 1);
    }

    public String name() {
        return name;
    }

    @Override
    public int inSize() {
        return inSize;
    }

    @Override
    public int outSize() {
        return outSize;
    }

    public int[] out() {
        return out;
    }

    public int[] in() {
        return in;
    }

    public long[] numerator() {
        return numerator;
    }

    public long denominator() {
        return denominator;
    }
}
