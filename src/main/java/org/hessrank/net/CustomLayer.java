package org.hessrank.net;

import java.util.List;
import java.util.Optional;

/**
 * A user-defined parameter layer: the public extension point for new layer types. A layer of a
 * linear network is bilinear in (its parameters θ, its input h), {@code y = T(θ)·h}; a custom
 * layer states its sizes and the three bilinear operations of DESIGN.md over exact integers, and
 * then works everywhere a built-in layer does: the spec parser (once registered with
 * {@link LayerRegistry}), every Hessian builder (exact BigInteger, modular, bound, matrix-free,
 * float64/apfloat: they all consume the lowered {@link ParameterStage}), the generators and the
 * shrinker of {@code org.hessrank.verify}, and conjectures.
 *
 * <p><b>Contract.</b>
 * <ul>
 * <li>Implementations are immutable values. Two custom layers are equal when their
 *     {@link #spec()} texts are equal, so {@code spec()} must determine the layer completely and
 *     must parse back (through the factory registered under {@link #name()}) into an equal layer.</li>
 * <li>{@link #outputShape} validates: it throws {@link IllegalArgumentException} in the house
 *     style, {@code depthwise layer 2: kernel (7) must be <= input length (5)} (the layer number
 *     is passed in).</li>
 * <li>The three operations receive the input shape (already accepted by {@link #outputShape}) and
 *     must be mutually consistent: with {@code n_in = in.size()}, {@code n_out = outputShape(in).size()},
 *     {@code p = parameterCount(in)},
 *     <pre>
 *     apply(in, θ, h)[o]               = Σ_{i,j} c[o][i][j]·θ[j]·h[i]          (length n_out)
 *     transposeInput(in, θ, g)[i]      = Σ_{o,j} c[o][i][j]·θ[j]·g[o]          (length n_in)
 *     transposeParameters(in, h, g)[j] = Σ_{o,i} c[o][i][j]·h[i]·g[o]          (length p)
 *     </pre>
 *     for one integer tensor {@code c}, which must be non-negative (the lowered form
 *     {@link ParameterStage} holds each coefficient {@code c} as {@code c} unit terms; every
 *     convolution-like layer has {@code c ∈ {0, 1}}). Lowering checks these identities on random
 *     integer vectors and refuses an inconsistent layer with a message naming the operation and
 *     the first differing entry ({@link IllegalArgumentException}).</li>
 * <li>Parameter order is the layer's own (the order of θ in the operations); it becomes the
 *     layer's slice of the network's θ. Custom layers have no separate bias (a bias is affine, not
 *     bilinear).</li>
 * </ul>
 *
 * <p><b>Cost of lowering.</b> By default the coefficients are found by probing: {@code apply}
 * with unit θ and unit h, i.e. {@code p·n_in} calls of {@link #apply} ({@code apply} defines the
 * layer; the two transposes are checked against it), exact because the coefficients are integers. A
 * layer may override {@link #terms} with a direct O(terms) construction; it is checked the same
 * way. The result is cached per input shape, so an architecture pays it once per JVM.
 *
 * <p>Example (a depthwise 1D convolution, complete in {@code docs/custom-layers.md}):
 * <pre>{@code
 * LayerRegistry.register("depthwise", args -> new DepthwiseConv1d(args.integer("k")));
 * Architecture a = Architecture.parse("in(3,8) -> depthwise(k=3) -> dense(2)");
 * }</pre>
 */
public interface CustomLayer {

    /** The registered name, lowercase ASCII letters: {@code depthwise}. */
    String name();

    /** Canonical spec text, e.g. {@code dilated(4,k=3,dilation=2)}; parses back to an equal layer. */
    String spec();

    /**
     * The shape this layer produces from {@code in}.
     *
     * @param index the layer's number (from 1), for messages
     * @throws IllegalArgumentException if the layer does not fit its input, naming layer, field, value
     */
    Shape outputShape(Shape in, int index);

    /** Number of parameters on input {@code in} (≥ 1). */
    long parameterCount(Shape in);

    /** {@code y = T(θ)·h}: length {@code outputShape(in).size()}. Must not modify its arguments. */
    long[] apply(Shape in, long[] theta, long[] h);

