package org.hessrank.hessian;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.hessrank.net.ActivationStage;
import org.hessrank.net.BilinearStage;
import org.hessrank.net.FixedLinearStage;
import org.hessrank.net.LoweredNetwork;
import org.hessrank.net.MonomialStage;
import org.hessrank.net.ParameterStage;
import org.hessrank.net.PolynomialStage;
import org.hessrank.net.Stage;

/**
 * The Hessian algorithm, written once: forward-over-reverse through the stages of a lowered
 * network, over any {@link Ring} (ℤ, ℤ/p, bounds, float64, apfloat) and for every product the
 * paths need. Each stage kind contributes through its {@link StageRule}; the values at the point
 * come from a {@link Tape}.
 *
 * <p>With g the loss gradient backpropagated through the network ({@link #backpropagate}) and V
 * a block of directions, one {@link #pass} forms, for the samples of the batch:
 * <ul>
 *   <li>the forward tangent ẋ of every stage's input (J·V at the output);</li>
 *   <li>the backward tangent, seeded with J·V (the H_O part, Jᵀ(JV)) and/or carrying the
 *       second-order terms (the H_F part: Vᵀg and G(ẋ)ᵀg at parameter stages, σ''·ẋ·g at curved
 *       activations);</li>
 *   <li>the parameter rows of H·V, accumulated over the samples.</li>
 * </ul>
 * Hessian-vector products are passes over all samples; the dense H_F is passes with unit
 * directions, one parameter stage's block of columns at a time, its rows formed from that stage
 * on and mirrored; the Jacobian is the backward pass seeded with unit outputs, sample by
 * sample; H_O = JᵀJ by the ring's Gram kernel.
 *
 * <p>The network is a graph ({@link LoweredNetwork}): stage j reads the concatenation of earlier
 * nodes. A stage reading one node reads (and, when it is that node's only reader, writes) the
 * node's buffer directly, so a chain costs what it always did; otherwise the tangents of its
 * nodes are gathered into a scratch input, and its backward signal is scattered back, added to
 * what the node's other readers sent (signals are sums over a node's readers).
 *
 * <p>Costs (N samples, K outputs, T terms of all stages, p parameters): a pass O(N·T·b) for b
 * directions; J O(N·K·T); dense H_F O(N·p·T) (about N·Σ_l p_l·T_{≥l}); H_O O(N·K·p²/2).
 * Thread-safe after {@link #backpropagate}: every pass owns its buffers.
 */
final class HessianAlgorithm<V> {
    /** Directions per block for the dense H_F. */
    private static final int DENSE_BLOCK = 32;
    /** Target of samples × directions per strip. */
    private static final int TARGET_STRIP = 512;

    private final Ring<V> ring;
    private final LoweredNetwork net;
    private final List<Stage> stages;
    private final Tape<V> tape;
    private final List<StageRule<V>> rules;
    private final int p;
    private final int outputs;
    private final int first;
    /** Per stage: it reads one node, and is that node's only reader (no gather, no scatter). */
    private final boolean[] direct;
    /** 1 in the exact systems' coefficient form, for copying and adding strips. */
    private final V one;
    /** The loss gradient at the outputs, K × N, once backpropagated. */
    private V lossGradient;

    HessianAlgorithm(Ring<V> ring, LoweredNetwork net, Tape<V> tape) {
        this.ring = ring;
        this.net = net;
        this.stages = net.stages();
        this.tape = tape;
        this.p = net.parameterCount();
        this.outputs = net.outputSize();
        List<StageRule<V>> r = new ArrayList<>();
        int firstParameter = -1;
        int[] readers = new int[stages.size() + 1];
        for (int s = 0; s < stages.size(); s++) {
            Stage st = stages.get(s);
            r.add(rule(ring, tape, st, s, net.parameterOffset(s)));
            if (firstParameter < 0 && isTrainable(st)) {
                firstParameter = s;
            }
            for (int node : net.inputs(s)) {
                readers[node]++;
            }
        }
        this.rules = List.copyOf(r);
        this.first = firstParameter;
        this.direct = new boolean[stages.size()];
        for (int s = 0; s < stages.size(); s++) {
            int[] in = net.inputs(s);
            direct[s] = in.length == 1 && readers[in[0]] == 1;
        }
        this.one = ring.ofLongs(new long[] {1});
    }

