package org.hessrank.net;

import java.util.List;
import java.util.Objects;

/**
 * A network as the Hessian builders see it: a chain of stages from a flat input of
 * {@link #inputSize()} entries to a flat output of {@link #outputSize()} entries. The parameter
 * vector θ is the concatenation of the parameter stages' parameters in order (docs/theorems.md's
 * order: each weight row-major, then its bias). Immutable.
 */
public final class LoweredNetwork {
    private final List<Stage> stages;
    private final int[] parameterOffsets;
    private final int parameterCount;

    private LoweredNetwork(List<Stage> stages, int[] parameterOffsets, int parameterCount) {
        this.stages = stages;
        this.parameterOffsets = parameterOffsets;
        this.parameterCount = parameterCount;
    }

    /**
     * @throws IllegalArgumentException if the list is empty or consecutive sizes do not match
     */
    public static LoweredNetwork of(List<Stage> stages) {
        Objects.requireNonNull(stages, "stages");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages must not be empty");
        }
        List<Stage> copy = List.copyOf(stages);
        int[] offsets = new int[copy.size()];
        int total = 0;
        for (int i = 0; i < copy.size(); i++) {
            Stage s = copy.get(i);
            if (i > 0 && copy.get(i - 1).outSize() != s.inSize()) {
                throw new IllegalArgumentException("stage " + i + " input size (" + s.inSize()
                        + ") must equal stage " + (i - 1) + " output size (" + copy.get(i - 1).outSize() + ")");
            }
            offsets[i] = total;
            if (s instanceof ParameterStage ps) {
                total = Math.addExact(total, ps.parameterCount());
            }
        }
        return new LoweredNetwork(copy, offsets, total);
    }

    public List<Stage> stages() {
        return stages;
    }

    /** Offset of stage i's parameters in θ (meaningful for parameter stages). */
    public int parameterOffset(int stageIndex) {
        return parameterOffsets[stageIndex];
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int inputSize() {
        return stages.get(0).inSize();
    }

    public int outputSize() {
        return stages.get(stages.size() - 1).outSize();
    }
}
