/**
 * Numerical fidelity of Hessian ranks: exact ranks against float64 (the papers' measurement)
 * against high precision (apfloat), at the same point; and the research studies built on that
 * comparison ({@code hessrank fidelity study}, tables and figures in
 * {@code proofs-check/fidelity/}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link org.hessrank.fidelity.NumericRanks} measures one point: exact ranks mod a random
 *       49-bit prime (certified lower bounds with a stated failure probability; piecewise-linear
 *       nets with the MSE loss only), float64 SVD ranks and apfloat elimination ranks
 *       (numerical estimates, which can be wrong). Cost: dense p×p Hessians, {@code O(p³)} per
 *       rank.</li>
 *   <li>{@link org.hessrank.fidelity.FidelityStudies} is seeded: the same seed writes the same
 *       files, each atomically. Progress goes to a caller's listener; nothing is printed.</li>
 *   <li>Errors: {@code IllegalArgumentException} naming the study or the value;
 *       {@code IOException} from writing.</li>
 * </ul>
 * Sits above {@code hessian}, {@code numeric}, {@code theory} and {@code report}, below the CLI;
 * knows nothing of the CLI.
 */
package org.hessrank.fidelity;
