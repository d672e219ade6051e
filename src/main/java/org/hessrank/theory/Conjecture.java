package org.hessrank.theory;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;
import org.hessrank.hessian.Part;

/**
 * A user's own rank formula, checked like a catalogue statement (provenance
 * {@link Statement.Provenance#CONJECTURE}, source {@code user} unless set). Example: a conjecture
 * for a locally connected layer with a stride, which no paper covers:
 * <pre>{@code
 * Statement lcStride = Conjecture.builder("LC-STRIDE-F")
 *         .target(Part.F)
 *         .kind(Statement.Kind.EXACT)
 *         .hypothesis("in(m0,d) -> local(m,k,stride=s) -> dense(K), no biases, generic point")
 *         .formula("rank H_F = 2·m·d_1·min(m0·k, K, N)")
 *         .appliesWhen(inst -> {
 *             List<Layer> ls = inst.architecture().layers();
 *             return ls.size() == 2 && ls.get(0) instanceof Layer.Local lc && !lc.bias() && lc.padding() == 0
 *                     && ls.get(1) instanceof Layer.Dense d && !d.bias();
 *         })
 *         .predicts(inst -> {
 *             Architecture a = inst.architecture();
 *             Layer.Local lc = (Layer.Local) a.layer(1);
 *             long d1 = a.shape(1).length();
 *             long k = Math.min(Math.min((long) a.input().channels() * lc.kernel(), a.outputSize()), inst.samples());
 *             return 2 * lc.channels() * d1 * k;
 *         })
 *         .build();
 * }</pre>
 * A relational conjecture predicts one part from the measured others with
 * {@link Builder#predictsFromMeasured}, e.g. {@code (inst, m) -> m.o() + m.f() - 1}.
 *
 * <p>The built statement is immutable if the lambdas are pure; it must not throw for instances its
 * predicate accepts.
 */
public final class Conjecture {
    private Conjecture() {
    }

    /**
     * A builder for the conjecture {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Collects a conjecture. Required: {@code target}, {@code kind}, {@code appliesWhen} and exactly
     * one of {@code predicts} / {@code predictsFromMeasured}. Optional: {@code hypothesis},
     * {@code formula} (default: "user conjecture"), {@code source} (default {@code user}),
     * {@code everyPoint} (default false).
     */
    public static final class Builder {
        private final FormulaStatement.Builder b;
        private String hypothesis = "user conjecture";
        private String formula = "user conjecture";
        private String source = "user";

        private Builder(String id) {
            b = FormulaStatement.builder(id).provenance(Statement.Provenance.CONJECTURE);
        }

        public Builder target(Part target) {
            b.target(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder kind(Statement.Kind kind) {
            b.kind(Objects.requireNonNull(kind, "kind"));
            return this;
        }

        public Builder hypothesis(String text) {
            hypothesis = Objects.requireNonNull(text, "hypothesis");
            return this;
        }

        public Builder formula(String text) {
            formula = Objects.requireNonNull(text, "formula");
            return this;
        }

        public Builder source(String text) {
            source = Objects.requireNonNull(text, "source");
            return this;
        }

        /** Claim the equality at every point meeting the hypothesis, not only at generic ones. */
        public Builder everyPoint(boolean every) {
            b.everyPoint(every);
            return this;
        }

        public Builder appliesWhen(Predicate<Instance> predicate) {
            b.appliesWhen(Objects.requireNonNull(predicate, "appliesWhen"));
            return this;
        }

        /** A standalone formula over the instance. */
        public Builder predicts(ToLongFunction<Instance> formula) {
            b.predicts(Objects.requireNonNull(formula, "predicts"));
            return this;
        }

        /** A relational formula over the instance and the measured ranks of the three parts. */
        public Builder predictsFromMeasured(ToLongBiFunction<Instance, PartRanks> formula) {
            b.predictsFromMeasured(Objects.requireNonNull(formula, "predictsFromMeasured"));
            return this;
        }

        /**
         * The conjecture.
         *
         * @throws NullPointerException naming the missing field (target, kind, appliesWhen)
         * @throws IllegalStateException if neither or both of predicts / predictsFromMeasured were
         *     given, or the target is LAYER_MATRIX
         */
        public Statement build() {
            return b.hypothesis(hypothesis).formula(formula).source(source).build();
        }
    }
}
