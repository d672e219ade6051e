package org.hessrank.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parsed arguments of a registered layer in a spec, e.g. {@code dilated(4,k=3,dilation=2,bias)}:
 * positional integers ({@code 4}), {@code key=value} integers ({@code k=3}) and bare flags
 * ({@code bias}). Handed to a {@link LayerRegistry.Factory}; the parser refuses any argument the
 * factory did not read, naming it. Keys are lowercase ASCII letters. Not thread-safe (one per
 * parse); cost O(arguments).
 */
public final class LayerArguments {
    private final String layer;
    private final List<Integer> positional;
    private final Map<String, Integer> values;
    private final Set<String> flags;
    private final Set<String> used = new LinkedHashSet<>();
    private int positionalUsed;

    private LayerArguments(String layer, List<Integer> positional, Map<String, Integer> values, Set<String> flags) {
        this.layer = layer;
        this.positional = List.copyOf(positional);
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
    }

    /**
     * Arguments for layer {@code layer} (used in messages).
     *
     * @throws IllegalArgumentException if a key is both a value and a flag
     */
    public static LayerArguments of(String layer, List<Integer> positional, Map<String, Integer> values,
            Set<String> flags) {
        Objects.requireNonNull(layer, "layer");
        for (String f : flags) {
            if (values.containsKey(f)) {
                throw new IllegalArgumentException(layer + " layer: argument '" + f + "' given both as a flag and as "
                        + f + "=" + values.get(f));
            }
        }
        return new LayerArguments(layer, positional, values, flags);
    }

    /** The layer name these arguments belong to. */
    public String layer() {
        return layer;
    }

    /** Number of positional integers. */
    public int positionalCount() {
        return positional.size();
    }

    /**
     * Positional integer {@code i} (from 0).
     *
     * @throws IllegalArgumentException naming the role if it is missing
     */
    public int positional(int i, String role) {
        if (i < 0 || i >= positional.size()) {
            throw new IllegalArgumentException(layer + " layer: " + role + " (positional argument " + (i + 1)
                    + ") is required");
        }
        positionalUsed = Math.max(positionalUsed, i + 1);
        return positional.get(i);
    }

    /**
     * The value of {@code key=...}.
     *
     * @throws IllegalArgumentException if it is missing: {@code dilated layer: k=... is required}
     */
    public int integer(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(layer + " layer: " + key + "=... is required");
        }
        used.add(key);
        return values.get(key);
    }

    /** The value of {@code key=...}, or {@code defaultValue} if absent. */
    public int integer(String key, int defaultValue) {
        used.add(key);
        return values.getOrDefault(key, defaultValue);
    }

    /** True if the bare flag {@code key} (e.g. {@code bias}) was given. */
    public boolean flag(String key) {
        used.add(key);
        return flags.contains(key);
    }

    /**
     * Arguments the factory did not read, as they would be written (for the parser's error).
     */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (int i = positionalUsed; i < positional.size(); i++) {
            out.add(String.valueOf(positional.get(i)));
        }
        for (var e : values.entrySet()) {
            if (!used.contains(e.getKey())) {
                out.add(e.getKey() + "=" + e.getValue());
            }
        }
        for (String f : flags) {
            if (!used.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The keys the factory read (values or flags), for the parser's error message. */
    Set<String> read() {
        return Collections.unmodifiableSet(used);
    }
}
