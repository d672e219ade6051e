package org.hessrank.hessian;

import org.hessrank.net.LoweredNetwork;

/**
 * The papers' pipeline, for comparison only: c²·H_O, c²·H_F, c²·H_L computed in float64 by the
 * same algorithm as {@link Hessians} (each operation rounded), at the same integer point. A
 * {@link org.hessrank.exact.Grade#NUMERICAL_ESTIMATE} input: never use it for an exact claim.
 * Cost as {@link Hessians}; memory 3·p² doubles.
 */
public final class Float64Hessians {
    private Float64Hessians() {
    }

    /**
     * {o, f, l}, each p × p row-major.
     *
     * @throws IllegalArgumentException as {@link Hessians#modular}
     */
    public static double[][] of(LoweredNetwork net, Point point) {
        Evaluation ev = Hessians.evaluate(net, point);
        HessianAlgorithm<double[]> a = Hessians.algorithm(Float64Ring.INSTANCE, ev, point);
        double[] o = a.outer(a.jacobian());
        double[] f = a.functional(HessianAlgorithm.exactChunk());
        return new double[][] {o, f, Float64Ring.INSTANCE.sum(o, f)};
    }
}
