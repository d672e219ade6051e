package org.hessrank.hessian;

/**
 * What one kind of stage contributes to the Hessian algorithm, over any {@link Ring}: written
 * once per stage kind ({@link ParameterRule}, {@link FixedLinearRule}, {@link ActivationRule}).
 * Tangents and signals use the layout of {@link Batch}; per-sample coefficients come from the
 * {@link Tape}.
 */
interface StageRule<V> {
    /**
     * The tangent of the stage's output {@code y} from the tangent of its input {@code x} (null:
     * zero) and, for a parameter stage, the directions of its own parameters. Overwrites y.
     */
    void tangent(Batch<V> batch, V x, V y);

    /**
     * From the signal {@code cur} at the stage's output: adds the stage's parameter rows to
     * {@code batch.acc} (when non-null), and writes the signal at its input to {@code prev}
     * (when non-null). {@code x} is the tangent of the input (null: zero); with
     * {@code batch.second} the second-order terms (signal × tangent) are added.
     *
     * @param live false when {@code cur} is known to be zero (its contents are then not read):
     *     the terms it multiplies are skipped, which for H_F of a network without curvature
     *     leaves only the second-order terms
     * @return whether {@code prev} may be nonzero (when false it was not written)
     */
    boolean backward(Batch<V> batch, V cur, boolean live, V x, V prev);
}
