package org.hessrank.net;

import java.util.Objects;

/**
 * A layer that is bilinear in (its parameters θ, its input h), given as a sparse list of terms:
 * <pre>
 *   y[termOut[t]] += θ[termParam[t]] · h[termIn[t]]     for each term t
 *   y[biasOut[b]] += θ[biasParam[b]]                    for each bias term b
 * </pre>
 * A dense layer has one term per weight; a convolution has one term per (output position, tap);
 * a locally connected layer has one per (output position, tap) with its own parameter. This is
 * the form a user supplies to add a new layer type: apply, transpose with respect to the input
 * and transpose with respect to the parameters are loops over these terms.
 *
 * <p>Arrays are not copied on access (for speed): callers must not modify them.
 */
public final class ParameterStage implements Stage {
    private final String name;
    private final int inSize;
    private final int outSize;
    private final int parameterCount;
    private final int[] termOut;
    private final int[] termIn;
    private final int[] termParam;
    private final int[] biasOut;
    private final int[] biasParam;
    private final boolean frozen;

    private ParameterStage(String name, int inSize, int outSize, int parameterCount, int[] termOut, int[] termIn,
            int[] termParam, int[] biasOut, int[] biasParam, boolean frozen) {
        this.frozen = frozen;
        this.name = name;
        this.inSize = inSize;
        this.outSize = outSize;
        this.parameterCount = parameterCount;
        this.termOut = termOut;
        this.termIn = termIn;
        this.termParam = termParam;
        this.biasOut = biasOut;
        this.biasParam = biasParam;
    }

    /**
     * A stage from its terms (arrays copied). Every index is range-checked.
     *
     * @throws IllegalArgumentException naming the array and the offending index
     */
    public static ParameterStage of(String name, int inSize, int outSize, int parameterCount, int[] termOut,
            int[] termIn, int[] termParam, int[] biasOut, int[] biasParam) {
        Objects.requireNonNull(name, "name");
        if (inSize <= 0 || outSize <= 0 || parameterCount < 0) {
            throw new IllegalArgumentException(name + ": sizes (in " + inSize + ", out " + outSize + ", parameters "
                    + parameterCount + ") must be positive");
        }
        int n = termOut.length;
        if (termIn.length != n || termParam.length != n) {
            throw new IllegalArgumentException(name + ": term arrays must have equal lengths (" + n + ", "
                    + termIn.length + ", " + termParam.length + ")");
        }
        if (biasOut.length != biasParam.length) {
            throw new IllegalArgumentException(name + ": bias arrays must have equal lengths (" + biasOut.length
                    + ", " + biasParam.length + ")");
        }
        checkRange(name, "termOut", termOut, outSize);
        checkRange(name, "termIn", termIn, inSize);
        checkRange(name, "termParam", termParam, parameterCount);
        checkRange(name, "biasOut", biasOut, outSize);
        checkRange(name, "biasParam", biasParam, parameterCount);
        return new ParameterStage(name, inSize, outSize, parameterCount, termOut.clone(), termIn.clone(),
                termParam.clone(), biasOut.clone(), biasParam.clone(), false);
    }

    /**
     * The same stage with frozen weights: its "parameters" are drawn with the point (the
     * network's frozen vector) and are not differentiated.
     */
    public ParameterStage frozen() {
        return new ParameterStage(name, inSize, outSize, parameterCount, termOut, termIn, termParam, biasOut,
                biasParam, true);
    }

    /** True when the weights are frozen (not parameters). */
    public boolean isFrozen() {
        return frozen;
    }

    private static void checkRange(String name, String field, int[] a, int bound) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || a[i] >= bound) {
                throw new IllegalArgumentException(name + ": " + field + "[" + i + "] (" + a[i] + ") must be in [0, "
                        + bound + ")");
            }
        }
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

    public int parameterCount() {
        return parameterCount;
    }

    public int termCount() {
        return termOut.length;
    }

    /** Output index of each term. Not copied: do not modify. */
    public int[] termOut() {
        return termOut;
    }

    /** Input index of each term. Not copied: do not modify. */
    public int[] termIn() {
        return termIn;
    }

    /** Parameter index (local to this stage) of each term. Not copied: do not modify. */
    public int[] termParam() {
        return termParam;
    }

    /** Output index of each bias term. Not copied: do not modify. */
    public int[] biasOut() {
        return biasOut;
    }

    /** Parameter index of each bias term. Not copied: do not modify. */
    public int[] biasParam() {
        return biasParam;
    }

    @Override
    public String toString() {
        return "ParameterStage[" + name + ", in=" + inSize + ", out=" + outSize + ", " + (frozen ? "frozen=" : "params=") + parameterCount + "]";
    }
}
