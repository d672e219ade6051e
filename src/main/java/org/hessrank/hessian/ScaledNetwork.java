package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.hessrank.net.Activation;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.BilinearStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.MonomialStage;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.PolynomialStage;
import org.hessrank.net.Stage;

/**
 * A lowered network with every rational coefficient scaled to an integer. Each node carries a
 * scale: the scaled network's value at the node is that integer times the true one.
 * <ul>
 *   <li>the input: the input scale u;</li>
 *   <li>a parameter stage keeps its input's scale, and its biases enter with that scale as
 *       coefficient ({@link Scales#unit});</li>
 *   <li>a fixed linear stage over nodes of scales s_k (a pooling, a residual sum) has scale
 *       den·L with L = lcm(s_k), and the terms reading node k are multiplied by L/s_k;</li>
 *   <li>a (leaky) ReLU multiplies by its slope denominator; {@code pow}/{@code poly} of degree D
 *       raise the scale to s^D, with coefficients c_m·s^{D−m};</li>
 *   <li>a bilinear stage has the product of its two nodes' scales; a monomial stage the lcm L
 *       of its terms' scales (the products of their factors' scales), each coefficient
 *       multiplied by L over its term's scale.</li>
 * </ul>
 * The scaled output is {@code output scale · F}. A network with no pooling, leaky slope or
 * rational input has every scale 1.
 */
final class ScaledNetwork {
    final LoweredNetwork net;
    final List<Stage> stages;
    /** The output scale at input scale 1. */
    final BigInteger scale;

    private ScaledNetwork(LoweredNetwork net) {
        this.net = net;
        this.stages = net.stages();
        this.scale = scales(BigInteger.ONE).output();
    }

    /**
     * @throws IllegalArgumentException if an activation is not exact over ℚ (tanh, sigmoid)
     */
    static ScaledNetwork of(LoweredNetwork net) {
        checkExact(net);
        return ofUnchecked(net);
    }

    /** Without the exactness check (for drawing points of tanh networks). */
    static ScaledNetwork ofUnchecked(LoweredNetwork net) {
        return new ScaledNetwork(Objects.requireNonNull(net, "network"));
    }

    /** The scales of every node and the scaled coefficients, for input scale {@code inputScale}. */
    static final class Scales {
        /** Per node (0: the input). */
        final BigInteger[] node;
        /** Per stage: the coefficient of a bias (its input's scale); 1 elsewhere. */
        final BigInteger[] unit;
        /**
         * Per fixed linear and monomial stage: its scaled term coefficients; per polynomial stage:
         * c_m·s^{D−m}.
         */
        final BigInteger[][] coefficients;

        private Scales(int stages) {
            node = new BigInteger[stages + 1];
            unit = new BigInteger[stages];
            coefficients = new BigInteger[stages][];
        }

        BigInteger output() {
            return node[node.length - 1];
        }
    }

    Scales scales(BigInteger inputScale) {
        Scales sc = new Scales(stages.size());
        sc.node[0] = inputScale;
        for (int s = 0; s < stages.size(); s++) {
            Stage st = stages.get(s);
            int[] in = net.inputs(s);
            BigInteger first = sc.node[in[0]];
            sc.unit[s] = BigInteger.ONE;
            BigInteger out;
            if (st instanceof ParameterStage) {
                sc.unit[s] = first;
                out = first;
            } else if (st instanceof FixedLinearStage f) {
                BigInteger lcm = BigInteger.ONE;
                for (int node : in) {
                    BigInteger v = sc.node[node];
                    lcm = lcm.divide(lcm.gcd(v)).multiply(v);
                }
                // each term reading an entry of scale v is multiplied by L / v
                BigInteger[] entry = entryScales(sc, in);
                int[] fi = f.in();
                long[] num = f.numerator();
                BigInteger[] c = new BigInteger[num.length];
                for (int t = 0; t < num.length; t++) {
                    c[t] = lcm.divide(entry[fi[t]]).multiply(BigInteger.valueOf(num[t]));
                }
                sc.coefficients[s] = c;
                out = lcm.multiply(BigInteger.valueOf(f.denominator()));
            } else if (st instanceof PolynomialStage poly) {
                long[] c = poly.coefficients();
                int degree = Math.max(1, degree(c));
                BigInteger[] scaled = new BigInteger[degree + 1];
                for (int m = 0; m <= degree; m++) {
                    long cm = m < c.length ? c[m] : 0;
                    scaled[m] = BigInteger.valueOf(cm).multiply(first.pow(degree - m));
                }
                sc.coefficients[s] = scaled;
                out = first.pow(degree);
            } else if (st instanceof BilinearStage) {
                out = first.multiply(sc.node[in[1]]);
            } else if (st instanceof MonomialStage m) {
                // each term's scale is the product of its factors' node scales; L = their lcm
                BigInteger[] entry = entryScales(sc, in);
                int[] start = m.start();
                int[] factor = m.factor();
                BigInteger[] termScale = new BigInteger[m.termCount()];
                BigInteger lcm = BigInteger.ONE;
                for (int t = 0; t < termScale.length; t++) {
                    BigInteger v = BigInteger.ONE;
                    for (int f = start[t]; f < start[t + 1]; f++) {
                        v = v.multiply(entry[factor[f]]);
                    }
                    termScale[t] = v;
                    lcm = lcm.divide(lcm.gcd(v)).multiply(v);
                }
                BigInteger[] c = new BigInteger[termScale.length];
                for (int t = 0; t < c.length; t++) {
                    c[t] = BigInteger.valueOf(m.coefficient()[t]).multiply(lcm.divide(termScale[t]));
                }
                sc.coefficients[s] = c;
                out = lcm;
            } else {
                Activation a = ((ActivationStage) st).activation();
                out = a.isPiecewiseLinear() ? first.multiply(BigInteger.valueOf(a.slopeDenominator())) : first;
            }
            sc.node[s + 1] = out;
        }
        return sc;
    }

    /** The scale of every entry of a stage's concatenated input. */
    private BigInteger[] entryScales(Scales sc, int[] in) {
        int size = 0;
        for (int node : in) {
            size += net.nodeSize(node);
        }
        BigInteger[] entry = new BigInteger[size];
        int offset = 0;
        for (int node : in) {
            java.util.Arrays.fill(entry, offset, offset + net.nodeSize(node), sc.node[node]);
            offset += net.nodeSize(node);
        }
        return entry;
    }

    /** The highest power with a nonzero coefficient (0 for a constant). */
    static int degree(long[] coefficients) {
        for (int m = coefficients.length - 1; m > 0; m--) {
            if (coefficients[m] != 0) {
                return m;
            }
        }
        return 0;
    }

    /**
     * @throws IllegalArgumentException naming the first activation that is not exact over ℚ
     */
    static void checkExact(LoweredNetwork net) {
        List<Stage> stages = net.stages();
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s) instanceof ActivationStage a && !a.activation().isPiecewiseLinear()) {
                throw new IllegalArgumentException("activation " + a.activation().spec() + " at stage " + s
                        + " is not exact over ℚ (transcendental): exact Hessians need piecewise-linear or polynomial"
                        + " activations");
            }
        }
    }

    static boolean hasKinks(LoweredNetwork net) {
        for (Stage st : net.stages()) {
            if (st instanceof ActivationStage a && isKink(a.activation())) {
                return true;
            }
        }
        return false;
    }

    static boolean isKink(Activation a) {
        return a.kind() == Activation.Kind.RELU || a.kind() == Activation.Kind.LEAKY_RELU;
    }
}
