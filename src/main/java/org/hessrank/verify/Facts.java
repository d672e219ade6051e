package org.hessrank.verify;

import java.math.BigInteger;
import org.hessrank.exact.Bareiss;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.hessian.Hessians;
import org.hessrank.hessian.Point;
import org.hessrank.net.Architecture;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.theory.Instance;

/**
 * Exact point facts for an {@link Instance} (N, rank X, rank [X; 1ᵀ], rank of the residual), by
 * Bareiss elimination. Cost: O(N·d·min(N, d)) big-integer operations plus one forward pass.
 */
final class Facts {
    private Facts() {
    }

    static Instance instance(Architecture arch, LoweredNetwork net, Point point) {
        IntegerMatrix x = point.inputs();
        int n = x.rows();
        int d = x.cols();
        BigInteger[] aug = new BigInteger[n * (d + 1)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                aug[i * (d + 1) + j] = x.get(i, j);
            }
            aug[i * (d + 1) + d] = BigInteger.ONE;
        }
        IntegerMatrix f = Hessians.forward(net, point); // c·F(X)
        BigInteger factor = Hessians.scale(net, point).divide(point.targetDenominator());
        IntegerMatrix y = point.targets();
        BigInteger[] res = new BigInteger[f.rows() * f.cols()];
        for (int i = 0; i < f.rows(); i++) {
            for (int c = 0; c < f.cols(); c++) {
                res[i * f.cols() + c] = f.get(i, c).subtract(factor.multiply(y.get(i, c)));
            }
        }
        return new Instance(arch, n, rank(x), rank(IntegerMatrix.of(n, d + 1, aug)),
                rank(IntegerMatrix.of(f.rows(), f.cols(), res)));
    }

    static int rank(IntegerMatrix m) {
        return m.rows() == 0 || m.cols() == 0 ? 0 : Bareiss.echelon(m).rank();
    }
}
