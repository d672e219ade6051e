package org.hessrank.verify;

import java.util.Objects;

/**
 * The smallest failing case found for a statement: the first failing case of a sweep, shrunk.
 * Immutable.
 *
 * @param verdict the verdict at the shrunk case (violated, or below-exact)
 * @param original the case as generated (reproducible with {@code generator} and its seed)
 * @param shrunk the smallest case that still fails
 * @param generator the generator expression that produced {@code original}
 * @param shrinkSteps accepted shrink steps
 */
public record Counterexample(Verdict verdict, Case original, Case shrunk, String generator, int shrinkSteps) {
    public Counterexample {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(shrunk, "shrunk");
        Objects.requireNonNull(generator, "generator");
    }

    public String id() {
        return verdict.id();
    }

    /** A multi-line description: verdict, shrunk case, evidence, reproduction. */
    public String describe() {
        return verdict.id() + " " + verdict.outcome().label() + ": predicted " + verdict.predicted() + ", measured "
                + verdict.measured() + "\n  smallest case: " + shrunk + "\n  evidence: " + verdict.evidence()
                + "\n  reproduce: " + shrunk.command() + (verdict.point() > 0 ? " --points " + (verdict.point() + 1) : "")
                + "\n  generated as: " + generator + ".generate(" + original.seed() + ") = " + original.architecture().spec()
                + " (N=" + original.samples() + "), shrunk in " + shrinkSteps + " steps";
    }
}
