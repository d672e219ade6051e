package org.hessrank.net;

import java.util.Objects;

/**
 * A polynomial map of its input x (the concatenation of the nodes it reads): a sum of monomials
 * <pre>
 *   y[termOut[t]] += coefficient[t] · Π_{k} x[factor[start[t] + k]]     for k &lt; start[t+1] − start[t]
 * </pre>
 * with integer coefficients; a repeated factor is a power. A polynomial custom layer lowers to
 * one, reading a node that holds the layer's parameters and the layer's input. Arrays are not
 * copied on access.
 */
public final class MonomialStage implements Stage {
    private final String name;
    private final int inSize;
    private final int outSize;
    private final int[] termOut;
    private final long[] coefficient;
    private final int[] start;
    private final int[] factor;

    private MonomialStage(String name, int inSize, int outSize, int[] termOut, long[] coefficient, int[] start,
            int[] factor) {
        this.name = name;
        this.inSize = inSize;
        this.outSize = outSize;
        this.termOut = termOut;
        this.coefficient = coefficient;
        this.start = start;
        this.factor = factor;
    }

    /**
     * A stage from its terms (arrays copied, indices range-checked): term t has factors
     * {@code factor[start[t] .. start[t+1])}, at least one.
     *
     * @throws IllegalArgumentException naming the term and the offending index
     */
    public static MonomialStage of(String name, int inSize, int outSize, int[] termOut, long[] coefficient,
            int[] start, int[] factor) {
        Objects.requireNonNull(name, "name");
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException(name + ": sizes (in " + inSize + ", out " + outSize + ") must be positive");
        }
        int n = termOut.length;
        if (coefficient.length != n || start.length != n + 1 || start[0] != 0 || start[n] != factor.length) {
            throw new IllegalArgumentException(name + ": term arrays do not describe " + n + " terms");
        }
        for (int t = 0; t < n; t++) {
            if (termOut[t] < 0 || termOut[t] >= outSize) {
                throw new IllegalArgumentException(name + ": term " + t + " output (" + termOut[t] + ") out of range");
            }
            if (start[t + 1] <= start[t]) {
                throw new IllegalArgumentException(name + ": term " + t + " has no factor");
            }
        }
        for (int f = 0; f < factor.length; f++) {
            if (factor[f] < 0 || factor[f] >= inSize) {
                throw new IllegalArgumentException(name + ": factor " + f + " (" + factor[f] + ") out of range");
            }
        }
        return new MonomialStage(name, inSize, outSize, termOut.clone(), coefficient.clone(), start.clone(),
                factor.clone());
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

    public int termCount() {
        return termOut.length;
    }

    /** Not copied: do not modify. */
    public int[] termOut() {
        return termOut;
    }

    /** Not copied: do not modify. */
    public long[] coefficient() {
        return coefficient;
    }

    /** Term t's factors are {@code factor()[start()[t] .. start()[t+1])}. Not copied: do not modify. */
    public int[] start() {
        return start;
    }

    /** Not copied: do not modify. */
    public int[] factor() {
        return factor;
    }

    /** The largest number of factors of a term. */
    public int degree() {
        int d = 0;
        for (int t = 0; t < termOut.length; t++) {
            d = Math.max(d, start[t + 1] - start[t]);
        }
        return d;
    }

    @Override
    public String toString() {
        return "MonomialStage[" + name + ", in=" + inSize + ", out=" + outSize + ", terms=" + termOut.length + "]";
    }
}
