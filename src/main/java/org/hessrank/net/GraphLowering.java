package org.hessrank.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a chain of layers, blocks included, to the stages of a {@link LoweredNetwork} graph.
 * Package-private: {@link Architecture#lower()} is the entry point. Parameter stages are created
 * in θ's order (layer by layer; a block's branches left to right; per attention head Q, K, V).
 * Cost O(terms).
 */
final class GraphLowering {
    private final List<Stage> stages = new ArrayList<>();
    private final List<int[]> inputs = new ArrayList<>();
    private final int inputSize;

    private GraphLowering(int inputSize) {
        this.inputSize = inputSize;
    }

    static LoweredNetwork lower(Shape input, List<Layer> layers) {
        GraphLowering g = new GraphLowering(input.size());
        g.chain(layers, 0, input, 0);
        if (g.stages.isEmpty()) {
            throw new IllegalArgumentException("architecture lowers to no stage");
        }
        return LoweredNetwork.graph(g.inputSize, g.stages, g.inputs);
    }

    /** Adds a stage reading {@code in} and returns its node. */
    private int add(Stage st, int... in) {
        stages.add(st);
        inputs.add(in);
        return stages.size();
    }

    /**
     * Lowers {@code chain} from {@code node} of shape {@code shape}; returns the output node.
     * {@code top} is the top-level layer number (0: this is the top level, number the layers).
     */
    private int chain(List<Layer> chain, int node, Shape shape, int top) {
        Shape s = shape;
        int n = node;
        for (int k = 0; k < chain.size(); k++) {
            int index = top == 0 ? k + 1 : top;
            Layer l = chain.get(k);
            Shape out = l.outputShape(s, index);
            n = layer(l, n, s, out, index);
            s = out;
        }
        return n;
    }

    private int layer(Layer l, int node, Shape in, Shape out, int index) {
        if (l instanceof Layer.Dense d) {
            return parameters(Lowering.dense(d, in, index), d.frozen(), node);
        } else if (l instanceof Layer.Conv c) {
            return parameters(Lowering.conv(c, in, out, index), c.frozen(), node);
        } else if (l instanceof Layer.Local lc) {
            return add(Lowering.local(lc, in, out, index), node);
        } else if (l instanceof Layer.Custom c) {
            var monomials = c.layer().monomials(in);
            if (monomials.isPresent()) {
                MonomialStage m = CustomLowering.monomialStage(c.layer(), monomials.get(), in, out, index);
                int p = m.inSize() - in.size();
                int[] all = new int[p];
                for (int j = 0; j < p; j++) {
                    all[j] = j;
                }
                // a node holding the layer's parameters (scaled like its input): bias terms only
                int params = add(ParameterStage.of(c.name() + " layer " + index + " parameters", in.size(), p, p,
                        new int[0], new int[0], new int[0], all, all), node);
                return add(m, params, node);
            }
            return add(CustomLowering.stage(c, in, out, index), node);
        } else if (l instanceof Layer.AvgPool ap) {
            return add(Lowering.avgpool(ap, in, out, index), node);
        } else if (l instanceof Layer.Act a) {
            return add(new ActivationStage(in.size(), a.activation()), node);
        } else if (l instanceof Layer.Flatten || l instanceof Layer.Id) {
            return node;
        } else if (l instanceof Layer.Pow pw) {
            long[] c = new long[pw.power() + 1];
            c[pw.power()] = 1;
            return add(PolynomialStage.of(in.size(), c), node);
        } else if (l instanceof Layer.Poly py) {
            return add(PolynomialStage.of(in.size(), py.coefficients().stream().mapToLong(Long::longValue).toArray()),
                    node);
        } else if (l instanceof Layer.Res r) {
            int branch = chain(r.block(), node, in, index);
            return sum("res layer " + index, in.size(), node, branch);
        } else if (l instanceof Layer.Add a) {
            int[] outs = new int[a.branches().size()];
            for (int b = 0; b < outs.length; b++) {
                outs[b] = chain(a.branches().get(b), node, in, index);
            }
            return outs.length == 1 ? outs[0] : sum("add layer " + index, out.size(), outs);
        } else if (l instanceof Layer.Mul m) {
            int left = chain(m.left(), node, in, index);
            int right = chain(m.right(), node, in, index);
            int n = out.size();
            int[] u = new int[n];
            for (int k = 0; k < n; k++) {
                u[k] = k;
            }
            return add(BilinearStage.of("mul layer " + index, n, n, n, u, u, u), left, right);
        } else if (l instanceof Layer.Attn at) {
            return attention(at, node, in, index);
        }
        throw new IllegalStateException("no lowering for " + l);
    }

