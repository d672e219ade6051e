package org.hessrank.theory;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;
import org.hessrank.hessian.Part;

/**
 * A statement given by an applicability predicate and a formula in code: either standalone
 * (a function of the {@link Instance}) or relational (a function of the instance and the measured
 * {@link PartRanks}). Immutable if its functions are (the catalogue's are pure). Built by
 * {@link Builder}; users reach it through {@link Conjecture#builder(String)}.
 */
class FormulaStatement extends Described implements RankStatement {
    private final boolean everyPoint;
    private final boolean notAlwaysAttained;
    private final Predicate<Instance> applies;
    private final ToLongFunction<Instance> value;
    private final ToLongBiFunction<Instance, PartRanks> relation;

    FormulaStatement(Builder b) {
        super(b.id, Objects.requireNonNull(b.source, "source"), Objects.requireNonNull(b.provenance, b.id + ": provenance"),
                Objects.requireNonNull(b.kind, b.id + ": kind"), Objects.requireNonNull(b.hypothesis, b.id + ": hypothesis"),
                Objects.requireNonNull(b.formula, b.id + ": formula"),
                Objects.requireNonNull(b.target, b.id + ": target"));
        this.everyPoint = b.everyPoint;
        this.notAlwaysAttained = b.notAlwaysAttained;
        this.applies = Objects.requireNonNull(b.applies, b.id + ": applicability predicate (appliesWhen)");
        this.value = b.value;
        this.relation = b.relation;
        if ((value == null) == (relation == null)) {
            throw new IllegalStateException(id() + ": exactly one of predicts / predictsFromMeasured must be given");
        }
        if (target() == Part.T) {
            throw new IllegalStateException(id() + ": target LAYER_MATRIX needs a LayerStatement");
        }
    }

    static Builder builder(String id) {
        return new Builder(id);
    }

    @Override
    public boolean everyPoint() {
        return everyPoint;
    }

    @Override
    public boolean claimsTightness() {
        return !notAlwaysAttained && RankStatement.super.claimsTightness();
    }

    @Override
    public boolean needsMeasuredRanks() {
        return relation != null;
    }

    @Override
    public boolean appliesTo(Instance instance) {
        Objects.requireNonNull(instance, "instance");
        return applies.test(instance);
    }

    @Override
    public OptionalLong predict(Instance instance) {
        if (value == null || !appliesTo(instance)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.applyAsLong(instance));
    }

    @Override
    public OptionalLong predict(Instance instance, PartRanks measured) {
        if (relation == null) {
            return predict(instance);
        }
        Objects.requireNonNull(measured, "measured");
        if (!appliesTo(instance)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(relation.applyAsLong(instance, measured));
    }

    /** Builder; every field but {@code everyPoint} is required. */
    static final class Builder {
        private final String id;
        private String source;
        private Provenance provenance;
        private Kind kind;
        private Part target;
        private String hypothesis;
        private String formula;
        private boolean everyPoint;
        private boolean notAlwaysAttained;
        private Predicate<Instance> applies;
        private ToLongFunction<Instance> value;
        private ToLongBiFunction<Instance, PartRanks> relation;

        Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("id (\"" + id + "\") must not be blank");
            }
            this.id = id;
        }

        Builder source(String s) {
            this.source = s;
            return this;
        }

        Builder provenance(Provenance p) {
            this.provenance = p;
            return this;
        }

        Builder kind(Kind k) {
            this.kind = k;
            return this;
        }

        Builder target(Part t) {
            this.target = t;
            return this;
        }

        Builder hypothesis(String h) {
            this.hypothesis = h;
            return this;
        }

        Builder formula(String f) {
            this.formula = f;
            return this;
        }

        /** A bound its source says is attained only in special cases (no generic tightness claimed). */
        Builder notAlwaysAttained() {
            this.notAlwaysAttained = true;
            return this;
        }

        Builder everyPoint(boolean e) {
            this.everyPoint = e;
            return this;
        }

        Builder appliesWhen(Predicate<Instance> p) {
            this.applies = p;
            return this;
        }

        Builder predicts(ToLongFunction<Instance> f) {
            this.value = f;
            return this;
        }

        Builder predictsFromMeasured(ToLongBiFunction<Instance, PartRanks> f) {
            this.relation = f;
            return this;
        }

        FormulaStatement build() {
            return new FormulaStatement(this);
        }
    }
}
