package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.Objects;
import org.hessrank.exact.IntegerMatrix;
import org.hessrank.exact.Modulus;
import org.hessrank.net.LoweredNetwork;

/**
 * A network evaluated exactly at a point, once: the one forward pass (BigInteger, O(N·T)) that
 * every Hessian path, bound and fact at this point reads. The measurement spine evaluates each
 * point once and asks this object for what the method needs (dense parts mod p and their minor
 * bounds, exact parts, Hessian-vector products, the Jacobian, the outputs); the static methods
 * of {@link Hessians} are shorthands that evaluate and ask once.
 *
 * <p>Immutable and thread-safe; nothing passed in is modified. Scaling, costs and exceptions are
 * those of {@link Hessians}.
 */
public final class EvaluatedPoint {
    private final LoweredNetwork net;
    private final Point point;
    private final Evaluation ev;

    private EvaluatedPoint(LoweredNetwork net, Point point, Evaluation ev) {
        this.net = net;
        this.point = point;
        this.ev = ev;
    }

    /**
     * The exact forward pass of {@code net} at {@code point}, for any parameter count.
     *
     * @throws IllegalArgumentException if the network has tanh/sigmoid or the point does not fit it
     * @throws IllegalStateException if a ReLU / leaky-ReLU pre-activation is exactly 0
     */
    public static EvaluatedPoint of(LoweredNetwork net, Point point) {
        return new EvaluatedPoint(net, point, Hessians.evaluateAnySize(net, point));
    }

    public LoweredNetwork network() {
        return net;
    }

    public Point point() {
        return point;
    }

    Evaluation evaluation() {
        return ev;
    }

    /** The one algorithm in {@code ring} at this point, residual signals computed. */
    <V> HessianAlgorithm<V> algorithm(Ring<V> ring) {
        return Hessians.algorithm(ring, ev, point);
    }

    private void checkDense() {
        Hessians.checkDenseSize(net.parameterCount(), point.samples(), net.outputSize());
    }

    private void checkJacobian() {
        Hessians.checkJacobianSize(point.samples(), net.outputSize(), net.parameterCount());
    }

    /** The exact integer parts c²·H_O, c²·H_F, c²·H_L (see {@link Hessians#exact}). */
    public ExactHessians exact() {
        checkDense();
        HessianAlgorithm<BigInteger[]> a = algorithm(BigRing.INSTANCE);
        int p = net.parameterCount();
        BigInteger[] o = a.outer(a.jacobian());
        BigInteger[] f = a.functional(HessianAlgorithm.exactChunk());
        BigInteger[] l = BigRing.INSTANCE.sum(o, f);
        return new ExactHessians(IntegerMatrix.of(p, p, o), IntegerMatrix.of(p, p, f), IntegerMatrix.of(p, p, l),
                ev.totalScale, p);
    }

    /** The parts reduced mod {@code modulus} (see {@link Hessians#modular}). */
    public ModularHessians modular(Modulus modulus) {
        Objects.requireNonNull(modulus, "modulus");
        checkDense();
        int p = net.parameterCount();
        long q = modulus.value();
        long[] o;
        long[] f;
        if (DoubleResidueRing.supports(modulus)) {
            DoubleResidueRing ring = new DoubleResidueRing(modulus);
            HessianAlgorithm<double[]> a = algorithm(ring);
            // the Gram kernel works on long residues: no double copy of the p × p result
            int rows = point.samples() * net.outputSize();
            o = new LongResidueRing(modulus).gram(ring.jacobian(a, rows, p), rows, p);
            // written straight into long residues: no double copy of the p × p part
            long[] lower = new long[p * p];
            a.functional(HessianAlgorithm.exactChunk(), (index, values, at) -> lower[index] = ring.canonical(values[at]));
            for (int r = 0; r < p; r++) {
                for (int c = r + 1; c < p; c++) {
                    lower[r * p + c] = lower[c * p + r];
                }
            }
            f = lower;
        } else {
            HessianAlgorithm<long[]> a = algorithm(new LongResidueRing(modulus));
            o = a.outer(a.jacobian());
            f = a.functional(HessianAlgorithm.exactChunk());
        }
        long[] l = new LongResidueRing(modulus).sum(o, f);
        return new ModularHessians(ModularMatrix.wrap(p, p, q, o), ModularMatrix.wrap(p, p, q, f),
                ModularMatrix.wrap(p, p, q, l), ev.totalScale, p, q);
    }