    private int parameters(ParameterStage st, boolean frozen, int node) {
        return add(frozen ? st.frozen() : st, node);
    }

    /** y = Σ_k x_k over equal-size nodes (a fixed linear stage with numerators 1). */
    private int sum(String name, int size, int... nodes) {
        int k = nodes.length;
        int[] out = new int[k * size];
        int[] in = new int[k * size];
        long[] one = new long[k * size];
        for (int part = 0; part < k; part++) {
            for (int u = 0; u < size; u++) {
                int t = part * size + u;
                out[t] = u;
                in[t] = t;
                one[t] = 1;
            }
        }
        return add(FixedLinearStage.of(name + " sum", k * size, size, out, in, one, 1), nodes);
    }

    /**
     * Lightning attention on a signal (d, t) at {@code node}: per head q = Q·X, k = K·X, v = V·X
     * (per token), S[i][j] = Σ_a q[a][i]·k[a][j], out[e][i] = Σ_j S[i][j]·v[e][j]; heads summed.
     */
    private int attention(Layer.Attn at, int node, Shape in, int index) {
        int d = in.channels();
        int t = in.length();
        int a = at.keyDim();
        int e = at.valueDim(in);
        String name = "attn layer " + index;
        long perHead = (long) t * t * (a + e) + (long) t * d * (2L * a + e);
        if (perHead > Lowering.MAX_TERMS) {
            throw new IllegalArgumentException(name + ": lowering needs " + perHead + " terms per head (t = " + t
                    + " tokens), more than the limit " + Lowering.MAX_TERMS);
        }
        int[] heads = new int[at.heads()];
        for (int h = 0; h < heads.length; h++) {
            String head = name + " head " + (h + 1);
            int q = add(perToken(head + " Q", a, d, t), node);
            int k = add(perToken(head + " K", a, d, t), node);
            int v = add(perToken(head + " V", e, d, t), node);
            int count = Math.toIntExact((long) t * t * a);
            int[] so = new int[count], sl = new int[count], sr = new int[count];
            int c = 0;
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    for (int r = 0; r < a; r++) {
                        so[c] = i * t + j;
                        sl[c] = r * t + i;
                        sr[c] = r * t + j;
                        c++;
                    }
                }
            }
            int scores = add(BilinearStage.of(head + " scores", a * t, a * t, t * t, so, sl, sr), q, k);
            count = Math.toIntExact((long) e * t * t);
            int[] oo = new int[count], ol = new int[count], or = new int[count];
            c = 0;
            for (int f = 0; f < e; f++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < t; j++) {
                        oo[c] = f * t + i;
                        ol[c] = i * t + j;
                        or[c] = f * t + j;
                        c++;
                    }
                }
            }
            heads[h] = add(BilinearStage.of(head + " output", t * t, e * t, e * t, oo, ol, or), scores, v);
        }
        return heads.length == 1 ? heads[0] : sum(name, e * t, heads);
    }

    /** y[r][i] = Σ_c W[r][c]·x[c][i] on a signal (d, t), W rows × d row-major, no bias. */
    private static ParameterStage perToken(String name, int rows, int d, int t) {
        int count = Math.toIntExact((long) rows * d * t);
        int[] out = new int[count], in = new int[count], par = new int[count];
        int c = 0;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < t; i++) {
                for (int ch = 0; ch < d; ch++) {
                    out[c] = r * t + i;
                    in[c] = ch * t + i;
                    par[c] = r * d + ch;
                    c++;
                }
            }
        }
        return ParameterStage.of(name, d * t, rows * t, rows * d, out, in, par, new int[0], new int[0]);
    }
}
