package org.hessrank.net;

/**
 * One step of a lowered network, mapping a flat vector {@code h} (length {@link #inSize()}: the
 * concatenation of the nodes the stage reads, see {@link LoweredNetwork}) to a flat vector
 * {@code y} (length {@link #outSize()}). The Hessian builders need nothing else. The kinds:
 * {@link ParameterStage} (bilinear in parameters and input; frozen when its weights come with the
 * point), {@link FixedLinearStage} (a fixed sparse rational matrix: pooling, sums of nodes),
 * {@link ActivationStage} and {@link PolynomialStage} (elementwise), {@link BilinearStage}
 * (products of two nodes: gating, attention) and {@link MonomialStage} (a polynomial map: the
 * polynomial custom layers).
 */
public sealed interface Stage permits ParameterStage, FixedLinearStage, ActivationStage, PolynomialStage,
        BilinearStage, MonomialStage {
    int inSize();

    int outSize();
}
