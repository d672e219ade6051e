package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;

/** Exact integer Hessian parts (see {@link HessianParts} for the scaling). Immutable. */
public record ExactHessians(IntegerMatrix o, IntegerMatrix f, IntegerMatrix l, BigInteger scale, int parameterCount)
        implements HessianParts<IntegerMatrix> {
    public ExactHessians {
        Objects.requireNonNull(o, "o");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(l, "l");
        Objects.requireNonNull(scale, "scale");
    }
}
