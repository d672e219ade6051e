/**
 * Points and exact Hessians of the MSE loss of a lowered network.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link org.hessrank.hessian.Points#draw} draws a {@link org.hessrank.hessian.Point}
 *       (integer θ, X, Y) reproducibly from a seed: the order of draws is documented on
 *       {@link org.hessrank.hessian.Points} and uses only SplitMix64 output, so the same seed gives the
 *       same point on any machine and JDK. Zero ReLU pre-activations are redrawn (counted) or
 *       refused.</li>
 *   <li>{@link org.hessrank.hessian.Hessians#exact} returns c²·H_O, c²·H_F, c²·H_L as exact
 *       {@code IntegerMatrix}es; {@link org.hessrank.hessian.Hessians#modular} returns the same
 *       integers reduced mod a prime p &lt; 2^62 (equal entry by entry to the exact ones mod p).
 *       c ≥ 1 is the integer that clears every rational coefficient (pooling denominators, leaky
 *       slopes, rational targets); ranks are those of the unscaled parts. No ½ or 1/N factors:
 *       H_O = Σ J_iᵀJ_i, H_F = Σ_i Σ_c r_ic ∇²F_c(x_i).</li>
 *   <li>Graphs: residual sums, products of branches, {@code pow}/{@code poly}, frozen layers,
 *       lightning attention and polynomial custom layers are exact like the linear layers; the
 *       algorithm gathers a stage's input nodes and scatters (sums) its signal back, and each
 *       node carries an integer scale. {@link org.hessrank.hessian.Point#frozen()} holds φ.
 *       {@link org.hessrank.hessian.Limits#requireValueBits} refuses, with its estimate, a
 *       network whose degree would make the exact values too large.</li>
 *   <li>Exact over ℚ: linear, ReLU and leaky ReLU (masks fixed at the point). Tanh and sigmoid
 *       are refused with {@link java.lang.IllegalArgumentException}; a zero pre-activation at a
 *       hand-made point with {@link java.lang.IllegalStateException}.</li>
 *   <li>Costs with p parameters, N samples, K outputs and T terms in all stages: J in
 *       O(N·K·T); H_O in O(N·K·p²/2); H_F in O(N·p·T) multiply-adds; memory O(p² + N·K·p).
 *       Over ℤ the entries grow with depth (about 2·L·log2 R bits for L layers and range R).</li>
 *   <li>Not exact: {@link org.hessrank.hessian.NumericHessians} builds the same parts in float64
 *       or apfloat for any activation (tanh, sigmoid too) and for the MSE or softmax
 *       cross-entropy {@link org.hessrank.hessian.Loss}, at a
 *       {@link org.hessrank.hessian.RealPoint} (the integer point over its range) whose exact ranks
 *       are those of {@link org.hessrank.hessian.RealPoint#equivalentIntegerPoint}.</li>
 *   <li>Matrix-free: {@link org.hessrank.hessian.HessianVectorProducts} gives c²·H·v mod p for
 *       blocks of vectors in O(N·T) per vector (no p × p array, no size limit beyond N·(stage
 *       sizes)); {@link org.hessrank.hessian.MatrixFreeRanks} turns them into the three ranks
 *       (H_O from the Jacobian). {@link org.hessrank.hessian.Float64Hessians} is the papers'
 *       float64 pipeline, for comparison only.</li>
 *   <li>One algorithm: every Hessian in this package, in every number system, comes from
 *       {@code HessianAlgorithm} (forward-over-reverse through the stages) over a {@code Ring}
 *       (ℤ, ℤ/p in {@code double} or {@code long} residues, entrywise bounds, float64, apfloat),
 *       for dense parts and Hessian-vector products alike. A stage kind contributes through one
 *       {@code StageRule} (its tangent, its transpose and its second-order terms); the values at
 *       the point come from a {@code Tape} (filled from the exact forward pass, or from the real
 *       forward pass with σ' and σ'' for the numeric parts). Adding a stage kind means one rule
 *       class, one line in {@code HessianAlgorithm.rule}, and its value in the two forward passes
 *       ({@code Evaluation}, {@code RealNetwork}) and its scale ({@code ScaledNetwork}).</li>
 *   <li>One evaluation per point: {@link org.hessrank.hessian.EvaluatedPoint} holds the exact
 *       forward pass that every part, bound, product and fact of a point reads.</li>
 *   <li>The measurement spine: {@link org.hessrank.hessian.HessianRanks#observe} ranks H_O, H_F
 *       and H_L at each of k points by one {@link org.hessrank.hessian.HessianRanks.Method}
 *       (modular, deterministic multi-modular, Bareiss, matrix-free), giving one
 *       {@link org.hessrank.hessian.Observation} per point (three {@code RankResult}s with grade,
 *       failure probability and witness); {@link org.hessrank.hessian.Observations} derives the
 *       largest rank and the union bound from the list. Primes come from
 *       {@code Primes.sourceFor(first point's seed)}. Which matrix is always a
 *       {@link org.hessrank.hessian.Part} (O, F, L; T names a conv layer's T(W) for statements).
 *       A {@link org.hessrank.hessian.RankForecast} (from the layer above) only feeds the matrix-free
 *       progress line's time left; it never enters a result.</li>
 *   <li>Sizes: {@link org.hessrank.hessian.Limits} owns every size and memory limit; each path
 *       refuses what it cannot do with the memory estimate, no network is refused for its size.</li>
 *   <li>Nothing passed in is modified; every public type is immutable.</li>
 * </ul>
 */
package org.hessrank.hessian;
