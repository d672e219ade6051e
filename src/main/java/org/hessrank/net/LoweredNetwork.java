package org.hessrank.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A network as the Hessian builders see it: a computation graph of stages in topological order.
 * Node 0 is the flat input ({@link #inputSize()} entries) and stage {@code s} produces node
 * {@code s + 1}; the output is the last node. Stage s reads the concatenation of the nodes
 * {@link #inputs(int)} (one node for a chain; two for a residual sum or a product; a node may
 * appear twice, as in {@code mul(id | id)}). A chain is the graph where stage s reads node s.
 *
 * <p>The parameter vector θ is the concatenation of the trainable parameter stages' parameters
 * in stage order (docs/theorems.md's order: each weight row-major, then its bias). Frozen
 * parameter stages read the frozen vector φ ({@link #frozenCount()} entries, in stage order):
 * their offset is {@code p +} their place in φ, so that the exact and numeric paths index one
 * array θ ++ φ. Immutable.
 */
public final class LoweredNetwork {
    private final List<Stage> stages;
    private final int[][] inputs;
    private final int[] nodeSizes;
    private final int[] parameterOffsets;
    private final int parameterCount;
    private final int frozenCount;

    private LoweredNetwork(List<Stage> stages, int[][] inputs, int[] nodeSizes, int[] parameterOffsets,
            int parameterCount, int frozenCount) {
        this.stages = stages;
        this.inputs = inputs;
        this.nodeSizes = nodeSizes;
        this.parameterOffsets = parameterOffsets;
        this.parameterCount = parameterCount;
        this.frozenCount = frozenCount;
    }

    /**
     * A chain: stage s reads node s.
     *
     * @throws IllegalArgumentException if the list is empty or consecutive sizes do not match
     */
    public static LoweredNetwork of(List<Stage> stages) {
        Objects.requireNonNull(stages, "stages");
        List<int[]> wiring = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            wiring.add(new int[] {s});
        }
        return graph(stages.isEmpty() ? 0 : stages.get(0).inSize(), stages, wiring);
    }

    /**
     * A graph: stage s reads the concatenation of nodes {@code inputs.get(s)}, each of which
     * must be at most s (node 0 the input of {@code inputSize} entries).
     *
     * @throws IllegalArgumentException if the list is empty, a node is out of order, or a stage's
     *     input size differs from the sizes of its nodes (naming the stage and the sizes)
     */
    public static LoweredNetwork graph(int inputSize, List<Stage> stages, List<int[]> inputs) {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(inputs, "inputs");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages must not be empty");
        }
        if (inputs.size() != stages.size()) {
            throw new IllegalArgumentException("inputs (" + inputs.size() + ") must list one entry per stage ("
                    + stages.size() + ")");
        }
        List<Stage> copy = List.copyOf(stages);
        int[] sizes = new int[copy.size() + 1];
        sizes[0] = inputSize;
        int[][] wiring = new int[copy.size()][];
        for (int s = 0; s < copy.size(); s++) {
            int[] in = inputs.get(s).clone();
            if (in.length == 0) {
                throw new IllegalArgumentException("stage " + s + " must read at least one node");
            }
            long total = 0;
            for (int node : in) {
                if (node < 0 || node > s) {
                    throw new IllegalArgumentException("stage " + s + " reads node " + node + ", which must be in [0, "
                            + s + "]");
                }
                total += sizes[node];
            }
            Stage st = copy.get(s);
            if (total != st.inSize()) {
                throw new IllegalArgumentException("stage " + s + " input size (" + st.inSize()
                        + ") must equal the size of the nodes it reads (" + total + ")");
            }
            if (st instanceof BilinearStage b && (in.length != 2 || sizes[in[0]] != b.leftSize())) {
                throw new IllegalArgumentException("stage " + s + " (bilinear) must read two nodes, the first of size "
                        + b.leftSize());
            }
            wiring[s] = in;
            sizes[s + 1] = st.outSize();
        }
        int[] offsets = new int[copy.size()];
        int trainable = 0;
        int frozen = 0;
        for (int s = 0; s < copy.size(); s++) {
            if (copy.get(s) instanceof ParameterStage ps) {
                if (ps.isFrozen()) {
                    offsets[s] = frozen;
                    frozen = Math.addExact(frozen, ps.parameterCount());
                } else {
                    offsets[s] = trainable;
                    trainable = Math.addExact(trainable, ps.parameterCount());
                }
            }
        }
        for (int s = 0; s < copy.size(); s++) {
            if (copy.get(s) instanceof ParameterStage ps && ps.isFrozen()) {
                offsets[s] = Math.addExact(offsets[s], trainable);
            }
        }
        Math.addExact(trainable, frozen);
        return new LoweredNetwork(copy, wiring, sizes, offsets, trainable, frozen);
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The nodes stage {@code s} reads, in the order of its input. Not copied: do not modify. */
    public int[] inputs(int stage) {
        return inputs[stage];
    }

    /** True when stage s reads exactly node s (the chain case). */
    public boolean readsPrevious(int stage) {
        return inputs[stage].length == 1 && inputs[stage][0] == stage;
    }

    /** True when every stage reads the one before it. */
    public boolean isChain() {
        for (int s = 0; s < stages.size(); s++) {
            if (!readsPrevious(s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a chain of trainable parameter, fixed linear and activation stages: scaling the
     * input and the weights by positive scalars scales the output (what {@code RealPoint}'s
     * equivalence needs). Blocks, products, polynomials and frozen layers are not.
     */
    public boolean isHomogeneousChain() {
        if (!isChain()) {
            return false;
        }
        for (Stage st : stages) {
            if (st instanceof PolynomialStage || st instanceof BilinearStage || st instanceof MonomialStage
                    || (st instanceof ParameterStage ps && ps.isFrozen())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The polynomial degree of the output in (θ, φ, x) jointly: +1 per parameter stage (frozen
     * too), ×D per polynomial of degree D, the sum of the two sides of a product, the largest
     * side of a sum; piecewise-linear activations count as linear. Saturates at Long.MAX_VALUE.
     */
    public long degree() {
        long[] d = new long[stages.size() + 1];
        d[0] = 1;
        for (int s = 0; s < stages.size(); s++) {
            Stage st = stages.get(s);
            long in = 0;
            for (int node : inputs[s]) {
                in = Math.max(in, d[node]);
            }
            if (st instanceof ParameterStage) {
                d[s + 1] = saturatedAdd(in, 1);
            } else if (st instanceof PolynomialStage poly) {
                long k = 1;
                long[] c = poly.coefficients();
                for (int m = c.length - 1; m > 1; m--) {
                    if (c[m] != 0) {
                        k = m;
                        break;
                    }
                }
                d[s + 1] = in > Long.MAX_VALUE / k ? Long.MAX_VALUE : in * k;
            } else if (st instanceof BilinearStage) {
                d[s + 1] = saturatedAdd(d[inputs[s][0]], d[inputs[s][1]]);
            } else if (st instanceof MonomialStage m) {
                d[s + 1] = in > Long.MAX_VALUE / m.degree() ? Long.MAX_VALUE : in * m.degree();
            } else {
                d[s + 1] = in;
            }
        }
        return d[stages.size()];
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** The largest number of entries a stage reads (a bound on fan-in). */
    public int widestInput() {
        int w = 1;
        for (Stage st : stages) {
            w = Math.max(w, st.inSize());
        }
        return w;
    }

    /** Entries of node {@code node} (0: the input; s + 1: stage s's output). */
    public int nodeSize(int node) {
        return nodeSizes[node];
    }

    /**
     * Offset of stage i's parameters in θ (meaningful for parameter stages); for a frozen stage,
     * {@code p +} its offset in φ.
     */
    public int parameterOffset(int stageIndex) {
        return parameterOffsets[stageIndex];
    }

    /** p, the trainable parameters. */
    public int parameterCount() {
        return parameterCount;
    }

    /** The frozen weights φ, drawn with the point. */
    public int frozenCount() {
        return frozenCount;
    }

    public int inputSize() {
        return nodeSizes[0];
    }

    public int outputSize() {
        return stages.get(stages.size() - 1).outSize();
    }
}
