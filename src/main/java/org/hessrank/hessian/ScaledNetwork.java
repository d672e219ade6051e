package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.hessrank.net.Activation;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.Stage;

/**
 * A lowered network with every rational coefficient scaled to an integer: each
 * {@link FixedLinearStage} is multiplied by its denominator and each (leaky) ReLU by its slope
 * denominator. {@code unit(s)} is the product of those factors over the stages before s: the
 * scaled network's activation entering stage s is {@code unit(s)} times the true one, and a bias
 * in stage s enters with coefficient {@code unit(s)}. The scaled output is {@code scale()·F}.
 */
final class ScaledNetwork {
    final LoweredNetwork net;
    final List<Stage> stages;
    final BigInteger[] unit;
    final BigInteger scale;
    final int[] parameterStages;

    private ScaledNetwork(LoweredNetwork net, BigInteger[] unit, BigInteger scale, int[] parameterStages) {
        this.net = net;
        this.stages = net.stages();
        this.unit = unit;
        this.scale = scale;
        this.parameterStages = parameterStages;
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
        Objects.requireNonNull(net, "network");
        List<Stage> stages = net.stages();
        BigInteger[] unit = new BigInteger[stages.size()];
        BigInteger u = BigInteger.ONE;
        int count = 0;
        for (int s = 0; s < stages.size(); s++) {
            unit[s] = u;
            Stage st = stages.get(s);
            if (st instanceof FixedLinearStage f) {
                u = u.multiply(BigInteger.valueOf(f.denominator()));
            } else if (st instanceof ActivationStage a && a.activation().isPiecewiseLinear()) {
                u = u.multiply(BigInteger.valueOf(a.activation().slopeDenominator()));
            } else if (st instanceof ParameterStage) {
                count++;
            }
        }
        int[] ps = new int[count];
        count = 0;
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s) instanceof ParameterStage) {
                ps[count++] = s;
            }
        }
        return new ScaledNetwork(net, unit, u, ps);
    }

    /**
     * @throws IllegalArgumentException naming the first activation that is not exact over ℚ
     */
    static void checkExact(LoweredNetwork net) {
        List<Stage> stages = net.stages();
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s) instanceof ActivationStage a && !a.activation().isPiecewiseLinear()) {
                throw new IllegalArgumentException("activation " + a.activation().spec() + " at stage " + s
                        + " is not exact over ℚ; use the numeric path");
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
