/**
 * Formula discovery ({@code hessrank discover}, docs/discover.md): exact ranks measured on designed
 * and random cases of a family ({@link org.hessrank.discover.Discovery}), a search for the simplest
 * integer formulas over the family's quantities that reproduce every measured rank
 * ({@link org.hessrank.discover.FormulaSearch}), and a fresh check of each by the {@code conjecture}
 * machinery.
 *
 * <p><b>Contract.</b> The search is exact: a formula is reported only if integer coefficients make it
 * reproduce every measured rank, verified in {@code BigInteger}; the modular filter (mod 2³¹ − 1)
 * only rejects. The measured ranks are what the verifier measures (mod a random 49-bit prime,
 * certified lower bounds, the larger of two generic points). Nothing here proves a formula: the
 * fresh check can refute one, and a formula that survives it is a candidate with its evidence.
 * Searches are bounded ({@link org.hessrank.discover.FormulaSearch#MAX_SIZE}, a budget of tested
 * sets); a run that hits the budget says so rather than claiming that no formula fits. Bad input
 * throws {@code IllegalArgumentException} naming the setting and its value. Inputs are not modified.
 */
package org.hessrank.discover;
