package org.hessrank.cli;

import org.hessrank.verify.Sweep;
import picocli.CommandLine.Option;

/**
 * The options {@code check} and {@code conjecture} share for generating and shrinking random
 * cases ({@code @Mixin CaseOptions cases}). {@code --tries} and {@code --seed} stay with each
 * command: their defaults and texts differ.
 */
final class CaseOptions {
    /** The default of {@code --max-params}, which a reproducing command line may leave out. */
    static final int DEFAULT_MAX_PARAMS = 150;

    @Option(names = "--max-params", defaultValue = "" + DEFAULT_MAX_PARAMS, paramLabel = "P",
            description = "Largest parameter count p of a generated case (default: ${DEFAULT-VALUE}).")
    int maxParams;

    @Option(names = "--no-shrink", description = "Report the first failing case as generated, without shrinking.")
    boolean noShrink;

    /**
     * Checks the command's {@code --tries}, then {@code --max-params}. O(1).
     *
     * @throws IllegalArgumentException naming the option and its value
     */
    void check(int tries) {
        if (tries < 1) {
            throw new IllegalArgumentException("--tries (" + tries + ") must be >= 1");
        }
        if (maxParams < 1) {
            throw new IllegalArgumentException("--max-params (" + maxParams + ") must be >= 1");
        }
    }

    /** {@code sweep} with the command's tries and seed and these options. O(1). */
    Sweep configure(Sweep sweep, int tries, long seed) {
        return sweep.tries(tries).seed(seed).maxParameters(maxParams).shrink(!noShrink);
    }
}
