package org.hessrank.hessian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hessrank.net.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact H_L against float64 central second differences of the float64 loss
 * ½ Σ_i ||F(x_i) − y_i||², on tiny nets with entries in [−3, 3] (so doubles are accurate).
 */
class FloatFiniteDifferenceTest {
    static List<TestNets.Net> nets() {
        return TestNets.zoo();
    }

    @ParameterizedTest
    @MethodSource("nets")
    void lossHessianMatchesCentralDifferences(TestNets.Net net) {
        Point point = Points.draw(net.lowered, PointOptions.defaults().withSeed(21).withRange(3).withSamples(3));
        ExactHessians h = Hessians.exact(net.lowered, point);
        double c2 = h.scale().pow(2).doubleValue();
        int p = h.parameterCount();
        double[] theta = new double[p];
        for (int k = 0; k < p; k++) {
            theta[k] = point.theta(k).doubleValue();
        }
        double step = 1e-3;
        double maxAbs = 0;
        double[][] exact = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                exact[a][b] = h.l().get(a, b).doubleValue() / c2;
                maxAbs = Math.max(maxAbs, Math.abs(exact[a][b]));
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double fd = (loss(net, point, theta, a, step, b, step) - loss(net, point, theta, a, step, b, -step)
                        - loss(net, point, theta, a, -step, b, step) + loss(net, point, theta, a, -step, b, -step))
                        / (4 * step * step);
                assertEquals(exact[a][b], fd, 1e-5 * maxAbs + 1e-6, net.name + " H_L(" + a + ", " + b + ")");
            }
        }
    }

    private static double loss(TestNets.Net net, Point point, double[] theta0, int a, double da, int b, double db) {
        double[] theta = theta0.clone();
        theta[a] += da;
        theta[b] += db;
        double den = point.targetDenominator().doubleValue();
        double total = 0;
        for (int i = 0; i < point.samples(); i++) {
            double[] h = new double[point.inputs().cols()];
            for (int j = 0; j < h.length; j++) {
                h[j] = point.inputs().get(i, j).doubleValue();
            }
            double[] out = forward(net.layers, theta, h);
            for (int c = 0; c < out.length; c++) {
                double r = out[c] - point.targets().get(i, c).doubleValue() / den;
                total += 0.5 * r * r;
            }
        }
        return total;
    }

    private static double[] forward(List<TestNets.Layer> layers, double[] theta, double[] h) {
        int off = 0;
        for (TestNets.Layer layer : layers) {
            if (layer instanceof TestNets.Dense d) {
                double[] y = new double[d.out()];
                for (int r = 0; r < d.out(); r++) {
                    double s = d.bias() ? theta[off + d.in() * d.out() + r] : 0;
                    for (int c = 0; c < d.in(); c++) {
                        s += theta[off + r * d.in() + c] * h[c];
                    }
                    y[r] = s;
                }
                off += d.in() * d.out() + (d.bias() ? d.out() : 0);
                h = y;
            } else if (layer instanceof TestNets.Pool pl) {
                double[] y = new double[pl.in() / pl.w()];
                for (int o = 0; o < y.length; o++) {
                    for (int j = 0; j < pl.w(); j++) {
                        y[o] += h[o * pl.w() + j];
                    }
                    y[o] /= pl.w();
                }
                h = y;
            } else {
                Activation act = ((TestNets.Act) layer).activation();
                double slope = (double) act.slopeNumerator() / act.slopeDenominator();
                for (int j = 0; j < h.length; j++) {
                    if (h[j] < 0) {
                        h[j] *= slope;
                    }
                }
            }
        }
        return h;
    }

}