    /**
     * {@code T(θ)ᵀ·g}: length {@code in.size()}. Must not modify its arguments. A polynomial
     * layer (one with {@link #monomials}) need not implement it.
     */
    default long[] transposeInput(Shape in, long[] theta, long[] g) {
        throw new UnsupportedOperationException(name() + ": transposeInput of a polynomial layer");
    }

    /**
     * The transpose in the parameters: entry j is {@code ∂⟨g, T(θ)·h⟩/∂θ_j}; length
     * {@code parameterCount(in)}. Must not modify its arguments. A polynomial layer (one with
     * {@link #monomials}) need not implement it.
     */
    default long[] transposeParameters(Shape in, long[] h, long[] g) {
        throw new UnsupportedOperationException(name() + ": transposeParameters of a polynomial layer");
    }

    /**
     * A polynomial layer: its output as a sum of monomials in (θ, h) of any degree, with integer
     * coefficients, e.g. {@code y[o] = Σ θ[o]²·h[i]·h[j]}. Empty by default (the layer is then
     * bilinear and given by its three operations). When present, {@link #apply} must equal the sum
     * of the monomials (checked on seeded random integer vectors, as the bilinear operations are),
     * and the transposes are not used. Such a layer lowers to a node holding its parameters and
     * one monomial stage over (parameters, input); every Hessian path takes it, with its
     * second-order terms.
     */
    default Optional<List<Monomial>> monomials(Shape in) {
        return Optional.empty();
    }

    /**
     * Optional fast path: the bilinear terms {@code y[out[t]] += θ[param[t]]·h[in[t]]} directly,
     * instead of probing. Empty by default. Checked against the three operations like the probe.
     */
    default Optional<Terms> terms(Shape in) {
        return Optional.empty();
    }

    /**
     * Builds a layer of this type from a spec's arguments: the factory a layer loaded from a jar is
     * registered with ({@link LayerJars}, {@code --layers JAR}). A jar's provider (listed in
     * {@code META-INF/services/org.hessrank.net.CustomLayer}) is a prototype made by its public
     * no-argument constructor; the parser calls {@code create} on it for every occurrence of
     * {@link #name()} in a spec. Layers registered from Java need not override it.
     *
     * @throws IllegalArgumentException for a bad argument, as a {@link LayerRegistry.Factory}
     * @throws UnsupportedOperationException unless overridden
     */
    default CustomLayer create(LayerArguments args) {
        throw new UnsupportedOperationException(name() + ": create(LayerArguments) is not implemented");
    }

    /**
     * Optional shrinking hook: smaller variants of this layer (fewer channels, a smaller kernel,
     * ...), most aggressive first. The shrinker of {@code org.hessrank.verify} tries them in
     * place of this layer. Empty by default (the shrinker then shrinks the rest of the net only).
     */
    default List<CustomLayer> smaller() {
        return List.of();
    }

    /**
     * One monomial {@code coefficient · Π θ[params[k]] · Π h[inputs[k]]} added to output
     * {@code out}; an index repeated is a power. Degree = params.length + inputs.length ≥ 1.
     */
    record Monomial(int out, long coefficient, int[] params, int[] inputs) {
        public Monomial {
            java.util.Objects.requireNonNull(params, "params");
            java.util.Objects.requireNonNull(inputs, "inputs");
            if (params.length + inputs.length == 0) {
                throw new IllegalArgumentException("monomial of output " + out + ": needs at least one factor");
            }
            params = params.clone();
            inputs = inputs.clone();
        }

        public static Monomial of(int out, long coefficient, int[] params, int[] inputs) {
            return new Monomial(out, coefficient, params, inputs);
        }

        /** The number of factors. */
        public int degree() {
            return params.length + inputs.length;
        }
    }

    /**
     * Bilinear terms {@code y[out[t]] += θ[param[t]]·h[in[t]]} (arrays of equal length; a
     * repeated triple adds up).
     */
    record Terms(int[] out, int[] in, int[] param) {
        public Terms {
            if (out.length != in.length || in.length != param.length) {
                throw new IllegalArgumentException("terms: array lengths (" + out.length + ", " + in.length + ", "
                        + param.length + ") must be equal");
            }
        }
    }
}
