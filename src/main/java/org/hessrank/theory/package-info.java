/**
 * The theorem catalogue: one immutable {@link org.hessrank.theory.Statement} per docs/theorems.md id
 * ({@link org.hessrank.theory.Catalogue}), plus user conjectures
 * ({@link org.hessrank.theory.Conjecture}).
 *
 * <p><b>Contract.</b> Everything here is exact integer arithmetic over {@code long} (formulas) or
 * {@code BigInteger} / deterministic multi-modular ranks ({@link org.hessrank.theory.Instances},
 * {@code LayerMatrices}); nothing is estimated. Statements are immutable and
 * thread-safe; methods do not modify their arguments. Bad input throws JDK exceptions naming the
 * field and value; an unknown id lists the known ones.
 *
 * <p><b>What a statement looks at.</b> An {@link org.hessrank.theory.Instance}: the architecture and
 * the exact facts of one point (N, r = rank X, r̃ = rank [X; 1ᵀ], residual rank, rank Ω, ReLU
 * activity ranks rank X_{A_m}, zero-weight layers, whether the gradient is 0), computed by
 * {@link org.hessrank.theory.Instances#of}. The family of the architecture is decided exactly by
 * {@link org.hessrank.theory.Families} (the computation-graph families, which only conjectures
 * are about, by {@link org.hessrank.theory.GraphFamilies}); a statement applies only when its hypothesis holds exactly
 * (stride 1 / pad 0, bias presence, activations, data rank where the formula needs full-rank X).
 *
 * <p><b>Kinds of statements</b> (the design choice for claims that are not "rank of one matrix =
 * value"). {@link org.hessrank.theory.Statement} is sealed: every statement is one of the four
 * kinds below, each an interface open for implementations; the matrix a statement is about is a
 * {@code hessian.Part} (O, F, L, or T for T(W)).
 * <ul>
 *   <li>{@link org.hessrank.theory.RankStatement}s, <em>standalone</em> rank formulas: {@code predict(Instance)} (FC-O, FC-DEF as
 *       {@code rank H_L = p − deficiency}, FC-1H with rank Ω from the instance, FC-ZERO as
 *       {@code rank H_F = 0}, RELU-1H-F with the activity ranks from the instance, …), or
 *       <em>relational</em> formulas: {@code predict(Instance, PartRanks)} predicts the target from
 *       the measured ranks of the other parts (FC-SUM and FCB-L: {@code rank H_L = rank H_O +
 *       rank H_F − overlap}; CNN1-L, CNN-D-L: {@code rank H_L <= rank H_O + rank H_F − 1});</li>
 *   <li>{@link org.hessrank.theory.LayerStatement}s on the Toeplitz matrix T(W) of single conv layers
 *       (TOE-1, TOE-M, TOE-2D), per layer, measured by {@code LayerMatrices.rank};</li>
 *   <li>{@link org.hessrank.theory.PointStatement}s: exact identities decided at a point (FC-NULL:
 *       J·v = 0 for the stated directions; TOE-SHAPE: T(W)x equals an independent direct
 *       convolution, with the stated output size);</li>
 *   <li>{@link org.hessrank.theory.SweepStatement}s over a sweep of hidden widths (FC-SQRT,
 *       CNN-SQRT: measured rank H_L on a line in the width while p grows quadratically).</li>
 * </ul>
 * {@link org.hessrank.theory.Statement#everyPoint()} marks exact claims that hold at every point
 * meeting the hypothesis (a single point below refutes them); other exact claims are about
 * generic points (take the maximum over points), and bounds hold at every point.
 *
 * <p>Depends on {@code exact}, {@code net} and {@code hessian} only.
 */
package org.hessrank.theory;
