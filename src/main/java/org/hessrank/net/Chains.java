package org.hessrank.net;

import java.util.List;
import java.util.Objects;

/**
 * What a chain of layers inside a block ({@code res}, {@code add}, {@code mul}) shares with the
 * top-level chain: its shapes, parameter and frozen counts and spec. Cost O(layers of
 * the chain, nested ones included).
 */
final class Chains {
    private Chains() {
    }

    /** An immutable copy of a non-empty chain. */
    static List<Layer> check(String layer, String role, List<Layer> chain) {
        Objects.requireNonNull(chain, role);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(layer + " layer: " + role + " needs at least one layer (use id)");
        }
        for (Layer l : chain) {
            Objects.requireNonNull(l, role + " layer");
        }
        return List.copyOf(chain);
    }

    /**
     * The chain's output shape from {@code in}.
     *
     * @throws IllegalArgumentException {@code where}, the layer's number in the chain and its message
     */
    static Shape outputShape(List<Layer> chain, Shape in, String where) {
        Shape s = in;
        for (int k = 0; k < chain.size(); k++) {
            try {
                s = chain.get(k).outputShape(s, k + 1);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    /** The common output shape of the branches, refused when two differ. */
    static Shape equalOutputs(List<List<Layer>> branches, Shape in, String where) {
        Shape first = null;
        for (int b = 0; b < branches.size(); b++) {
            Shape out = outputShape(branches.get(b), in, where + "branch " + (b + 1));
            if (first == null) {
                first = out;
            } else if (!out.equals(first)) {
                throw new IllegalArgumentException(where + "branch " + (b + 1) + " output shape " + out.dims()
                        + " differs from branch 1's " + first.dims());
            }
        }
        return first;
    }

    static long parameterCount(List<Layer> chain, Shape in) {
        return sum(chain, in, Layer::parameterCount);
    }

    static long frozenCount(List<Layer> chain, Shape in) {
        return sum(chain, in, Layer::frozenCount);
    }

    /** Σ over the chain's layers of {@code count(layer, its input shape)}. */
    private static long sum(List<Layer> chain, Shape in, java.util.function.ToLongBiFunction<Layer, Shape> count) {
        long total = 0;
        Shape s = in;
        for (Layer l : chain) {
            total = Math.addExact(total, count.applyAsLong(l, s));
            s = l.outputShape(s, 1);
        }
        return total;
    }

    static boolean hasParameters(List<Layer> chain) {
        return chain.stream().anyMatch(Layer::hasParameters);
    }

    static String spec(List<Layer> chain) {
        StringBuilder sb = new StringBuilder();
        for (Layer l : chain) {
            sb.append(sb.length() == 0 ? "" : " -> ").append(l.spec());
        }
        return sb.toString();
    }

    static String branchesSpec(String name, List<List<Layer>> branches) {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int b = 0; b < branches.size(); b++) {
            sb.append(b == 0 ? "" : " | ").append(spec(branches.get(b)));
        }
        return sb.append(')').toString();
    }
}
