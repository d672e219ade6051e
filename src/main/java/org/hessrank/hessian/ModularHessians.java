package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The Hessian parts reduced mod a prime (see {@link HessianParts} for the scaling; the scale is
 * the exact integer c, not its residue). Immutable.
 */
public record ModularHessians(ModularMatrix o, ModularMatrix f, ModularMatrix l, BigInteger scale,
        int parameterCount, long prime) implements HessianParts<ModularMatrix> {
    public ModularHessians {
        Objects.requireNonNull(o, "o");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(l, "l");
        Objects.requireNonNull(scale, "scale");
    }
}
