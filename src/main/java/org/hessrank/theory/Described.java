package org.hessrank.theory;

import java.util.Locale;
import java.util.Objects;

/** The descriptive fields shared by the catalogue's non-formula statements. Immutable. */
abstract class Described implements Statement {
    private final String id;
    private final String source;
    private final Provenance provenance;
    private final Kind kind;
    private final String hypothesis;
    private final String formula;

    Described(String id, String source, Provenance provenance, Kind kind, String hypothesis, String formula) {
        this.id = Objects.requireNonNull(id);
        this.source = Objects.requireNonNull(source);
        this.provenance = Objects.requireNonNull(provenance);
        this.kind = Objects.requireNonNull(kind);
        this.hypothesis = Objects.requireNonNull(hypothesis);
        this.formula = Objects.requireNonNull(formula);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String hypothesis() {
        return hypothesis;
    }

    @Override
    public String formula() {
        return formula;
    }

    @Override
    public String toString() {
        return id + " [" + provenance.name().toLowerCase(Locale.ROOT) + ", " + kind.name().toLowerCase(Locale.ROOT)
                + ", " + target().targetName() + "]: " + formula;
    }
}