    /** log2 bounds on every minor of c²·H_O, c²·H_F, c²·H_L (see {@link Hessians#log2MinorBounds}). */
    public double[] log2MinorBounds() {
        checkDense();
        HessianAlgorithm<double[]> bounds = algorithm(BoundRing.INSTANCE);
        int p = net.parameterCount();
        int rows = point.samples() * net.outputSize();
        double[] j = bounds.jacobian();
        double[] f = bounds.functional(HessianAlgorithm.exactChunk());
        double[] colNorms = new double[p];
        for (int a = 0; a < p; a++) {
            colNorms[a] = BoundRing.norm(j, a, p, rows);
        }
        double frobenius = BoundRing.norm(colNorms, 0, 1, p);
        double o = 0;
        double fl = 0;
        double l = 0;
        for (int a = 0; a < p; a++) {
            double oRow = colNorms[a] * frobenius * BoundRing.SLACK;
            double fRow = BoundRing.norm(f, a * p, 1, p);
            o += BoundRing.positiveLog2(oRow);
            fl += BoundRing.positiveLog2(fRow);
            l += BoundRing.positiveLog2((oRow + fRow) * BoundRing.SLACK);
        }
        return new double[] {o, fl, l};
    }

    /** c·J over ℤ, N·K × p (see {@link Hessians#jacobian(LoweredNetwork, Point)}). */
    public IntegerMatrix jacobian() {
        checkJacobian();
        return IntegerMatrix.of(point.samples() * net.outputSize(), net.parameterCount(),
                algorithm(BigRing.INSTANCE).jacobian());
    }

    /** c·J mod p, for any p (see {@link Hessians#jacobian(LoweredNetwork, Point, Modulus)}). */
    public ModularMatrix jacobian(Modulus modulus) {
        checkJacobian();
        return ModularMatrix.wrap(point.samples() * net.outputSize(), net.parameterCount(), modulus.value(),
                jacobianResidues(modulus));
    }

    /** c·J mod p as canonical residues, N·K × p row-major, in the fastest ring for the prime. */
    long[] jacobianResidues(Modulus modulus) {
        if (DoubleResidueRing.supports(modulus)) {
            DoubleResidueRing ring = new DoubleResidueRing(modulus);
            return ring.jacobian(algorithm(ring), point.samples() * net.outputSize(), net.parameterCount());
        }
        return algorithm(new LongResidueRing(modulus)).jacobian();
    }

    /** log₂ of an upper bound on every |entry| of c·J (see {@link Hessians#log2JacobianEntryBound}). */
    public double log2JacobianEntryBound() {
        checkJacobian();
        double max = 0;
        for (double v : algorithm(BoundRing.INSTANCE).jacobian()) {
            max = Math.max(max, v);
        }
        return BoundRing.positiveLog2(max);
    }

    /** c·F(X): N × K, row i the scaled output at sample i. */
    public IntegerMatrix forward() {
        BigInteger[] out = new BigInteger[point.samples() * net.outputSize()];
        for (int i = 0; i < point.samples(); i++) {
            System.arraycopy(ev.outputs[i], 0, out, i * net.outputSize(), net.outputSize());
        }
        return IntegerMatrix.of(point.samples(), net.outputSize(), out);
    }

    /** The scale c of the network output at this point (see {@link Hessians}). */
    public BigInteger scale() {
        return ev.totalScale;
    }
}
