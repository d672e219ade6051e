package org.hessrank.net;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The global registry of {@link CustomLayer} names for the spec parser: after
 * {@code LayerRegistry.register("depthwise", args -> new DepthwiseConv1d(args.integer("k")))},
 * {@link Architecture#parse} accepts {@code in(3,8) -> depthwise(k=3) -> dense(2)}.
 *
 * <p><b>Design.</b> Registration is explicit (nothing is discovered from the class path) and
 * global to the JVM, so every parser (including the CLI's) sees it; the map is concurrent, so
 * registering and parsing from several threads is safe. Registering a name again replaces its
 * factory (tests re-register freely); the built-in names ({@code dense}, {@code conv}, ...,
 * {@code in}) are refused. Layers built directly (without the parser) need no registration, but
 * their {@link Architecture#spec()} parses back only if their name is registered.
 *
 * <p>Custom layer arguments in a spec: {@code name}, or {@code name(arg, ...)} with each arg an
 * integer (positional), {@code key=integer}, or a bare {@code key} (a flag); see
 * {@link LayerArguments}. Cost: O(1) per look-up.
 */
public final class LayerRegistry {
    /** Builds a layer from its parsed spec arguments. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @throws IllegalArgumentException for a bad value, e.g. {@code depthwise layer: k (0) must be > 0}
         *         (the parser adds the position and the layer number)
         */
        CustomLayer create(LayerArguments args);
    }

    /** Names the parser owns; they cannot be registered. */
    public static final Set<String> BUILT_IN = Set.of("in", "dense", "conv", "local", "avgpool", "flatten", "linear",
            "relu", "leakyrelu", "tanh", "sigmoid", "pow", "poly", "id", "res", "add", "mul", "attn", "bias", "frozen",
            "k", "stride", "pad", "x", "a", "heads", "v");

    private static final ConcurrentSkipListMap<String, Factory> FACTORIES = new ConcurrentSkipListMap<>();

    private LayerRegistry() {
    }

    /**
     * Registers (or replaces) the factory of layer {@code name}.
     *
     * @return the factory it replaced, or null
     * @throws IllegalArgumentException if {@code name} is not lowercase ASCII letters or is built in
     */
    public static Factory register(String name, Factory factory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        checkName(name);
        return FACTORIES.put(name, factory);
    }

    /** Removes {@code name}; returns its factory or null. */
    public static Factory unregister(String name) {
        return FACTORIES.remove(Objects.requireNonNull(name, "name"));
    }

    /** True if {@code name} is registered. */
    public static boolean isRegistered(String name) {
        return FACTORIES.containsKey(name);
    }

    /** The registered names, sorted (a snapshot). */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The factory of {@code name}, or null. */
    static Factory factory(String name) {
        return FACTORIES.get(name);
    }

    static void checkName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("layer name (" + name + ") must be lowercase ASCII letters");
        }
        if (BUILT_IN.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("layer name (" + name + ") is built in and cannot be registered");
        }
    }
}
