package org.hessrank.verify;

import java.util.ArrayList;
import java.util.List;
import org.hessrank.net.Activation;
import org.hessrank.net.Architecture;
import org.hessrank.net.Layer;
import org.hessrank.net.Shape;

/**
 * The draws of the computation-graph families ({@link Family#isGraph()}), one architecture per
 * call from the generator's random source and limits ({@link Generator.Draw}). Each draw respects
 * maxDepth (a block or an attention layer counts as one parameter layer), maxChannels (widths
 * inside blocks too) and maxInputSize; maxParameters is the generator's business (it redraws).
 * Cost: O(layers) per draw.
 */
final class GraphDraws {
    private GraphDraws() {
    }

    /**
     * {@code in(d) -> [dense(n)] -> res(β) x B -> [dense(K)]}: ReLU blocks in 7 nets of 10, linear
     * ones otherwise; a block is {@code res(dense(n))} with probability 0.15; bottleneck hidden
     * widths 1–2 with probability 0.3.
     */
    static Architecture residualMlp(Generator.Draw d) {
        Generator g = d.limits();
        int in = d.size(1, g.maxInputSize());
        boolean stem = in > g.maxChannels() || d.chance(0.5);
        if (stem && g.maxDepth() < 2) {
            in = d.size(1, Math.min(g.maxInputSize(), g.maxChannels()));
            stem = false;
        }
        int n = stem ? d.channels() : in;
        boolean head = d.chance(0.6);
        int room = g.maxDepth() - (stem ? 1 : 0) - (head ? 1 : 0);
        if (room < 1) {
            head = false;
            room++;
        }
        boolean relu = d.chance(0.7);
        int blocks = d.depth(1, room);
        List<Layer> ls = new ArrayList<>();
        if (stem) {
            ls.add(Layer.dense(n));
        }
        for (int b = 0; b < blocks; b++) {
            if (d.chance(0.15)) {
                ls.add(Layer.res(List.of(Layer.dense(n))));
                continue;
            }
            int m = d.chance(0.3) ? d.uniform(1, Math.min(2, g.maxChannels())) : d.channels();
            ls.add(Layer.res(relu ? List.of(Layer.dense(m), Layer.activation(Activation.RELU), Layer.dense(n))
                    : List.of(Layer.dense(m), Layer.dense(n))));
        }
        if (head) {
            ls.add(Layer.dense(d.outputs()));
        }
        return Architecture.of(Shape.vector(in), ls);
    }

    /** {@code in(d) -> dense(M_1) -> σ -> … -> dense(K)} with the given hidden widths and one σ. */
    static Architecture polynomialMlp(Generator.Draw d, int[] hidden) {
        Layer sigma = polynomial(d);
        List<Layer> ls = new ArrayList<>();
        for (int w : hidden) {
            ls.add(Layer.dense(w));
            ls.add(sigma);
        }
        ls.add(Layer.dense(d.outputs()));
        return Architecture.of(Shape.vector(d.size(1, d.limits().maxInputSize())), ls);
    }

    /**
     * {@code pow(2)} (35%), {@code pow(3)} (25%) or {@code poly(c_0,…,c_k)} of degree 2 or 3 with
     * coefficients in [−3, 3], the leading one nonzero.
     */
    static Layer polynomial(Generator.Draw d) {
        double u = d.rng.nextDouble();
        if (u < 0.35) {
            return Layer.pow(2);
        }
        if (u < 0.6) {
            return Layer.pow(3);
        }
        int k = d.uniform(2, 3);
        List<Long> c = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            c.add((long) d.uniform(-3, 3));
        }
        c.add((long) (d.uniform(1, 3) * (d.chance(0.5) ? 1 : -1)));
        return Layer.poly(c);
    }

    /**
     * {@code in(d) -> G_1 -> … -> G_B -> [dense(K)]}: each gate a product {@code mul(dense(k) |
     * dense(k))} or a gated residual {@code res(mul(id | dense(w)))}, half and half (a product when
     * the current width exceeds maxChannels).
     */
    static Architecture gatedMlp(Generator.Draw d) {
        Generator g = d.limits();
        int in = d.size(1, g.maxInputSize());
        boolean head = d.chance(0.6);
        int room = g.maxDepth() - (head ? 1 : 0);
        if (room < 1) {
            head = false;
            room = g.maxDepth();
        }
        int gates = d.depth(1, room);
        int w = in;
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < gates; i++) {
            if (w > g.maxChannels() || d.chance(0.5)) {
                int k = d.channels();
                ls.add(Layer.mul(List.of(Layer.dense(k)), List.of(Layer.dense(k))));
                w = k;
            } else {
                ls.add(Layer.res(List.of(Layer.mul(List.of(Layer.id()), List.of(Layer.dense(w))))));
            }
        }
        if (head) {
            ls.add(Layer.dense(d.outputs()));
        }
        return Architecture.of(Shape.vector(in), ls);
    }

    /**
     * {@code in(d) -> A_1 -> … -> A_L -> [dense(K)]}, each adapter
     * {@code add(dense(n,frozen) | dense(ra) -> dense(n))} with 2 ≤ n ≤ maxChannels and ra in
     * [1, n − 1] (ra = 1 as an edge case).
     */
    static Architecture lora(Generator.Draw d) {
        Generator g = d.limits();
        int in = d.size(1, g.maxInputSize());
        boolean head = d.chance(0.4);
        int room = g.maxDepth() - (head ? 1 : 0);
        if (room < 1) {
            head = false;
            room = g.maxDepth();
        }
        int adapters = d.depth(1, room);
        List<Layer> ls = new ArrayList<>();
        for (int i = 0; i < adapters; i++) {
            int n = d.size(2, g.maxChannels());
            int ra = d.edge() ? 1 : d.uniform(1, n - 1);
            ls.add(adapter(n, ra));
        }
        if (head) {
            ls.add(Layer.dense(d.outputs()));
        }
        return Architecture.of(Shape.vector(in), ls);
    }

    /** {@code add(dense(n,frozen) | dense(ra) -> dense(n))}. */
    static Layer adapter(int n, int ra) {
        return Layer.add(List.of(List.of(Layer.Dense.of(n, false, true)), List.of(Layer.dense(ra), Layer.dense(n))));
    }

    /**
     * {@code in(d,t) -> attn(a,heads)} one to three times: d ≤ min(5, maxChannels, maxInputSize),
     * t ≤ min(6, maxInputSize), a ≤ min(4, maxChannels); edge cases d = 1, t = 1 and a > d.
     */
    static Architecture attention(Generator.Draw d) {
        Generator g = d.limits();
        int layers = d.depth(1, Math.min(3, g.maxDepth()));
        int features = d.edge() ? 1 : d.size(1, Math.min(5, Math.min(g.maxChannels(), g.maxInputSize())));
        int tokens = d.edge() ? 1 : d.size(1, Math.min(6, g.maxInputSize()));
        boolean alike = d.chance(0.8);
        Layer first = attentionLayer(d, features);
        List<Layer> ls = new ArrayList<>();
        ls.add(first);
        for (int l = 1; l < layers; l++) {
            ls.add(alike ? first : attentionLayer(d, features));
        }
        return Architecture.of(Shape.signal(features, tokens), ls);
    }

    private static Layer attentionLayer(Generator.Draw d, int features) {
        Generator g = d.limits();
        int a = features < g.maxChannels() && d.edge() ? d.uniform(features + 1, g.maxChannels())
                : d.size(1, Math.min(4, g.maxChannels()));
        int heads = d.chance(0.25) ? d.uniform(2, 3) : 1;
        return Layer.attn(a, heads, 0);
    }
}
