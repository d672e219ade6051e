package org.hessrank.net;

import java.util.Objects;

/** An elementwise activation on {@code size} entries. */
public record ActivationStage(int size, Activation activation) implements Stage {
    public ActivationStage {
        Objects.requireNonNull(activation, "activation");
        if (size <= 0) {
            throw new IllegalArgumentException("activation size (" + size + ") must be > 0");
        }
    }

    @Override
    public int inSize() {
        return size;
    }

    @Override
    public int outSize() {
        return size;
    }
}
