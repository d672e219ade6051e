package org.hessrank.theory;

import java.util.List;
import java.util.OptionalLong;
import org.hessrank.hessian.Part;

/**
 * A statement about the Toeplitz matrix {@code T(W)} of single conv layers (TOE-1, TOE-M,
 * TOE-2D; target {@link Part#LAYER_MATRIX}). It applies layer by layer: to every conv
 * layer of the architecture that meets its hypothesis, wherever the layer sits in the net (the
 * matrix depends on the layer alone). The measured value is the exact rank of T(W) at the point's
 * weights of that layer: {@link LayerMatrices#rank}.
 *
 * <p>{@link #predict(Instance)} is the prediction for the first such layer; {@link #predictLayer}
 * gives any.
 */
public non-sealed interface LayerStatement extends Statement {
    /** The layers (numbered from 1, ascending) this statement applies to; empty if none. */
    List<Integer> layers(Instance instance);

    /** The predicted rank of T(W) of layer {@code layer}; empty unless it is in {@link #layers}. */
    OptionalLong predictLayer(Instance instance, int layer);

    @Override
    default boolean appliesTo(Instance instance) {
        return !layers(instance).isEmpty();
    }

    @Override
    default OptionalLong predict(Instance instance) {
        List<Integer> ls = layers(instance);
        return ls.isEmpty() ? OptionalLong.empty() : predictLayer(instance, ls.get(0));
    }

    @Override
    default Part target() {
        return Part.T;
    }
}
