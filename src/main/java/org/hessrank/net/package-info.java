/**
 * Network architectures and their exact lowering: the {@code net} layer of hessrank.
 *
 * <p><b>What it holds.</b> {@link org.hessrank.net.Shape} (vector, 1D signal, image; flattened
 * channel-major), {@link org.hessrank.net.Layer} (dense, conv 1D/2D, locally connected 1D,
 * average pooling, flatten, activations; and the graph layers {@code pow}, {@code poly},
 * {@code id}, {@code res}, {@code add}, {@code mul}, {@code attn}, frozen dense/conv),
 * {@link org.hessrank.net.Architecture} (input + layers, validated), {@link org.hessrank.net.SpecParser}
 * (the one-line spec language, grammar in its javadoc and in {@code docs/spec-grammar.md}), and
 * the lowered form the Hessian builders consume: {@link org.hessrank.net.LoweredNetwork}, a graph
 * of {@link org.hessrank.net.Stage}s in topological order (each stage reads the concatenation of
 * earlier nodes; a chain reads the previous one). Stage kinds: parameter (trainable or frozen),
 * fixed linear (pooling, sums of nodes), activation, polynomial (elementwise), bilinear (products
 * of two nodes) and monomial (polynomial custom layers).
 *
 * <p><b>Extension point.</b> {@link org.hessrank.net.CustomLayer} is how a user adds a layer type:
 * sizes plus the three bilinear operations (apply, transpose in the input, transpose in the
 * parameters) over exact integers. It sits in an architecture as {@link org.hessrank.net.Layer.Custom},
 * lowers to a {@link org.hessrank.net.ParameterStage} like the built-in layers (by probing apply,
 * {@code p·n_in} calls, or the layer's own {@code terms()}), and is refused at lowering if its
 * transposes are not the adjoints of apply on seeded random integer vectors.
 * {@link org.hessrank.net.LayerRegistry} (global, thread-safe, explicit) makes its name known to
 * the spec parser; {@link org.hessrank.net.LayerArguments} carries the parsed arguments;
 * {@link org.hessrank.net.LayerJars} registers the layers of jars ({@code --layers JAR}) found by
 * {@link java.util.ServiceLoader}, each jar in its own class loader, all checked before any is
 * registered. {@link org.hessrank.net.SpecTemplate} substitutes the {@code {variables}} of spec
 * templates ({@code sweep --arch}, {@code conjecture --template}) and parses their ranges.
 *
 * <p><b>Exactness.</b> Lowering is exact and purely combinatorial: a parameter layer becomes a
 * list of integer index triples (output, input, parameter), so {@code y = T(W)·h + b} holds
 * entry by entry over any ring. Convolution lowers to the banded block-Toeplitz matrix of
 * docs/theorems.md (doubly-block Toeplitz in 2D) with stride and zero padding, output size
 * {@code floor((d + 2·pad − k)/stride) + 1} per axis (TOE-SHAPE); the Toeplitz facts TOE-1,
 * TOE-M and TOE-2D are checked by the tests on {@link org.hessrank.net.Architecture#layerMatrix}.
 * Average pooling is a fixed rational map with numerators 1 and denominator s (1D) or s² (2D).
 * Blocks lower to stages of the kinds above ({@code res}: the block, then a sum of two nodes;
 * attention: per head three per-token parameter stages and two bilinear stages), so every
 * network built from these layers is a polynomial in (θ, φ, x) with integer coefficients over
 * rational scales. Only tanh and sigmoid are not exact; they are carried as
 * {@link org.hessrank.net.Activation} tags for the numeric paths.
 *
 * <p><b>Parameter order</b> (docs/theorems.md): layer by layer, each weight row-major, then its bias;
 * inside a block, its branches left to right; per attention head Q, K, V, each row-major. Frozen
 * weights φ follow the same order in their own vector (after θ where the two are joined).
 * Dense {@code W[out][in]}; conv {@code W[out][in][kh][kw]} (1D {@code W[out][in][k]}) then one
 * bias per output channel; local {@code W[out][pos][in][k]} then one bias per (out, pos). Details
 * on {@link org.hessrank.net.Layer}.
 *
 * <p><b>Costs.</b> Validation and parameter counting are O(layers). Lowering is O(terms) in time
 * and memory (e.g. {@code C_out·C_in·k·d_out} terms for a 1D conv, {@code K·n} for dense); a single
 * stage is refused above 2^27 terms. No architecture is refused for its size (only a
 * parameter count beyond an int): the Hessian paths refuse what they cannot build, with the
 * memory estimate ({@code org.hessrank.hessian.Limits}).
 *
 * <p><b>Errors.</b> Every invalid input is an {@link java.lang.IllegalArgumentException} whose
 * message names the place and the value: {@code conv layer 2: kernel (7) must be <= padded input
 * length (5)} (layers numbered from 1), or for specs {@code spec position 17: expected ')' after
 * conv arguments, found ','} (1-based character position). Index arguments out of range throw
 * {@link java.lang.IndexOutOfBoundsException}; null arguments {@link java.lang.NullPointerException}.
 *
 * <p>All public types are immutable; arrays returned by stages are not copied and must not be
 * modified. This package knows nothing of Hessians.
 */
package org.hessrank.net;
