/**
 * Property-based verification of the rank statements: seeded architecture generators
 * ({@link org.hessrank.verify.Architectures}, {@link org.hessrank.verify.Generator}), integrated
 * shrinking ({@link org.hessrank.verify.Shrinker}), verdicts of one case against the statements
 * ({@link org.hessrank.verify.Verifier}) and sweeps over many cases with statistics and shrunk
 * counterexamples ({@link org.hessrank.verify.Sweep}, {@link org.hessrank.verify.SweepReport}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Reproducibility.</b> Everything is a function of seeds: a generator and a case seed
 *       give the case; a case gives its points (seed pointSeed + k, as {@code hessrank rank
 *       --seed}); a sweep's master seed gives every case ({@link org.hessrank.verify.Generator#caseSeed}).
 *       Results do not depend on thread scheduling.</li>
 *   <li><b>Grades.</b> Hessian ranks are measured mod one random 49-bit prime per point: certified
 *       lower bounds, exact at the point except with the probability stated on each verdict
 *       (Hadamard bounds of {@code Hessians.log2MinorBounds}). Hence {@code violated} is a proof
 *       (failure probability 0, witness minor attached), {@code tight} certifies rank ≥ prediction,
 *       and {@code holds}/{@code below-exact} are Monte Carlo. Layer-matrix ranks and point
 *       identities (FC-NULL, TOE-SHAPE) are exact (deterministic).</li>
 *   <li><b>Generic points.</b> An exact formula below its prediction is re-checked at another point
 *       and reported {@code below-exact} only if that point agrees (one point suffices for claims
 *       made at every point). Tightness rates count generic draws only: random targets, X at
 *       full rank.</li>
 *   <li><b>Cost.</b> Per case: one point draw and its exact facts ({@code Instances.of}); if some
 *       statement applies, the modular Hessians (O(N·K·p²) for H_O) and three eliminations
 *       (O(p²·r)) per point. Small nets (p ≤ 150) take about a millisecond each.</li>
 *   <li><b>Errors.</b> JDK exceptions with the field and value ({@code maxDepth (2) must be >= 3 for
 *       deepCnn}); nothing passed in is modified; all types are immutable.</li>
 *   <li><b>Layering.</b> Depends on exact, hessian, net and theory; knows nothing of the CLI or
 *       report formats (progress goes through {@link org.hessrank.verify.Sweep.Listener}).</li>
 * </ul>
 */
package org.hessrank.verify;
