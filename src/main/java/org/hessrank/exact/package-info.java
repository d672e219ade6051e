/**
 * Exact linear algebra over ℤ, ℚ and ℤ/p: the bottom of hessrank, knowing nothing of networks.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Exactness.</b> No method here rounds. {@link org.hessrank.exact.IntegerMatrix} holds
 *       BigIntegers; modular code works on canonical residues of primes below 2^62 with no
 *       overflow (see {@link org.hessrank.exact.Modulus} and
 *       {@link org.hessrank.exact.ModularElimination} for why each step is exact).</li>
 *   <li><b>Grades.</b> Every rank is a {@link org.hessrank.exact.RankResult} carrying its
 *       {@link org.hessrank.exact.Grade}: {@code DETERMINISTIC} (Bareiss; multi-modular past the
 *       Hadamard bound) or {@code CERTIFIED_LOWER_BOUND} (random primes) with a stated failure
 *       probability, and the witness minor, which {@link org.hessrank.exact.Witness#verify}
 *       re-checks exactly.</li>
 *   <li><b>Cost.</b> Elimination stops after the rank r is found: O(m·n·r) operations (big-integer
 *       for Bareiss, word-size for modular). Each class states its own.</li>
 *   <li><b>Black boxes.</b> {@link org.hessrank.exact.ToeplitzRank} ranks a
 *       {@link org.hessrank.exact.BlackBox} (a map known only by its products), or several maps
 *       applied together ({@link org.hessrank.exact.BlackBoxFamily}), from the leading minors of
 *       T1·A·T2 with random Toeplitz T1, T2 ({@link org.hessrank.exact.ToeplitzProjection}: exact
 *       NTT correlations; T2 = T1ᵀ for a symmetric box; a {@link org.hessrank.exact.GramFamily}'s
 *       second map B + AᵀA through the projected factor); {@link org.hessrank.exact.CompressedRank} from an echelon basis of
 *       A·V with V random. Both give a certified lower bound with a derived Monte Carlo bound,
 *       stated by the class; memory O(rank·n).</li>
 *   <li><b>Memory.</b> Sizes are checked before anything is allocated, against
 *       {@link org.hessrank.exact.Memory#available()} (the smaller of the heap and the physical
 *       memory); {@link org.hessrank.exact.MatrixMarket#readCompressed} reads coordinate files
 *       sparsely and drops all-zero rows and columns before building a dense matrix.</li>
 *   <li><b>Randomness.</b> Only through a caller-supplied seed; the same seed gives the same
 *       primes and results on every machine.</li>
 *   <li><b>Errors.</b> JDK exceptions only: {@code IllegalArgumentException} whose message names
 *       the field and its value (e.g. {@code modulus (15) must be prime}), {@code NullPointerException}
 *       naming the null entry, {@code ArithmeticException} for a non-invertible residue.
 *       Nothing modifies its arguments.</li>
 * </ul>
 */
package org.hessrank.exact;
