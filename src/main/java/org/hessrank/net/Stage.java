package org.hessrank.net;

/**
 * One step of a lowered network, mapping a flat vector {@code h} (length {@link #inSize()}) to a
 * flat vector {@code y} (length {@link #outSize()}). A network lowers to a list of stages; the
 * Hessian builders need nothing else. Three kinds exist:
 * {@link ParameterStage} (bilinear in parameters and input), {@link FixedLinearStage} (a fixed
 * sparse rational matrix: pooling, flattening), and {@link ActivationStage} (elementwise).
 */
public sealed interface Stage permits ParameterStage, FixedLinearStage, ActivationStage, PolynomialStage,
        BilinearStage {
    int inSize();

    int outSize();
}
