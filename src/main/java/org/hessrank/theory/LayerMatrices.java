package org.hessrank.theory;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;

/**
 * The measured side of the TOE-* statements: the layer matrix {@code T(W)} of one parameter layer
 * at a point's weights, and its exact rank. Deterministic; nothing is modified.
 */
public final class LayerMatrices {
    private LayerMatrices() {
    }

    /**
     * {@code T(W)} of parameter layer {@code layer} (from 1) at the point's weights (biases are not
     * part of the matrix), via {@link Architecture#layerMatrix(int, BigInteger[])}. Cost
     * O(rows·cols).
     *
     * @throws IllegalArgumentException if the layer has no parameters or the point does not fit
     */
    public static IntegerMatrix matrix(Architecture architecture, int layer, Point point) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(point, "point");
        if (point.parameterCount() != architecture.parameterCount()) {
            throw new IllegalArgumentException("point parameter count (" + point.parameterCount()
                    + ") must equal the architecture's (" + architecture.parameterCount() + ")");
        }
        if (!architecture.hasLayerMatrix(layer)) {
            throw new IllegalArgumentException(architecture.layer(layer).name() + " layer " + layer
                    + " is not one bilinear parameter layer (no matrix T(W))");
        }
        int off = architecture.parameterOffset(layer);
        BigInteger[] theta = point.theta();
        BigInteger[] params = Arrays.copyOfRange(theta, off, off + architecture.parameterCount(layer));
        return IntegerMatrix.of(architecture.layerMatrix(layer, params));
    }

    /**
     * The exact rank of {@link #matrix} (deterministic multi-modular rank). Cost about
     * O(rows·cols·rank) per prime, a few primes.
     */
    public static int rank(Architecture architecture, int layer, Point point) {
        return Instances.rank(matrix(architecture, layer, point));
    }
}
