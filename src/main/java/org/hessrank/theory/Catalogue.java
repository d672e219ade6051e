package org.hessrank.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every statement of docs/theorems.md, one immutable object per id, in docs/theorems.md order. The
 * cross-entropy remark has no object (it is numeric only; see {@link FullyConnectedStatements}).
 * Cost: O(1) per lookup; {@link #applicable} evaluates each statement's predicate (O(layers) each).
 */
public final class Catalogue {
    private static final List<Statement> ALL;
    private static final Map<String, Statement> BY_ID;

    static {
        List<Statement> all = new ArrayList<>(FullyConnectedStatements.all());
        all.addAll(ConvolutionalStatements.all());
        all.addAll(LiteratureStatements.all());
        all.addAll(DiscoveredStatements.all());
        ALL = List.copyOf(all);
        Map<String, Statement> byId = new LinkedHashMap<>();
        for (Statement s : ALL) {
            if (byId.put(s.id(), s) != null) {
                throw new IllegalStateException("duplicate statement id " + s.id());
            }
        }
        BY_ID = byId;
    }

    private Catalogue() {
    }

    /** All statements, in docs/theorems.md order (unmodifiable). */
    public static List<Statement> all() {
        return ALL;
    }

    /** The ids, in docs/theorems.md order. */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /**
     * The statement with this id (exact match, e.g. {@code FC-O}).
     *
     * @throws IllegalArgumentException naming the id and listing the known ones
     */
    public static Statement byId(String id) {
        Objects.requireNonNull(id, "id");
        Statement s = BY_ID.get(id);
        if (s == null) {
            throw new IllegalArgumentException("statement id (" + id + ") is unknown; known ids: "
                    + String.join(", ", BY_ID.keySet()));
        }
        return s;
    }

    /** The statements whose hypothesis holds for {@code instance}, in catalogue order. */
    public static List<Statement> applicable(Instance instance) {
        Objects.requireNonNull(instance, "instance");
        List<Statement> out = new ArrayList<>();
        for (Statement s : ALL) {
            if (s.appliesTo(instance)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
