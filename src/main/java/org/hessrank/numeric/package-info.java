/**
 * Numerical ranks, as the papers measured them and at high precision. Depends only on
 * {@code exact}; knows nothing of networks.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Not exact.</b> Every rank here is a {@link org.hessrank.numeric.NumericRank}, graded
 *       {@link org.hessrank.exact.Grade#NUMERICAL_ESTIMATE}, carrying the magnitudes it was cut
 *       from (log10, descending), the threshold, the gap at the cut and whether that gap is clear
 *       ({@link org.hessrank.numeric.NumericRank#clearGap()}).</li>
 *   <li><b>float64</b> ({@link org.hessrank.numeric.Float64Rank}): EJML (multi-threaded): the
 *       absolute eigenvalues of an exactly symmetric matrix, else an SVD; numpy's default
 *       tolerance σ_max·max(m, n)·2^-52 or a user {@link org.hessrank.numeric.Tolerance}.
 *       Cost O(m·n·min(m, n)) flops. Hipparchus's SVD is the reference in the tests.</li>
 *   <li><b>High precision</b> ({@link org.hessrank.numeric.ApfloatRank}): complete-pivoting
 *       elimination in apfloat at P digits ({@link org.hessrank.numeric.Precision}), stopping a
 *       few pivots past the cut. Cost O(m·n·(r + 5)) P-digit operations.</li>
 *   <li><b>Errors.</b> {@code IllegalArgumentException} naming the field and value: a negative or
 *       non-finite tolerance, a precision outside [17, 2000] digits, a non-finite float64 entry
 *       (overflow), a shape that does not match the array. Inputs are never modified.</li>
 * </ul>
 */
package org.hessrank.numeric;
