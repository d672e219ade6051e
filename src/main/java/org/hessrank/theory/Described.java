package org.hessrank.theory;

import java.util.Locale;
import java.util.Objects;
import org.hessrank.hessian.Part;

/**
 * The descriptive fields shared by the catalogue's statements; each subclass implements the one
 * {@link Statement} kind it is. Immutable.
 */
abstract class Described {
    private final String id;
    private final String source;
    private final Statement.Provenance provenance;
    private final Statement.Kind kind;
    private final String hypothesis;
    private final String formula;
    private final Part target;

    Described(String id, String source, Statement.Provenance provenance, Statement.Kind kind, String hypothesis,
            String formula, Part target) {
        this.id = Objects.requireNonNull(id);
        this.source = Objects.requireNonNull(source);
        this.provenance = Objects.requireNonNull(provenance);
        this.kind = Objects.requireNonNull(kind);
        this.hypothesis = Objects.requireNonNull(hypothesis);
        this.formula = Objects.requireNonNull(formula);
        this.target = Objects.requireNonNull(target);
    }

    public String id() {
        return id;
    }

    public String source() {
        return source;
    }

    public Statement.Provenance provenance() {
        return provenance;
    }

    public Statement.Kind kind() {
        return kind;
    }

    public String hypothesis() {
        return hypothesis;
    }

    public String formula() {
        return formula;
    }

    /** The matrix the statement is about. */
    public Part target() {
        return target;
    }

    @Override
    public String toString() {
        return id + " [" + provenance.name().toLowerCase(Locale.ROOT) + ", " + kind.name().toLowerCase(Locale.ROOT)
                + ", " + target().targetName() + "]: " + formula;
    }
}
