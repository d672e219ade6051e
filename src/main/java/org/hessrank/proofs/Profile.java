package org.hessrank.proofs;

/** How much of the papers' results a proofs-check run re-derives. */
public enum Profile {
    /** Small versions of every figure and sweep: about a minute; run by {@code mvn verify}. */
    QUICK,
    /** The papers' figures at their sizes. */
    FULL
}
