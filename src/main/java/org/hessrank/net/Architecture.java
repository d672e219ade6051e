package org.hessrank.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A network: an input {@link Shape} and a chain of {@link Layer}s, validated on construction.
 * Immutable value type ({@code equals} compares input and layers); {@link #spec()} prints the
 * canonical spec, which {@link SpecParser#parse(String)} turns back into an equal architecture.
 *
 * <p>Layers are numbered from 1; {@code shape(0)} is the input and {@code shape(i)} the shape
 * after layer {@code i}. The parameter vector θ is the layers' parameters concatenated in layer
 * order, each layer's weights row-major followed by its biases (docs/theorems.md "Parameter order";
 * the per-layer orders are documented on {@link Layer}).
 *
 * <p>Size: an architecture of any size is valid as long as {@code p} fits in an int; whether a
 * Hessian of it can be built is the business of each path ({@code hessian.Limits} refuses what a
 * path cannot do, with the memory estimate).
 */
public final class Architecture {
    /** Largest {@code rows·cols} {@link #layerMatrix} will materialise. */
    public static final long MAX_LAYER_MATRIX_ENTRIES = 1L << 26;

    private final Shape input;
    private final List<Layer> layers;
    private final List<Shape> shapes;
    private final int[] offsets;
    private final int parameterCount;
    private final int frozenCount;

    private Architecture(Shape input, List<Layer> layers, List<Shape> shapes, int[] offsets, int parameterCount,
            int frozenCount) {
        this.frozenCount = frozenCount;
        this.input = input;
        this.layers = layers;
        this.shapes = shapes;
        this.offsets = offsets;
        this.parameterCount = parameterCount;
    }

    /**
     * A validated architecture. Cost O(layers).
     *
     * @throws IllegalArgumentException naming the layer, field and value if a layer does not fit
     *         its input, if no layer has parameters, or if {@code p} does not fit in an int
     */
    public static Architecture of(Shape input, List<Layer> layers) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(layers, "layers");
        List<Layer> copy = List.copyOf(layers);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("architecture: needs at least one layer after " + input.spec());
        }
        List<Shape> shapes = new ArrayList<>(copy.size() + 1);
        shapes.add(input);
        int[] offsets = new int[copy.size() + 2];
        long total = 0;
        long frozen = 0;
        boolean anyParameters = false;
        Shape s = input;
        for (int i = 1; i <= copy.size(); i++) {
            Layer l = copy.get(i - 1);
            Shape next = l.outputShape(s, i);
            long count;
            try {
                count = l.parameterCount(s);
                total = Math.addExact(total, count);
                frozen = Math.addExact(frozen, l.frozenCount(s));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(l.name() + " layer " + i + ": parameter count overflows a long", e);
            }
            if (total + frozen > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(l.name() + " layer " + i + ": parameter count so far (" + total
                        + ") exceeds " + Integer.MAX_VALUE);
            }
            offsets[i + 1] = (int) total;
            anyParameters |= l.hasParameters();
            shapes.add(next);
            s = next;
        }
        // offsets[i] = offset of layer i (1-based); offsets[size+1] = p
        if (!anyParameters) {
            throw new IllegalArgumentException("architecture: needs at least one parameter layer (dense, conv, local or"
                    + " attn, not frozen)");
        }
        return new Architecture(input, copy, List.copyOf(shapes), offsets, (int) total, (int) frozen);
    }

    /** Parses a spec; see {@link SpecParser}. */
    public static Architecture parse(String spec) {
        return SpecParser.parse(spec);
    }

    public Shape input() {
        return input;
    }

    /** The layers (unmodifiable), layer {@code i} at list index {@code i − 1}. */
    public List<Layer> layers() {
        return layers;
    }

    public int layerCount() {
        return layers.size();
    }

    /** Layer {@code index}, numbered from 1. */
    public Layer layer(int index) {
        checkLayer(index);
        return layers.get(index - 1);
    }

    /** Shape after layer {@code index} ({@code shape(0)} is the input). */
    public Shape shape(int index) {
        if (index < 0 || index > layers.size()) {
            throw new IndexOutOfBoundsException("shape index (" + index + ") must be in [0, " + layers.size() + "]");
        }
        return shapes.get(index);
    }

    /** Input shape then the shape after each layer (unmodifiable; {@code layerCount() + 1} entries). */
    public List<Shape> shapes() {
        return shapes;
    }

    public Shape outputShape() {
        return shapes.get(layers.size());
    }

    /** Flat output size (an all-convolutional net outputs its flattened last feature map). */
    public int outputSize() {
        return outputShape().size();
    }

    /** Total parameter count p. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Frozen weights φ (drawn with the point, not parameters), over all layers. */
    public int frozenCount() {
        return frozenCount;
    }

    /** True when some layer is a block ({@code res}, {@code add}, {@code mul}) or attention. */
    public boolean isGraph() {
        return layers.stream().anyMatch(l -> l instanceof Layer.Res || l instanceof Layer.Add
                || l instanceof Layer.Mul || l instanceof Layer.Attn);
    }

    /** Parameters of layer {@code index} (0 for layers without parameters). */
    public int parameterCount(int index) {
        checkLayer(index);
        return offsets[index + 1] - offsets[index];
    }

    /** Offset of layer {@code index}'s first parameter in θ. */
    public int parameterOffset(int index) {
        checkLayer(index);
        return offsets[index];
    }

    private void checkLayer(int index) {
        if (index < 1 || index > layers.size()) {
            throw new IndexOutOfBoundsException("layer index (" + index + ") must be in [1, " + layers.size() + "]");
        }
    }

    /** Canonical spec, e.g. {@code in(1,10) -> conv(6,k=3) -> dense(3)}. */
    public String spec() {
        StringBuilder sb = new StringBuilder(input.spec());
        for (Layer l : layers) {
            sb.append(" -> ").append(l.spec());
        }
        return sb.toString();
    }

    /**
     * The stages the Hessian builders consume: dense, conv, local and custom layers become
     * {@link ParameterStage}s (frozen ones read φ), avgpool a {@link FixedLinearStage}, activations
     * {@link ActivationStage}s, {@code pow} and {@code poly} {@link PolynomialStage}s; flatten and
     * id lower to nothing (the identity on flat data). Blocks make a graph: {@code res} and
     * {@code add} end in a sum (a fixed linear stage over two or more nodes), {@code mul} in a
     * {@link BilinearStage}, and each attention head is three per-token parameter stages and two
     * bilinear stages. Cost: O(number of terms) time and memory, e.g. {@code C_out·C_in·k·d_out}
     * per 1D conv, {@code t²·(a + e)} per attention head.
     *
     * @throws IllegalArgumentException if one stage would need more than 2^27 terms
     */
    public LoweredNetwork lower() {
        return GraphLowering.lower(input, layers);
    }

    /**
     * True when layer {@code index} is one bilinear parameter layer with a matrix T(W) (dense,
     * conv, local, a bilinear custom layer; not frozen): what {@link #lowerLayer} and
     * {@link #layerMatrix} take. Blocks, attention and polynomial custom layers are not.
     */
    public boolean hasLayerMatrix(int index) {
        Layer l = layer(index);
        if (l instanceof Layer.Custom c) {
            return c.layer().monomials(shapes.get(index - 1)).isEmpty();
        }
        return l.hasParameters() && (l instanceof Layer.Dense || l instanceof Layer.Conv || l instanceof Layer.Local);
    }

    /**
     * The parameter stage of layer {@code index} alone.
     *
     * @throws IllegalArgumentException if the layer has no parameters
     */
    public ParameterStage lowerLayer(int index) {
        Layer l = layer(index);
        Shape in = shapes.get(index - 1);
        Shape out = shapes.get(index);
        if (l instanceof Layer.Dense d) {
            return Lowering.dense(d, in, index);
        } else if (l instanceof Layer.Conv c) {
            return Lowering.conv(c, in, out, index);
        } else if (l instanceof Layer.Local lc) {
            return Lowering.local(lc, in, out, index);
        } else if (l instanceof Layer.Custom c) {
            return CustomLowering.stage(c, in, out, index);
        }
        if (l.hasParameters()) {
            throw new IllegalArgumentException(l.name() + " layer " + index + " is a block of several stages, not one"
                    + " parameter stage (see lower())");
        }
        throw new IllegalArgumentException(l.name() + " layer " + index + " has no parameters");
    }

    /**
     * The explicit matrix {@code T(W)} (rows: flat output, columns: flat input) of parameter
     * layer {@code index} for the layer's parameters {@code params} (length
     * {@code parameterCount(index)}, in the layer's parameter order; bias entries are ignored, the
     * matrix is the linear part). For a conv layer this is the banded block-Toeplitz matrix of
     * docs/theorems.md (doubly-block Toeplitz in 2D; TOE-SHAPE). Cost O(rows·cols).
     *
     * @throws ArithmeticException if an entry overflows a long
     */
    public long[][] layerMatrix(int index, long[] params) {
        ParameterStage st = matrixStage(index, params.length);
        long[][] m = new long[st.outSize()][st.inSize()];
        int[] o = st.termOut();
        int[] in = st.termIn();
        int[] p = st.termParam();
        for (int t = 0; t < o.length; t++) {
            m[o[t]][in[t]] = Math.addExact(m[o[t]][in[t]], params[p[t]]);
        }
        return m;
    }

    /** {@link #layerMatrix(int, long[])} over BigInteger. */
    public BigInteger[][] layerMatrix(int index, BigInteger[] params) {
        ParameterStage st = matrixStage(index, params.length);
        BigInteger[][] m = new BigInteger[st.outSize()][st.inSize()];
        for (BigInteger[] row : m) {
            java.util.Arrays.fill(row, BigInteger.ZERO);
        }
        int[] o = st.termOut();
        int[] in = st.termIn();
        int[] p = st.termParam();
        for (int t = 0; t < o.length; t++) {
            m[o[t]][in[t]] = m[o[t]][in[t]].add(params[p[t]]);
        }
        return m;
    }

    private ParameterStage matrixStage(int index, int length) {
        ParameterStage st = lowerLayer(index);
        if (length != st.parameterCount()) {
            throw new IllegalArgumentException(layer(index).name() + " layer " + index + ": parameter vector length ("
                    + length + ") must equal the layer's parameter count (" + st.parameterCount() + ")");
        }
        if ((long) st.outSize() * st.inSize() > MAX_LAYER_MATRIX_ENTRIES) {
            throw new IllegalArgumentException(layer(index).name() + " layer " + index + ": matrix " + st.outSize()
                    + "x" + st.inSize() + " exceeds " + MAX_LAYER_MATRIX_ENTRIES + " entries");
        }
        return st;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.input.equals(input) && a.layers.equals(layers);
    }

    @Override
    public int hashCode() {
        return input.hashCode() * 31 + layers.hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