    static boolean isTrainable(Stage st) {
        return st instanceof ParameterStage ps && !ps.isFrozen();
    }

    /** The one place that maps a stage kind to its rule. */
    private static <V> StageRule<V> rule(Ring<V> ring, Tape<V> tape, Stage st, int index, int offset) {
        if (st instanceof ParameterStage ps) {
            return new ParameterRule<>(ring, tape, ps, index, offset);
        }
        if (st instanceof FixedLinearStage f) {
            return new FixedLinearRule<>(ring, tape, f, index);
        }
        if (st instanceof BilinearStage b) {
            return new BilinearRule<>(ring, tape, b, index);
        }
        if (st instanceof MonomialStage m) {
            return new MonomialRule<>(ring, tape, m, index);
        }
        if (st instanceof PolynomialStage poly) {
            return new ActivationRule<>(ring, tape, poly.inSize(), index);
        }
        return new ActivationRule<>(ring, tape, ((ActivationStage) st).size(), index);
    }

    /**
     * The tape of the exact forward pass {@code ev} in {@code ring}: θ, bias units, fixed-stage
     * numerators, parameter-stage inputs and masks (as slopes), with the residuals
     * c·F(x_i) − c·y_i backpropagated. Cost O(N·T).
     */
    static <V> HessianAlgorithm<V> exact(Ring<V> ring, Evaluation ev, BigInteger[] weights, BigInteger[][] residuals) {
        List<Stage> stages = ev.sn.stages;
        int n = ev.samples();
        Tape<V> tape = new Tape<>(stages.size(), n, ring.of(weights), ring.of(ev.unit));
        for (int s = 0; s < stages.size(); s++) {
            Stage st = stages.get(s);
            if (st instanceof FixedLinearStage) {
                tape.coefficients.set(s, ring.of(ev.coefficients[s]));
            } else if (st instanceof MonomialStage) {
                tape.coefficients.set(s, ring.of(ev.coefficients[s]));
                tape.input.set(s, bySample(ring, ev.stageInputs, s, st.inSize(), n));
            } else if (st instanceof ParameterStage || st instanceof BilinearStage) {
                tape.input.set(s, bySample(ring, ev.stageInputs, s, st.inSize(), n));
            } else {
                tape.slope.set(s, bySample(ring, ev.slopes, s, st.inSize(), n));
                if (ev.curvatures[0][s] != null) {
                    tape.curvature.set(s, bySample(ring, ev.curvatures, s, st.inSize(), n));
                }
            }
        }
        HessianAlgorithm<V> algorithm = new HessianAlgorithm<>(ring, ev.sn.net, tape);
        V top = ring.zeros(ev.sn.net.outputSize() * n);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < residuals[i].length; c++) {
                ring.put(top, c * n + i, residuals[i][c]);
            }
        }
        algorithm.backpropagate(top);
        return algorithm;
    }

    /** values[sample][stage] laid out [unit·N + sample]. */
    private static <V> V bySample(Ring<V> ring, BigInteger[][][] values, int s, int size, int n) {
        V out = ring.zeros(size * n);
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < size; u++) {
                ring.put(out, u * n + i, values[i][s][u]);
            }
        }
        return out;
    }

    int parameterCount() {
        return p;
    }

    /**
     * Backpropagates the loss gradient {@code top} (K × N, {@code [output·N + sample]}) through
     * all samples at once, recording the signal at the output of every parameter stage and of
     * every curved activation in the tape. Cost O(N·T).
     */
    void backpropagate(V top) {
        this.lossGradient = top;
        int n = tape.samples;
        if (first < 0) {
            return;
        }
        Batch<V> all = new Batch<>(0, n, 1, null, 0, 0, null, false);
        int count = stages.size();
        Tape.Slots<V> signals = new Tape.Slots<>(count + 1);
        boolean[] live = new boolean[count + 1];
        signals.set(count, top);
        live[count] = true;
        for (int j = count - 1; j >= first; j--) {
            V cur = signals.get(j + 1);
            if (cur == null) {
                cur = ring.zeros(stages.get(j).outSize() * n);
            }
            if (isTrainable(stages.get(j)) || tape.curvature.get(j) != null || stages.get(j) instanceof BilinearStage
                    || stages.get(j) instanceof MonomialStage) {
                tape.signal.set(j, cur);
            }
            if (j > first) {
                backwardStep(j, all, cur, live[j + 1], null, first, signals, live, null);
            }
        }
    }

    /**
     * Stage j's backward step: from the signal {@code cur} at its output, the signal at each node
     * it reads above {@code downTo}, written into {@code bwd} (a node's array is made when
     * missing), or added there when the node already carries a signal from another reader. A
     * null {@code scratch} allocates the signal to scatter afresh.
     */
    private void backwardStep(int j, Batch<V> batch, V cur, boolean isLive, V x, int downTo, Tape.Slots<V> bwd,
            boolean[] live, Tape.Slots<V> scratch) {
        int[] in = net.inputs(j);
        int stride = batch.stride;
        if (direct[j]) {
            int node = in[0];
            V prev = null;
            if (node > downTo) {
                prev = bwd.get(node);
                if (prev == null) {
                    prev = ring.zeros(net.nodeSize(node) * stride);
                    bwd.set(node, prev);
                }
            }
            boolean wrote = rules.get(j).backward(batch, cur, isLive, x, prev);
            if (prev != null) {
                live[node] = wrote;
            }
            return;
        }
        boolean needed = false;
        for (int node : in) {
            needed |= node > downTo;
        }
        V prev = null;
        if (needed) {
            prev = scratch == null ? null : scratch.get(j);
            if (prev == null) {
                prev = ring.zeros(stages.get(j).inSize() * stride);
                if (scratch != null) {
                    scratch.set(j, prev);
                }
            }
        }
        if (!rules.get(j).backward(batch, cur, isLive, x, prev) || prev == null) {
            return;
        }
        int offset = 0;
        for (int node : in) {
            int len = net.nodeSize(node) * stride;
            if (node > downTo) {
                V dst = bwd.get(node);
                if (dst == null) {
                    dst = ring.zeros(len);
                    bwd.set(node, dst);
                }
                if (!live[node]) {
                    ring.clear(dst, 0, len);
                    live[node] = true;
                }
                ring.addMul(dst, 0, one, 0, prev, offset, len);
            }
            offset += len;
        }
    }

    /**
     * The tangent of stage j's input when the tangents of nodes up to {@code from} are zero: null
     * when all its nodes are, the node's own buffer when it reads one, else gathered into the
     * stage's scratch.
     */
    private V forwardInput(int j, int from, Batch<V> batch, Tape.Slots<V> fwd, Tape.Slots<V> scratch) {
        int[] in = net.inputs(j);
        boolean any = false;
        for (int node : in) {
            any |= node > from;
        }
        if (!any) {
            return null;
        }
        if (in.length == 1) {
            return fwd.get(in[0]);
        }
        int stride = batch.stride;
        V x = scratch.get(j);
        if (x == null) {
            x = ring.zeros(stages.get(j).inSize() * stride);
            scratch.set(j, x);
        }
        int offset = 0;
        for (int node : in) {
            int len = net.nodeSize(node) * stride;
            ring.clear(x, offset, offset + len);
            if (node > from) {
                ring.addMul(x, offset, one, 0, fwd.get(node), 0, len);
            }
            offset += len;
        }
        return x;
    }

    /**
     * Tangents (forward) and signals (backward) at every node, and per stage the scratch of a
     * gathered input tangent and of a signal to scatter (made when first needed).
     */
    static final class Buffers<V> {
        private final Tape.Slots<V> fwd;
        private final Tape.Slots<V> bwd;
        private final Tape.Slots<V> gathered;
        private final Tape.Slots<V> scattered;
        private final boolean[] live;

        private Buffers(int nodes) {
            this.fwd = new Tape.Slots<>(nodes);
            this.bwd = new Tape.Slots<>(nodes);
            this.gathered = new Tape.Slots<>(nodes);
            this.scattered = new Tape.Slots<>(nodes);
            this.live = new boolean[nodes];
        }
    }

    /** Buffers for strips of {@code stride} entries per unit. */
    Buffers<V> buffers(int stride) {
        int s = stages.size();
        Buffers<V> buf = new Buffers<>(s + 1);
        for (int j = 0; j <= s; j++) {
            buf.fwd.set(j, ring.zeros(net.nodeSize(j) * stride));
            buf.bwd.set(j, ring.zeros(net.nodeSize(j) * stride));
        }
        return buf;
    }

    /**
     * One forward-over-reverse pass for the batch's samples: the forward tangent from stage
     * {@code from} on (the tangents of nodes up to {@code from} are zero), then the backward
     * tangent down to stage {@code downTo}, adding rows to {@code batch.acc}: seeded with J·V when
     * {@code withO}, with the second-order terms when {@code batch.second}. With {@code accO}
     * non-null the H_O rows go there instead, by a second backward sweep from the same forward
     * tangent (H_F and H_O from one forward pass).
     */
    void pass(Batch<V> batch, int from, int downTo, boolean withO, V accO, Buffers<V> buffers) {
        Tape.Slots<V> fwd = buffers.fwd;
        int s = stages.size();
        for (int j = from; j < s; j++) {
            rules.get(j).tangent(batch, forwardInput(j, from, batch, fwd, buffers.gathered), fwd.get(j + 1));
        }
        if (accO == null) {
            sweep(batch, from, downTo, withO, buffers);
        } else {
            sweep(batch, from, downTo, false, buffers);
            sweep(new Batch<>(batch.i0, batch.c, batch.b, batch.directions, batch.lo, batch.hi, accO, false), from,
                    downTo, true, buffers);
        }
    }

    /**
     * The forward tangent at the output after a {@link #pass}: (scaled) J·V, laid out
     * {@code [output·stride + sample·b + vector]}.
     */
    V outputTangent(Buffers<V> buffers) {
        return buffers.fwd.get(stages.size());
    }

    private void sweep(Batch<V> batch, int from, int downTo, boolean withO, Buffers<V> buffers) {
        int s = stages.size();
        Tape.Slots<V> fwd = buffers.fwd;
        Tape.Slots<V> bwd = buffers.bwd;
        boolean[] live = buffers.live;
        java.util.Arrays.fill(live, false);
        if (withO) {
            int top = outputs * batch.stride;
            for (int e = 0; e < top; e++) {
                ring.set(bwd.get(s), e, fwd.get(s), e);
            }
            live[s] = true;
        }
        for (int j = s - 1; j >= downTo; j--) {
            // the input tangent the forward pass formed (a gathered one is still in the scratch)
            int[] in = net.inputs(j);
            V x = null;
            if (in.length == 1) {
                x = in[0] > from ? fwd.get(in[0]) : null;
            } else {
                for (int node : in) {
                    x = node > from ? buffers.gathered.get(j) : x;
                }
            }
            backwardStep(j, batch, bwd.get(j + 1), live[j + 1], x, downTo, bwd, live, buffers.scattered);
        }
    }

    /** The first parameter stage, or −1. */
    int firstParameterStage() {
        return first;
    }

    /**
     * The N·K × p Jacobian of the (scaled) outputs, row i·K + c = ∂F_c(x_i)/∂θ, row-major: the
     * backward pass seeded with the K unit outputs, sample by sample. Samples run in parallel.
     */
    V jacobian() {
        V rows = ring.zeros(tape.samples * outputs * p);
        jacobian((index, values, at) -> ring.set(rows, index, values, at));
        return rows;
    }

    /** The Jacobian of {@link #jacobian()}, entry (row·p + column) by entry into {@code into}. */
    void jacobian(Entries<V> into) {
        V one = ring.ofLongs(new long[] {1});
        perSample(outputs, (i, top) -> {
            for (int c = 0; c < outputs; c++) {
                ring.set(top, c * outputs + c, one, 0);
            }
        }, into);
    }

    /** The N × p gradients ∇_θ(g_iᵀF(x_i)) of the loss at each sample (g from {@link #backpropagate}). */
    V sampleGradients() {
        int n = tape.samples;
        V rows = ring.zeros(n * p);
        perSample(1, (i, top) -> {
            for (int c = 0; c < outputs; c++) {
                ring.set(top, c, lossGradient, c * n + i);
            }
        }, (index, values, at) -> ring.set(rows, index, values, at));
        return rows;
    }

    /** Fills the output signal of sample i: b directions, {@code [output·b + direction]}. */
    private interface Seeds<V> {
        void fill(int sample, V top);
    }

    /**
     * Rows (i·b + direction) × p of the backward pass of each sample's seeds, without second
     * order, entry by entry into {@code into} (entries never written are zero).
     */
    private void perSample(int b, Seeds<V> seeds, Entries<V> into) {
        int n = tape.samples;
        if (first < 0) {
            return;
        }
        int s = stages.size();
        int tasks = Math.min(n, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, tasks).parallel().forEach(task -> {
            V acc = ring.zeros(p * b);
            Buffers<V> buf = buffers(b);
            for (int i = n * task / tasks; i < n * (task + 1) / tasks; i++) {
                ring.clear(acc, 0, p * b);
                ring.clear(buf.bwd.get(s), 0, outputs * b);
                seeds.fill(i, buf.bwd.get(s));
                java.util.Arrays.fill(buf.live, false);
                buf.live[s] = true;
                Batch<V> batch = new Batch<>(i, 1, b, null, 0, 0, acc, false);
                for (int j = s - 1; j >= first; j--) {
                    backwardStep(j, batch, buf.bwd.get(j + 1), buf.live[j + 1], null, first, buf.bwd, buf.live,
                            buf.scattered);
                }
                for (int a = 0; a < p; a++) {
                    for (int d = 0; d < b; d++) {
                        into.set((i * b + d) * p + a, acc, a * b + d);
                    }
                }
            }
        });
    }

    /** H_O = JᵀJ, p × p row-major, from {@link #jacobian()}. */
    V outer(V jacobian) {
        return ring.gram(jacobian, tape.samples * outputs, p);
    }

    /** Receives entries of a dense matrix: {@code index} (row·p + column) takes {@code values[at]}. */
    interface Entries<V> {
        void set(int index, V values, int at);
    }

    /** The dense H_F, p × p row-major, as {@link #functional(int, Entries)} into a new array, mirrored. */
    V functional(int chunk) {
        V h = ring.zeros(p * p);
        functional(chunk, (index, values, at) -> ring.set(h, index, values, at));
        for (int a = 0; a < p; a++) {
            for (int b = a + 1; b < p; b++) {
                ring.set(h, a * p + b, h, b * p + a);
            }
        }
        return h;
    }

    /**
     * The lower triangle (row ≥ column) of the dense H_F: for each parameter stage l and block of
     * its parameters, one pass with unit directions from stage l on, summed over the samples in
     * chunks of {@code chunk} (1 keeps the sample order of a rounded number system). Blocks run
     * in parallel and write disjoint entries; the caller mirrors.
     */
    void functional(int chunk, Entries<V> into) {
        if (first < 0) {
            return;
        }
        int n = tape.samples;
        List<int[]> blocks = new ArrayList<>();
        for (int l = 0; l < stages.size(); l++) {
            if (stages.get(l) instanceof ParameterStage ps && !ps.isFrozen()) {
                int off = net.parameterOffset(l);
                for (int q = 0; q < ps.parameterCount(); q += DENSE_BLOCK) {
                    blocks.add(new int[] {l, off + q, off + Math.min(ps.parameterCount(), q + DENSE_BLOCK)});
                }
            }
        }
        blocks.parallelStream().forEach(block -> {
            int l = block[0];
            int lo = block[1];
            int b = block[2] - lo;
            int c = Math.max(1, Math.min(n, chunk));
            V directions = ring.zeros(p * b);
            for (int k = 0; k < b; k++) {
                ring.putOne(directions, (lo + k) * b + k);
            }
            V acc = ring.zeros(p * b);
            Buffers<V> buf = buffers(c * b);
            for (int i0 = 0; i0 < n; i0 += c) {
                int count = Math.min(c, n - i0);
                Batch<V> batch = new Batch<>(i0, count, b, directions, lo, lo + b, acc, true);
                pass(batch, l, l, false, null, buf);
            }
            for (int row = net.parameterOffset(l); row < p; row++) {
                for (int k = 0; k < b; k++) {
                    int col = lo + k;
                    if (row >= col) {
                        into.set(row * p + col, acc, row * b + k);
                    }
                }
            }
        });
    }

    /** A chunk of samples for {@link #functional} in an exact number system (order does not matter). */
    static int exactChunk() {
        return TARGET_STRIP / DENSE_BLOCK;
    }
}
