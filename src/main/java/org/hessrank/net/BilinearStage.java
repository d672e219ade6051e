package org.hessrank.net;

import java.util.Objects;

/**
 * A product of two inputs, bilinear: the stage's input is the concatenation {@code [a; b]} of a
 * left part (length {@link #leftSize()}) and a right part, and
 * <pre>
 *   y[termOut[t]] += a[termLeft[t]] · b[termRight[t]]     for each term t
 * </pre>
 * The elementwise product of {@code mul} has one term per entry; the scores of lightning
 * attention {@code S[i][j] = Σ_a q[a][i]·k[a][j]} and its output {@code Σ_j S[i][j]·v[e][j]}
 * are bilinear stages too. Arrays are not copied on access.
 */
public final class BilinearStage implements Stage {
    private final String name;
    private final int leftSize;
    private final int rightSize;
    private final int outSize;
    private final int[] termOut;
    private final int[] termLeft;
    private final int[] termRight;

    private BilinearStage(String name, int leftSize, int rightSize, int outSize, int[] termOut, int[] termLeft,
            int[] termRight) {
        this.name = name;
        this.leftSize = leftSize;
        this.rightSize = rightSize;
        this.outSize = outSize;
        this.termOut = termOut;
        this.termLeft = termLeft;
        this.termRight = termRight;
    }

    /**
     * A stage from its terms (arrays copied, indices range-checked).
     *
     * @throws IllegalArgumentException naming the array and the offending index
     */
    public static BilinearStage of(String name, int leftSize, int rightSize, int outSize, int[] termOut,
            int[] termLeft, int[] termRight) {
        Objects.requireNonNull(name, "name");
        if (leftSize <= 0 || rightSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException(name + ": sizes (left " + leftSize + ", right " + rightSize + ", out "
                    + outSize + ") must be positive");
        }
        if (termLeft.length != termOut.length || termRight.length != termOut.length) {
            throw new IllegalArgumentException(name + ": term arrays must have equal lengths");
        }
        for (int t = 0; t < termOut.length; t++) {
            if (termOut[t] < 0 || termOut[t] >= outSize || termLeft[t] < 0 || termLeft[t] >= leftSize
                    || termRight[t] < 0 || termRight[t] >= rightSize) {
                throw new IllegalArgumentException(name + ": term " + t + " (" + termOut[t] + " <- " + termLeft[t]
                        + " * " + termRight[t] + ") out of range");
            }
        }
        return new BilinearStage(name, leftSize, rightSize, outSize, termOut.clone(), termLeft.clone(),
                termRight.clone());
    }

    public String name() {
        return name;
    }

    public int leftSize() {
        return leftSize;
    }

    public int rightSize() {
        return rightSize;
    }

    @Override
    public int inSize() {
        return leftSize + rightSize;
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

    /** Index into the left part. Not copied: do not modify. */
    public int[] termLeft() {
        return termLeft;
    }

    /** Index into the right part. Not copied: do not modify. */
    public int[] termRight() {
        return termRight;
    }

    @Override
    public String toString() {
        return "BilinearStage[" + name + ", left=" + leftSize + ", right=" + rightSize + ", out=" + outSize + "]";
    }
}
